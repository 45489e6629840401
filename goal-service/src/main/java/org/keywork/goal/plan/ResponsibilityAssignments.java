package org.keywork.goal.plan;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keywork.events.Responsibility;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
import org.springframework.stereotype.Service;

/**
 * Assigns who answers for a goal item: records the change with the item (who, when, from what to what, why),
 * replaces the sample, and announces the item's new definition. One way for {@code PUT …/responsibility} and for
 * the 任务分解表 alike.
 */
@Service
public class ResponsibilityAssignments {

    private final PlanItems items;
    private final EventCodec codec;
    private final Clock clock;

    ResponsibilityAssignments(PlanItems items, EventCodec codec, Clock clock) {
        this.items = items;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Makes {@code wanted} the item's responsibility; returns the item as it then stands, or empty when the plan
     * of that year has no such item. Assigning what is already assigned (not the sample) changes nothing.
     */
    public Optional<PlanItem> assign(int year, String itemId, Responsibility wanted, String by, String reason) {
        while (true) {
            Optional<PlanItem> found = items.find(year, itemId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            PlanItem item = found.get();
            if (wanted.equals(item.responsibility()) && !item.sampleResponsibility()) {
                return found;
            }
            ResponsibilityChange change = new ResponsibilityChange(clock.instant(), by == null ? "anonymous" : by,
                    reason, item.responsibility(), wanted);
            PlanItem after = new PlanItem(item.id(), item.planYear(), item.itemId(), item.section(),
                    item.sectionTitle(), item.title(), item.starred(), item.starCount(), wanted, false,
                    item.responsibilityChanges(), item.planVersion(), item.definedBy(), item.indicators(),
                    item.revision(), List.of());
            UUID eventId = UUID.nameUUIDFromBytes(("plan-item:" + item.id() + ":v" + item.planVersion() + ":r"
                    + (item.revision() + 1)).getBytes(StandardCharsets.UTF_8));
            if (items.changeResponsibility(item, change, codec.outboxEntry(Topics.PLAN_ITEMS, eventId,
                    after.published()))) {
                return items.find(year, itemId);
            }
        }
    }
}
