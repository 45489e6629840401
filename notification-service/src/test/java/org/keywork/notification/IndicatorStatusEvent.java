package org.keywork.notification;

import java.util.UUID;

/**
 * An {@code IndicatorStatusChanged} envelope as goal-service writes it on the wire, for tests to send raw. Starts as
 * item 5.6 (新增社区长者食堂 2 个) judged RED for September 2021; each setter returns a changed copy.
 */
final class IndicatorStatusEvent {

    private static final String TEMPLATE = """
            {"eventId":"%s","type":"goal.indicator-status-changed","version":1,
             "occurredAt":"%sT01:00:00Z","source":"goal-service","key":"%s",
             "payload":{"planYear":2021,"itemId":"%s","itemTitle":"★新增社区长者食堂 2 个。","indicatorId":"%s#1",
               "indicatorName":"新增社区长者食堂","rule":"behind-schedule","period":"%s",
               "previous":"%s","current":"%s","target":2,"unit":"个","actual":%s,"expected":%s,
               "shortfallPoints":%s,"asOf":"%s","reportId":"r-%s-%s",
               "responsibility":{"leaderPosition":"%s","leadDepartment":"区民政局",
                                 "cooperatingDepartments":["各街道办事处"]}}}
            """;

    private String eventId = UUID.randomUUID().toString();
    private String itemId = "5.6";
    private String period = "2021-09";
    private String asOf = "2021-09-30";
    private String previous = "YELLOW";
    private String current = "RED";
    private String actual = "0";
    private String expected = "1.5";
    private String shortfall = "75";
    private String leader = "分管副区长（民生）";

    private IndicatorStatusEvent() {
    }

    static IndicatorStatusEvent red() {
        return new IndicatorStatusEvent();
    }

    /** The same indicator recovered: GREEN in October, target met halfway. */
    IndicatorStatusEvent recovered() {
        IndicatorStatusEvent copy = copy();
        copy.eventId = UUID.randomUUID().toString();
        copy.period = "2021-10";
        copy.asOf = "2021-10-31";
        copy.previous = "RED";
        copy.current = "GREEN";
        copy.actual = "2";
        copy.expected = "1.67";
        copy.shortfall = "-16.5";
        return copy;
    }

    IndicatorStatusEvent eventId(String eventId) {
        IndicatorStatusEvent copy = copy();
        copy.eventId = eventId;
        return copy;
    }

    /** Another delivery of the same judgement under a new event id, as a replay of goal-service would send. */
    IndicatorStatusEvent newEventId() {
        return eventId(UUID.randomUUID().toString());
    }

    IndicatorStatusEvent item(String itemId) {
        IndicatorStatusEvent copy = copy();
        copy.itemId = itemId;
        return copy;
    }

    IndicatorStatusEvent period(String period, String asOf) {
        IndicatorStatusEvent copy = copy();
        copy.period = period;
        copy.asOf = asOf;
        return copy;
    }

    IndicatorStatusEvent actual(String actual) {
        IndicatorStatusEvent copy = copy();
        copy.actual = actual;
        return copy;
    }

    IndicatorStatusEvent leader(String leader) {
        IndicatorStatusEvent copy = copy();
        copy.leader = leader;
        return copy;
    }

    String eventId() {
        return eventId;
    }

    String itemId() {
        return itemId;
    }

    String json() {
        return TEMPLATE.formatted(eventId, asOf, itemId, itemId, itemId, period, previous, current, actual, expected,
                shortfall, asOf, itemId, period, leader);
    }

    private IndicatorStatusEvent copy() {
        IndicatorStatusEvent copy = new IndicatorStatusEvent();
        copy.eventId = eventId;
        copy.itemId = itemId;
        copy.period = period;
        copy.asOf = asOf;
        copy.previous = previous;
        copy.current = current;
        copy.actual = actual;
        copy.expected = expected;
        copy.shortfall = shortfall;
        copy.leader = leader;
        return copy;
    }
}
