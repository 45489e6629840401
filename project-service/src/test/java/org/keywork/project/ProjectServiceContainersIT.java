package org.keywork.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
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
 * Docker engine is available): the seeding, its events and the HTTP view behave as on the embedded defaults.
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
    void seedsStoresAndPublishesThe47ConstructionItemsOnce() throws Exception {
        List<String> itemIds = IntStream.rangeClosed(1, 47).mapToObj(n -> "9." + n).toList();
        try (TopicProbe probe = TopicProbe.on(KeyworkContainers.kafkaBrokers(), Topics.PLAN_ITEMS)) {
            probe.awaitAtLeast(47, Duration.ofSeconds(60));
            List<ConsumerRecord<String, byte[]>> records = probe.readFor(Duration.ofSeconds(3));
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(itemIds);
            JsonNode item44 = records.stream().filter(r -> r.key().equals("9.44"))
                    .map(r -> json.readTree(r.value()).get("payload")).findFirst().orElseThrow();
            assertThat(item44.get("targets")).extracting(t -> t.get("id").asString())
                    .containsExactly("9.44#1", "9.44#2", "9.44#3", "9.44#4");
        }

        JsonNode items = json.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/projects?year=2021")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(items).extracting(item -> item.get("itemId").asString()).containsExactlyElementsOf(itemIds);
        assertThat(items.get(27).get("milestones").get(0).get("type").asString()).isEqualTo("COMPLETION");
    }
}
