package org.keywork.goal.plan;

/**
 * Whether an item's monthly report is missing, by the business clock. Tracking owns the cut-off rule
 * ({@code MissingReportRule}) and implements it; the plan's views only ask.
 */
public interface ReportDeadlines {

    /**
     * True when an indicator of the item (not yet DONE) or the qualitative item itself (not yet DONE) has no report
     * for the latest month whose report deadline (the cut-off day plus the grace days) has passed, by today's
     * business date; only months of the plan year are asked for.
     */
    boolean unreported(PlanItem item);
}
