package org.keywork.goal.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.keywork.events.TrackingStatus;
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
 * @param appliedReports  every report id already taken into account (redeliveries change nothing)
 * @param rule            the rule that decided {@code status} (e.g. {@code behind-schedule}, {@code overdue}), or
 *                        {@code null} when not judged yet (or stored before the rule was kept)
 * @param missingPeriodsAnnounced the periods ({@code yyyy-MM}) whose missing report the daily sweep already
 *                        announced, so that each is announced once (older documents lack it: empty)
 */
public record Indicator(String id, String name, BigDecimal target, String unit, String direction, boolean starred,
        BigDecimal actual, LocalDate asOf, Instant reportedAt, String lastReportId, TrackingStatus status,
        BigDecimal expected, BigDecimal shortfallPoints, List<String> appliedReports, String rule,
        List<String> missingPeriodsAnnounced) {

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
                shortfallPoints, appliedReports, null, List.of());
    }

    public static Indicator planned(String id, String name, BigDecimal target, String unit, String direction,
            boolean starred) {
        return new Indicator(id, name, target, unit, direction, starred, null, null, null, null,
                TrackingStatus.NOT_STARTED, null, null, List.of(), null, List.of());
    }

    /** This indicator under a new definition of its target; what was reported and judged so far is kept. */
    Indicator redefinedAs(Indicator definition) {
        return new Indicator(id, definition.name, definition.target, definition.unit, definition.direction,
                definition.starred, actual, asOf, reportedAt, lastReportId, status, expected, shortfallPoints,
                appliedReports, rule, missingPeriodsAnnounced);
    }

    public boolean hasApplied(String reportId) {
        return appliedReports.contains(reportId);
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
        List<String> applied = new ArrayList<>(appliedReports);
        applied.add(reportId);
        return new Indicator(id, name, target, unit, direction, starred, value, reportAsOf, acceptedAt, reportId,
                newStatus, newExpected, newShortfall, applied, newRule, missingPeriodsAnnounced);
    }

    /**
     * This indicator judged again without a new report (the daily sweep: time moved on): status, rule, expected
     * and shortfall change, what was reported does not.
     */
    public Indicator withJudgement(TrackingStatus newStatus, String newRule, BigDecimal newExpected,
            BigDecimal newShortfall) {
        return new Indicator(id, name, target, unit, direction, starred, actual, asOf, reportedAt, lastReportId,
                newStatus, newExpected, newShortfall, appliedReports, newRule, missingPeriodsAnnounced);
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
                status, expected, shortfallPoints, appliedReports, rule, announced);
    }

    /** This indicator with a report noted that is older than what it already knows. */
    public Indicator withStaleReport(String reportId) {
        List<String> applied = new ArrayList<>(appliedReports);
        applied.add(reportId);
        return new Indicator(id, name, target, unit, direction, starred, actual, asOf, reportedAt, lastReportId,
                status, expected, shortfallPoints, applied, rule, missingPeriodsAnnounced);
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
