package org.keywork.notification;

import java.util.List;
import java.util.Map;
import org.keywork.testing.AccessTableReplayTests;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The role x route table replayed against notification-service's own port with the identity check on, as in production
 * ({@link AccessTableReplayTests}): alerts, their stream, the directory and the notification log, the calendars, the
 * business clock, the actuator and the API document.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class AccessTableReplayIntegrationTest extends AccessTableReplayTests {

    AccessTableReplayIntegrationTest() {
        super(List.of(
                "GET /api/alerts", "GET /api/alerts/{alertId}", "POST /api/alerts/{alertId}/ack",
                "POST /api/alerts/{alertId}/feedback",
                "GET /api/alerts/stream", "GET /api/directory", "GET /api/directory/{position}",
                "PUT /api/directory/{position}/holder", "GET /api/notifications", "POST /api/admin/escalations/sweep",
                "GET /api/admin/clock", "PUT /api/admin/clock", "GET /api/calendars", "PUT /api/admin/calendars/{year}",
                "GET /actuator/health", "GET /actuator/prometheus",
                "GET /v3/api-docs"),
                Map.of("alertId", "a-1"));
    }
}
