package org.keywork.project.project;

import org.keywork.events.TrackingStatus;

/**
 * Where a milestone stands as {@code /api/projects} shows it: the tracked {@link TrackingStatus}, and
 * {@link #UNSCHEDULED} for an unscheduled milestone with nothing to judge yet (its tracked status is NOT_STARTED;
 * see {@link MilestoneRule}).
 */
enum MilestoneStatus {
    /** A scheduled milestone not judged yet. */
    NOT_STARTED,
    /** 未排期: no planned date, not reached, before the last quarter of the plan year. */
    UNSCHEDULED,
    GREEN,
    YELLOW,
    RED,
    DONE;

    static MilestoneStatus of(Milestone milestone) {
        TrackingStatus tracked = milestone.statusOrDefault();
        return milestone.unscheduled() && tracked == TrackingStatus.NOT_STARTED ? UNSCHEDULED : valueOf(tracked.name());
    }
}
