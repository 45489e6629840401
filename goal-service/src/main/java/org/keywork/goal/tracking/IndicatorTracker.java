package org.keywork.goal.tracking;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.events.Topics;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.PlanItems;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Takes a report into its indicator and judges the indicator again; a changed status becomes an
 * {@link IndicatorStatusChanged} event stored with the change. Applying the same report twice changes nothing, and
 * a report older than the indicator's latest is noted without moving its value back.
 */
@Service
class IndicatorTracker {

    private static final Logger log = LoggerFactory.getLogger(IndicatorTracker.class);
    private static final int MAX_ATTEMPTS = 10;

    private final PlanItems items;
    private final StatusRules rules;
    private final EventCodec codec;
    private final MeterRegistry meters;

    IndicatorTracker(PlanItems items, StatusRules rules, EventCodec codec, MeterRegistry meters) {
        this.items = items;
        this.rules = rules;
        this.codec = codec;
        this.meters = meters;
    }

    void apply(ProgressReportAccepted report) {
        if (report.targetKind() != org.keywork.events.TargetKind.INDICATOR) {
            return;
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PlanItem item = items.find(report.planYear(), report.itemId()).orElse(null);
            if (item == null) {
                log.debug("Report {} is for item {}/{}, which goal-service does not own", report.reportId(),
                        report.planYear(), report.itemId());
                return;
            }
            Indicator indicator = item.indicator(report.targetId()).orElse(null);
            if (indicator == null) {
                log.warn("Report {} names {} which item {} does not have", report.reportId(), report.targetId(),
                        report.itemId());
                return;
            }
            if (indicator.hasApplied(report.reportId())) {
                return;
            }
            List<OutboxEntry> events = new ArrayList<>();
            Indicator updated;
            String note = "";
            if (indicator.isOlderThan(report.asOf(), report.acceptedAt())) {
                Judgement judgement = judge(item, indicator, report);
                updated = indicator.withReport(report.reportId(), report.value(), report.asOf(),
                        report.acceptedAt(), judgement.status(), judgement.rule(), judgement.expected(),
                        judgement.shortfallPoints());
                if (judgement.status() != indicator.status()) {
                    events.add(statusChanged(item, indicator, updated, judgement, report));
                }
                note = "rule " + judgement.rule() + ", period " + judgement.periodStatus()
                        + (judgement.caughtUp() ? ", caught up" : "");
            } else {
                updated = indicator.withStaleReport(report.reportId());
            }
            List<Indicator> indicators = item.indicators().stream()
                    .map(i -> i.id().equals(updated.id()) ? updated : i).toList();
            if (items.update(item, indicators, events)) {
                meters.counter("keywork.goal.reports.applied", "changed", String.valueOf(!events.isEmpty()))
                        .increment();
                if (!events.isEmpty()) {
                    log.info("{} {} -> {} ({} {} of {} {}, report {}; {})", indicator.id(), indicator.status(),
                            updated.status(), updated.actual(), updated.unit(), updated.target(), updated.unit(),
                            report.reportId(), note);
                }
                return;
            }
        }
        throw new OptimisticLockingFailureException("item " + report.itemId() + " kept changing; report "
                + report.reportId() + " will be retried");
    }

    /**
     * Judges a report (known to be newer than the indicator's value) against the indicator's kind and curve, with the
     * value and status before it for the period increment and catch-up.
     */
    private Judgement judge(PlanItem item, Indicator indicator, ProgressReportAccepted report) {
        StatusRules.Reading previous = indicator.actual() == null || indicator.asOf() == null ? null
                : new StatusRules.Reading(indicator.actual(), indicator.asOf());
        return rules.judge(TargetKind.of(indicator.direction(), indicator.name()), indicator.target(),
                rules.curveFor(indicator.id()), item.planYear(), new StatusRules.Reading(report.value(),
                        report.asOf()), previous, indicator.status());
    }

    private OutboxEntry statusChanged(PlanItem item, Indicator before, Indicator after, Judgement judgement,
            ProgressReportAccepted report) {
        IndicatorStatusChanged event = new IndicatorStatusChanged(item.planYear(), item.itemId(), item.title(),
                after.id(), after.name(), judgement.rule(), judgement.period(), before.status(), after.status(),
                after.target(), after.unit(), after.actual(), judgement.expected(), judgement.shortfallPoints(),
                after.asOf(), report.reportId(), item.responsibility());
        UUID eventId = UUID.nameUUIDFromBytes(("indicator-status:" + after.id() + ":" + report.reportId())
                .getBytes(StandardCharsets.UTF_8));
        return codec.outboxEntry(Topics.INDICATOR_STATUS, eventId, event);
    }
}
