package org.keywork.goal.tracking;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.PlanItems;
import org.keywork.goal.plan.QualitativeProgress;
import org.keywork.support.events.EventFailedException;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.store.CompareAndSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes a report into its indicator and judges the indicator again; a changed status becomes an
 * {@link IndicatorStatusChanged} event stored with the change. Applying the same report twice changes nothing, and
 * a report older than the indicator's latest is noted without moving its value back, unless it corrects
 * ({@code supersedes}) the report that set the value: a correction of the current report replaces it, whatever its
 * date, and the indicator is judged again. A qualitative item's report ({@code GOAL}) sets the item's state the same
 * way, and a changed status is announced with the rule {@code qualitative-status}.
 */
@Service
class IndicatorTracker {

    private static final Logger log = LoggerFactory.getLogger(IndicatorTracker.class);
    /** The rule named when a qualitative item's reported state changes its status. */
    static final String QUALITATIVE_STATUS = "qualitative-status";

    private final PlanItems items;
    private final StatusRules rules;
    private final StatusAnnouncer announcer;
    private final MeterRegistry meters;

    IndicatorTracker(PlanItems items, StatusRules rules, StatusAnnouncer announcer, MeterRegistry meters) {
        this.items = items;
        this.rules = rules;
        this.announcer = announcer;
        this.meters = meters;
    }

