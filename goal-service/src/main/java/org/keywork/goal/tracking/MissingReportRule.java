package org.keywork.goal.tracking;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.keywork.events.TrackingStatus;

/**
 * Whether an indicator's monthly report is missing, by the calendar (weekends and holidays are not special).
 *
 * <p>The report for month M is due on M's cut-off day ({@code cutoffDay}, 28 by default; the month's last day when
 * it is shorter) and counts as missing once {@code graceDays} (3) calendar days after that have passed: the March
 * report is missing from 1 April. A report whose date falls in month M (or later) is M's report. Only months of the
 * plan year are asked for.
 */
public final class MissingReportRule {

    private final int cutoffDay;
    private final int graceDays;

    public MissingReportRule(int cutoffDay, int graceDays) {
        if (cutoffDay < 1 || cutoffDay > 31 || graceDays < 0) {
            throw new IllegalArgumentException("cutoffDay must be 1..31 and graceDays >= 0");
        }
        this.cutoffDay = cutoffDay;
        this.graceDays = graceDays;
    }

    /**
     * A missing report.
     *
     * @param period       the latest month whose report is past its deadline and not in
     * @param firstMissing the earliest month without a report (equal to {@code period} when only one is missing)
     * @param deadline     the last day of grace for {@code period}
     */
    public record MissingReport(YearMonth period, YearMonth firstMissing, LocalDate deadline) {

        /** YELLOW, {@code report-missing}, for the missing period. */
        public Judgement judgement() {
            return new Judgement(TrackingStatus.YELLOW, StatusRules.REPORT_MISSING, period.toString(), null, null);
        }
    }

    /** The last day of grace for the report of {@code month}. */
    public LocalDate deadline(YearMonth month) {
        return month.atDay(Math.min(cutoffDay, month.lengthOfMonth())).plusDays(graceDays);
    }

    /**
     * @param lastReport the date of the indicator's latest report, or {@code null} when it has none
     * @param today      the day asked about
     * @param planYear   the plan year
     * @return the missing report, or empty when every report due by today is in
     */
    public Optional<MissingReport> check(LocalDate lastReport, LocalDate today, int planYear) {
        YearMonth due = YearMonth.from(today);
        while (!today.isAfter(deadline(due))) {
            due = due.minusMonths(1);
        }
        YearMonth december = YearMonth.of(planYear, 12);
        YearMonth january = YearMonth.of(planYear, 1);
        if (due.isAfter(december)) {
            due = december;
        }
        if (due.isBefore(january)) {
            return Optional.empty();
        }
        YearMonth reported = lastReport == null ? null : YearMonth.from(lastReport);
        if (reported != null && !reported.isBefore(due)) {
            return Optional.empty();
        }
        YearMonth firstMissing = reported == null || reported.isBefore(january) ? january : reported.plusMonths(1);
        return Optional.of(new MissingReport(due, firstMissing, deadline(due)));
    }
}
