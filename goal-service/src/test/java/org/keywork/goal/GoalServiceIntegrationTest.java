package org.keywork.goal;

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
import org.keywork.support.events.RecentIds;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * goal-service against a real KRaft broker and the embedded MongoDB wire server: it publishes its plan, takes
 * accepted reports into indicators, and announces each status change once, however often a report is delivered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class GoalServiceIntegrationTest {

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    static String report(String eventId, String reportId, String targetId, String value, String asOf) {
        String itemId = targetId.substring(0, targetId.indexOf('#'));
        return """
                {"eventId":"%s","type":"progress.report-accepted","version":1,"occurredAt":"2021-10-01T01:00:00Z",
                 "source":"progress-service","key":"%s",
                 "payload":{"reportId":"%s","planYear":2021,"itemId":"%s","targetId":"%s","targetKind":"INDICATOR",
                   "value":%s,"asOf":"%s","department":"区民政局","acceptedAt":"2021-10-01T01:00:00Z"}}
                """.formatted(eventId, itemId, reportId, itemId, targetId, value, asOf);
    }

    static String correction(String eventId, String reportId, String targetId, String value, String asOf,
            String supersedes) {
        return report(eventId, reportId, targetId, value, asOf).replace("\"department\"",
                "\"supersedes\":\"" + supersedes + "\",\"department\"");
    }

    static String qualitative(String eventId, String reportId, String itemId, String state, String asOf) {
        return """
                {"eventId":"%s","type":"progress.report-accepted","version":1,"occurredAt":"2021-10-01T01:00:00Z",
                 "source":"progress-service","key":"%s",
                 "payload":{"reportId":"%s","planYear":2021,"itemId":"%s","targetId":"%s","targetKind":"GOAL",
                   "state":"%s","note":"场地未落实","asOf":"%s","department":"区民政局",
                   "acceptedAt":"2021-10-01T01:00:00Z"}}
                """.formatted(eventId, itemId, reportId, itemId, itemId, state, asOf);
    }

    @Test
    void aCorrectionOfTheLatestReportReplacesItsValueEvenWithAnEarlierDateAndIsJudgedAgain() throws Exception {
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.3",
                report("22222222-0000-4000-8000-000000000001", "r-5.3-sep", "5.3#1", "420", "2021-09-30"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json.readTree(get("/api/goals/5.3").body()).get("status").asString()).isEqualTo("DONE"));

        String fix = correction("22222222-0000-4000-8000-000000000002", "r-5.3-sep-fix", "5.3#1", "0", "2021-08-31",
                "r-5.3-sep");
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.3", fix);
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.3", fix);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json.readTree(get("/api/goals/5.3").body()).get("status").asString()).isEqualTo("RED"));
        JsonNode indicator = json.readTree(get("/api/goals/5.3").body()).get("indicators").get(0);
        assertThat(indicator.get("actual").decimalValue()).isEqualByComparingTo("0");
        assertThat(indicator.get("asOf").asString()).isEqualTo("2021-08-31");
        assertThat(indicator.get("lastReportId").asString()).isEqualTo("r-5.3-sep-fix");

        // a report correcting one that is no longer current follows the latest-as-of rule: it changes nothing here
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.3", correction("22222222-0000-4000-8000-000000000003",
                "r-5.3-sep-fix-late", "5.3#1", "420", "2021-07-31", "r-5.3-sep"));
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.INDICATOR_STATUS)) {
            List<JsonNode> changes = probe.readFor(Duration.ofSeconds(4)).stream()
                    .filter(r -> r.key().equals("5.3")).map(r -> json.readTree(r.value()).get("payload")).toList();
            assertThat(changes).extracting(c -> c.get("current").asString()).containsExactly("DONE", "RED");
            assertThat(changes.get(1).get("reportId").asString()).isEqualTo("r-5.3-sep-fix");
        }
        assertThat(json.readTree(get("/api/goals/5.3").body()).get("indicators").get(0).get("actual")
                .decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void aQualitativeReportSetsTheItemsStatusOnceEvenWhenRedelivered() throws Exception {
        String blocked = qualitative("33333333-0000-4000-8000-000000000001", "r-5.2-sep", "5.2", "BLOCKED",
                "2021-09-30");
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.2", blocked);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json.readTree(get("/api/goals/5.2").body()).get("status").asString()).isEqualTo("RED"));
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.2", blocked);
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.2", blocked.replace("33333333-0000-4000-8000-000000000001",
                "33333333-0000-4000-8000-000000000002"));

        JsonNode item = json.readTree(get("/api/goals/5.2").body());
        assertThat(item.get("qualitative").asBoolean()).isTrue();
        assertThat(item.get("progress").get("state").asString()).isEqualTo("BLOCKED");
        assertThat(item.get("progress").get("note").asString()).isEqualTo("场地未落实");
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.INDICATOR_STATUS)) {
            List<JsonNode> changes = probe.readFor(Duration.ofSeconds(4)).stream()
                    .filter(r -> r.key().equals("5.2")).map(r -> json.readTree(r.value()).get("payload")).toList();
            assertThat(changes).hasSize(1);
            JsonNode payload = changes.get(0);
            assertThat(payload.get("indicatorId").asString()).isEqualTo("5.2");
            assertThat(payload.get("rule").asString()).isEqualTo("qualitative-status");
            assertThat(payload.get("period").asString()).isEqualTo("2021-09");
            assertThat(payload.get("previous").asString()).isEqualTo("NOT_STARTED");
            assertThat(payload.get("current").asString()).isEqualTo("RED");
            assertThat(payload.get("reportId").asString()).isEqualTo("r-5.2-sep");
            assertThat(payload.get("target").isNull()).isTrue();
        }
        JsonNode red = json.readTree(get("/api/goals?year=2021&section=5&status=RED").body());
        assertThat(red).extracting(n -> n.get("itemId").asString()).contains("5.2");
    }

    @Test
    void importsTheBundled2021PlanAtFirstStartAndPublishesEachItemOnce() throws Exception {
        try (TopicProbe goals = TopicProbe.on(brokers, Topics.PLAN_ITEMS);
                TopicProbe construction = TopicProbe.on(brokers, Topics.CONSTRUCTION_ITEMS)) {
            List<ConsumerRecord<String, byte[]>> records = goals.awaitAtLeast(111, Duration.ofSeconds(60));
            construction.awaitAtLeast(47, Duration.ofSeconds(30));
            assertThat(goals.readFor(Duration.ofSeconds(3))).hasSize(111);
            assertThat(construction.readFor(Duration.ofSeconds(1))).hasSize(47)
                    .extracting(ConsumerRecord::key).contains("9.1", "9.44", "9.47").doesNotHaveDuplicates();
            assertThat(records).extracting(ConsumerRecord::key).contains("1.1", "5.8", "8.7").doesNotHaveDuplicates();
            JsonNode item58 = records.stream().filter(r -> r.key().equals("5.8"))
                    .map(r -> json.readTree(r.value())).findFirst().orElseThrow();
            assertThat(item58.get("type").asString()).isEqualTo("plan.item-published");
            assertThat(item58.get("payload").get("targets")).hasSize(4);
            assertThat(item58.get("payload").get("targets").get(2).get("id").asString()).isEqualTo("5.8#3");
            assertThat(item58.get("payload").get("targets").get(2).get("value").asInt()).isEqualTo(480);
            assertThat(item58.get("payload").get("responsibility").get("leadDepartment").asString())
                    .isEqualTo("区人力资源社会保障局");
            JsonNode item52 = records.stream().filter(r -> r.key().equals("5.2"))
                    .map(r -> json.readTree(r.value())).findFirst().orElseThrow();
            assertThat(item52.get("payload").get("targets")).hasSize(1);
            JsonNode goal = item52.get("payload").get("targets").get(0);
            assertThat(goal.get("id").asString()).isEqualTo("5.2");
            assertThat(goal.get("kind").asString()).isEqualTo("GOAL");
            assertThat(goal.get("name").asString()).isEqualTo("总体进展");
            assertThat(goal.get("value").isNull()).isTrue();
            JsonNode item944 = construction.bodies().stream().map(json::readTree)
                    .filter(n -> n.get("key").asString().equals("9.44")).findFirst().orElseThrow();
            assertThat(item944.get("type").asString()).isEqualTo("plan.construction-item-defined");
            assertThat(item944.get("payload").get("milestones")).extracting(m -> m.get("type").asString())
                    .containsExactly("OTHER", "COMPLETION", "START", "START");
        }
        JsonNode goals = json.readTree(get("/api/goals?year=2021&section=5").body());
        assertThat(goals).hasSize(15);
        assertThat(goals.get(0).get("itemId").asString()).isEqualTo("5.1");
        JsonNode starred = json.readTree(get("/api/goals?year=2021&section=5&starred=true").body());
        assertThat(starred).extracting(n -> n.get("itemId").asString())
                .containsExactly("5.5", "5.6", "5.7", "5.8", "5.10", "5.12", "5.13", "5.14", "5.15");

        JsonNode plan = json.readTree(get("/api/plans/2021").body());
        JsonNode counts = plan.get("counts");
        assertThat(counts.get("sections").asInt()).isEqualTo(9);
        assertThat(counts.get("items").asInt()).isEqualTo(158);
        assertThat(counts.get("starredItems").asInt()).isEqualTo(25);
        assertThat(counts.get("stars").asInt()).isEqualTo(42);
        assertThat(counts.get("constructionItems").asInt()).isEqualTo(47);
        assertThat(counts.get("itemsWithStart").asInt()).isEqualTo(26);
        assertThat(counts.get("itemsWithCompletion").asInt()).isEqualTo(20);
        assertThat(counts.get("sampleResponsibility").asBoolean()).isTrue();
        assertThat(plan.get("heading").get("documentNumber").asString()).isEqualTo("静府发〔2021〕5号");
        assertThat(plan.get("sections").get(4).get("title").asString()).isEqualTo("保障和改善民生");
        assertThat(plan.get("sections").get(8).get("kind").asString()).isEqualTo("CONSTRUCTION");
        assertThat(plan.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void aReportBehindScheduleTurnsTheIndicatorRedOnceEvenWhenDeliveredThreeTimes() throws Exception {
        String first = report("11111111-0000-4000-8000-000000000001", "r-5.6-sep", "5.6#1", "0", "2021-09-30");
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.6", first);
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.6", first);
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.6",
                report("11111111-0000-4000-8000-000000000002", "r-5.6-sep", "5.6#1", "0", "2021-09-30"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json.readTree(get("/api/goals/5.6").body()).get("status").asString()).isEqualTo("RED"));
        JsonNode indicator = json.readTree(get("/api/goals/5.6?year=2021").body()).get("indicators").get(0);
        assertThat(indicator.get("expected").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(indicator.get("lastReportId").asString()).isEqualTo("r-5.6-sep");

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.INDICATOR_STATUS)) {
            List<JsonNode> changes = probe.readFor(Duration.ofSeconds(4)).stream()
                    .filter(r -> r.key().equals("5.6")).map(r -> json.readTree(r.value())).toList();
            assertThat(changes).hasSize(1);
            JsonNode payload = changes.get(0).get("payload");
            assertThat(payload.get("indicatorId").asString()).isEqualTo("5.6#1");
            assertThat(payload.get("previous").asString()).isEqualTo("NOT_STARTED");
            assertThat(payload.get("current").asString()).isEqualTo("RED");
            assertThat(payload.get("rule").asString()).isEqualTo("behind-schedule");
            assertThat(payload.get("period").asString()).isEqualTo("2021-09");
            assertThat(payload.get("shortfallPoints").decimalValue()).isEqualByComparingTo("74.8");
            assertThat(payload.get("responsibility").get("leaderPosition").asString()).isEqualTo("副区长（分管民政）");
        }

        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.6",
                report("11111111-0000-4000-8000-000000000003", "r-5.6-nov", "5.6#1", "2", "2021-11-30"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json.readTree(get("/api/goals/5.6").body()).get("status").asString()).isEqualTo("DONE"));
        // a late report from before changes the history, not the value
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.6",
                report("11111111-0000-4000-8000-000000000004", "r-5.6-aug", "5.6#1", "0", "2021-08-31"));
        JsonNode summary = json.readTree(get("/api/dashboard/summary?year=2021").body());
        assertThat(summary.get("totals").get("DONE").asInt()).isGreaterThanOrEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(json.readTree(get("/api/goals/5.6").body()).get("indicators").get(0).get("actual")
                        .decimalValue()).isEqualByComparingTo("2"));
    }

    @Test
    void aReportRedeliveredLongAfterChangesNothingEvenOutOfTheIndicatorsWindowOfRecentIds() throws Exception {
        String current = report("44444444-0000-4000-8000-000000000001", "r-5.5-sep", "5.5#1", "100", "2021-09-30");
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.INDICATOR_STATUS)) {
            TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.5", current);
            // more late reports than the indicator keeps ids of, then the current report again under a new event id
            for (int i = 0; i < RecentIds.KEPT + 8; i++) {
                TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.5", report(
                        "44444444-0000-4000-8000-1%011d".formatted(i), "r-5.5-late-" + i, "5.5#1", "0", "2021-08-31"));
            }
            TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.5",
                    current.replace("44444444-0000-4000-8000-000000000001", "44444444-0000-4000-8000-000000000002"));
            // a newer report after them (same partition, so handled after them)
            TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.5",
                    report("44444444-0000-4000-8000-000000000003", "r-5.5-nov", "5.5#1", "400", "2021-11-30"));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(json.readTree(
                    get("/api/goals/5.5").body()).get("indicators").get(0).get("status").asString()).isEqualTo("DONE"));

            // two changes: the September report's and November's; the redelivery made none
            List<JsonNode> changes = probe.readFor(Duration.ofSeconds(4)).stream()
                    .filter(r -> r.key().equals("5.5")).map(r -> json.readTree(r.value()).get("payload")).toList();
            assertThat(changes).extracting(c -> c.get("reportId").asString()).containsExactly("r-5.5-sep",
                    "r-5.5-nov");
            assertThat(changes.get(0).get("previous").asString()).isEqualTo("NOT_STARTED");
            assertThat(changes.get(1).get("previous").asString()).isEqualTo(changes.get(0).get("current").asString());
            assertThat(changes.get(1).get("current").asString()).isEqualTo("DONE");
        }
        JsonNode indicator = json.readTree(get("/api/goals/5.5").body()).get("indicators").get(0);
        assertThat(indicator.get("lastReportId").asString()).isEqualTo("r-5.5-nov");
        assertThat(indicator.get("actual").decimalValue()).isEqualByComparingTo("400");
    }

    @Test
    void aPoisonReportGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.12", "{\"not\":\"an envelope\"");
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.12",
                report("11111111-0000-4000-8000-000000000012", "r-5.12-jun", "5.12#1", "3", "2021-06-30"));

        try (TopicProbe dlq = TopicProbe.on(brokers, Topics.deadLetter(Topics.PROGRESS_REPORTS, "goal-service"))) {
            ConsumerRecord<String, byte[]> dead = dlq.awaitAtLeast(1, Duration.ofSeconds(30)).get(0);
            assertThat(TopicProbe.body(dead)).isEqualTo("{\"not\":\"an envelope\"");
            assertThat(TopicProbe.header(dead, "x-original-topic")).isEqualTo(Topics.PROGRESS_REPORTS);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(json.readTree(get("/api/goals/5.12").body()).get("status").asString()).isEqualTo("DONE"));
    }

    @Test
    void theYearEndEvaluationCountsGoalsAndConstructionMilestonesAndExportsExcel() throws Exception {
        TopicProbe.send(brokers, Topics.MILESTONE_STATUS, "9.2", """
                {"eventId":"33333333-0000-4000-8000-000000000092","type":"project.milestone-status-changed",
                 "version":1,"occurredAt":"2021-11-15T02:00:00Z","source":"project-service","key":"9.2",
                 "payload":{"planYear":2021,"itemId":"9.2","itemTitle":"★实现静安区闸北实验小学（明德）校区扩建项目开工。",
                   "milestoneId":"9.2#1","milestoneName":"静安区闸北实验小学（明德）校区扩建项目","milestoneType":"START",
                   "rule":"milestone-reached","period":"2021-11","previous":"YELLOW","current":"DONE",
                   "plannedDate":"2021-12-31","reachedOn":"2021-11-15","asOf":"2021-11-15",
                   "responsibility":{"leaderPosition":"副区长（分管教育）","leadDepartment":"区教育局"}}}
                """);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode evaluation = json.readTree(get("/api/evaluation/2021").body());
            JsonNode sections = evaluation.get("bySection");
            JsonNode construction = sections.get(sections.size() - 1);
            assertThat(construction.get("group").asString()).isEqualTo("9 推进区域重点工程建设");
            assertThat(construction.get("targets").asInt()).isEqualTo(53);
            assertThat(construction.get("met").asInt()).isEqualTo(1);
            assertThat(construction.get("metOnTime").asInt()).isEqualTo(1);
        });
        JsonNode evaluation = json.readTree(get("/api/evaluation/2021").body());
        assertThat(evaluation.get("total").get("targets").asInt()).isEqualTo(79 + 53);
        assertThat(evaluation.get("qualitativeItems").asInt()).isGreaterThan(0);

        HttpResponse<byte[]> workbook = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/evaluation/2021/export.xlsx")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(workbook.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml"));
        try (var excel = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(workbook.body()))) {
            var sections = excel.getSheetAt(0);
            assertThat(sections.getSheetName()).isEqualTo("按章节");
            List<String> groups = new java.util.ArrayList<>();
            sections.forEach(row -> groups.add(row.getCell(0).getStringCellValue()));
            assertThat(groups).contains("9 推进区域重点工程建设", "合计");
        }
    }

    @Test
    void anUnknownItemIsANotFoundProblem() throws Exception {
        HttpResponse<String> response = get("/api/goals/5.99");
        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("itemId");
        assertThat(problem.get("detail").asString()).contains("5.99");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
