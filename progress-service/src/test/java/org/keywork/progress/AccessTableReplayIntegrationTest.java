package org.keywork.progress;

import java.util.List;
import java.util.Map;
import org.keywork.testing.AccessTableReplayTests;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The role x route table replayed against progress-service's own port with the identity check on, as in production
 * ({@link AccessTableReplayTests}): reports, bulk uploads, the business clock, the actuator and the API document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class AccessTableReplayIntegrationTest extends AccessTableReplayTests {

    AccessTableReplayIntegrationTest() {
        super(List.of(
                "POST /api/progress", "GET /api/progress", "GET /api/progress/{reportId}", "POST /api/progress/bulk",
                "GET /api/progress/bulk/{uploadId}",
                "GET /api/progress/bulk/template", "GET /api/admin/clock", "PUT /api/admin/clock",
                "POST /api/admin/clock/advance", "GET /actuator/health", "GET /actuator/prometheus",
                "GET /v3/api-docs"),
                Map.of("reportId", "r-1", "uploadId", "u-1"));
    }
}
