package org.keywork.progress;

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

/** The same report path against the real {@code mongo} and {@code apache/kafka} images; skipped without Docker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Testcontainers(disabledWithoutDocker = true)
class ProgressServiceContainersIT {

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        KeyworkContainers.register(registry, "keywork-progress");
    }

    @LocalServerPort
    int port;

    @Test
    void aReportIsAcceptedStoredAndPublishedOnRealMongoAndKafka() throws Exception {
        String brokers = KeyworkContainers.kafkaBrokers();
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, "5.6", ProgressServiceIntegrationTest.PLAN_ITEM_5_6);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/progress"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProgressServiceIntegrationTest.GOOD_REPORT)).build();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(202));

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PROGRESS_REPORTS)) {
            assertThat(probe.awaitAtLeast(1, Duration.ofSeconds(30)).get(0).key()).isEqualTo("5.6");
            assertThat(probe.readFor(Duration.ofSeconds(3))).hasSize(1);
            assertThat(probe.bodies().get(0)).contains("\"reportId\":\"r-5.6-2021-09\"");
        }
    }
}
