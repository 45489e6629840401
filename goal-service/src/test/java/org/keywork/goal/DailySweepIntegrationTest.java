package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import java.time.OffsetDateTime;
import org.keywork.events.Topics;
import org.keywork.support.clock.BusinessClockChanged;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The daily sweep with the simulated clock: time alone turns an indicator RED and then overdue, a missing report is
 * announced once per period, and sweeping again publishes nothing new.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.clock.mode=simulated",
        "keywork.tracking.sweep-cron=-"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class DailySweepIntegrationTest {

    private static final String INDICATOR = "5.6#1";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    ApplicationEventPublisher events;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void timeAloneMovesAnIndicatorAndMissingReportsAreAnnouncedOnce() throws Exception {
        // mid-year, nothing reported yet: 5.6#1's May report is missing, so it is judged with 0 (RED)
        setClock("2021-06-30T12:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(indicator().get("status").asString()).isEqualTo("RED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(missingReports()).extracting(p -> p.get("period").asString()).containsExactly("2021-05"));

        // the May report arrives: 1 of 2 by May 31 is ahead of the curve
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.6", GoalServiceIntegrationTest.report(
                "22222222-0000-4000-8000-000000000001", "r-5.6-may", INDICATOR, "1", "2021-05-31"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(indicator().get("status").asString()).isEqualTo("GREEN"));

        // October ends with no new report: the curve moved on (83.3 % expected, 50 % reached)
        setClock("2021-10-31T12:00:00+08:00");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(indicator().get("status").asString()).isEqualTo("RED"));
        JsonNode red = await().atMost(Duration.ofSeconds(10)).until(() -> sweepChanges().stream()
                .filter(p -> p.get("period").asString().equals("2021-10")).toList(), l -> !l.isEmpty()).get(0);
        assertThat(red.get("previous").asString()).isEqualTo("GREEN");
        assertThat(red.get("current").asString()).isEqualTo("RED");
        assertThat(red.get("rule").asString()).isEqualTo("behind-schedule");
        assertThat(red.get("actual").decimalValue()).isEqualByComparingTo("1");
        assertThat(red.get("expected").decimalValue()).isEqualByComparingTo("1.67");
        assertThat(red.get("shortfallPoints").decimalValue()).isEqualByComparingTo("33.3");
        assertThat(red.get("asOf").asString()).isEqualTo("2021-10-31");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(missingReports()).extracting(p -> p.get("period").asString())
                        .containsExactly("2021-05", "2021-09"));
        JsonNode september = missingReports().get(1);
        assertThat(september.get("deadline").asString()).isEqualTo("2021-10-01");
        assertThat(september.get("lastReportAsOf").asString()).isEqualTo("2021-05-31");
        assertThat(september.get("targetId").asString()).isEqualTo(INDICATOR);
        assertThat(september.get("responsibility").get("leaderPosition").asString()).isEqualTo("副区长（分管民政）");

        // sweeping again (an operator, or a second instance) publishes nothing new
        int statusEvents = count(Topics.INDICATOR_STATUS);
        int missingEvents = count(Topics.REPORTS_MISSING);
        JsonNode again = send("POST", "/api/admin/sweep", null);
        assertThat(again.get("date").asString()).isEqualTo("2021-10-31");
        assertThat(again.get("itemsChecked").asInt()).isGreaterThanOrEqualTo(111);
        assertThat(again.get("statusChanges").asInt()).isZero();
        assertThat(again.get("missingReportsAnnounced").asInt()).isZero();
        assertThat(count(Topics.INDICATOR_STATUS)).isEqualTo(statusEvents);
        assertThat(count(Topics.REPORTS_MISSING)).isEqualTo(missingEvents);
        assertThat(sweepChanges()).filteredOn(p -> p.get("period").asString().equals("2021-10")).hasSize(1);

        // the plan year is over and the target unmet: overdue, and December's report is missing
        setClock("2022-01-15T12:00:00+08:00");
        JsonNode overdue = await().atMost(Duration.ofSeconds(20)).until(() -> sweepChanges().stream()
                .filter(p -> p.get("rule").asString().equals("overdue")).toList(), l -> !l.isEmpty()).get(0);
        assertThat(overdue.get("previous").asString()).isEqualTo("RED");
        assertThat(overdue.get("current").asString()).isEqualTo("RED");
        assertThat(overdue.get("expected").decimalValue()).isEqualByComparingTo("2");
        assertThat(indicator().get("rule").asString()).isEqualTo("overdue");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(missingReports()).extracting(p -> p.get("period").asString())
                        .containsExactly("2021-05", "2021-09", "2021-12"));
        assertThat(missingReports().get(2).get("deadline").asString()).isEqualTo("2021-12-31");
        JsonNode last = send("POST", "/api/admin/sweep", null);
        assertThat(last.get("statusChanges").asInt()).isZero();
        assertThat(last.get("missingReportsAnnounced").asInt()).isZero();
    }

    /** The sweep's status changes of 5.6#1 (no report caused them), in order. */
    private List<JsonNode> sweepChanges() {
        return payloads(Topics.INDICATOR_STATUS).stream()
                .filter(p -> p.get("reportId") == null || p.get("reportId").isNull()).toList();
    }

    private List<JsonNode> missingReports() {
        return payloads(Topics.REPORTS_MISSING);
    }

    /** The payloads about 5.6#1 on a topic, in order. */
    private List<JsonNode> payloads(String topic) {
        try (TopicProbe probe = TopicProbe.on(brokers, topic)) {
            return probe.readFor(Duration.ofSeconds(2)).stream().map(r -> json.readTree(r.value()).get("payload"))
                    .filter(p -> INDICATOR.equals(p.has("indicatorId") ? p.get("indicatorId").asString()
                            : p.get("targetId").asString()))
                    .toList();
        }
    }

    private int count(String topic) {
        try (TopicProbe probe = TopicProbe.on(brokers, topic)) {
            return probe.readFor(Duration.ofSeconds(3)).size();
        }
    }

    private JsonNode indicator() throws Exception {
        return send("GET", "/api/goals/5.6?year=2021", null).get("indicators").get(0);
    }

    /**
     * Sets the simulated clock (which applies here at once) and announces it inside the service as the clock
     * follower does when the setting comes back from Kafka; announcing it twice is harmless.
     */
    private void setClock(String now) throws Exception {
        send("PUT", "/api/admin/clock", "{\"now\":\"" + now + "\",\"reason\":\"daily sweep test\"}");
        events.publishEvent(new BusinessClockChanged(OffsetDateTime.parse(now).toInstant()));
    }

    private JsonNode send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }
}
