package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;

/**
 * No report arrived for a target's period by the monthly cut-off plus grace. Produced by the service owning the
 * target (goal-service for indicators) when its daily sweep finds it; once per (target, period).
 *
 * @param planYear        the plan year
 * @param itemId          {@code S.N}
 * @param itemTitle       the item's text
 * @param targetId        {@code S.N#K}
 * @param targetName      what is measured
 * @param period          the period whose report is missing ({@code yyyy-MM})
 * @param deadline        the last day it was due (cut-off plus grace)
 * @param lastReportAsOf  the as-of date of the latest report received, or null if none
 * @param responsibility  who answers for the item
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReportMissing(int planYear, String itemId, String itemTitle, String targetId, String targetName,
        String period, LocalDate deadline, LocalDate lastReportAsOf, Responsibility responsibility)
        implements ItemEvent {

    public static final String TYPE = "goal.report-missing";
    public static final int VERSION = 1;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public int eventVersion() {
        return VERSION;
    }
}
