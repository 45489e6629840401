package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An indicator's tracking status changed. Carries everything alerting needs: the item, the rule that decided, the
 * period judged, before and after, the numbers, and the responsibility.
 *
 * @param planYear        the plan year
 * @param itemId          {@code S.N}
 * @param itemTitle       the item's text (shortened)
 * @param indicatorId     {@code S.N#K}
 * @param indicatorName   what is measured
 * @param rule            the rule that decided, e.g. {@code behind-schedule}
 * @param period          the period judged, e.g. {@code 2021-09}
 * @param previous        the status before
 * @param current         the status now
 * @param target          the numeric target
 * @param unit            its unit
 * @param actual          the reported value to date
 * @param expected        what the plan curve expected by {@code asOf}
 * @param shortfallPoints how many percentage points the actual is behind the curve (negative when ahead)
 * @param asOf            the date judged
 * @param reportId        the report that caused the change, if any
 * @param responsibility  who answers for the item
 * @param periodStatus    the colour of the latest period alone (the increment since the report before against the
 *                        plan curve's increment over the same days), kept apart from the cumulative {@code current};
 *                        null when the change was not caused by a report (since version 1, additive)
 * @param periodShortfallPoints percent of the period's expected increment not achieved (negative when ahead), or null
 * @param caughtUp        true when a RED indicator came back because the shortfall was recovered, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndicatorStatusChanged(
        int planYear,
        String itemId,
        String itemTitle,
        String indicatorId,
        String indicatorName,
        String rule,
        String period,
        TrackingStatus previous,
        TrackingStatus current,
        BigDecimal target,
        String unit,
        BigDecimal actual,
        BigDecimal expected,
        BigDecimal shortfallPoints,
        LocalDate asOf,
        String reportId,
        Responsibility responsibility,
        TrackingStatus periodStatus,
        BigDecimal periodShortfallPoints,
        Boolean caughtUp) implements ItemEvent {

    public static final String TYPE = "goal.indicator-status-changed";
    public static final int VERSION = 1;

    /** A change without a separate period assessment (a sweep, a qualitative goal). */
    public IndicatorStatusChanged(int planYear, String itemId, String itemTitle, String indicatorId,
            String indicatorName, String rule, String period, TrackingStatus previous, TrackingStatus current,
            BigDecimal target, String unit, BigDecimal actual, BigDecimal expected, BigDecimal shortfallPoints,
            LocalDate asOf, String reportId, Responsibility responsibility) {
        this(planYear, itemId, itemTitle, indicatorId, indicatorName, rule, period, previous, current, target, unit,
                actual, expected, shortfallPoints, asOf, reportId, responsibility, null, null, null);
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public int eventVersion() {
        return VERSION;
    }
}
