package org.keywork.events;

/**
 * Topic names, owned by the producing side. One topic per event stream; messages are keyed by plan item id.
 * Every consumer group reads a topic with its own dead-letter topic, named by {@link #deadLetter}.
 */
public final class Topics {

    /** {@link PlanItemPublished}, produced by goal-service and project-service, one record per item (compacted). */
    public static final String PLAN_ITEMS = "keywork.plan.items";

    /** {@link ConstructionItemDefined}, produced by goal-service when it imports a plan, for project-service. */
    public static final String CONSTRUCTION_ITEMS = "keywork.plan.construction-items";

    /** {@link ProgressReportAccepted}, produced by progress-service. */
    public static final String PROGRESS_REPORTS = "keywork.progress.reports";

    /** {@link IndicatorStatusChanged}, produced by goal-service. */
    public static final String INDICATOR_STATUS = "keywork.goal.indicator-status";

    /** {@link ReportMissing}, produced by goal-service's daily sweep. */
    public static final String REPORTS_MISSING = "keywork.goal.reports-missing";

    /** {@link MilestoneStatusChanged}, produced by project-service. */
    public static final String MILESTONE_STATUS = "keywork.project.milestone-status";

    /**
     * {@link AlertRaised}, {@link AlertAcknowledged}, {@link AlertEscalated} and {@link AlertResolved}, produced by
     * notification-service.
     */
    public static final String ALERTS = "keywork.notification.alerts";

    /** {@link BusinessClockSet}, produced by whichever service's admin endpoint set the simulated clock. */
    public static final String BUSINESS_CLOCK = "keywork.admin.business-clock";

    /**
     * No integration event: notification-service's instances tell each other what they pushed to the browsers
     * connected to them (an inbox notification, an alert that changed), so that a browser connected to any instance
     * hears it. Read by every instance in an anonymous group of its own; kept an hour.
     */
    public static final String NOTIFICATION_LIVE = "keywork.notification.live";

    private Topics() {
    }

    /** The dead-letter topic of one consumer group on one topic: {@code <topic>.<group>.dlq}. */
    public static String deadLetter(String topic, String consumerGroup) {
        return topic + "." + consumerGroup + ".dlq";
    }
}
