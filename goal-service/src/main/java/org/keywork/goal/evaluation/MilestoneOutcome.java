package org.keywork.goal.evaluation;

import java.time.LocalDate;
import org.keywork.events.TrackingStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What goal-service knows of a construction milestone's outcome, from project-service's status events, for the
 * year-end evaluation ({@code _id} = {@code year/S.N#K}).
 */
@Document(MilestoneOutcome.COLLECTION)
record MilestoneOutcome(@Id String id, int planYear, String itemId, String milestoneId, TrackingStatus status,
        LocalDate plannedDate, LocalDate reachedOn, LocalDate asOf) {

    static final String COLLECTION = "milestone_outcomes";

    static String id(int planYear, String milestoneId) {
        return planYear + "/" + milestoneId;
    }
}
