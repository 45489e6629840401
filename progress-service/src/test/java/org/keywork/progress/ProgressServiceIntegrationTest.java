package org.keywork.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * progress-service against a real KRaft broker and the embedded MongoDB wire server: the plan arrives as events,
 * reports are validated against it, stored, and published exactly once per report id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressServiceIntegrationTest {

    static final String PLAN_ITEM_5_6 = """
            {"eventId":"6a1c7c43-0000-4000-8000-000000000056","type":"plan.item-published","version":1,
             "occurredAt":"2021-03-18T00:00:00Z","source":"goal-service","key":"5.6",
             "payload":{"planYear":2021,"itemId":"5.6","section":5,"sectionTitle":"保障和改善民生",
               "title":"★新增社区长者食堂 2 个。","starred":true,"planVersion":1,
               "targets":[{"id":"5.6#1","kind":"INDICATOR","name":"新增社区长者食堂","value":2,"unit":"个",
                           "direction":"AT_LEAST"}],
               "responsibility":{"leaderPosition":"分管副区长（民生）","leadDepartment":"区民政局",
                                 "cooperatingDepartments":["各街道办事处"]}}}
            """;

    static final String PLAN_ITEM_5_2 = """
            {"eventId":"6a1c7c43-0000-4000-8000-000000000052","type":"plan.item-published","version":1,
             "occurredAt":"2021-03-18T00:00:00Z","source":"goal-service","key":"5.2",
             "payload":{"planYear":2021,"itemId":"5.2","section":5,"sectionTitle":"保障和改善民生",
               "title":"完善养老服务体系。","starred":false,"planVersion":1,
               "targets":[{"id":"5.2","kind":"GOAL","name":"总体进展","value":null,"unit":null,"direction":null}],
               "responsibility":{"leaderPosition":"分管副区长（民生）","leadDepartment":"区民政局",
                                 "cooperatingDepartments":[]}}}
            """;

    static final String GOAL_REPORT = """
            {"reportId":"r-5.2-2021-09","itemId":"5.2","targetId":"5.2","state":"BLOCKED","asOf":"2021-09-30",
             "department":"区民政局","note":"场地未落实"}
            """;

    /** Confirmed: the tests below post many values for one target of 2, which the plausibility check would question. */
    static final String GOOD_REPORT = """
            {"reportId":"r-5.6-2021-09","itemId":"5.6","targetId":"5.6#1","value":0,"asOf":"2021-09-30",
             "department":"区民政局","note":"选址未定","confirmed":true}
            """;

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void planIsPublished() {
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, "5.6", PLAN_ITEM_5_6);
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, "5.2", PLAN_ITEM_5_2);
        // a report with an empty department is refused either way; once the item is known, only for the department
        await().atMost(Duration.ofSeconds(30)).until(() -> !post(malformedOnly("r-probe")).body().contains("unknown-item"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !post(GOAL_REPORT.replace("r-5.2-2021-09", "r-probe-5.2")
                .replace("\"department\":\"区民政局\"", "\"department\":\"\"")).body().contains("unknown-item"));
    }

    @Test
    void anAcceptedReportIsStoredAndPublishedOnceEvenWhenPostedTwice() throws Exception {
        HttpResponse<String> first = post(GOOD_REPORT);
        HttpResponse<String> again = post(GOOD_REPORT);

        assertThat(first.statusCode()).isEqualTo(202);
        JsonNode receipt = json.readTree(first.body());
        assertThat(receipt.get("reportId").asString()).isEqualTo("r-5.6-2021-09");
        assertThat(receipt.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(first.headers().firstValue("Location")).hasValue("/api/progress/r-5.6-2021-09");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json.readTree(again.body())).isEqualTo(receipt);

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PROGRESS_REPORTS)) {
            probe.awaitAtLeast(1, Duration.ofSeconds(10));
            List<ConsumerRecord<String, byte[]>> records = probe.readFor(Duration.ofSeconds(4)).stream()
                    .filter(r -> TopicProbe.body(r).contains("r-5.6-2021-09")).toList();
            assertThat(records).hasSize(1);
            ConsumerRecord<String, byte[]> record = records.get(0);
            assertThat(record.key()).isEqualTo("5.6");
            assertThat(TopicProbe.header(record, "keywork_event_type")).isEqualTo("progress.report-accepted");
            JsonNode envelope = json.readTree(record.value());
            assertThat(envelope.get("type").asString()).isEqualTo("progress.report-accepted");
            assertThat(envelope.get("version").asInt()).isEqualTo(1);
            assertThat(envelope.get("source").asString()).isEqualTo("progress-service");
            assertThat(envelope.get("payload").get("targetId").asString()).isEqualTo("5.6#1");
            assertThat(envelope.get("payload").get("targetKind").asString()).isEqualTo("INDICATOR");
            assertThat(envelope.get("payload").get("value").decimalValue()).isEqualByComparingTo("0");
            assertThat(envelope.get("payload").get("planYear").asInt()).isEqualTo(2021);
        }

        JsonNode history = json.readTree(get("/api/progress?itemId=5.6&year=2021").body());
        assertThat(history).filteredOn(r -> r.get("reportId").asString().equals("r-5.6-2021-09"))
                .singleElement().satisfies(r -> assertThat(r.get("department").asString()).isEqualTo("区民政局"));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                json.readTree(get("/api/progress/r-5.6-2021-09").body()).get("published").asBoolean());
    }

    @Test
    void reportsPostedAtOnceAreEachStoredAndPublishedOnceAndOfTwoRacingCorrectionsOneWins() throws Exception {
        assertThat(post(GOOD_REPORT.replace("r-5.6-2021-09", "burst-base")).statusCode()).isEqualTo(202);
        List<java.util.concurrent.Callable<HttpResponse<String>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String body = GOOD_REPORT.replace("r-5.6-2021-09", "burst-" + i).replace("\"value\":0", "\"value\":" + i);
            calls.add(() -> post(body)); // the report and a retry of it, at the same moment
            calls.add(() -> post(body));
        }
        for (String fix : List.of("a", "b")) {
            calls.add(() -> post(GOOD_REPORT.replace("{\"reportId\":\"r-5.6-2021-09\"",
                    "{\"reportId\":\"burst-fix-" + fix + "\",\"supersedes\":\"burst-base\"")));
        }
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(32);
        List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        try {
            for (var future : clients.invokeAll(calls)) {
                answers.add(future.get());
            }
        } finally {
            clients.shutdown();
        }

        for (int i = 0; i < 40; i++) {
            assertThat(answers.get(2 * i).statusCode()).as(answers.get(2 * i).body()).isEqualTo(202);
            assertThat(json.readTree(answers.get(2 * i + 1).body())).isEqualTo(json.readTree(answers.get(2 * i).body()));
        }
        List<HttpResponse<String>> fixes = answers.subList(80, 82);
        assertThat(fixes).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
        HttpResponse<String> refused = fixes.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
        assertThat(json.readTree(refused.body()).get("errors").get(0).get("field").asString()).isEqualTo("supersedes");
        assertThat(json.readTree(refused.body()).get("errors").get(0).get("code").asString())
                .isEqualTo("already-superseded");

        JsonNode history = json.readTree(get("/api/progress?itemId=5.6&year=2021").body());
        List<String> ids = new java.util.ArrayList<>();
        history.forEach(r -> ids.add(r.get("reportId").asString()));
        for (int i = 0; i < 40; i++) {
            assertThat(ids).as("burst-" + i).containsOnlyOnce("burst-" + i);
        }
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PROGRESS_REPORTS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.readFor(Duration.ofMillis(300)).stream()
                    .filter(r -> TopicProbe.body(r).contains("\"reportId\":\"burst-")).count() >= 42);
            probe.readFor(Duration.ofSeconds(2));
            java.util.Map<String, Long> published = probe.bodies().stream()
                    .filter(b -> b.contains("\"reportId\":\"burst-"))
                    .map(b -> json.readTree(b).get("payload").get("reportId").asString())
                    .collect(java.util.stream.Collectors.groupingBy(id -> id, java.util.stream.Collectors.counting()));
            assertThat(published).hasSize(42).allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1L));
        }
    }

    @Test
    void aDifferentReportUnderAUsedIdIsRefusedWithConflict() throws Exception {
        post(GOOD_REPORT.replace("r-5.6-2021-09", "r-conflict"));
        HttpResponse<String> response = post(GOOD_REPORT.replace("r-5.6-2021-09", "r-conflict")
                .replace("\"value\":0", "\"value\":1"));

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("reportId");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("already-used");
    }

    @Test
    void aCorrectionIsAcceptedAndBothReportsStayInTheHistoryLinkedToEachOther() throws Exception {
        String original = GOOD_REPORT.replace("r-5.6-2021-09", "r-corr-original");
        String correction = GOOD_REPORT.replace("r-5.6-2021-09", "r-corr-fix").replace("\"value\":0", "\"value\":1")
                .replace("\"note\":\"选址未定\"", "\"note\":\"更正：已建成 1 个\",\"supersedes\":\"r-corr-original\"");
        assertThat(post(original).statusCode()).isEqualTo(202);
        assertThat(post(correction).statusCode()).isEqualTo(202);
        assertThat(post(correction).statusCode()).as("a retry of the correction").isEqualTo(202);

        JsonNode history = json.readTree(get("/api/progress?itemId=5.6&year=2021").body());
        assertThat(history).filteredOn(r -> r.get("reportId").asString().equals("r-corr-original")).singleElement()
                .satisfies(r -> {
                    assertThat(r.get("supersededBy").asString()).isEqualTo("r-corr-fix");
                    assertThat(r.get("value").decimalValue()).isEqualByComparingTo("0");
                });
        assertThat(history).filteredOn(r -> r.get("reportId").asString().equals("r-corr-fix")).singleElement()
                .satisfies(r -> {
                    assertThat(r.get("supersedes").asString()).isEqualTo("r-corr-original");
                    assertThat(r.get("supersededBy").isNull()).isTrue();
                });
        assertThat(json.readTree(get("/api/progress/r-corr-original").body()).get("supersededBy").asString())
                .isEqualTo("r-corr-fix");

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PROGRESS_REPORTS)) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                    probe.readFor(Duration.ofMillis(500)).stream().map(TopicProbe::body)
                            .filter(b -> b.contains("\"reportId\":\"r-corr-fix\"")).map(json::readTree)
                            .map(n -> n.get("payload").get("supersedes").asString()).toList())
                    .containsExactly("r-corr-original"));
        }

        HttpResponse<String> twice = post(correction.replace("r-corr-fix", "r-corr-fix-2"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json.readTree(twice.body()).get("errors").get(0).get("field").asString()).isEqualTo("supersedes");
        assertThat(json.readTree(twice.body()).get("errors").get(0).get("code").asString())
                .isEqualTo("already-superseded");
    }

    @Test
    void aCorrectionOfAReportOfAnotherTargetIsRefusedNamingSupersedes() throws Exception {
        assertThat(post(GOOD_REPORT.replace("r-5.6-2021-09", "r-other-target")).statusCode()).isEqualTo(202);
        HttpResponse<String> response = post(GOAL_REPORT.replace("r-5.2-2021-09", "r-wrong-correction")
                .replace("\"note\":\"场地未落实\"", "\"supersedes\":\"r-other-target\""));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("supersedes");
        assertThat(get("/api/progress/r-wrong-correction").statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = post(GOOD_REPORT.replace("r-5.6-2021-09", "r-corrects-nothing")
                .replace("\"note\":\"选址未定\"", "\"supersedes\":\"r-never-posted\""));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unknown.body()).get("errors").get(0).get("field").asString()).isEqualTo("supersedes");
    }

    @Test
    void aQualitativeReportNeedsAStateAndItsEventCarriesIt() throws Exception {
        HttpResponse<String> missing = post(GOAL_REPORT.replace("r-5.2-2021-09", "r-5.2-no-state")
                .replace("\"state\":\"BLOCKED\",", ""));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json.readTree(missing.body()).get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo("state");
            assertThat(error.get("code").asString()).isEqualTo("required");
        });
        HttpResponse<String> onIndicator = post(GOOD_REPORT.replace("r-5.6-2021-09", "r-5.6-with-state")
                .replace("\"note\":\"选址未定\"", "\"state\":\"DONE\""));
        assertThat(onIndicator.statusCode()).isEqualTo(400);
        assertThat(json.readTree(onIndicator.body()).get("errors").get(0).get("field").asString()).isEqualTo("state");

        HttpResponse<String> accepted = post(GOAL_REPORT);
        assertThat(accepted.statusCode()).isEqualTo(202);
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PROGRESS_REPORTS)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> probe.readFor(Duration.ofMillis(500)).stream()
                    .anyMatch(r -> TopicProbe.body(r).contains("r-5.2-2021-09")));
            List<JsonNode> payloads = probe.readFor(Duration.ofSeconds(2)).stream()
                    .filter(r -> TopicProbe.body(r).contains("r-5.2-2021-09"))
                    .map(r -> json.readTree(r.value()).get("payload")).toList();
            assertThat(payloads).hasSize(1);
            assertThat(payloads.get(0).get("targetId").asString()).isEqualTo("5.2");
            assertThat(payloads.get(0).get("targetKind").asString()).isEqualTo("GOAL");
            assertThat(payloads.get(0).get("state").asString()).isEqualTo("BLOCKED");
            assertThat(payloads.get(0).get("note").asString()).isEqualTo("场地未落实");
        }
        JsonNode history = json.readTree(get("/api/progress?itemId=5.2").body());
        assertThat(history).filteredOn(r -> r.get("reportId").asString().equals("r-5.2-2021-09")).singleElement()
                .satisfies(r -> assertThat(r.get("state").asString()).isEqualTo("BLOCKED"));
    }

    static Stream<Arguments> malformedReports() {
        return Stream.of(
                Arguments.of("bad JSON", "{\"reportId\": \"x\", ", "body", "malformed-json", 400),
                Arguments.of("unknown item", GOOD_REPORT.replace("\"5.6\"", "\"5.99\"").replace("5.6#1", "5.99#1"),
                        "itemId", "unknown-item", 400),
                Arguments.of("unknown target", GOOD_REPORT.replace("5.6#1", "5.6#7"), "targetId", "unknown-target",
                        400),
                Arguments.of("negative value", GOOD_REPORT.replace("\"value\":0", "\"value\":-3"), "value",
                        "negative", 400),
                Arguments.of("non-numeric value", GOOD_REPORT.replace("\"value\":0", "\"value\":\"很多\""), "value",
                        "invalid-format", 400),
                Arguments.of("missing department", GOOD_REPORT.replace(",\n \"department\":\"区民政局\"", ""),
                        "department", "required", 400),
                Arguments.of("missing asOf", GOOD_REPORT.replace("\"asOf\":\"2021-09-30\",", ""), "asOf", "required",
                        400),
                Arguments.of("missing value", GOOD_REPORT.replace("\"value\":0,", ""), "value", "required", 400),
                Arguments.of("bad date", GOOD_REPORT.replace("2021-09-30", "2021-13-45"), "asOf", "invalid-format",
                        400),
                Arguments.of("misspelt field", GOOD_REPORT.replace("\"note\"", "\"nots\""), "nots", "unknown-field",
                        400),
                Arguments.of("1 MB body", "{\"note\":\"" + "长".repeat(350_000) + "\"}", "body", "too-large", 413));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedReports")
    void malformedReportsAreRefusedNamingTheFieldAndNeverReachKafka(String name, String body, String field,
            String code, int status) throws Exception {
        String reportId = "bad-" + name.replace(' ', '-');
        HttpResponse<String> response = post(body.replace("r-5.6-2021-09", reportId));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("urn:keywork:problem:");
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).contains(field);
        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("code").asString()).isEqualTo(code);
            assertThat(error.get("reason").asString()).isNotBlank();
        });
        assertThat(get("/api/progress/" + reportId).statusCode()).isEqualTo(404);
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PROGRESS_REPORTS)) {
            assertThat(probe.readFor(Duration.ofSeconds(1)).stream().map(TopicProbe::body))
                    .noneMatch(b -> b.contains(reportId));
        }
    }

    @Test
    void aPoisonPlanEventGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, "5.8", "this is not an envelope");
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, "5.12",
                PLAN_ITEM_5_6.replace("5.6", "5.12").replace("000000000056", "000000000512"));

        try (TopicProbe dlq = TopicProbe.on(brokers, Topics.deadLetter(Topics.PLAN_ITEMS, "progress-service"))) {
            ConsumerRecord<String, byte[]> dead = dlq.awaitAtLeast(1, Duration.ofSeconds(30)).get(0);
            assertThat(TopicProbe.body(dead)).isEqualTo("this is not an envelope");
            assertThat(TopicProbe.header(dead, "x-exception-message")).contains("unreadable");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                post(GOOD_REPORT.replace("5.6", "5.12").replace("r-5.12-2021-09", "r-after-poison")).statusCode())
                .isEqualTo(202));
    }

    private static String malformedOnly(String reportId) {
        return GOOD_REPORT.replace("r-5.6-2021-09", reportId).replace("\"department\":\"区民政局\"",
                "\"department\":\"\"");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/progress"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aParameterOfTheWrongTypeOrMissingIsAProblemNamingIt() throws Exception {
        for (String[] call : new String[][] {{"/api/progress?itemId=5.6&year=abc", "year", "invalid-format"},
                {"/api/progress?itemId=5.6&year=2021.5", "year", "invalid-format"},
                {"/api/progress", "itemId", "required"},
                {"/api/progress?itemId=5.6&year=[2021]", "year", "invalid-format"}}) {
            HttpResponse<String> response = get(call[0]);
            assertThat(response.statusCode()).as(call[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(call[0]).get().asString()
                    .startsWith("application/problem+json");
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("errors").get(0).get("field").asString()).as(call[0]).isEqualTo(call[1]);
            assertThat(problem.get("errors").get(0).get("code").asString()).as(call[0]).isEqualTo(call[2]);
        }
        JsonNode year = json.readTree(get("/api/progress?itemId=5.6&year=abc").body());
        assertThat(year.get("errors").get(0).get("reason").asString()).isEqualTo("值 abc 不是有效的数字");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
