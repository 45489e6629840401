package org.keywork.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One account holds a bounded number of inbox streams (2 here, 5 by default): the next one is 429 problem+json with
 * Retry-After naming the limit, other accounts are not affected, and a closed stream frees its place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true",
        "keywork.delivery.max-streams-per-user=2"})
@EmbeddedKafka(partitions = 1)
@EmbeddedMongoWireServer
class InboxStreamQuotaIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    InboxChannel inbox;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<java.io.InputStream> open(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts/stream"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void aThirdStreamOfOneAccountIsRefusedUntilOneCloses() throws Exception {
        String leader = TestTokens.leader("leader-minzheng", "副区长（分管民政）");
        List<HttpResponse<java.io.InputStream>> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                HttpResponse<java.io.InputStream> stream = open(leader);
                assertThat(stream.statusCode()).isEqualTo(200);
                streams.add(stream);
            }
            HttpResponse<java.io.InputStream> third = open(leader);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).contains("30");
            assertThat(third.headers().firstValue("Content-Type")).get().asString()
                    .startsWith("application/problem+json");
            JsonNode problem = JsonMapper.builder().build().readTree(third.body().readAllBytes());
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("stream");
            assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("too-many-streams");
            assertThat(problem.get("errors").get(0).get("reason").asString()).contains("最多同时打开 2 个提醒流");

            // another account is not affected
            HttpResponse<java.io.InputStream> other = open(TestTokens.leader("leader-chengjian", "副区长（分管城市建设）"));
            assertThat(other.statusCode()).isEqualTo(200);
            streams.add(other);

            // a closed stream gives its place back once the server notices (at the next heartbeat or write)
            streams.remove(0).body().close();
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
                inbox.heartbeat();
                HttpResponse<java.io.InputStream> again = open(leader);
                if (again.statusCode() == 200) {
                    streams.add(again);
                    return true;
                }
                again.body().close();
                return false;
            });
        } finally {
            for (HttpResponse<java.io.InputStream> stream : streams) {
                stream.body().close();
            }
        }
    }
}
