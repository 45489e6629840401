package org.keywork.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.keywork.events.Topics;
import org.keywork.testing.KeyworkContainers;
import org.keywork.testing.TopicProbe;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;

/**
 * The alert flow against a real MongoDB and a real Kafka broker in containers (run by Failsafe; skipped where there
 * is no Docker): one alert and one event for a RED indicator delivered three times, resolution, acknowledgement.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(RecordingOutbox.class)
@Testcontainers(disabledWithoutDocker = true)
class NotificationServiceContainersIT {

    /** {@code mongo:8.0} and {@code apache/kafka:4.1.2}, shared by every containers test in the JVM. */
    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        KeyworkContainers.register(registry, "keywork-notification");
    }

    @LocalServerPort
    int port;

    @Test
    void aRedIndicatorDeliveredThreeTimesIsOneAlertThatResolvesAndIsAcknowledged() throws Exception {
        AlertsApi api = new AlertsApi(port);
        String brokers = KeyworkContainers.kafkaBrokers();
        String leader = "分管副区长（民生）";
        IndicatorStatusEvent red = IndicatorStatusEvent.red().leader(leader);

        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6", red.json());
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6", red.json());
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6", red.newEventId().json());

        await().atMost(Duration.ofSeconds(60)).until(() -> api.inbox(leader).size() >= 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> api.inbox(leader).size() == 1);
        JsonNode alert = api.inbox(leader).get(0);
        String alertId = alert.get("alertId").asString();
        assertThat(alert.get("status").asString()).isEqualTo("OPEN");
        assertThat(alert.get("title").asString())
                .isEqualTo("【进度滞后】5.6 新增社区长者食堂：完成 0 个，序时应达 1.5 个（目标 2 个）");

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.ALERTS)) {
            probe.awaitAtLeast(1, Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> records = probe.readFor(Duration.ofSeconds(3)).stream()
                    .filter(r -> TopicProbe.body(r).contains(alertId)).toList();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo("5.6");
        }

        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6", red.recovered().json());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.json(api.get("/api/alerts/" + alertId)).get("status").asString().equals("RESOLVED"));

        JsonNode acknowledged = api.json(api.ack(alertId, "{\"note\":\"已阅\",\"by\":\"张三\"}"));
        assertThat(acknowledged.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(acknowledged.get("ackNote").asString()).isEqualTo("已阅");
        assertThat(AlertsApi.withoutPublished(api.json(api.ack(alertId, "{\"note\":\"再阅\"}"))))
                .isEqualTo(AlertsApi.withoutPublished(acknowledged));
    }
}
