package org.keywork.goal.tracking;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.goal.plan.GoalApi;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.PlanItems;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An indicator's own plan curve: {@code GET} and {@code PUT /api/goals/{itemId}/indicators/{indicatorId}/curve}.
 * Linear by default; quarterly checkpoints or a monthly profile (序时进度) as cumulative percentages, rising linearly
 * towards each checkpoint or stepwise. Setting a curve judges the indicator's latest reading again at once; a changed
 * status is announced like any other ({@code IndicatorStatusChanged}, rule {@code behind-schedule}). The change is
 * kept with the indicator (who, when, the curve before).
 */
@RestController
class CurveController {

    private static final Logger log = LoggerFactory.getLogger(CurveController.class);

    private final PlanItems items;
    private final StatusRules rules;
    private final IndicatorCurves curves;
    private final Clock clock;

    private final StatusAnnouncer announcer;

    CurveController(PlanItems items, StatusRules rules, IndicatorCurves curves, Clock clock,
            StatusAnnouncer announcer) {
        this.announcer = announcer;
        this.items = items;
        this.rules = rules;
        this.curves = curves;
        this.clock = clock;
    }

    /**
     * A curve as sent and shown.
     *
     * @param kind     {@code LINEAR}, {@code QUARTERLY} (4 percentages, end of each quarter), {@code MONTHLY} (12,
     *                 end of each month) or {@code DEFAULT} (drop the indicator's own curve)
     * @param percents cumulative percentages of the target, rising, the last one 100
     * @param stepwise whether nothing more is due until each checkpoint's day (else linear towards it)
     */
    record CurveRequest(String kind, List<BigDecimal> percents, Boolean stepwise) {
    }

    /** The curve an indicator follows and what it expects by each month end. */
    record CurveView(String itemId, String indicatorId, String curve, boolean ownCurve,
            List<BigDecimal> expectedByMonth, Indicator.CurveChange lastChange) {
    }

    @GetMapping("/api/goals/{itemId}/indicators/{indicatorId}/curve")
    CurveView curve(@PathVariable String itemId, @PathVariable String indicatorId,
            @RequestParam(defaultValue = "" + GoalApi.DEFAULT_YEAR) int year) {
        PlanItem item = item(year, itemId);
        return view(item, indicator(item, indicatorId));
    }

