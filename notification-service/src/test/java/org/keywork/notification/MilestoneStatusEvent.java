package org.keywork.notification;

import java.util.UUID;

/**
 * A {@code MilestoneStatusChanged} envelope as project-service writes it on the wire, for tests to send raw. Starts
 * as item 9.8 (大宁中心广场五期项目, to be completed by 2021-12-31) judged RED {@code milestone-overdue} for December
 * 2021; each setter returns a changed copy.
 */
final class MilestoneStatusEvent {

    private static final String TEMPLATE = """
            {"eventId":"%s","type":"project.milestone-status-changed","version":1,
             "occurredAt":"%sT01:00:00Z","source":"project-service","key":"%s",
             "payload":{"planYear":2021,"itemId":"%s","itemTitle":"大宁中心广场五期项目竣工。","milestoneId":"%s#1",
               "milestoneName":"大宁中心广场五期项目","milestoneType":"COMPLETION","rule":"%s","period":"%s",
               "previous":"%s","current":"%s","plannedDate":"2021-12-31","forecastDate":%s,"reachedOn":%s,
               "asOf":"%s",
               "responsibility":{"leaderPosition":"%s","leadDepartment":"区建管委",
                                 "cooperatingDepartments":["大宁路街道"]}}}
            """;

    private String eventId = UUID.randomUUID().toString();
    private String itemId = "9.8";
    private String rule = "milestone-overdue";
    private String period = "2021-12";
    private String asOf = "2021-12-31";
    private String previous = "YELLOW";
    private String current = "RED";
    private String forecastDate;
    private String reachedOn;
    private String leader = "分管副区长（规划）";

    private MilestoneStatusEvent() {
    }

    static MilestoneStatusEvent overdue() {
        return new MilestoneStatusEvent();
    }

    /** The same milestone slipping: YELLOW in October, forecast to be completed by 2022-03-31. */
    static MilestoneStatusEvent slipping() {
        MilestoneStatusEvent slip = new MilestoneStatusEvent();
        slip.rule = "milestone-slip";
        slip.period = "2021-10";
        slip.asOf = "2021-10-31";
        slip.previous = "GREEN";
        slip.current = "YELLOW";
        slip.forecastDate = "2022-03-31";
        return slip;
    }

    /** The same milestone reached on 2022-01-20, judged in January 2022. */
    MilestoneStatusEvent reached() {
        MilestoneStatusEvent copy = copy();
        copy.eventId = UUID.randomUUID().toString();
        copy.rule = "milestone-reached";
        copy.period = "2022-01";
        copy.asOf = "2022-01-20";
        copy.previous = current;
        copy.current = "DONE";
        copy.reachedOn = "2022-01-20";
        return copy;
    }

    /** Another delivery of the same judgement under a new event id, as a replay of project-service would send. */
    MilestoneStatusEvent newEventId() {
        MilestoneStatusEvent copy = copy();
        copy.eventId = UUID.randomUUID().toString();
        return copy;
    }

    MilestoneStatusEvent item(String itemId) {
        MilestoneStatusEvent copy = copy();
        copy.itemId = itemId;
        return copy;
    }

    MilestoneStatusEvent leader(String leader) {
        MilestoneStatusEvent copy = copy();
        copy.leader = leader;
        return copy;
    }

    String eventId() {
        return eventId;
    }

    String json() {
        return TEMPLATE.formatted(eventId, asOf, itemId, itemId, itemId, rule, period, previous, current,
                quoted(forecastDate), quoted(reachedOn), asOf, leader);
    }

    private static String quoted(String date) {
        return date == null ? "null" : "\"" + date + "\"";
    }

    private MilestoneStatusEvent copy() {
        MilestoneStatusEvent copy = new MilestoneStatusEvent();
        copy.eventId = eventId;
        copy.itemId = itemId;
        copy.rule = rule;
        copy.period = period;
        copy.asOf = asOf;
        copy.previous = previous;
        copy.current = current;
        copy.forecastDate = forecastDate;
        copy.reachedOn = reachedOn;
        copy.leader = leader;
        return copy;
    }
}
