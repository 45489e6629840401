package org.keywork.project.project;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.keywork.events.MilestoneStatusChanged;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.events.TargetKind;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.store.CompareAndSet;
import org.keywork.support.store.DueMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Tracks the milestones project-service owns: applies milestone reports ({@code progress.report-accepted} with
 * {@code targetKind=MILESTONE} and a {@code reachedOn}), sets forecasts, and judges every milestone with
 * {@link MilestoneRule} at the business date ({@code LocalDate.now(clock)}).
 *
 * <p>Every change is one compare-and-set write on the item's {@code revision}: the changed milestones (new tracking
 * fields, new statuses) together with a {@link MilestoneStatusChanged} event for each milestone whose status changed,
 * appended to the item's outbox. A lost race re-reads the item and starts over. Only status changes are published;
 * the event id is derived from milestone, rule, period and new status, so redoing a judgement yields the same event.
 */
@Service
class MilestoneTracker {

    /** What applying a change or a sweep did to one item. */
    record Result(boolean changed, int statusChanges) {
        static final Result NONE = new Result(false, 0);
    }

    /** How many items and milestones one sweep judged, and how many statuses changed. */
    record SweepResult(LocalDate businessDate, int items, int milestones, int statusChanges) {
    }

    private static final Logger log = LoggerFactory.getLogger(MilestoneTracker.class);

    /** Items read per query of the due sweep, and at most so many queries per sweep (the rest waits a day). */
    private static final int DUE_BATCH = 200;
    private static final int MAX_DUE_BATCHES = 100;

    private final StoredConstructionItems store;
    private final EventCodec codec;
    private final Clock clock;
    private final MilestoneRule rule;
    private final ParkedMilestoneReports parked;

    MilestoneTracker(StoredConstructionItems store, EventCodec codec, Clock clock,
            @Value("${keywork.tracking.milestone-start-red-months:3}") int startRedMonths,
            ParkedMilestoneReports parked) {
        this.parked = parked;
        this.store = store;
        this.codec = codec;
        this.clock = clock;
        this.rule = new MilestoneRule(startRedMonths);
    }

    /**
     * Applies a milestone report: a {@code reachedOn} marks the milestone reached (the earliest reported date is
     * kept), once per report id. Reports on indicators, on items or milestones project-service does not own, and
     * milestone reports without a reached date change nothing.
     */
    Result apply(ProgressReportAccepted report) {
        if (report.targetKind() != TargetKind.MILESTONE) {
            log.debug("Report {} is on a {} target; not a milestone", report.reportId(), report.targetKind());
            return Result.NONE;
        }
        if (report.reachedOn() == null) {
            log.info("Milestone report {} on {} carries no reachedOn (value {}); ignored", report.reportId(),
                    report.targetId(), report.value());
            return Result.NONE;
        }
        if (report.reportId() == null || report.itemId() == null || report.targetId() == null) {
            log.warn("Milestone report {} names no report, item or milestone; ignored", report.reportId());
            return Result.NONE;
        }
        Optional<ConstructionItem> owned = find(report.planYear(), report.itemId());
        if (owned.isEmpty() || milestone(owned.get(), report.targetId()).isEmpty()) {
            boolean parkedNow = parked.park(report);
            log.info("Milestone report {} on {} of {}: no such milestone here yet; {} until its item is defined",
                    report.reportId(), report.targetId(), report.planYear(), parkedNow ? "parked" : "already parked");
            return Result.NONE;
        }
        Result result = change(report.planYear(), report.itemId(), report.targetId(),
                m -> m.applied(report.reportId()) ? m : m.reached(report.reachedOn(), report.reportId()));
        log.info("Milestone report {} on {} (reached {}): {}", report.reportId(), report.targetId(),
                report.reachedOn(), result.changed() ? "applied" : "already applied");
        return result;
    }

    /**
     * Applies the reports that arrived before item {@code itemId} (or their milestone) was defined, now that it is;
     * reports whose milestone the item still lacks stay parked. Each report is applied once (by its id) and then
     * released, so a crash in between redoes nothing twice.
     *
     * @return how many parked reports were applied
     */
    int applyParked(int planYear, String itemId) {
        int applied = 0;
        for (ParkedMilestoneReports.Parked waiting : parked.of(planYear, itemId)) {
            Optional<ConstructionItem> item = find(planYear, itemId);
            if (item.isEmpty() || milestone(item.get(), waiting.report().targetId()).isEmpty()) {
                continue;
            }
            ProgressReportAccepted report = waiting.report();
            change(planYear, itemId, report.targetId(),
                    m -> m.applied(report.reportId()) ? m : m.reached(report.reachedOn(), report.reportId()));
            parked.release(report.reportId());
            applied++;
            log.info("Parked milestone report {} on {} applied now that {} is defined", report.reportId(),
                    report.targetId(), itemId);
        }
        return applied;
    }

    /** Sets the forecast date of a milestone and judges it; empty when the item or the milestone is unknown. */
    Optional<ConstructionItem> forecast(int planYear, String itemId, String milestoneId, LocalDate forecastDate,
            String reason) {
        Optional<ConstructionItem> item = find(planYear, itemId);
        if (item.isEmpty() || milestone(item.get(), milestoneId).isEmpty()) {
            return Optional.empty();
        }
        change(planYear, itemId, milestoneId, m -> m.forecast(forecastDate, reason));
        return find(planYear, itemId);
    }

