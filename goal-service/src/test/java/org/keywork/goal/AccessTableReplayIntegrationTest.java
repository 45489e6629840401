package org.keywork.goal;

import java.util.List;
import java.util.Map;
import org.keywork.testing.AccessTableReplayTests;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The role x route table replayed against goal-service's own port with the identity check on, as in production
 * ({@link AccessTableReplayTests}): the plan, its drafts, files, curves, evaluation and dashboard, the business clock, the actuator and the API document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class AccessTableReplayIntegrationTest extends AccessTableReplayTests {

    AccessTableReplayIntegrationTest() {
        super(List.of(
                "GET /api/goals", "GET /api/goals/{itemId}", "GET /api/goals/facets", "GET /api/goals/rules",
                "GET /api/goals/changes", "GET /api/evaluation/{year}/export.xlsx", "PUT /api/goals/{itemId}/responsibility",
                "PUT /api/goals/{itemId}/indicators/{indicatorId}/curve", "POST /api/plans/import",
                "POST /api/plans/drafts", "POST /api/plans/drafts/{id}/publish", "DELETE /api/plans/drafts/{id}",
                "POST /api/plans/{year}/breakdown", "GET /api/evaluation/{year}", "GET /api/dashboard/summary",
                "POST /api/admin/sweep", "GET /api/admin/clock", "PUT /api/admin/clock", "GET /actuator/health",
                "GET /actuator/prometheus", "GET /v3/api-docs"),
                Map.of("id", "d-1", "jobId", "j-1"));
    }
}