    @PutMapping("/api/goals/{itemId}/indicators/{indicatorId}/curve")
    CurveView setCurve(@PathVariable String itemId, @PathVariable String indicatorId,
            @RequestParam(defaultValue = "" + GoalApi.DEFAULT_YEAR) int year, @RequestBody CurveRequest request,
            @RequestHeader(name = "X-Keywork-User", required = false) String user) {
        String spec = specOf(request);
        while (true) {
            PlanItem item = item(year, itemId);
            Indicator indicator = indicator(item, indicatorId);
            if (indicator.target() == null || !TargetKind.of(indicator.direction(), indicator.name()).followsCurve()) {
                throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION,
                        "该指标不按进度曲线考核", List.of(new FieldProblem("indicatorId", "no-curve", indicatorId
                                + " 是比率、上限或下限指标，按目标值本身考核，不设序时进度曲线")));
            }
            if (java.util.Objects.equals(spec, indicator.curve())) {
                return view(item, indicator);
            }
            Instant at = clock.instant();
            Indicator withCurve = indicator.withCurve(spec, user == null || user.isBlank() ? "anonymous" : user, at);
            List<OutboxEntry> events = new ArrayList<>();
            Indicator updated = withCurve;
            if (indicator.actual() != null && indicator.asOf() != null) {
                Judgement judgement = rules.judge(TargetKind.of(indicator.direction(), indicator.name()),
                        indicator.target(), rules.curveFor(withCurve), item.planYear(),
                        new StatusRules.Reading(indicator.actual(), indicator.asOf()), null, indicator.status());
                updated = withCurve.withJudgement(judgement.assessmentKeepingPeriodOf(indicator));
                if (judgement.status() != indicator.status()) {
                    events.add(statusChanged(item, indicator, updated, judgement, at));
                }
            }
            Indicator replacement = updated;
            List<Indicator> indicators = item.indicators().stream()
                    .map(i -> i.id().equals(indicatorId) ? replacement : i).toList();
            if (items.update(item, indicators, events)) {
                log.info("Plan curve of {} set to {} by {} (was {}); status {} -> {}", indicatorId,
                        spec == null ? "default" : spec, user, indicator.curve(), indicator.status(),
                        replacement.status());
                PlanItem after = item(year, itemId);
                return view(after, indicator(after, indicatorId));
            }
        }
    }

    private OutboxEntry statusChanged(PlanItem item, Indicator before, Indicator after, Judgement judgement,
            Instant at) {
        IndicatorStatusChanged event = judgement.changeOf(item, before, after, after.asOf(), null);
        UUID eventId = UUID.nameUUIDFromBytes(("indicator-status:" + after.id() + ":curve:" + at.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8));
        return announcer.statusChanged(eventId, event);
    }

    private CurveView view(PlanItem item, Indicator indicator) {
        return new CurveView(item.itemId(), indicator.id(), curves.specOf(indicator), indicator.curve() != null,
                curves.expectedAtMonthEnds(indicator, item.planYear()), indicator.curveChange());
    }

    /** The request as curve text ({@link PlanCurve#parse} form), or null for DEFAULT; 400 naming the field. */
    static String specOf(CurveRequest request) {
        if (request == null || request.kind() == null || request.kind().isBlank()) {
            throw invalid("kind", "required", "必填：LINEAR、QUARTERLY、MONTHLY 或 DEFAULT");
        }
        String kind = request.kind().strip().toUpperCase(Locale.ROOT);
        int expectedCount = switch (kind) {
            case "LINEAR", "DEFAULT" -> 0;
            case "QUARTERLY" -> 4;
            case "MONTHLY" -> 12;
            default -> throw invalid("kind", "unknown-kind", "只能是 LINEAR、QUARTERLY、MONTHLY 或 DEFAULT，不是 "
                    + request.kind());
        };
        List<BigDecimal> percents = request.percents() == null ? List.of() : request.percents();
        if (expectedCount == 0) {
            if (!percents.isEmpty()) {
                throw invalid("percents", "not-allowed", kind + " 不需要百分比");
            }
            return kind.equals("DEFAULT") ? null : "linear";
        }
        if (percents.size() != expectedCount) {
            throw invalid("percents", "wrong-count", (expectedCount == 4 ? "按季度需要 4 个" : "按月需要 12 个")
                    + "累计百分比，收到 " + percents.size() + " 个");
        }
        BigDecimal last = BigDecimal.ZERO;
        for (int i = 0; i < percents.size(); i++) {
            BigDecimal p = percents.get(i);
            if (p == null || p.signum() < 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw invalid("percents[" + i + "]", "out-of-range", "累计百分比应在 0 到 100 之间");
            }
            if (p.compareTo(last) < 0) {
                throw invalid("percents[" + i + "]", "decreasing", "累计百分比不能比前一个小（" + last.toPlainString()
                        + "）");
            }
            last = p;
        }
        if (last.compareTo(BigDecimal.valueOf(100)) != 0) {
            throw invalid("percents[" + (percents.size() - 1) + "]", "not-complete", "最后一个累计百分比应为 100（年底完成目标）");
        }
        String prefix = (expectedCount == 4 ? "quarterly" : "monthly")
                + (Boolean.TRUE.equals(request.stepwise()) ? "-stepwise" : "");
        return prefix + ":" + percents.stream().map(p -> p.stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(","));
    }

    private PlanItem item(int year, String itemId) {
        return items.find(year, itemId).orElseThrow(() -> GoalApi.unknownItem(year, itemId));
    }

    private static Indicator indicator(PlanItem item, String indicatorId) {
        return item.indicator(indicatorId).orElseThrow(() -> new InvalidRequestException(HttpStatus.NOT_FOUND,
                Problems.NOT_FOUND, "没有这个指标", List.of(new FieldProblem("indicatorId", "unknown-indicator",
                        "事项 " + item.itemId() + " 没有指标 " + indicatorId))));
    }

    private static InvalidRequestException invalid(String field, String code, String reason) {
        return new InvalidRequestException(HttpStatus.BAD_REQUEST, Problems.VALIDATION, "进度曲线不正确",
                List.of(new FieldProblem(field, code, reason)));
    }
}
