package org.keywork.goal.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.keywork.events.TrackingStatus;
import org.keywork.support.events.RecentIds;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * A quantitative target of a plan item and where it stands.
 *
 * @param id              {@code S.N#K}
 * @param name            what is measured
 * @param target          the numeric target
 * @param unit            its unit
 * @param direction       AT_LEAST, REDUCE_BY, AT_MOST or KEEP_AT_LEAST
 * @param starred         a ★ 实事项目 target
 * @param actual          the latest reported value to date
 * @param asOf            the date of that value
 * @param reportedAt      when that report was accepted
 * @param lastReportId    the report that set {@code actual}
 * @param status          the tracking status
 * @param expected        what the plan curve expected by {@code asOf}
 * @param shortfallPoints percentage points behind the curve (negative when ahead)
 * @param appliedReports  the last report ids taken into account (redeliveries change nothing; {@link RecentIds})
 * @param rule            the rule that decided {@code status} (e.g. {@code behind-schedule}, {@code overdue}), or
 *                        {@code null} when not judged yet (or stored before the rule was kept)
 * @param missingPeriodsAnnounced the periods ({@code yyyy-MM}) whose missing report the daily sweep already
 *                        announced, so that each is announced once (older documents lack it: empty)
 * @param periodStatus    the colour of the latest period alone (the increment since the report before against the
 *                        curve's increment over the same days), kept apart from the cumulative {@code status};
 *                        null until a report was judged
 * @param periodShortfallPoints percent of the period's expected increment not achieved (negative when ahead)
 * @param caughtUp        the last judgement turned a RED indicator back (the shortfall was recovered); null: never
 *                        judged
 * @param curve           the indicator's own plan curve in {@link org.keywork.goal.tracking.PlanCurve#parse} form,
 *                        null for the configured or default curve
 * @param curveChange     who set {@code curve}, when (null when never set through the API)
 */
public record Indicator(String id, String name, BigDecimal target, String unit, String direction, boolean starred,
        BigDecimal actual, LocalDate asOf, Instant reportedAt, String lastReportId, TrackingStatus status,
        BigDecimal expected, BigDecimal shortfallPoints, List<String> appliedReports, String rule,
        List<String> missingPeriodsAnnounced, TrackingStatus periodStatus, BigDecimal periodShortfallPoints,
        Boolean caughtUp, String curve, CurveChange curveChange) {

    /**
     * Who set an indicator's plan curve and when.
     *
     * @param by       the user (the {@code X-Keywork-User} of the request)
     * @param at       when
     * @param previous the curve before (null: the configured or default one)
     */
    public record CurveChange(String by, Instant at, String previous) {
    }

    @PersistenceCreator
    public Indicator {
        status = status == null ? TrackingStatus.NOT_STARTED : status;
        appliedReports = appliedReports == null ? List.of() : List.copyOf(appliedReports);
        missingPeriodsAnnounced = missingPeriodsAnnounced == null ? List.of() : List.copyOf(missingPeriodsAnnounced);
    }

    /** An indicator without a decided rule and with no missing report announced (the shape before the sweep). */
    public Indicator(String id, String name, BigDecimal target, String unit, String direction, boolean starred,
            BigDecimal actual, LocalDate asOf, Instant reportedAt, String lastReportId, TrackingStatus status,
            BigDecimal expected, BigDecimal shortfallPoints, List<String> appliedReports) {
        this(id, name, target, unit, direction, starred, actual, asOf, reportedAt, lastReportId, status, expected,
                shortfallPoints, appliedReports, null, List.of(), null, null, null, null, null);
    }

    public static Indicator planned(String id, String name, BigDecimal target, String unit, String direction,
            boolean starred) {
        return new Indicator(id, name, target, unit, direction, starred, null, null, null, null,
                TrackingStatus.NOT_STARTED, null, null, List.of(), null, List.of(), null, null, null, null, null);
    }

    /** This indicator under a new definition of its target; what was reported, judged and set so far is kept. */
    Indicator redefinedAs(Indicator definition) {
        return new Indicator(id, definition.name, definition.target, definition.unit, definition.direction,
                definition.starred, actual, asOf, reportedAt, lastReportId, status, expected, shortfallPoints,
                appliedReports, rule, missingPeriodsAnnounced, periodStatus, periodShortfallPoints, caughtUp, curve,
                curveChange);
    }

    /** Whether the report was taken in: the current one, or one of the last {@link RecentIds#KEPT}. */
    public boolean hasApplied(String reportId) {
        return reportId.equals(lastReportId) || appliedReports.contains(reportId);
    }

    /** This indicator after a report: its value if the report is the newest, its judgement, and the report noted. */
    public Indicator withReport(String reportId, BigDecimal value, LocalDate reportAsOf, Instant acceptedAt,
            TrackingStatus newStatus, BigDecimal newExpected, BigDecimal newShortfall) {
        return withReport(reportId, value, reportAsOf, acceptedAt, newStatus, null, newExpected, newShortfall);
    }

    /** As {@link #withReport(String, BigDecimal, LocalDate, Instant, TrackingStatus, BigDecimal, BigDecimal)}, with
     * the rule that decided. */
    public Indicator withReport(String reportId, BigDecimal value, LocalDate reportAsOf, Instant acceptedAt,
            TrackingStatus newStatus, String newRule, BigDecimal newExpected, BigDecimal newShortfall) {
        return withReport(reportId, value, reportAsOf, acceptedAt, new Assessment(newStatus, newRule, newExpected,
                newShortfall, periodStatus, periodShortfallPoints, caughtUp));
    }

    /** This indicator after a report, with everything the rules decided about it. */
    public Indicator withReport(String reportId, BigDecimal value, LocalDate reportAsOf, Instant acceptedAt,
            Assessment assessment) {
        List<String> applied = RecentIds.with(appliedReports, reportId);
        return new Indicator(id, name, target, unit, direction, starred, value, reportAsOf, acceptedAt, reportId,
                assessment.status(), assessment.expected(), assessment.shortfallPoints(), applied, assessment.rule(),
                missingPeriodsAnnounced, assessment.periodStatus(), assessment.periodShortfallPoints(),
                assessment.caughtUp(), curve, curveChange);
    }

    /**
     * What the status rules decided, as the indicator keeps it.
     *
     * @param status                the cumulative status
     * @param rule                  the rule that decided it
     * @param expected              what the curve expected
     * @param shortfallPoints       points behind the curve
     * @param periodStatus          the latest period's own colour
     * @param periodShortfallPoints percent of the period's increment not achieved
     * @param caughtUp              whether a RED indicator came back
     */
    public record Assessment(TrackingStatus status, String rule, BigDecimal expected, BigDecimal shortfallPoints,
            TrackingStatus periodStatus, BigDecimal periodShortfallPoints, Boolean caughtUp) {
    }

    /**
     * This indicator judged again without a new report (the daily sweep: time moved on): status, rule, expected
     * and shortfall change, what was reported does not.
     */
    public Indicator withJudgement(TrackingStatus newStatus, String newRule, BigDecimal newExpected,
            BigDecimal newShortfall) {
        return withJudgement(new Assessment(newStatus, newRule, newExpected, newShortfall, periodStatus,
                periodShortfallPoints, caughtUp));
    }

    /** This indicator judged again without a new report, with everything the rules decided. */
    public Indicator withJudgement(Assessment assessment) {
        return new Indicator(id, name, target, unit, direction, starred, actual, asOf, reportedAt, lastReportId,
                assessment.status(), assessment.expected(), assessment.shortfallPoints(), appliedReports,
                assessment.rule(), missingPeriodsAnnounced, assessment.periodStatus(),
                assessment.periodShortfallPoints(), assessment.caughtUp(), curve, curveChange);
    }

    /** This indicator following its own plan curve ({@code null}: back to the configured or default one). */
    public Indicator withCurve(String newCurve, String by, Instant at) {
        return new Indicator(id, name, target, unit, direction, starred, actual, asOf, reportedAt, lastReportId,
                status, expected, shortfallPoints, appliedReports, rule, missingPeriodsAnnounced, periodStatus,
                periodShortfallPoints, caughtUp, newCurve, new CurveChange(by, at, curve));
    }

    /** Whether the missing report of {@code period} ({@code yyyy-MM}) was already announced. */
    public boolean hasAnnouncedMissing(String period) {
        return missingPeriodsAnnounced.contains(period);
    }

    /** This indicator with the missing report of {@code period} noted as announced. */
    public Indicator withMissingAnnounced(String period) {
        if (hasAnnouncedMissing(period)) {
            return this;
        }
        List<String> announced = new ArrayList<>(missingPeriodsAnnounced);
        announced.add(period);
        return new Indicator(id, name, target, unit, direction, starred, actual, asOf, reportedAt, lastReportId,
                status, expected, shortfallPoints, appliedReports, rule, announced, periodStatus,
                periodShortfallPoints, caughtUp, curve, curveChange);
    }

    /** This indicator with a report noted that is older than what it already knows. */
    public Indicator withStaleReport(String reportId) {
        List<String> applied = RecentIds.with(appliedReports, reportId);
        return new Indicator(id, name, target, unit, direction, starred, actual, asOf, reportedAt, lastReportId,
                status, expected, shortfallPoints, applied, rule, missingPeriodsAnnounced, periodStatus,
                periodShortfallPoints, caughtUp, curve, curveChange);
    }

    /** Whether a report dated {@code reportAsOf}, accepted at {@code acceptedAt}, is newer than the current value. */
    public boolean isOlderThan(LocalDate reportAsOf, Instant acceptedAt) {
        if (asOf == null) {
            return true;
        }
        int byDate = reportAsOf.compareTo(asOf);
        return byDate > 0 || byDate == 0 && (reportedAt == null || !acceptedAt.isBefore(reportedAt));
    }
}
