package org.keywork.project.project;

import java.util.List;
import java.util.Optional;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.events.OutboxRelay;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Reads the stored construction items of a plan year, in document order (by section, then item number), and
 * records changes of who answers for one.
 */
@Service
class StoredConstructionItems {

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    StoredConstructionItems(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    List<ConstructionItem> list(int planYear, Boolean starred) {
        Criteria criteria = Criteria.where("planYear").is(planYear);
        if (starred != null) {
            criteria = criteria.and("starred").is(starred);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("section", "itemNumber")), ConstructionItem.class);
    }

    Optional<ConstructionItem> find(int planYear, String itemId) {
        return Optional.ofNullable(mongo.findById(ConstructionItem.id(planYear, itemId), ConstructionItem.class));
    }

    /**
     * Sets the responsibility {@code change} names (no longer sample), records the change with the item and appends
     * {@code published} to its outbox, in one write, if nobody changed the item since {@code expected} was read
     * (compare-and-set on {@code revision}). Returns false on a lost race: the caller reads again and retries.
     */
    boolean changeResponsibility(ConstructionItem expected, ResponsibilityChange change, OutboxEntry published) {
        Update update = new Update().set("responsibility", change.after()).set("sampleResponsibility", false)
                .push("responsibilityChanges", change).inc("revision", 1);
        EventOutbox.append(update, expected.id(), published);
        boolean changed = mongo.updateFirst(Query.query(expected.stillAsRead()), update, ConstructionItem.class)
                .getMatchedCount() == 1;
        if (changed) {
            relay.publishSoon(ConstructionItem.COLLECTION, expected.id());
        }
        return changed;
    }
}