    /**
     * Takes a poll's reports in, item by item in the order the items first came: all the items in one read, then per
     * item one compare-and-set write with each of its reports taken in, in order (a report for an indicator judged on
     * the value the report before it left). A write lost to another writer reads that item again and retries.
     *
     * @throws EventFailedException naming the first report that could not be taken in, every report before it in
     *         {@code reports} being taken in: when an item fails, the reports from its first on are taken one at a
     *         time to find out which one it is (those already taken in change nothing)
     */
    void applyAll(List<ProgressReportAccepted> reports) {
        Map<String, List<ProgressReportAccepted>> byItem = new LinkedHashMap<>();
        Map<String, Integer> firstPosition = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            ProgressReportAccepted report = reports.get(i);
            String id = PlanItem.id(report.planYear(), report.itemId());
            byItem.computeIfAbsent(id, key -> new ArrayList<>()).add(report);
            firstPosition.putIfAbsent(id, i);
        }
        Map<String, PlanItem> read;
        try {
            read = items.byIds(byItem.keySet());
        } catch (RuntimeException e) {
            applyOneByOne(reports, 0);
            return;
        }
        for (Map.Entry<String, List<ProgressReportAccepted>> item : byItem.entrySet()) {
            try {
                applyToItem(read.get(item.getKey()), item.getValue());
            } catch (RuntimeException e) {
                log.info("Reports for item {} failed together ({}); taking them one at a time", item.getKey(),
                        e.toString());
                applyOneByOne(reports, firstPosition.get(item.getKey()));
                return;
            }
        }
    }

    private void applyOneByOne(List<ProgressReportAccepted> reports, int from) {
        for (int i = from; i < reports.size(); i++) {
            ProgressReportAccepted report = reports.get(i);
            try {
                applyToItem(items.find(report.planYear(), report.itemId()).orElse(null), List.of(report));
            } catch (RuntimeException e) {
                throw new EventFailedException(i, e);
            }
        }
    }

    /** The reports of one item ({@code item} as read, null when goal-service has no such item), in order. */
    private void applyToItem(PlanItem item, List<ProgressReportAccepted> reports) {
        ProgressReportAccepted first = reports.get(0);
        if (item == null) {
            log.debug("Report {} is for item {}/{}, which goal-service does not own", first.reportId(),
                    first.planYear(), first.itemId());
            return;
        }
        if (reports.stream().anyMatch(report -> report.targetKind() == org.keywork.events.TargetKind.GOAL)) {
            for (ProgressReportAccepted report : reports) {
                if (report.targetKind() == org.keywork.events.TargetKind.GOAL) {
                    applyQualitative(report);
                } else if (report.targetKind() == org.keywork.events.TargetKind.INDICATOR) {
                    applyIndicators(null, List.of(report));
                }
            }
            return;
        }
        applyIndicators(item, reports.stream()
                .filter(report -> report.targetKind() == org.keywork.events.TargetKind.INDICATOR).toList());
    }

    private void applyIndicators(PlanItem known, List<ProgressReportAccepted> reports) {
        if (reports.isEmpty()) {
            return;
        }
        ProgressReportAccepted first = reports.get(0);
        CompareAndSet.retry("item " + first.itemId() + " (reports from " + first.reportId() + " on)", attempt -> {
            PlanItem item = known != null && attempt == 1 ? known
                    : items.find(first.planYear(), first.itemId()).orElse(null);
            if (item == null) {
                return CompareAndSet.done(null);
            }
            List<Indicator> indicators = new ArrayList<>(item.indicators());
            List<OutboxEntry> events = new ArrayList<>();
            List<String> changes = new ArrayList<>();
            List<Boolean> taken = new ArrayList<>();
            for (ProgressReportAccepted report : reports) {
                int at = position(indicators, report.targetId());
                if (at < 0) {
                    log.warn("Report {} names {} which item {} does not have", report.reportId(), report.targetId(),
                            report.itemId());
                    continue;
                }
                Indicator indicator = indicators.get(at);
                if (indicator.hasApplied(report.reportId())) {
                    continue; // taken in already (a redelivery, or another instance was first)
                }
                Indicator updated;
                boolean changed = false;
                boolean correctsCurrent = report.supersedes() != null
                        && report.supersedes().equals(indicator.lastReportId());
                if (correctsCurrent || indicator.isOlderThan(report.asOf(), report.acceptedAt())) {
                    Judgement judgement = judge(item, indicator, report, correctsCurrent);
                    updated = indicator.withReport(report.reportId(), report.value(), report.asOf(),
                            report.acceptedAt(), judgement.assessment());
                    if (judgement.status() != indicator.status()) {
                        events.add(statusChanged(item, indicator, updated, judgement, report));
                        changed = true;
                        changes.add(String.format("%s %s -> %s (%s %s of %s %s, report %s; %srule %s, period %s%s)",
                                indicator.id(), indicator.status(), updated.status(), updated.actual(),
                                updated.unit(), updated.target(), updated.unit(), report.reportId(),
                                correctsCurrent ? "correction of " + report.supersedes() + ", " : "",
                                judgement.rule(), judgement.periodStatus(), judgement.caughtUp() ? ", caught up" : ""));
                    }
                } else {
                    updated = indicator.withStaleReport(report.reportId());
                }
                indicators.set(at, updated);
                taken.add(changed);
            }
            if (taken.isEmpty()) {
                return CompareAndSet.done(null);
            }
            if (!items.update(item, indicators, events)) {
                return CompareAndSet.lost();
            }
            taken.forEach(changed -> meters.counter("keywork.goal.reports.applied", "changed",
                    String.valueOf(changed)).increment());
            changes.forEach(change -> log.info("{}", change));
            return CompareAndSet.done(null);
        });
    }

    private static int position(List<Indicator> indicators, String indicatorId) {
        for (int i = 0; i < indicators.size(); i++) {
            if (indicators.get(i).id().equals(indicatorId)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Judges a report (known to be newer than the indicator's value) against the indicator's kind and curve, with the
     * value and status before it for the period increment and catch-up.
     */
    private Judgement judge(PlanItem item, Indicator indicator, ProgressReportAccepted report, boolean correction) {
        // a correction replaces the current reading: that reading is no baseline for the period
        StatusRules.Reading previous = correction || indicator.actual() == null || indicator.asOf() == null ? null
                : new StatusRules.Reading(indicator.actual(), indicator.asOf());
        return rules.judge(TargetKind.of(indicator.direction(), indicator.name()), indicator.target(),
                rules.curveFor(indicator), item.planYear(), new StatusRules.Reading(report.value(),
                        report.asOf()), previous, indicator.status());
    }

    private void applyQualitative(ProgressReportAccepted report) {
        TrackingStatus reported = QualitativeProgress.statusOf(report.state());
        CompareAndSet.retry("item " + report.itemId() + " (report " + report.reportId() + ")", attempt -> {
            PlanItem item = items.find(report.planYear(), report.itemId()).orElse(null);
            if (item == null) {
                log.debug("Report {} is for item {}/{}, which goal-service does not own", report.reportId(),
                        report.planYear(), report.itemId());
                return CompareAndSet.done(null);
            }
            if (!item.qualitative() || !item.itemId().equals(report.targetId()) || reported == null) {
                log.warn("Report {} names {} with state {}, which is not a qualitative goal of item {}",
                        report.reportId(), report.targetId(), report.state(), report.itemId());
                return CompareAndSet.done(null);
            }
            QualitativeProgress before = item.qualitativeProgress() == null ? QualitativeProgress.none()
                    : item.qualitativeProgress();
            if (before.hasApplied(report.reportId())) {
                return CompareAndSet.done(null); // taken in already (a redelivery, or another instance was first)
            }
            List<OutboxEntry> events = new ArrayList<>();
            QualitativeProgress after;
            if (before.takes(report.asOf(), report.acceptedAt(), report.supersedes())) {
                after = before.withReport(report.reportId(), reported, report.state(), report.note(), report.asOf(),
                        report.acceptedAt());
                if (after.status() != before.status()) {
                    events.add(qualitativeChanged(item, before, after, report));
                }
            } else {
                after = before.withStaleReport(report.reportId());
            }
            if (!items.updateQualitative(item, after, events)) {
                return CompareAndSet.lost();
            }
            meters.counter("keywork.goal.reports.applied", "changed", String.valueOf(!events.isEmpty())).increment();
            if (!events.isEmpty()) {
                log.info("{} {} -> {} (state {}, report {})", item.itemId(), before.status(), after.status(),
                        after.state(), report.reportId());
            }
            return CompareAndSet.done(null);
        });
    }

    private OutboxEntry qualitativeChanged(PlanItem item, QualitativeProgress before, QualitativeProgress after,
            ProgressReportAccepted report) {
        IndicatorStatusChanged event = new IndicatorStatusChanged(item.planYear(), item.itemId(), item.title(),
                item.itemId(), PlanItem.GOAL_TARGET_NAME, QUALITATIVE_STATUS, StatusRules.period(after.asOf()),
                before.status(), after.status(), null, null, null, null, null, after.asOf(), report.reportId(),
                item.responsibility());
        UUID eventId = UUID.nameUUIDFromBytes(("indicator-status:" + item.itemId() + ":" + report.reportId())
                .getBytes(StandardCharsets.UTF_8));
        return announcer.statusChanged(eventId, event);
    }

    private OutboxEntry statusChanged(PlanItem item, Indicator before, Indicator after, Judgement judgement,
            ProgressReportAccepted report) {
        IndicatorStatusChanged event = judgement.changeOf(item, before, after, after.asOf(), report.reportId());
        UUID eventId = UUID.nameUUIDFromBytes(("indicator-status:" + after.id() + ":" + report.reportId())
                .getBytes(StandardCharsets.UTF_8));
        return announcer.statusChanged(eventId, event);
    }
}
