package org.keywork.project.project;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * At start-up, stores each construction item of the shipped plan that is not stored yet, together with its
 * {@code PlanItemPublished} event (one atomic write per item), and has the relay publish it; the relay's sweep
 * publishes whatever is left (e.g. while the broker was down). The event id is derived from the item and the plan
 * version, so redoing the work (a crash between the write and the publication, two instances starting at once)
 * yields the same event; items already stored are left alone, so a restart stores and publishes nothing new.
 *
 * <p>A changed definition of a stored item (a new plan version) is the document importer's business, not this
 * seeder's.
 */
@Component
class ConstructionItemsSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConstructionItemsSeeder.class);

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;

    ConstructionItemsSeeder(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed(ConstructionPlanSeed.load(new ClassPathResource(ConstructionPlanSeed.PLAN_2021)));
    }

    /** Stores the items of {@code plan} not stored yet; returns how many it stored. */
    int seed(ConstructionPlanSeed plan) {
        int stored = 0;
        for (ConstructionPlanSeed.Item item : plan.items()) {
            String id = ConstructionItem.id(plan.planYear(), item.itemId());
            if (mongo.exists(Query.query(Criteria.where("_id").is(id)), ConstructionItem.class)) {
                continue;
            }
            try {
                mongo.insert(toDocument(plan, item));
            } catch (DuplicateKeyException storedMeanwhile) {
                continue; // another instance seeded it first: its event is the same one
            }
            relay.publishSoon(ConstructionItem.COLLECTION, id);
            stored++;
        }
        log.info("Construction items of {}: {} stored now, {} already stored", plan.planYear(), stored,
                plan.items().size() - stored);
        return stored;
    }

    /** The event id of a plan item's definition: the same for the same item and plan version, every time. */
    static UUID eventId(int planYear, String itemId, int planVersion) {
        return UUID.nameUUIDFromBytes(("plan-item:" + ConstructionItem.id(planYear, itemId) + ":v" + planVersion)
                .getBytes(StandardCharsets.UTF_8));
    }

    private ConstructionItem toDocument(ConstructionPlanSeed plan, ConstructionPlanSeed.Item item) {
        ConstructionItem definition = new ConstructionItem(ConstructionItem.id(plan.planYear(), item.itemId()),
                plan.planYear(), item.itemId(), item.number(), plan.section(), plan.sectionTitle(), item.title(),
                item.starred(), item.milestones(), item.responsibility(), plan.sample(), plan.planVersion(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), List.of());
        return definition.withOutbox(List.of(codec.outboxEntry(Topics.PLAN_ITEMS,
                eventId(plan.planYear(), item.itemId(), plan.planVersion()), definition.published())));
    }
}
