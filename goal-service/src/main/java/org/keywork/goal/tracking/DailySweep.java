package org.keywork.goal.tracking;

import java.time.Duration;
import org.keywork.support.jobs.ClusterJobs;
import org.keywork.support.jobs.Lanes;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.ReportMissing;
import org.keywork.events.Topics;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.PlanItems;
import org.keywork.goal.plan.QualitativeProgress;
import org.keywork.goal.tracking.MissingReportRule.MissingReport;
import org.keywork.support.clock.BusinessClockChanged;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.store.CompareAndSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily sweep: judges every indicator of every stored plan year again at today's business date, because time
 * alone moves an indicator (the plan curve goes on while no report arrives; after the plan year an unmet target is
 * overdue), and announces reports that are missing.
 *
 * <p>Runs on {@code keywork.tracking.sweep-cron} (01:30 business time zone; on real time even with a simulated
 * clock), whenever the simulated clock is set ({@link BusinessClockChanged}), and on {@code POST /api/admin/sweep}.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Only changes are published.</b> An indicator is written only when its judged status differs from the
 * stored one, or when it becomes {@code overdue} (RED behind schedule turning RED overdue is news: the plan year is
 * over); the write updates status, rule, expected and shortfall, never actual or asOf. The
 * {@link IndicatorStatusChanged} goes into the item's outbox in the same compare-and-set write, with
 * {@code reportId} null, {@code asOf} the date judged and an id derived from (indicator, rule, period, new status,
 * last report), so a re-run, or a second instance sweeping at the same time, publishes nothing new (the loser of
 * the compare-and-set reads again and finds nothing to change).</li>
 * <li><b>Reported indicators</b> following a curve (cumulative, level) or a rate are judged with their last value
 * as of today, the last report being the previous reading (so the period shows what the curve expected since).
 * Ceilings and floors are levels: time alone does not move them, the sweep leaves their status to the reports.
 * DONE is never undone. A report dated after today (the clock was set back) is not judged again.</li>
 * <li><b>Never-reported indicators</b> stay NOT_STARTED until their first report is missing or the plan year is
 * over. Then a curve target is judged with actual 0 (at least YELLOW {@code report-missing}); after the plan year a
 * rate target is judged with 0 too (RED {@code overdue}); otherwise (rates within the year, ceilings, floors) it is
 * YELLOW {@code report-missing}.</li>
 * <li><b>Missing reports</b> ({@link MissingReportRule}: cut-off 28 + grace 3): one {@link ReportMissing} per
 * (indicator, period), for the <em>latest</em> period due and missing only; periods skipped by a jump of the
 * simulated clock are not announced one by one ({@code lastReportAsOf} says since when nothing came). Run daily,
 * every period is announced as its deadline passes. Announced periods are kept in the indicator
 * ({@code missingPeriodsAnnounced}). A missing report alone does not change a reported indicator's status; a DONE
 * indicator is asked for no more reports.</li>
 * <li><b>Qualitative items</b> (no numeric targets) are asked for a monthly report the same way: one
 * {@link ReportMissing} per (item, period) with the item id as target, noted in {@code qualitativeProgress}; their
 * status stays what the reports say (NOT_STARTED before any: the goal API shows {@code unreported}).</li>
 * </ul>
 */
@Component
public class DailySweep {

    private static final Logger log = LoggerFactory.getLogger(DailySweep.class);

    private final PlanItems items;
    private final StatusRules rules;
    private final EventCodec codec;
    private final MeterRegistry meters;
    private final Clock clock;

    private final StatusAnnouncer announcer;

    private final ClusterJobs jobs;

    DailySweep(PlanItems items, StatusRules rules, EventCodec codec, StatusAnnouncer announcer, MeterRegistry meters,
            Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.announcer = announcer;
        this.items = items;
        this.rules = rules;
        this.codec = codec;
        this.meters = meters;
        this.clock = clock;
    }

    /** What one run did: items and indicators looked at, status changes and missing reports stored. */
    public record Summary(LocalDate date, String trigger, int itemsChecked, int indicatorsChecked,
            int statusChanges, int missingReportsAnnounced, int itemsSkipped) {
    }

