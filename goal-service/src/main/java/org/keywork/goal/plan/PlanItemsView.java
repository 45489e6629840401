package org.keywork.goal.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every plan item in memory, for the reads that want a whole plan (the dashboard summary, the goals list, the plan
 * page, the evaluation): they never wait for the store to read thousands of documents.
 *
 * <p>Loaded on first use; then an item is read again, by id, when it is known to have changed: written by this
 * instance ({@link #changed}), announced by any instance's events (a status change or a new definition: {@link
 * #changed}; a report taken in: {@link #reported}, re-read until the item shows that report, so that what another
 * instance applies is seen as soon as it is stored). A read first catches up on what changed, so an instance reads
 * its own writes, and every instance sees another's within the events' delivery time.
 */
final class PlanItemsView {

    /** A report no instance applies within this time is no longer waited for (the item does not take it). */
    static final long REPORT_PATIENCE_NANOS = 30_000_000_000L;

    private final Supplier<List<PlanItem>> loadAll;
    private final Function<Collection<String>, List<PlanItem>> loadByIds;
    private final Map<String, PlanItem> items = new ConcurrentHashMap<>();
    private final Map<String, Pending> dirty = new ConcurrentHashMap<>();
    private final ReentrantLock catchingUp = new ReentrantLock();
    private volatile boolean loaded;

    PlanItemsView(Supplier<List<PlanItem>> loadAll, Function<Collection<String>, List<PlanItem>> loadByIds) {
        this.loadAll = loadAll;
        this.loadByIds = loadByIds;
    }

    /** The items of one plan year, as currently stored (in no particular order). */
    List<PlanItem> ofYear(int planYear) {
        catchUp();
        List<PlanItem> year = new ArrayList<>();
        for (PlanItem item : items.values()) {
            if (item.planYear() == planYear) {
                year.add(item);
            }
        }
        return year;
    }

    /** The item {@code id} changed: read it again before the next answer. */
    void changed(String id) {
        dirty.computeIfAbsent(id, key -> new Pending());
    }

    /** A report for the item was accepted: read the item again until it shows the report (or patience runs out). */
    void reported(String id, String reportId) {
        long now = System.nanoTime();
        dirty.compute(id, (key, pending) -> (pending == null ? new Pending() : pending).add(reportId, now));
    }

    private void catchUp() {
        if (loaded && dirty.isEmpty()) {
            return;
        }
        catchingUp.lock();
        try {
            if (!loaded) {
                dirty.clear();
                items.clear();
                loadAll.get().forEach(item -> items.put(item.id(), item));
                loaded = true;
                return;
            }
            if (dirty.isEmpty()) {
                return;
            }
            Map<String, Pending> taken = new ConcurrentHashMap<>();
            for (String id : new ArrayList<>(dirty.keySet())) {
                Pending pending = dirty.remove(id);
                if (pending != null) {
                    taken.put(id, pending);
                }
            }
            Set<String> found = new HashSet<>();
            for (PlanItem item : loadByIds.apply(taken.keySet())) {
                items.put(item.id(), item);
                found.add(item.id());
                Pending still = taken.get(item.id()).notYetIn(item);
                if (still != null) {
                    dirty.merge(item.id(), still, Pending::merge);
                }
            }
            taken.keySet().stream().filter(id -> !found.contains(id)).forEach(items::remove);
        } finally {
            catchingUp.unlock();
        }
    }

    /**
     * What an item is read again for: once, and/or until it shows these reports (each with when it came, oldest
     * first). Changed only inside the map's {@code compute} for its item, or after it left the map; reports older
     * than the patience are dropped as new ones come, so an item nobody reads holds at most that long a backlog.
     */
    private static final class Pending {

        private final LinkedHashMap<String, Long> reports = new LinkedHashMap<>();

        Pending add(String reportId, long now) {
            reports.putIfAbsent(reportId, now);
            Iterator<Long> oldest = reports.values().iterator();
            while (oldest.hasNext() && now - oldest.next() >= REPORT_PATIENCE_NANOS) {
                oldest.remove();
            }
            return this;
        }

        Pending merge(Pending other) {
            other.reports.forEach(reports::putIfAbsent);
            return this;
        }

        /** What is still to wait for after reading {@code item}, or null. */
        Pending notYetIn(PlanItem item) {
            long now = System.nanoTime();
            Pending waiting = new Pending();
            reports.forEach((reportId, since) -> {
                if (now - since < REPORT_PATIENCE_NANOS && !shows(item, reportId)) {
                    waiting.reports.put(reportId, since);
                }
            });
            return waiting.reports.isEmpty() ? null : waiting;
        }

        private static boolean shows(PlanItem item, String reportId) {
            if (item.qualitativeProgress() != null && item.qualitativeProgress().hasApplied(reportId)) {
                return true;
            }
            return item.indicators().stream().anyMatch(indicator -> indicator.hasApplied(reportId));
        }
    }
}
