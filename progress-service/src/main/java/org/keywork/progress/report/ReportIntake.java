package org.keywork.progress.report;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.events.TargetKind;
import org.keywork.events.Topics;
import org.keywork.progress.catalog.KnownTarget;
import org.keywork.progress.catalog.PlanCatalog;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Accepts reports: checks them against the plan, stores each durably with its event in one write, and has the
 * event published. A retry of the same report (same {@code reportId}, same content) is answered as before and
 * changes nothing; a different report under a used id is refused.
 */
@Service
class ReportIntake {

    private final MongoTemplate mongo;
    private final PlanCatalog catalog;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;
    private final MeterRegistry meters;

    ReportIntake(MongoTemplate mongo, PlanCatalog catalog, EventCodec codec, OutboxRelay relay, Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.catalog = catalog;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
        this.meters = meters;
    }

    /** Returns the stored report: the new one, or the earlier identical one when this is a retry. */
    ProgressReport accept(ReportRequest request) {
        KnownTarget target = validate(request);
        ProgressReport report = toReport(request, target);
        try {
            mongo.insert(report);
        } catch (DuplicateKeyException retry) {
            ProgressReport earlier = mongo.findById(request.reportId(), ProgressReport.class);
            if (earlier != null && earlier.sameContentAs(report)) {
                meters.counter("keywork.progress.reports", "outcome", "duplicate").increment();
                return earlier;
            }
            meters.counter("keywork.progress.reports", "outcome", "rejected").increment();
            throw new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "报告编号已被使用",
                    List.of(new FieldProblem("reportId", "already-used",
                            "编号 " + request.reportId() + " 已用于另一份内容不同的报告；更正请使用新的编号")));
        }
        meters.counter("keywork.progress.reports", "outcome", "accepted").increment();
        relay.publishSoon(ProgressReport.COLLECTION, report.reportId());
        return report;
    }

    Optional<ProgressReport> find(String reportId) {
        return Optional.ofNullable(mongo.findById(reportId, ProgressReport.class));
    }

    List<ProgressReport> history(String itemId, Integer planYear) {
        Criteria criteria = Criteria.where("itemId").is(itemId);
        if (planYear != null) {
            criteria = criteria.and("planYear").is(planYear);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("asOf", "acceptedAt")), ProgressReport.class);
    }

    private KnownTarget validate(ReportRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        int year = request.effectivePlanYear();
        LocalDate today = LocalDate.now(clock);
        if (request.asOf().isAfter(today)) {
            problems.add(new FieldProblem("asOf", "in-future", "截至日期 " + request.asOf() + " 晚于今天"));
        }
        if (!request.targetId().startsWith(request.itemId() + "#")) {
            problems.add(new FieldProblem("targetId", "not-in-item",
                    "指标 " + request.targetId() + " 不属于事项 " + request.itemId()));
        }
        KnownTarget target = null;
        if (!catalog.hasItem(year, request.itemId())) {
            problems.add(new FieldProblem("itemId", "unknown-item",
                    year + " 年计划中没有事项 " + request.itemId()));
        } else if (problems.stream().noneMatch(p -> p.field().equals("targetId"))) {
            target = catalog.target(year, request.itemId(), request.targetId()).orElse(null);
            if (target == null) {
                problems.add(new FieldProblem("targetId", "unknown-target",
                        "事项 " + request.itemId() + " 中没有指标或节点 " + request.targetId()));
            }
        }
        if (target != null) {
            checkShape(request, target, problems);
        }
        if (!problems.isEmpty()) {
            meters.counter("keywork.progress.reports", "outcome", "rejected").increment();
            throw InvalidRequestException.invalid(problems);
        }
        return target;
    }

    private static void checkShape(ReportRequest request, KnownTarget target, List<FieldProblem> problems) {
        if (target.kind() == TargetKind.INDICATOR) {
            if (request.value() == null) {
                problems.add(new FieldProblem("value", "required", "指标报告必须填写数值（单位：" + target.unit() + "）"));
            }
            if (request.reachedOn() != null) {
                problems.add(new FieldProblem("reachedOn", "not-applicable", "指标报告不填写达成日期"));
            }
        } else if (target.kind() == TargetKind.MILESTONE && request.reachedOn() == null && request.value() == null) {
            problems.add(new FieldProblem("reachedOn", "required", "节点报告必须填写达成日期"));
        }
    }

    private ProgressReport toReport(ReportRequest request, KnownTarget target) {
        var acceptedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var event = new ProgressReportAccepted(request.reportId(), target.planYear(), request.itemId(),
                request.targetId(), target.kind(), request.value(), request.reachedOn(), request.asOf(),
                request.department().strip(), request.note(), acceptedAt);
        return new ProgressReport(request.reportId(), target.planYear(), request.itemId(), request.targetId(),
                target.kind(), request.value(), request.reachedOn(), request.asOf(), request.department().strip(),
                request.note(), acceptedAt, List.of(codec.outboxEntry(Topics.PROGRESS_REPORTS, event)));
    }
}