    @Scheduled(cron = "${keywork.tracking.sweep-cron:0 30 1 * * *}", zone = "${keywork.clock.zone:Asia/Shanghai}")
    void daily() {
        // once per cluster; held at least 10 minutes, so an instance whose timer fires a moment later skips the tick
        jobs.runOnce("goal-daily-sweep", new ClusterJobs.Lease(Duration.ofMinutes(10), Duration.ofHours(2)),
                () -> run("schedule"));
    }

    @EventListener(BusinessClockChanged.class)
    void clockChanged(BusinessClockChanged changed) {
        run("business clock set to " + changed.businessTime());
    }

    /**
     * Sweeps every plan item at today's business date. Safe to run concurrently, here or on other instances; a
     * large plan is swept a few items at a time ({@link Lanes}): one at a time, a month end's 5,000 changed items
     * took over half a minute, mostly waiting for the store.
     */
    public Summary run(String trigger) {
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        List<PlanItem> all = items.all();
        AtomicInteger indicators = new AtomicInteger();
        AtomicInteger changes = new AtomicInteger();
        AtomicInteger missing = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        Lanes.each(all, "goal-sweep", item -> {
            indicators.addAndGet(item.indicators().size());
            ItemResult result = sweep(item, today);
            if (result == null) {
                skipped.incrementAndGet();
            } else {
                changes.addAndGet(result.statusChanges);
                missing.addAndGet(result.missingReports);
            }
        });
        meters.counter("keywork.goal.sweep.changes").increment(changes.get());
        meters.counter("keywork.goal.sweep.missing-reports").increment(missing.get());
        Summary summary = new Summary(today, trigger, all.size(), indicators.get(), changes.get(), missing.get(),
                skipped.get());
        log.info("Daily sweep for {} ({}): {} items, {} indicators, {} status changes, {} missing reports announced"
                        + "{} in {} ms", today, trigger, all.size(), indicators.get(), changes.get(), missing.get(),
                skipped.get() == 0 ? "" : ", " + skipped.get() + " items skipped (kept changing)",
                (System.nanoTime() - started) / 1_000_000);
        return summary;
    }

    private record ItemResult(int statusChanges, int missingReports) {
    }

    /** Sweeps one item; null when it kept changing under us (the next run will see it). */
    private ItemResult sweep(PlanItem first, LocalDate today) {
        ItemResult result = CompareAndSet.retryOr(null, attempt -> {
            PlanItem item = attempt == 1 ? first : items.find(first.planYear(), first.itemId()).orElse(null);
            if (item == null) {
                return CompareAndSet.done(new ItemResult(0, 0));
            }
            if (item.qualitative()) {
                ItemResult qualitative = sweepQualitative(item, today);
                return qualitative == null ? CompareAndSet.lost() : CompareAndSet.done(qualitative);
            }
            List<Indicator> updated = new ArrayList<>(item.indicators().size());
            List<OutboxEntry> events = new ArrayList<>();
            int statusChanges = 0;
            int missingReports = 0;
            for (Indicator indicator : item.indicators()) {
                Indicator next = indicator;
                Optional<MissingReport> missing = indicator.target() == null
                        || indicator.status() == TrackingStatus.DONE ? Optional.empty()
                        : rules.missingReports().check(indicator.asOf(), today, item.planYear());
                Judgement judgement = judgeAt(item, indicator, today, missing.orElse(null));
                if (judgement != null && isNews(indicator, judgement)) {
                    // the period colour stays that of the latest reported period: time alone does not report
                    next = next.withJudgement(judgement.assessmentKeepingPeriodOf(indicator));
                    events.add(statusChanged(item, indicator, next, judgement, today));
                    statusChanges++;
                }
                if (missing.isPresent() && !next.hasAnnouncedMissing(missing.get().period().toString())) {
                    next = next.withMissingAnnounced(missing.get().period().toString());
                    events.add(reportMissing(item, indicator, missing.get()));
                    missingReports++;
                }
                updated.add(next);
            }
            if (events.isEmpty()) {
                return CompareAndSet.done(new ItemResult(0, 0));
            }
            return items.update(item, updated, events)
                    ? CompareAndSet.done(new ItemResult(statusChanges, missingReports)) : CompareAndSet.lost();
        });
        if (result == null) {
            log.warn("Daily sweep skipped item {}/{}: it kept changing", first.planYear(), first.itemId());
        }
        return result;
    }

