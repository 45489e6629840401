package org.keywork.progress.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keywork.events.PlanItemPublished;
import org.keywork.events.PlanTarget;
import org.keywork.events.Responsibility;
import org.keywork.events.TargetKind;
import org.keywork.testing.MongoWireServers;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Two instances of progress-service share one catalog collection: each reads items from memory, and sees a definition
 * the other applied once it has read the change counter again.
 */
class PlanCatalogTest {

    private final MongoClient client = MongoClients.create(MongoWireServers.uri("catalog-test"));
    private final MongoTemplate mongo = new MongoTemplate(client, "catalog-test-" + System.nanoTime());

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void anItemIsReadFromMemoryUntilTheCatalogChanges() {
        PlanCatalog one = new PlanCatalog(mongo, Duration.ZERO);
        PlanCatalog other = new PlanCatalog(mongo, Duration.ZERO);
        one.apply(published(1, "200"));
        assertThat(other.target(2021, "5.6", "5.6#1")).get().extracting(KnownTarget::value)
                .isEqualTo(new BigDecimal("200"));

        // the stored copy changed behind the catalog's back (no change counted): both go on from memory
        mongo.updateFirst(Query.query(Criteria.where("_id").is("2021/5.6")), new Update().set("title", "改过"),
                CatalogItem.COLLECTION);
        mongo.updateFirst(Query.query(Criteria.where("_id").is("2021/5.6")),
                new Update().set("targets.0.value", new BigDecimal("999")), CatalogItem.COLLECTION);
        assertThat(other.target(2021, "5.6", "5.6#1")).get().extracting(KnownTarget::value)
                .isEqualTo(new BigDecimal("200"));

        // a new definition applied by one instance: at once there, on the other at its next look at the counter
        one.apply(published(2, "300"));
        assertThat(one.target(2021, "5.6", "5.6#1")).get().extracting(KnownTarget::value)
                .isEqualTo(new BigDecimal("300"));
        assertThat(other.target(2021, "5.6", "5.6#1")).get().extracting(KnownTarget::value)
                .isEqualTo(new BigDecimal("300"));
        // an older version arriving late changes nothing, anywhere
        one.apply(published(1, "200"));
        assertThat(other.target(2021, "5.6", "5.6#1")).get().extracting(KnownTarget::value)
                .isEqualTo(new BigDecimal("300"));
        assertThat(other.items(2021)).extracting(CatalogItem::itemId).containsExactly("5.6");
    }

    @Test
    void anInstanceLooksAtTheCounterAtMostOnceARefreshAndAnUnknownItemIsAskedForAgain() {
        PlanCatalog one = new PlanCatalog(mongo, Duration.ZERO);
        PlanCatalog slow = new PlanCatalog(mongo, Duration.ofHours(1));
        assertThat(slow.hasItem(2021, "5.6")).isFalse();
        one.apply(published(1, "200"));
        assertThat(slow.hasItem(2021, "5.6")).as("not known before: read again").isTrue();
        one.apply(published(2, "300"));
        assertThat(slow.target(2021, "5.6", "5.6#1")).get().extracting(KnownTarget::value)
                .as("within its refresh interval it goes on with what it read").isEqualTo(new BigDecimal("200"));
    }

    private static PlanItemPublished published(int planVersion, String value) {
        return new PlanItemPublished(2021, "5.6", 5, "民生", "新增社区长者食堂。", false,
                List.of(new PlanTarget("5.6#1", TargetKind.INDICATOR, "新增社区长者食堂", new BigDecimal(value), "个",
                        "AT_LEAST")),
                new Responsibility("副区长", "区民政局", List.of()), planVersion);
    }
}
