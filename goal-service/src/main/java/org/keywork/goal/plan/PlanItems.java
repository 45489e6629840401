package org.keywork.goal.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.events.OutboxRelay;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The stored plan items of goal-service, and the one way to change one: compare-and-set on its revision. */
@Component
public class PlanItems {

    private static final Comparator<PlanItem> READING_ORDER = Comparator.comparingInt(PlanItem::section)
            .thenComparingInt(item -> Integer.parseInt(item.itemId().substring(item.itemId().indexOf('.') + 1)));

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    PlanItems(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    public Optional<PlanItem> find(int planYear, String itemId) {
        return Optional.ofNullable(mongo.findById(PlanItem.id(planYear, itemId), PlanItem.class));
    }

    public List<PlanItem> ofYear(int planYear) {
        return mongo.find(Query.query(Criteria.where("planYear").is(planYear)), PlanItem.class).stream()
                .sorted(READING_ORDER).toList();
    }

    public boolean exists(int planYear, String itemId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(PlanItem.id(planYear, itemId))), PlanItem.class);
    }

    /** Stores a new item with the events announcing it, and has them published. */
    void create(PlanItem item) {
        mongo.insert(item);
        relay.publishSoon(PlanItem.COLLECTION, item.id());
    }

    /**
     * Replaces the item's indicators and appends events, if nobody changed the item since {@code expected} was
     * read. Returns false on a lost race: the caller reads again and retries.
     */
    public boolean update(PlanItem expected, List<Indicator> indicators, List<OutboxEntry> events) {
        Update update = new Update().set("indicators", indicators).inc("revision", 1);
        if (!events.isEmpty()) {
            update.push("outbox").each(events.toArray());
        }
        boolean updated = mongo.updateFirst(Query.query(Criteria.where("_id").is(expected.id())
                .and("revision").is(expected.revision())), update, PlanItem.class).getModifiedCount() == 1;
        if (updated && !events.isEmpty()) {
            relay.publishSoon(PlanItem.COLLECTION, expected.id());
        }
        return updated;
    }
}
