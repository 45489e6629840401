package org.keywork.project.project;

import java.time.Duration;
import org.keywork.support.jobs.ClusterJobs;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import org.keywork.support.clock.BusinessClockChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The daily milestone sweep: nightly and whenever the simulated business clock is set it judges, at the business
 * date, only the items whose due marker ({@code milestoneCheck}) is due; on demand ({@code POST /api/admin/sweep})
 * it judges every milestone. An instance also judges every milestone the first time it sweeps (items stored before
 * markers existed get theirs) and whenever the business date went back (the markers were set for a later day).
 * Sweeps may overlap (instances, triggers): every write is a compare-and-set and event ids are deterministic, so a
 * change is stored and published once.
 */
@RestController
class MilestoneSweep {

    private static final Logger log = LoggerFactory.getLogger(MilestoneSweep.class);

    private final MilestoneTracker tracker;
    private final Clock clock;
    /** The business date this instance last swept at; null before its first sweep. */
    private final AtomicReference<LocalDate> lastSwept = new AtomicReference<>();

    private final ClusterJobs jobs;

    MilestoneSweep(MilestoneTracker tracker, Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.tracker = tracker;
        this.clock = clock;
    }

    @Scheduled(cron = "${keywork.tracking.sweep-cron:0 30 1 * * *}", zone = "${keywork.clock.zone:Asia/Shanghai}")
    void nightly() {
        // once per cluster; held at least 10 minutes, so an instance whose timer fires a moment later skips the tick
        jobs.runOnce("project-milestone-sweep", new ClusterJobs.Lease(Duration.ofMinutes(10), Duration.ofHours(1)),
                this::daily);
    }

    @EventListener(BusinessClockChanged.class)
    void clockChanged(BusinessClockChanged changed) {
        log.info("Business clock set to {}; sweeping milestones", changed.businessTime());
        daily();
    }

    @PostMapping("/api/admin/sweep")
    MilestoneTracker.SweepResult sweep() {
        lastSwept.set(LocalDate.now(clock));
        return tracker.sweep();
    }

    /** The due items only, unless this instance never swept or the business date went back since it last did. */
    MilestoneTracker.SweepResult daily() {
        LocalDate today = LocalDate.now(clock);
        LocalDate before = lastSwept.getAndSet(today);
        return before == null || today.isBefore(before) ? tracker.sweep() : tracker.sweepDue();
    }
}
