package org.keywork.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.keywork.events.Topics;
import org.keywork.testing.KeyworkContainers;
import org.keywork.testing.TopicProbe;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * project-service against a real MongoDB and a real Kafka broker in containers (run by Failsafe; skipped where no
 * Docker engine is available): a construction item defined by the plan import is stored, published and served as
 * on the embedded defaults.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectServiceContainersIT {

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        KeyworkContainers.register(registry, "keywork-project");
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aDefinedConstructionItemIsStoredPublishedOnceAndServed() throws Exception {
        TopicProbe.send(KeyworkContainers.kafkaBrokers(), Topics.CONSTRUCTION_ITEMS, "9.28",
                ProjectServiceIntegrationTest.ITEM_9_28);

        try (TopicProbe probe = TopicProbe.on(KeyworkContainers.kafkaBrokers(), Topics.PLAN_ITEMS)) {
            probe.awaitAtLeast(1, Duration.ofSeconds(60));
            List<ConsumerRecord<String, byte[]>> records = probe.readFor(Duration.ofSeconds(3));
            assertThat(records).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("9.28");
                JsonNode envelope = json.readTree(record.value());
                assertThat(envelope.get("eventId").asString())
                        .isEqualTo(ProjectServiceIntegrationTest.planItemEventId(2021, "9.28", 1));
                assertThat(envelope.get("payload").get("targets")).singleElement().satisfies(target -> {
                    assertThat(target.get("id").asString()).isEqualTo("9.28#1");
                    assertThat(target.get("kind").asString()).isEqualTo("MILESTONE");
                });
            });
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode items = json.readTree(http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/projects?year=2021")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(items).singleElement().satisfies(item -> {
                assertThat(item.get("itemId").asString()).isEqualTo("9.28");
                assertThat(item.get("starCount").asInt()).isEqualTo(1);
                assertThat(item.get("documentNumber").asString()).isEqualTo("静府发〔2021〕5号");
                assertThat(item.get("milestones").get(0).get("type").asString()).isEqualTo("COMPLETION");
            });
        });
    }
}
