package org.keywork.goal.tracking;

import java.time.Clock;
import java.util.UUID;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxEntry;
import org.springframework.stereotype.Component;

/**
 * Where every status event of goal-service is produced (a report, the daily sweep, a new curve): the outbox entry
 * that the item's compare-and-set will carry, and the change kept for 最新变化 ({@link StatusChanges}) under the
 * event's id, so that a retry or a redelivery stores it once.
 */
@Component
class StatusAnnouncer {

    private final EventCodec codec;
    private final StatusChanges changes;
    private final Clock clock;

    StatusAnnouncer(EventCodec codec, StatusChanges changes, Clock clock) {
        this.codec = codec;
        this.changes = changes;
        this.clock = clock;
    }

    OutboxEntry statusChanged(UUID eventId, IndicatorStatusChanged event) {
        changes.record(StatusChange.of(eventId.toString(), event, clock.instant()));
        return codec.outboxEntry(Topics.INDICATOR_STATUS, eventId, event);
    }
}
