package org.keywork.progress.report;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.events.Topics;
import org.keywork.progress.catalog.KnownTarget;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts reports: checks them against the plan, stores each durably with its event in one write, and has the
 * event published. A retry of the same report (same {@code reportId}, same content) is answered as before and
 * changes nothing; a different report under a used id is refused.
 */
@Service
class ReportIntake {

    private final ReportStore reports;
    private final ReportWriter writer;
    private final ReportValidator validator;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ReportPermissions permissions;
    private final Plausibility plausibility;

    ReportIntake(ReportStore reports, ReportWriter writer, ReportValidator validator, EventCodec codec, OutboxRelay relay, Clock clock,
            MeterRegistry meters, ReportPermissions permissions, Plausibility plausibility) {
        this.permissions = permissions;
        this.plausibility = plausibility;
        this.reports = reports;
        this.writer = writer;
        this.validator = validator;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
        this.meters = meters;
    }

    /** Returns the stored report: the new one, or the earlier identical one when this is a retry. */
    ProgressReport accept(ReportRequest request) {
        return accept(request, Optional.empty());
    }

    /** As {@link #accept(ReportRequest)}, by a caller who must be allowed to file it (else 403). */
    ProgressReport accept(ReportRequest request, Optional<KeyworkIdentity> caller) {
        KnownTarget target = validate(request);
        List<FieldProblem> forbidden = permissions.problems(caller, request, target.planYear());
        if (!forbidden.isEmpty()) {
            meters.counter("keywork.progress.reports", "outcome", "forbidden").increment();
            throw ReportPermissions.forbidden(forbidden);
        }
        checkCorrection(request, target);
        ProgressReport report = toReport(request, target);
        Optional<FieldProblem> implausible = plausibility.problem(request, target);
        if (implausible.isPresent()) {
            ProgressReport earlier = reports.find(request.reportId()).orElse(null);
            if (earlier != null && earlier.sameContentAs(report)) {
                meters.counter("keywork.progress.reports", "outcome", "duplicate").increment();
                return earlier; // a retry of a report accepted with its confirmation
            }
            meters.counter("keywork.progress.reports", "outcome", "implausible").increment();
            throw Plausibility.implausible(List.of(implausible.get()));
        }
        try {
            writer.insert(report);
        } catch (DuplicateKeyException retry) {
            ProgressReport earlier = reports.find(request.reportId()).orElse(null);
            if (earlier != null && earlier.sameContentAs(report)) {
                meters.counter("keywork.progress.reports", "outcome", "duplicate").increment();
                return earlier;
            }
            meters.counter("keywork.progress.reports", "outcome", "rejected").increment();
            if (earlier == null && request.supersedes() != null) {
                // a concurrent correction of the same report was stored first
                checkCorrection(request, target);
            }
            throw new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "报告编号已被使用",
                    List.of(new FieldProblem("reportId", "already-used",
                            "编号 " + request.reportId() + " 已用于另一份内容不同的报告；更正请使用新的编号")));
        }
        meters.counter("keywork.progress.reports", "outcome", "accepted").increment();
        relay.publishSoon(ProgressReport.COLLECTION, report.reportId());
        return report;
    }

    /**
     * A correction must name an existing report of the same item and target (else 400 naming {@code supersedes}) that
     * no other report corrects yet (else 409); a retry of the correction itself passes.
     */
    private void checkCorrection(ReportRequest request, KnownTarget target) {
        Optional<FieldProblem> problem = correctionProblem(reports, request, target.planYear());
        if (problem.isEmpty()) {
            return;
        }
        meters.counter("keywork.progress.reports", "outcome", "rejected").increment();
        if (problem.get().code().equals(ALREADY_SUPERSEDED)) {
            throw new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "报告已被更正",
                    List.of(problem.get()));
        }
        throw InvalidRequestException.invalid(List.of(problem.get()));
    }

    static final String ALREADY_SUPERSEDED = "already-superseded";

    /**
     * What is wrong with the correction {@code request} names, if anything: {@code not-correctable} (no such report,
     * itself, another target) or {@link #ALREADY_SUPERSEDED} (another report corrects it already; a retry of this very
     * correction passes). Used for single reports and for each row of a bulk upload.
     */
    static Optional<FieldProblem> correctionProblem(ReportStore reports, ReportRequest request, int planYear) {
        if (request.supersedes() == null) {
            return Optional.empty();
        }
        ProgressReport superseded = reports.find(request.supersedes()).orElse(null);
        String problem = null;
        if (request.supersedes().equals(request.reportId())) {
            problem = "报告不能更正它自己";
        } else if (superseded == null) {
            problem = "没有编号为 " + request.supersedes() + " 的报告";
        } else if (superseded.planYear() != planYear || !superseded.itemId().equals(request.itemId())
                || !superseded.targetId().equals(request.targetId())) {
            problem = "报告 " + request.supersedes() + " 是 " + superseded.itemId() + " / " + superseded.targetId()
                    + " 的报告，不能用 " + request.targetId() + " 的报告更正";
        }
        if (problem != null) {
            return Optional.of(new FieldProblem("supersedes", "not-correctable", problem));
        }
        Optional<String> by = reports.supersededBy(request.supersedes())
                .filter(id -> !id.equals(request.reportId()));
        return by.map(other -> new FieldProblem("supersedes", ALREADY_SUPERSEDED, "报告 " + request.supersedes()
                + " 已由报告 " + other + " 更正；如需再次更正，请更正 " + other));
    }

    /** The report correcting {@code reportId}, if any. */
    Optional<String> supersededBy(String reportId) {
        return reports.supersededBy(reportId);
    }

    Optional<ProgressReport> find(String reportId) {
        return reports.find(reportId);
    }

    List<ProgressReport> list(ReportStore.Filter filter) {
        return reports.list(filter);
    }

    ReportStore.Page page(ReportStore.Filter filter, int number, int size) {
        return reports.page(filter, number, size);
    }

    /** For each of {@code reportIds} that another report corrects: that report's id. */
    java.util.Map<String, String> corrections(List<String> reportIds) {
        return reports.corrections(reportIds);
    }

    private KnownTarget validate(ReportRequest request) {
        ReportValidator.Checked checked = validator.check(request);
        if (!checked.valid()) {
            meters.counter("keywork.progress.reports", "outcome", "rejected").increment();
            throw InvalidRequestException.invalid(checked.problems());
        }
        return checked.target();
    }

    private ProgressReport toReport(ReportRequest request, KnownTarget target) {
        return toReport(request, target, clock.instant(), codec, UUID.randomUUID());
    }

    /**
     * The report to store for a validated request, carrying its {@code ProgressReportAccepted} event; a bulk upload
     * passes an event id derived from the upload, so that expanding it again yields the same event.
     */
    static ProgressReport toReport(ReportRequest request, KnownTarget target, Instant acceptedAt, EventCodec codec,
            UUID eventId) {
        Instant at = acceptedAt.truncatedTo(ChronoUnit.MILLIS);
        String department = request.department().strip();
        var event = new ProgressReportAccepted(request.reportId(), target.planYear(), request.itemId(),
                request.targetId(), target.kind(), request.value(), request.reachedOn(), request.asOf(),
                department, request.note(), at, request.supersedes(), request.state());
        return new ProgressReport(request.reportId(), target.planYear(), request.itemId(), request.targetId(),
                target.kind(), request.value(), request.reachedOn(), request.asOf(), department,
                request.note(), at, List.of(codec.outboxEntry(Topics.PROGRESS_REPORTS, eventId, event)),
                request.supersedes(), request.state(), request.isConfirmed() ? Boolean.TRUE : null);
    }
}
