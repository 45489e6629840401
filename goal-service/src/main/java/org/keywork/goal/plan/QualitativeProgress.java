package org.keywork.goal.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.keywork.events.TrackingStatus;
import org.keywork.support.events.RecentIds;
import org.springframework.data.annotation.PersistenceCreator;

/**
 * Where a qualitative item (one without numeric targets) stands, as its latest report says.
 *
 * @param status         the status the reported state maps to
 * @param state          the reported state: NOT_STARTED, ON_TRACK, AT_RISK, BLOCKED or DONE
 * @param note           the report's note
 * @param asOf           the date the report speaks for
 * @param reportedAt     when that report was accepted
 * @param lastReportId   the report that set the state
 * @param appliedReports every report id already taken into account (redeliveries change nothing)
 * @param missingPeriodsAnnounced the periods ({@code yyyy-MM}) whose missing report the daily sweep already
 *                       announced, each once (older documents lack it: empty)
 */
public record QualitativeProgress(TrackingStatus status, String state, String note, LocalDate asOf,
        Instant reportedAt, String lastReportId, List<String> appliedReports, List<String> missingPeriodsAnnounced) {

    @PersistenceCreator
    public QualitativeProgress {
        status = status == null ? TrackingStatus.NOT_STARTED : status;
        appliedReports = appliedReports == null ? List.of() : List.copyOf(appliedReports);
        missingPeriodsAnnounced = missingPeriodsAnnounced == null ? List.of() : List.copyOf(missingPeriodsAnnounced);
    }

    /** Progress with no missing report announced. */
    public QualitativeProgress(TrackingStatus status, String state, String note, LocalDate asOf, Instant reportedAt,
            String lastReportId, List<String> appliedReports) {
        this(status, state, note, asOf, reportedAt, lastReportId, appliedReports, List.of());
    }

    /** Nothing reported yet. */
    public static QualitativeProgress none() {
        return new QualitativeProgress(TrackingStatus.NOT_STARTED, null, null, null, null, null, List.of());
    }

    /** Whether any report was taken in (a progress may exist only to remember announced missing reports). */
    public boolean reported() {
        return lastReportId != null;
    }

    /** Whether the missing report of {@code period} ({@code yyyy-MM}) was already announced. */
    public boolean hasAnnouncedMissing(String period) {
        return missingPeriodsAnnounced.contains(period);
    }

    /** This progress with the missing report of {@code period} noted as announced. */
    public QualitativeProgress withMissingAnnounced(String period) {
        if (hasAnnouncedMissing(period)) {
            return this;
        }
        List<String> announced = new java.util.ArrayList<>(missingPeriodsAnnounced);
        announced.add(period);
        return new QualitativeProgress(status, state, note, asOf, reportedAt, lastReportId, appliedReports,
                announced);
    }

    /** The status a reported state stands for; {@code null} for an unknown state. */
    public static TrackingStatus statusOf(String state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "ON_TRACK" -> TrackingStatus.GREEN;
            case "AT_RISK" -> TrackingStatus.YELLOW;
            case "BLOCKED" -> TrackingStatus.RED;
            case "DONE" -> TrackingStatus.DONE;
            case "NOT_STARTED" -> TrackingStatus.NOT_STARTED;
            default -> null;
        };
    }

    /** Whether the report was taken in: the current one, or one of the last {@link RecentIds#KEPT}. */
    public boolean hasApplied(String reportId) {
        return reportId.equals(lastReportId) || appliedReports.contains(reportId);
    }

    /**
     * Whether a report dated {@code reportAsOf}, accepted at {@code acceptedAt}, correcting {@code supersedes}
     * (or null) becomes the current state: a correction of the current report always does, any other report when it
     * is not older than the current one.
     */
    public boolean takes(LocalDate reportAsOf, Instant acceptedAt, String supersedes) {
        if (lastReportId != null && lastReportId.equals(supersedes)) {
            return true;
        }
        if (asOf == null) {
            return true;
        }
        int byDate = reportAsOf.compareTo(asOf);
        return byDate > 0 || byDate == 0 && (reportedAt == null || !acceptedAt.isBefore(reportedAt));
    }

    /** This progress after a report that becomes current. */
    public QualitativeProgress withReport(String reportId, TrackingStatus newStatus, String newState,
            String newNote, LocalDate reportAsOf, Instant acceptedAt) {
        return new QualitativeProgress(newStatus, newState, newNote, reportAsOf, acceptedAt, reportId,
                noted(reportId), missingPeriodsAnnounced);
    }

    /** This progress with a report noted that does not change it (older than the current one). */
    public QualitativeProgress withStaleReport(String reportId) {
        return new QualitativeProgress(status, state, note, asOf, reportedAt, lastReportId, noted(reportId),
                missingPeriodsAnnounced);
    }

    private List<String> noted(String reportId) {
        return RecentIds.with(appliedReports, reportId);
    }
}
