package org.keywork.goal.tracking;

import java.time.Instant;
import java.time.LocalDate;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.TrackingStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One status change of an indicator or of a qualitative item (最新变化), as its {@link IndicatorStatusChanged} event
 * announced it; {@code _id} is that event's id, so storing it again changes nothing.
 *
 * @param targetId   the indicator ({@code S.N#K}), null for a qualitative item's own status
 * @param targetName the indicator's name (null for a qualitative item)
 * @param at         when it changed, by the business clock
 * @param asOf       the date judged
 */
@Document(StatusChange.COLLECTION)
record StatusChange(@Id String id, int planYear, String itemId, String title, String targetId, String targetName,
        TrackingStatus from, TrackingStatus to, String rule, Instant at, LocalDate asOf, String department,
        String leader) {

    static final String COLLECTION = "status_changes";

    static StatusChange of(String eventId, IndicatorStatusChanged event, Instant at) {
        boolean itemLevel = event.indicatorId() == null || event.indicatorId().equals(event.itemId());
        return new StatusChange(eventId, event.planYear(), event.itemId(), event.itemTitle(),
                itemLevel ? null : event.indicatorId(), itemLevel ? null : event.indicatorName(), event.previous(),
                event.current(), event.rule(), at, event.asOf(),
                event.responsibility() == null ? null : event.responsibility().leadDepartment(),
                event.responsibility() == null ? null : event.responsibility().leaderPosition());
    }
}
