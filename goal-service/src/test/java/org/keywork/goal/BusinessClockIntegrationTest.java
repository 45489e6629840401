package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.keywork.support.clock.BusinessClockChanged;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.keywork.events.Topics;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated business clock (demo and test environments): set and advanced through {@code /api/admin/clock},
 * published on Kafka so that every service follows it, and read back in the business time zone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.clock.mode=simulated"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@Import(BusinessClockIntegrationTest.ClockChanges.class)
class BusinessClockIntegrationTest {

    /** Records the clock settings this service learnt from Kafka (its follower announces each one). */
    static class ClockChanges {
        final List<Instant> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(BusinessClockChanged changed) {
            seen.add(changed.businessTime());
        }
    }

    @Autowired
    ClockChanges changes;

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aSimulatedClockIsSetAdvancedAndPublishedForEveryService() throws Exception {
        JsonNode set = send("PUT", "/api/admin/clock",
                "{\"now\":\"2021-03-31T18:00:00+08:00\",\"reason\":\"demo: end of March\"}");
        assertThat(set.get("mode").asString()).isEqualTo("SIMULATED");
        assertThat(set.get("today").asString()).isEqualTo("2021-03-31");
        assertThat(set.get("zone").asString()).isEqualTo("Asia/Shanghai");

        JsonNode advanced = send("POST", "/api/admin/clock/advance", "{\"by\":\"P30D\",\"reason\":\"next month\"}");
        assertThat(advanced.get("today").asString()).isEqualTo("2021-04-30");
        assertThat(Instant.parse(advanced.get("now").asString()))
                .isBetween(Instant.parse("2021-04-30T10:00:00Z"), Instant.parse("2021-04-30T10:05:00Z"));

        try (TopicProbe clock = TopicProbe.on(brokers, Topics.BUSINESS_CLOCK)) {
            var records = clock.awaitAtLeast(2, Duration.ofSeconds(10));
            assertThat(records).extracting(r -> r.key()).containsOnly("business-clock");
            JsonNode last = json.readTree(records.get(records.size() - 1).value());
            assertThat(last.get("type").asString()).isEqualTo("admin.business-clock-set");
            assertThat(last.get("payload").get("reason").asString()).isEqualTo("next month");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(send("GET", "/api/admin/clock", null).get("today").asString()).isEqualTo("2021-04-30"));
        // both settings came back through Kafka to this service's follower, which announced them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(changes.seen).hasSize(2));
        assertThat(changes.seen.get(0)).isBetween(Instant.parse("2021-03-31T10:00:00Z"),
                Instant.parse("2021-03-31T10:05:00Z"));

        HttpResponse<String> refused = raw("POST", "/api/admin/clock/advance", "{\"by\":\"-P1D\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("errors").get(0).get("field").asString()).isEqualTo("by");
    }

    @Test
    void onlyIsoStringsWithinTheYearsOfAPlanSetOrAdvanceTheClock() throws Exception {
        String before = send("GET", "/api/admin/clock", null).get("today").asString();
        record Bad(String method, String path, String body, String field, String code) {
        }
        List<Bad> refusals = List.of(
                new Bad("PUT", "/api/admin/clock", "{\"now\":1e309}", "now", "not-a-string"),
                new Bad("PUT", "/api/admin/clock", "{\"now\":1616925600}", "now", "not-a-string"),
                new Bad("PUT", "/api/admin/clock", "{\"now\":\"yesterday\"}", "now", "invalid-date-time"),
                new Bad("PUT", "/api/admin/clock", "{\"now\":\"1970-01-01T00:00:00Z\"}", "now", "out-of-range"),
                new Bad("PUT", "/api/admin/clock", "{\"now\":\"+999999-01-01T00:00:00Z\"}", "now",
                        "out-of-range"),
                new Bad("PUT", "/api/admin/clock", "{}", "now", "required"),
                new Bad("POST", "/api/admin/clock/advance", "{\"by\":30}", "by", "not-a-string"),
                new Bad("POST", "/api/admin/clock/advance", "{\"by\":\"PT9223372036854775807S\"}", "by",
                        "out-of-range"),
                new Bad("POST", "/api/admin/clock/advance", "{\"by\":\"P106751991167300D\"}", "by",
                        "out-of-range"),
                new Bad("POST", "/api/admin/clock/advance", "{\"by\":\"thirty days\"}", "by", "invalid-duration"),
                new Bad("POST", "/api/admin/clock/advance", "{\"by\":\"P800D\"}", "by", "out-of-range"));
        for (Bad bad : refusals) {
            HttpResponse<String> response = raw(bad.method(), bad.path(), bad.body());
            assertThat(response.statusCode()).as(bad.body() + " -> " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode error = json.readTree(response.body()).get("errors").get(0);
            assertThat(error.get("field").asString()).as(bad.body()).isEqualTo(bad.field());
            assertThat(error.get("code").asString()).as(bad.body()).isEqualTo(bad.code());
        }
        assertThat(send("GET", "/api/admin/clock", null).get("today").asString()).as("nothing was set")
                .isEqualTo(before);
    }

    private JsonNode send(String method, String path, String body) throws Exception {
        HttpResponse<String> response = raw(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> raw(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