    /**
     * A qualitative item's missing report, announced once per period as an indicator's (its status stays what its
     * reports say); null on a lost race.
     */
    private ItemResult sweepQualitative(PlanItem item, LocalDate today) {
        QualitativeProgress progress = item.qualitativeProgress() == null ? QualitativeProgress.none()
                : item.qualitativeProgress();
        if (progress.status() == TrackingStatus.DONE) {
            return new ItemResult(0, 0);
        }
        Optional<MissingReport> missing = rules.missingReports().check(progress.asOf(), today, item.planYear());
        if (missing.isEmpty() || progress.hasAnnouncedMissing(missing.get().period().toString())) {
            return new ItemResult(0, 0);
        }
        ReportMissing event = new ReportMissing(item.planYear(), item.itemId(), item.title(), item.itemId(),
                PlanItem.GOAL_TARGET_NAME, missing.get().period().toString(), missing.get().deadline(),
                progress.asOf(), item.responsibility());
        if (items.updateQualitative(item, progress.withMissingAnnounced(missing.get().period().toString()),
                List.of(reportMissing(item.planYear(), item.itemId(), missing.get(), event)))) {
            return new ItemResult(0, 1);
        }
        return null;
    }

    /** The indicator judged at {@code today}, or null when the sweep has nothing to say about it. */
    Judgement judgeAt(PlanItem item, Indicator indicator, LocalDate today, MissingReport missing) {
        if (indicator.target() == null || indicator.status() == TrackingStatus.DONE) {
            return null;
        }
        TargetKind kind = TargetKind.of(indicator.direction(), indicator.name());
        boolean yearOver = today.isAfter(LocalDate.of(item.planYear(), 12, 31));
        if (indicator.actual() != null && indicator.asOf() != null) {
            if (!(kind.followsCurve() || kind.isRate()) || indicator.asOf().isAfter(today)) {
                return null;
            }
            StatusRules.Reading last = new StatusRules.Reading(indicator.actual(), indicator.asOf());
            return rules.judge(kind, indicator.target(), rules.curveFor(indicator), item.planYear(),
                    new StatusRules.Reading(indicator.actual(), today), last, indicator.status());
        }
        boolean judgeWithZero = kind.followsCurve() && (missing != null || yearOver) || kind.isRate() && yearOver;
        if (judgeWithZero) {
            Judgement zero = rules.judge(kind, indicator.target(), rules.curveFor(indicator), item.planYear(),
                    new StatusRules.Reading(BigDecimal.ZERO, today), null, indicator.status());
            if (zero.status() == TrackingStatus.GREEN && missing != null) {
                return missing.judgement();
            }
            return zero;
        }
        return missing == null ? null : missing.judgement();
    }

    /** A status other than the stored one, or a target becoming overdue (RED to RED, but the year is over). */
    private static boolean isNews(Indicator indicator, Judgement judgement) {
        return judgement.status() != indicator.status()
                || StatusRules.OVERDUE.equals(judgement.rule()) && !StatusRules.OVERDUE.equals(indicator.rule());
    }

    private OutboxEntry statusChanged(PlanItem item, Indicator before, Indicator after, Judgement judgement,
            LocalDate today) {
        IndicatorStatusChanged event = judgement.changeOf(item, before, after, today, null);
        UUID eventId = UUID.nameUUIDFromBytes(("indicator-status-sweep:" + item.planYear() + ":" + after.id() + ":"
                + judgement.rule() + ":" + judgement.period() + ":" + after.status() + ":" + after.lastReportId())
                .getBytes(StandardCharsets.UTF_8));
        return announcer.statusChanged(eventId, event);
    }

    private OutboxEntry reportMissing(PlanItem item, Indicator indicator, MissingReport missing) {
        ReportMissing event = new ReportMissing(item.planYear(), item.itemId(), item.title(), indicator.id(),
                indicator.name(), missing.period().toString(), missing.deadline(), indicator.asOf(),
                item.responsibility());
        return reportMissing(item.planYear(), indicator.id(), missing, event);
    }

    /** The missing-report event of a target (an indicator, or a qualitative item's goal), one id per period. */
    private OutboxEntry reportMissing(int planYear, String targetId, MissingReport missing, ReportMissing event) {
        UUID eventId = UUID.nameUUIDFromBytes(("report-missing:" + planYear + ":" + targetId + ":"
                + missing.period()).getBytes(StandardCharsets.UTF_8));
        return codec.outboxEntry(Topics.REPORTS_MISSING, eventId, event);
    }
}
