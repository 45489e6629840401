package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.keywork.events.Topics;
import org.keywork.testing.KeyworkContainers;
import org.keywork.testing.TopicProbe;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Plan publication and status tracking against the real {@code mongo} and {@code apache/kafka} images. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Testcontainers(disabledWithoutDocker = true)
class GoalServiceContainersIT {

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        KeyworkContainers.register(registry, "keywork-goal");
    }

    @LocalServerPort
    int port;

    @Test
    void publishesThePlanAndTurnsAnIndicatorRedOnRealMongoAndKafka() throws Exception {
        String brokers = KeyworkContainers.kafkaBrokers();
        try (TopicProbe plan = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            plan.awaitAtLeast(111, Duration.ofSeconds(90));
        }
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.6", GoalServiceIntegrationTest.report(
                "22222222-0000-4000-8000-000000000001", "r-5.6-sep", "5.6#1", "0", "2021-09-30"));

        HttpClient http = HttpClient.newHttpClient();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/goals/5.6")).build();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.send(get, HttpResponse.BodyHandlers.ofString()).body()).contains("\"status\":\"RED\""));
        try (TopicProbe status = TopicProbe.on(brokers, Topics.INDICATOR_STATUS)) {
            assertThat(status.awaitAtLeast(1, Duration.ofSeconds(30)).get(0).key()).isEqualTo("5.6");
        }
    }
}
