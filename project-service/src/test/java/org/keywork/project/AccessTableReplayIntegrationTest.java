package org.keywork.project;

import java.util.List;
import java.util.Map;
import org.keywork.testing.AccessTableReplayTests;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The role x route table replayed against project-service's own port with the identity check on, as in production
 * ({@link AccessTableReplayTests}): construction items and their milestones, the business clock, the actuator and the API document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class AccessTableReplayIntegrationTest extends AccessTableReplayTests {

    AccessTableReplayIntegrationTest() {
        super(List.of(
                "GET /api/projects", "GET /api/projects/{itemId}", "PUT /api/projects/{itemId}/responsibility",
                "PUT /api/projects/{itemId}/milestones/{milestoneId}/forecast", "POST /api/admin/sweep",
                "GET /api/admin/clock", "PUT /api/admin/clock", "GET /actuator/health", "GET /actuator/prometheus",
                "GET /v3/api-docs"),
                Map.of("itemId", "9.26"));
    }
}
