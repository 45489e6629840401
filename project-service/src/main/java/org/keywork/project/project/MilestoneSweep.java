package org.keywork.project.project;

import org.keywork.support.clock.BusinessClockChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The daily milestone sweep: every milestone judged at the business date, nightly, whenever the simulated business
 * clock is set, and on demand ({@code POST /api/admin/sweep}). Sweeps may overlap (instances, triggers): every write
 * is a compare-and-set and event ids are deterministic, so a change is stored and published once.
 */
@RestController
class MilestoneSweep {

    private static final Logger log = LoggerFactory.getLogger(MilestoneSweep.class);

    private final MilestoneTracker tracker;

    MilestoneSweep(MilestoneTracker tracker) {
        this.tracker = tracker;
    }

    @Scheduled(cron = "${keywork.tracking.sweep-cron:0 30 1 * * *}", zone = "${keywork.clock.zone:Asia/Shanghai}")
    void nightly() {
        tracker.sweep();
    }

    @EventListener(BusinessClockChanged.class)
    void clockChanged(BusinessClockChanged changed) {
        log.info("Business clock set to {}; sweeping milestones", changed.businessTime());
        tracker.sweep();
    }

    @PostMapping("/api/admin/sweep")
    MilestoneTracker.SweepResult sweep() {
        return tracker.sweep();
    }
}