    /**
     * The daily sweep: judges, at the business date, the milestones of the items whose due marker says time alone may
     * have changed something by today (and of new or redefined items); stores and publishes only changes. Every item
     * judged gets its next look, so the loop ends; it reads no item that is not due.
     */
    SweepResult sweepDue() {
        LocalDate today = LocalDate.now(clock);
        int items = 0;
        int milestones = 0;
        int changes = 0;
        for (int batch = 0; batch < MAX_DUE_BATCHES; batch++) {
            List<ConstructionItem> due = store.milestonesDueBy(today, DUE_BATCH);
            for (ConstructionItem item : due) {
                items++;
                milestones += item.milestones().size();
                changes += change(item.planYear(), item.itemId(), null, UnaryOperator.identity()).statusChanges();
            }
            if (due.size() < DUE_BATCH) {
                break;
            }
        }
        log.info("Milestone sweep of due items at {}: {} items, {} milestones, {} status changes", today, items,
                milestones, changes);
        return new SweepResult(today, items, milestones, changes);
    }

    /**
     * Judges every milestone of every stored item at the business date; stores and publishes only changes, and sets
     * every item's due marker afresh. For a sweep on demand and for a business clock set back (or first seen by this
     * instance), when the markers were set for a later day than the one now judged.
     */
    SweepResult sweep() {
        LocalDate today = LocalDate.now(clock);
        int items = 0;
        int milestones = 0;
        int changes = 0;
        for (ConstructionItem item : store.all()) {
            items++;
            milestones += item.milestones().size();
            changes += change(item.planYear(), item.itemId(), null, UnaryOperator.identity()).statusChanges();
        }
        log.info("Milestone sweep at {}: {} items, {} milestones, {} status changes", today, items, milestones,
                changes);
        return new SweepResult(today, items, milestones, changes);
    }

    /**
     * Applies {@code edit} to milestone {@code milestoneId} (every milestone when null), judges all milestones of the
     * item at the business date and stores what changed with the events of the status changes and the item's next
     * look, in one compare-and-set write.
     */
    private Result change(int planYear, String itemId, String milestoneId, UnaryOperator<Milestone> edit) {
        return CompareAndSet.retry(CompareAndSet.ATTEMPTS, attempt -> {
            ConstructionItem item = find(planYear, itemId).orElse(null);
            if (item == null) {
                return CompareAndSet.done(Result.NONE);
            }
            LocalDate today = LocalDate.now(clock);
            List<Milestone> next = new ArrayList<>();
            List<OutboxEntry> events = new ArrayList<>();
            LocalDate nextLook = null;
            for (Milestone milestone : item.milestones()) {
                Milestone edited = milestoneId == null || milestone.id().equals(milestoneId)
                        ? edit.apply(milestone) : milestone;
                MilestoneRule.Judgement judgement = rule.judge(edited, today);
                if (judgement.status() != edited.statusOrDefault()) {
                    events.add(codec.outboxEntry(Topics.MILESTONE_STATUS, eventId(item, edited, judgement),
                            event(item, edited, judgement, today)));
                    edited = edited.withStatus(judgement.status());
                }
                next.add(edited);
                LocalDate look = rule.nextLook(edited, today);
                if (look != null && (nextLook == null || look.isBefore(nextLook))) {
                    nextLook = look;
                }
            }
            String marker = nextLook == null ? null : DueMarker.mark(nextLook, item.id());
            if (next.equals(item.milestones()) && Objects.equals(marker, item.milestoneCheck())) {
                return CompareAndSet.done(Result.NONE);
            }
            if (!store.judged(item, next, nextLook, events)) {
                log.debug("Construction item {} changed while its milestones were judged; reading it again",
                        item.id());
                return CompareAndSet.lost();
            }
            if (!events.isEmpty()) {
                log.info("Construction item {} of {}: {} milestone status changes at {}", itemId, planYear,
                        events.size(), today);
            }
            return CompareAndSet.done(new Result(!next.equals(item.milestones()), events.size()));
        }, () -> new IllegalStateException("Construction item " + ConstructionItem.id(planYear, itemId)
                + " kept changing while its milestones were tracked; try again"));
    }

    /** The id of a status change event: the same for the same milestone, rule, period and new status. */
    static UUID eventId(ConstructionItem item, Milestone milestone, MilestoneRule.Judgement judgement) {
        return UUID.nameUUIDFromBytes(("milestone-status:" + item.planYear() + "/" + milestone.id() + ":"
                + judgement.rule() + ":" + judgement.period() + ":" + judgement.status())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static MilestoneStatusChanged event(ConstructionItem item, Milestone milestone,
            MilestoneRule.Judgement judgement, LocalDate today) {
        return new MilestoneStatusChanged(item.planYear(), item.itemId(), item.title(), milestone.id(),
                milestone.name(), milestone.type().name(), judgement.rule(), judgement.period(),
                milestone.statusOrDefault(), judgement.status(), milestone.plannedDate(), milestone.forecastDate(),
                milestone.reachedOn(), today, item.responsibility(), !milestone.unscheduled());
    }

    private Optional<ConstructionItem> find(int planYear, String itemId) {
        return store.find(planYear, itemId);
    }

    private static Optional<Milestone> milestone(ConstructionItem item, String milestoneId) {
        return item.milestones().stream().filter(m -> m.id().equals(milestoneId)).findFirst();
    }
}
