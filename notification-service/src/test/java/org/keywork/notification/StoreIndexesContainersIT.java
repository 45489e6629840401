package org.keywork.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.store.DueMarker;
import org.keywork.testing.IndexUsage;
import org.keywork.testing.KeyworkContainers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The queries of notification-service's timers and inboxes are served by the indexes its stores declare, on a real
 * MongoDB ({@code explain()}: an index scan, no collection scan). Skipped without Docker.
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class StoreIndexesContainersIT {

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        KeyworkContainers.register(registry, "keywork-notification-indexes");
    }

    @Autowired
    MongoTemplate mongo;

    @Test
    void theTimersAndInboxesReadThroughIndexes() {
        assertIndexed("alerts", Query.query(Criteria.where("escalationCheck")
                .regex(DueMarker.dueBy(LocalDate.of(2021, 10, 8)))));
        assertIndexed("alerts", Query.query(Criteria.where("digestPending").regex("^")));
        assertIndexed("alerts", Query.query(Criteria.where("digestPending")
                .regex("^" + DueMarker.notAfter("1796400000000"))));
        assertIndexed("alerts", Query.query(Criteria.where(EventOutbox.PENDING).regex("^")));
        assertIndexed("alerts", Query.query(Criteria.where("planYear").is(2021).and("targetId").is("5.6#1")
                .and("status").in("OPEN", "ACKNOWLEDGED")));
        // the alert list and its pages: every query carries a raisedAt range (AlertStore.criteria)
        assertIndexed("alerts", Query.query(Criteria.where("raisedAt").gte(Instant.EPOCH)));
        assertIndexed("alerts", Query.query(Criteria.where("raisedAt").gte(Instant.EPOCH).and("status").is("OPEN")));
        assertIndexed("alerts", Query.query(new Criteria().andOperator(Criteria.where("raisedAt").gte(Instant.EPOCH),
                Criteria.where("itemId").regex("^5\\."))));
        assertIndexed("alerts", Query.query(new Criteria().andOperator(Criteria.where("raisedAt").gte(Instant.EPOCH),
                Criteria.where("leaderPosition").in("副区长（分管民政）"))));
        assertIndexed("alerts", Query.query(new Criteria().andOperator(Criteria.where("raisedAt").gte(Instant.EPOCH),
                new Criteria().orOperator(Criteria.where("recipients.position").in("区民政局"),
                        Criteria.where("recipientPosition").in("区民政局"),
                        Criteria.where("leadDepartment").in("区民政局"),
                        Criteria.where("cooperatingDepartments").in("区民政局")))));
        assertIndexed("notification_log", Query.query(Criteria.where("pendingOn").regex("^EMAIL\\|")));
        assertIndexed("notification_log", Query.query(Criteria.where("personId").is("p-012")));
        assertIndexed("notification_log", Query.query(Criteria.where("purgeAfter").lt(Instant.now())));
        assertIndexed("processed_messages", Query.query(Criteria.where("processedAt").lt(Instant.now())));
    }

    private void assertIndexed(String collection, Query query) {
        assertThat(IndexUsage.stages(mongo.getCollection(collection), query.getQueryObject()))
                .as("plan of %s on %s", query.getQueryObject().toJson(), collection)
                .contains("IXSCAN").doesNotContain("COLLSCAN");
    }
}
