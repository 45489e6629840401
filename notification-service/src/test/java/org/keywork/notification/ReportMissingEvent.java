package org.keywork.notification;

import java.util.UUID;

/**
 * A {@code ReportMissing} envelope as goal-service's daily sweep writes it on the wire, for tests to send raw.
 * Starts as item 5.6's September 2021 report, due by 2021-10-01, the latest report speaking for 2021-08-31; each
 * setter returns a changed copy.
 */
final class ReportMissingEvent {

    private static final String TEMPLATE = """
            {"eventId":"%s","type":"goal.report-missing","version":1,
             "occurredAt":"%sT02:00:00Z","source":"goal-service","key":"%s",
             "payload":{"planYear":2021,"itemId":"%s","itemTitle":"★新增社区长者食堂 2 个。","targetId":"%s#1",
               "targetName":"新增社区长者食堂","period":"%s","deadline":"%s","lastReportAsOf":"2021-08-31",
               "responsibility":{"leaderPosition":"%s","leadDepartment":"%s",
                                 "cooperatingDepartments":["各街道办事处"]}}}
            """;

    private String eventId = UUID.randomUUID().toString();
    private String itemId = "5.6";
    private String period = "2021-09";
    private String deadline = "2021-10-01";
    private String leader = "分管副区长（民生）";
    private String department = "区民政局";

    private ReportMissingEvent() {
    }

    static ReportMissingEvent september() {
        return new ReportMissingEvent();
    }

    /** Another delivery of the same finding under a new event id, as a rerun of the sweep would send. */
    ReportMissingEvent newEventId() {
        ReportMissingEvent copy = copy();
        copy.eventId = UUID.randomUUID().toString();
        return copy;
    }

    ReportMissingEvent item(String itemId) {
        ReportMissingEvent copy = copy();
        copy.itemId = itemId;
        return copy;
    }

    /** The report of another period, due by {@code deadline}. */
    ReportMissingEvent period(String period, String deadline) {
        ReportMissingEvent copy = copy();
        copy.eventId = UUID.randomUUID().toString();
        copy.period = period;
        copy.deadline = deadline;
        return copy;
    }

    ReportMissingEvent responsibility(String leader, String department) {
        ReportMissingEvent copy = copy();
        copy.leader = leader;
        copy.department = department;
        return copy;
    }

    String eventId() {
        return eventId;
    }

    String json() {
        return TEMPLATE.formatted(eventId, deadline, itemId, itemId, itemId, period, deadline, leader, department);
    }

    private ReportMissingEvent copy() {
        ReportMissingEvent copy = new ReportMissingEvent();
        copy.eventId = eventId;
        copy.itemId = itemId;
        copy.period = period;
        copy.deadline = deadline;
        copy.leader = leader;
        copy.department = department;
        return copy;
    }
}
