package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.keywork.events.Topics;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.MongoWireServers;
import org.keywork.testing.QuickConsumerStopCustomizerFactory;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each kind of target judged its own way, as reports arrive over real Kafka on the simulated clock: cumulative, level,
 * reduction, ceiling, floor, and catching up; then the whole report log replayed from the beginning into a fresh
 * goal-service (own database, own consumer group) rebuilds exactly the same statuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.clock.mode=simulated", "keywork.tracking.sweep-cron=-"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class StatusScenariosIntegrationTest {

    /** target, value reported, as of → the status and the rule that decided it. */
    record Scenario(String targetId, String value, String asOf, String status, String rule) {
    }

    static final List<Scenario> SCENARIOS = List.of(
            // cumulative: 100 of 400 beds by June 30 is 24.6 points behind the curve
            new Scenario("5.5#1", "100", "2021-06-30", "YELLOW", "behind-schedule"),
            // level: retail sales of 250 of 1300 亿元 by June 30 is 30.4 points behind
            new Scenario("2.2#1", "250", "2021-06-30", "RED", "behind-schedule"),
            // reduction: energy use per unit down 1.0 % against 3.2 % is 2.2 points of rate short
            new Scenario("2.3#1", "1.0", "2021-06-30", "YELLOW", "rate-behind"),
            // ceiling: dry waste at 760 吨/日 is above its 750 limit
            new Scenario("4.6#3", "760", "2021-06-30", "RED", "ceiling-exceeded"),
            // floor: 77 % of tickets solved is 3 points below the 80 % floor
            new Scenario("4.18#1", "77", "2021-06-30", "RED", "below-floor"),
            // catch-up: 10 of 100 by June is RED; 40 by July 31 is back within 30 points: YELLOW
            new Scenario("5.5#2", "10", "2021-06-30", "RED", "behind-schedule"),
            new Scenario("5.5#2", "40", "2021-07-31", "YELLOW", "behind-schedule"));

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void eachKindOfTargetIsJudgedItsOwnWayAndAReplayRebuildsTheSameStatuses() throws Exception {
        // business date June 30, the date the reports speak for: the sweep that a clock change starts judges alike,
        // whenever it runs (and leaves the July report, dated after today, alone)
        send(port, "PUT", "/api/admin/clock", "{\"now\":\"2021-06-30T20:00:00+08:00\",\"reason\":\"scenarios\"}");
        awaitPlan(port);

        int n = 0;
        for (Scenario scenario : SCENARIOS) {
            String item = scenario.targetId().substring(0, scenario.targetId().indexOf('#'));
            TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, item, GoalServiceIntegrationTest.report(
                    UUID.nameUUIDFromBytes(("scenario-" + n).getBytes()).toString(), "r-scenario-" + n++,
                    scenario.targetId(), scenario.value(), scenario.asOf()));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode indicator = indicator(port, scenario.targetId());
                assertThat(indicator.get("asOf").asString()).as(scenario.targetId()).isEqualTo(scenario.asOf());
                assertThat(indicator.get("status").asString()).as(scenario.targetId()).isEqualTo(scenario.status());
                assertThat(indicator.get("rule").asString()).as(scenario.targetId()).isEqualTo(scenario.rule());
            });
        }
        try (TopicProbe changes = TopicProbe.on(brokers, Topics.INDICATOR_STATUS)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(changes.readFor(Duration.ofMillis(300))
                    .stream().map(r -> json.readTree(r.value()).get("payload"))
                    .filter(p -> p.get("indicatorId").asString().equals("5.5#2") && p.get("reportId").isString()
                            && p.get("reportId").asString().equals("r-scenario-6")))
                    .singleElement().satisfies(caughtUp -> {
                        assertThat(caughtUp.get("previous").asString()).isEqualTo("RED");
                        assertThat(caughtUp.get("current").asString()).isEqualTo("YELLOW");
                        assertThat(caughtUp.get("responsibility").get("leadDepartment").asString())
                                .isEqualTo("区民政局");
                        // July alone added 30 of 100 where the curve asked for 8.5: the period is green
                        assertThat(caughtUp.get("caughtUp").asBoolean()).isTrue();
                        assertThat(caughtUp.get("periodStatus").asString()).isEqualTo("GREEN");
                        assertThat(caughtUp.get("periodShortfallPoints").decimalValue()).isNegative();
                    }));
        }
        // the period colour is kept apart from the cumulative one
        JsonNode caughtUp = indicator(port, "5.5#2");
        assertThat(caughtUp.get("status").asString()).isEqualTo("YELLOW");
        assertThat(caughtUp.get("periodStatus").asString()).isEqualTo("GREEN");
        assertThat(caughtUp.get("caughtUp").asBoolean()).isTrue();
        Map<String, String> statuses = statuses(port);

        // the same log, replayed from its beginning into a fresh goal-service, gives the same statuses
        try (ConfigurableApplicationContext replay = new SpringApplicationBuilder(GoalServiceApplication.class).run(
                "--server.port=0", QuickConsumerStopCustomizerFactory.ARGUMENT,
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.mongodb.uri=" + MongoWireServers.uri("goal-replay"), "--keywork.clock.mode=simulated",
                "--keywork.tracking.sweep-cron=-",
                "--spring.cloud.stream.bindings.progressReports-in-0.group=goal-service-replay",
                "--spring.cloud.stream.kafka.bindings.progressReports-in-0.consumer.dlq-name="
                        + "keywork.progress.reports.goal-service-replay.dlq")) {
            int replayPort = ((WebServerApplicationContext) replay).getWebServer().getPort();
            awaitPlan(replayPort);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(statuses(replayPort)).isEqualTo(statuses));
        }
    }

    @Test
    void anIndicatorsOwnCurveJudgesItsLatestReadingAtOnceAndShowsWhatItExpectsMonthByMonth() throws Exception {
        send(port, "PUT", "/api/admin/clock", "{\"now\":\"2021-06-30T20:00:00+08:00\",\"reason\":\"curves\"}");
        awaitPlan(port);
        // 1 of 2 elderly canteens by June 30: half way, on the linear curve's 49.6 %
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.6", GoalServiceIntegrationTest.report(
                UUID.randomUUID().toString(), "r-curve-1", "5.6#1", "1", "2021-06-30"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(indicator(port, "5.6#1").get("status").asString()).isEqualTo("GREEN"));
        JsonNode linear = indicator(port, "5.6#1");
        assertThat(linear.get("curve").asString()).isEqualTo("linear");
        assertThat(linear.get("ownCurve").asBoolean()).isFalse();
        assertThat(linear.get("expectedByMonth")).hasSize(12);
        assertThat(linear.get("expectedByMonth").get(11).decimalValue()).isEqualByComparingTo("2");

        try (TopicProbe changes = TopicProbe.on(brokers, Topics.INDICATOR_STATUS)) {
            // front-loaded: 90 % due by the end of June, so 50 % is 40 points behind
            JsonNode set = send(port, "PUT", "/api/goals/5.6/indicators/5.6%231/curve",
                    "{\"kind\":\"QUARTERLY\",\"percents\":[60,90,95,100]}");
            assertThat(set.get("curve").asString()).isEqualTo("quarterly:60,90,95,100");
            assertThat(set.get("ownCurve").asBoolean()).isTrue();
            assertThat(set.get("expectedByMonth").get(5).decimalValue()).isEqualByComparingTo("1.8");
            assertThat(set.get("lastChange").get("previous").isNull()).isTrue();
            JsonNode judged = indicator(port, "5.6#1");
            assertThat(judged.get("status").asString()).isEqualTo("RED");
            assertThat(judged.get("shortfallPoints").decimalValue()).isEqualByComparingTo("40.0");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(changes.readFor(Duration.ofMillis(300))
                    .stream().map(r -> json.readTree(r.value()).get("payload"))
                    .filter(p -> p.get("indicatorId").asString().equals("5.6#1")
                            && p.get("previous").asString().equals("GREEN")))
                    .singleElement().satisfies(red -> {
                        assertThat(red.get("current").asString()).isEqualTo("RED");
                        assertThat(red.get("actual").decimalValue()).isEqualByComparingTo("1");
                        assertThat(red.get("rule").asString()).isEqualTo("behind-schedule");
                        assertThat(red.get("expected").decimalValue()).isEqualByComparingTo("1.8");
                    }));
        }
        // back to the default curve: green again
        JsonNode reset = send(port, "PUT", "/api/goals/5.6/indicators/5.6%231/curve", "{\"kind\":\"DEFAULT\"}");
        assertThat(reset.get("curve").asString()).isEqualTo("linear");
        assertThat(reset.get("ownCurve").asBoolean()).isFalse();
        assertThat(reset.get("lastChange").get("previous").asString()).isEqualTo("quarterly:60,90,95,100");
        assertThat(indicator(port, "5.6#1").get("status").asString()).isEqualTo("GREEN");

        // bad curves are refused, naming the field
        assertProblem(raw(port, "PUT", "/api/goals/5.6/indicators/5.6%231/curve",
                "{\"kind\":\"QUARTERLY\",\"percents\":[20,45,100]}"), 400, "percents", "wrong-count");
        assertProblem(raw(port, "PUT", "/api/goals/5.6/indicators/5.6%231/curve",
                "{\"kind\":\"QUARTERLY\",\"percents\":[20,45,30,100]}"), 400, "percents[2]", "decreasing");
        assertProblem(raw(port, "PUT", "/api/goals/5.6/indicators/5.6%231/curve",
                "{\"kind\":\"WEEKLY\"}"), 400, "kind", "unknown-kind");
        assertProblem(raw(port, "PUT", "/api/goals/4.6/indicators/4.6%233/curve",
                "{\"kind\":\"LINEAR\"}"), 422, "indicatorId", "no-curve");
        assertProblem(raw(port, "PUT", "/api/goals/5.6/indicators/5.6%239/curve",
                "{\"kind\":\"LINEAR\"}"), 404, "indicatorId", "unknown-indicator");
        assertThat(indicator(port, "5.6#1").get("curve").asString()).isEqualTo("linear");
    }

    private void assertProblem(HttpResponse<String> response, int status, String field, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode error = json.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("reason").asString()).isNotBlank();
    }

    private Map<String, String> statuses(int servicePort) throws Exception {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (Scenario scenario : SCENARIOS) {
            JsonNode indicator = indicator(servicePort, scenario.targetId());
            statuses.put(scenario.targetId(), indicator.get("status").asString() + " " + indicator.get("rule").asString()
                    + " " + (indicator.get("actual").isNull() ? "-"
                            : indicator.get("actual").decimalValue().stripTrailingZeros().toPlainString()) + " as of "
                    + indicator.get("asOf").asString());
        }
        return statuses;
    }

    private JsonNode indicator(int servicePort, String targetId) throws Exception {
        String item = targetId.substring(0, targetId.indexOf('#'));
        for (JsonNode indicator : send(servicePort, "GET", "/api/goals/" + item + "?year=2021", null).get("indicators")) {
            if (indicator.get("id").asString().equals(targetId)) {
                return indicator;
            }
        }
        throw new AssertionError("no indicator " + targetId);
    }

    private void awaitPlan(int servicePort) {
        await().atMost(Duration.ofSeconds(60)).until(() -> raw(servicePort, "GET", "/api/goals/5.5?year=2021", null)
                .statusCode() == 200);
    }

    private JsonNode send(int servicePort, String method, String path, String body) throws Exception {
        HttpResponse<String> response = raw(servicePort, method, path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> raw(int servicePort, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + servicePort + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
