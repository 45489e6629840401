package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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
 * What the supervisors' dashboard reads: the goal list page by page with its filters and counts, the filters'
 * values, the status legend, 未报送 (a qualitative item without its monthly report is announced missing, as an
 * indicator is) and 最新变化 (the status changes, newest first).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.clock.mode=simulated"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class GoalDashboardIntegrationTest {

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @org.springframework.beans.factory.annotation.Autowired
    org.keywork.goal.tracking.StatusChanges statusChanges;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aQualitativeItemWithoutItsReportIsUnreportedAnnouncedOnceAndItsReportedRiskIsALatestChange()
            throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/plans/2021").statusCode() == 200);
        send("PUT", "/api/admin/clock", "{\"now\":\"2021-06-30T12:00:00+08:00\",\"reason\":\"dashboard test\"}");
        JsonNode sweep = json.readTree(send("POST", "/api/admin/sweep", null).body());
        assertThat(sweep.get("date").asString()).isEqualTo("2021-06-30");

        // 1.1 has no numeric target and nothing reported: its May report is missing (deadline 2021-05-31)
        JsonNode item = read("/api/goals/1.1");
        assertThat(item.get("qualitative").asBoolean()).isTrue();
        assertThat(item.get("status").asString()).isEqualTo("NOT_STARTED");
        assertThat(item.get("unreported").asBoolean()).isTrue();
        assertThat(item.get("progress").isNull()).isTrue();
        JsonNode missing = await().atMost(Duration.ofSeconds(10)).until(() -> payloads(Topics.REPORTS_MISSING, "1.1"),
                l -> !l.isEmpty()).get(0);
        assertThat(missing.get("period").asString()).isEqualTo("2021-05");
        assertThat(missing.get("deadline").asString()).isEqualTo("2021-05-31");
        assertThat(missing.get("targetName").asString()).isEqualTo("总体进展");
        assertThat(missing.get("responsibility").get("leadDepartment").asString()).isEqualTo("区发展改革委");
        JsonNode again = json.readTree(send("POST", "/api/admin/sweep", null).body());
        assertThat(again.get("missingReportsAnnounced").asInt()).isZero();
        assertThat(payloads(Topics.REPORTS_MISSING, "1.1")).hasSize(1);

        // unreported items, as a filter
        JsonNode unreported = read("/api/goals?unreported=true");
        assertThat(unreported).isNotEmpty().allSatisfy(i -> assertThat(i.get("unreported").asBoolean()).isTrue());
        assertThat(ids(unreported)).contains("1.1");

        // the department reports a risk: YELLOW, reported, and the first of the latest changes
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "1.1", GoalServiceIntegrationTest.qualitative(
                "44444444-0000-4000-8000-000000000011", "r-1.1-jun", "1.1", "AT_RISK", "2021-06-20"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(read("/api/goals/1.1").get("status").asString()).isEqualTo("YELLOW"));
        JsonNode reported = read("/api/goals/1.1");
        assertThat(reported.get("unreported").asBoolean()).isFalse();
        assertThat(reported.get("progress").get("state").asString()).isEqualTo("AT_RISK");
        assertThat(ids(read("/api/goals?unreported=true"))).doesNotContain("1.1");

        JsonNode changes = read("/api/goals/changes?year=2021&limit=200");
        JsonNode first = changes.get(0);
        assertThat(first.get("itemId").asString()).isEqualTo("1.1");
        assertThat(first.get("targetId").isNull()).isTrue();
        assertThat(first.get("from").asString()).isEqualTo("NOT_STARTED");
        assertThat(first.get("to").asString()).isEqualTo("YELLOW");
        assertThat(first.get("asOf").asString()).isEqualTo("2021-06-20");
        assertThat(first.get("department").asString()).isEqualTo("区发展改革委");
        assertThat(first.get("leader").asString()).isEqualTo("区长");
        assertThat(first.get("title").asString()).isNotBlank();
        assertThat(first.get("at").asString()).startsWith("2021-06-30");
        // the sweep's changes of indicators are there too (5.6#1 was judged with nothing reported), older
        List<String> targets = new ArrayList<>();
        changes.forEach(c -> targets.add(c.get("targetId").isNull() ? null : c.get("targetId").asString()));
        assertThat(targets).contains("5.6#1");
        assertThat(read("/api/goals/changes?year=2021&limit=1")).hasSize(1);
        assertThat(read("/api/goals/changes?year=2019")).isEmpty();
        assertProblem(get("/api/goals/changes?limit=0"), "limit");
    }

    @Test
    void theGoalListPagesFiltersAndCountsTheWholeFilteredList() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/plans/2021").statusCode() == 200);
        JsonNode all = read("/api/goals?year=2021");
        assertThat(all.isArray()).isTrue();

        JsonNode page = read("/api/goals?year=2021&page=1&size=10");
        assertThat(page.get("content")).hasSize(10);
        assertThat(page.get("content").get(0).get("itemId").asString()).isEqualTo(all.get(10).get("itemId").asString());
        JsonNode info = page.get("page");
        assertThat(info.get("size").asInt()).isEqualTo(10);
        assertThat(info.get("number").asInt()).isEqualTo(1);
        assertThat(info.get("totalElements").asInt()).isEqualTo(all.size());
        assertThat(info.get("totalPages").asInt()).isEqualTo((all.size() + 9) / 10);
        JsonNode counts = page.get("counts");
        int sum = 0;
        for (String status : List.of("GREEN", "YELLOW", "RED", "DONE", "NOT_STARTED")) {
            sum += counts.get(status).asInt();
        }
        assertThat(sum).isEqualTo(all.size());
        assertThat(read("/api/goals?size=500").get("content")).hasSize(all.size());
        assertThat(read("/api/goals?page=99").get("content")).isEmpty();
        assertThat(read("/api/goals?page=0").get("page").get("size").asInt()).isEqualTo(50);

        // filters: a department (lead or cooperating), a leader, a text or an id prefix
        JsonNode civil = read("/api/goals?department=" + enc("区民政局"));
        assertThat(civil).isNotEmpty().allSatisfy(i -> {
            JsonNode duty = i.get("responsibility");
            List<String> departments = new ArrayList<>();
            departments.add(duty.get("leadDepartment").asString());
            duty.get("cooperatingDepartments").forEach(d -> departments.add(d.asString()));
            assertThat(departments).contains("区民政局");
        });
        assertThat(ids(civil)).contains("5.6");
        JsonNode leader = read("/api/goals?leader=" + enc("副区长（分管民政）") + "&page=0&size=5");
        assertThat(leader.get("content")).allSatisfy(i -> assertThat(i.get("responsibility").get("leaderPosition")
                .asString()).isEqualTo("副区长（分管民政）"));
        assertThat(leader.get("page").get("totalElements").asInt()).isGreaterThan(0);
        assertThat(ids(read("/api/goals?q=5.6"))).first().isEqualTo("5.6");
        assertThat(ids(read("/api/goals?q=" + enc("长者食堂")))).contains("5.6");
        assertThat(read("/api/goals?q=" + enc("没有这样的事项"))).isEmpty();

        // the filters' values
        JsonNode facets = read("/api/goals/facets?year=2021");
        List<String> departments = new ArrayList<>();
        facets.get("departments").forEach(d -> departments.add(d.asString()));
        assertThat(departments).contains("区民政局", "区发展改革委", "各街道办事处").doesNotHaveDuplicates();
        List<String> leaders = new ArrayList<>();
        facets.get("leaders").forEach(d -> leaders.add(d.asString()));
        assertThat(leaders).contains("区长", "副区长（分管民政）");

        // bad values name the parameter
        assertProblem(get("/api/goals?size=501"), "size");
        assertProblem(get("/api/goals?size=0"), "size");
        assertProblem(get("/api/goals?page=-1"), "page");
        assertProblem(get("/api/goals?status=PURPLE"), "status");
        assertProblem(get("/api/goals?unreported=maybe"), "unreported");
        assertProblem(get("/api/goals?page=x"), "page");
    }

    @Test
    void theEvaluationScoresEveryItemOfThePlanInEverySectionAndExportsOneRowPerItem() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/plans/2021").statusCode() == 200);
        int goals = read("/api/goals?year=2021").size();
        int construction = 0;
        for (JsonNode section : read("/api/plans/2021").get("sections")) {
            if (section.get("section").asInt() == 9) {
                construction = section.get("items").size();
            }
        }
        assertThat(construction).isGreaterThan(0);

        JsonNode evaluation = read("/api/evaluation/2021");
        List<String> sections = new ArrayList<>();
        evaluation.get("bySection").forEach(r -> sections.add(r.get("group").asString().split(" ")[0]));
        assertThat(sections).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        List<String> itemSections = new ArrayList<>();
        evaluation.get("itemsBySection").forEach(r -> itemSections.add(r.get("group").asString().split(" ")[0]));
        assertThat(itemSections).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        JsonNode items = evaluation.get("items");
        assertThat(items).hasSize(goals + construction);
        assertThat(evaluation.get("itemTotal").get("items").asInt()).isEqualTo(goals + construction);
        assertThat(items).allSatisfy(i -> {
            assertThat(i.get("result").asString()).isIn("完成", "基本完成", "按期推进", "未完成");
            assertThat(i.get("reason").asString()).isNotBlank().doesNotContain("另行评定");
            assertThat(i.get("kind").asString()).isIn("INDICATOR", "QUALITATIVE", "MILESTONE");
        });
        JsonNode first = items.get(0);
        assertThat(first.get("itemId").asString()).isEqualTo("1.1");
        assertThat(first.get("kind").asString()).isEqualTo("QUALITATIVE");
        assertThat(first.get("department").asString()).isEqualTo("区发展改革委");
        assertThat(items.get(items.size() - 1).get("kind").asString()).isEqualTo("MILESTONE");
        assertThat(evaluation.get("rules")).isNotEmpty();

        HttpResponse<byte[]> workbook = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/evaluation/2021/export.xlsx")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        try (var excel = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(workbook.body()))) {
            var detail = excel.getSheet("逐项明细");
            assertThat(detail.getLastRowNum()).isEqualTo(goals + construction);
            assertThat(detail.getRow(1).getCell(0).getStringCellValue()).isEqualTo("1.1");
            assertThat(excel.getSheet("汇总")).isNotNull();
            List<String> groups = new ArrayList<>();
            excel.getSheet("按章节").forEach(row -> groups.add(row.getCell(0).getStringCellValue()));
            assertThat(groups).anyMatch(g -> g.startsWith("1 ")).anyMatch(g -> g.startsWith("8 "));
        }
    }

    @Test
    void theLatestChangesAreKeptBoundedPerPlanYear() {
        // far fewer than the kept number: the purge finds nothing to delete, through the store's own queries
        assertThat(statusChanges.purgeExpired(java.time.Instant.now(), 100)).isZero();
    }

    @Test
    void theLegendSaysWhatMakesEachColour() throws Exception {
        JsonNode legend = read("/api/goals/rules");
        assertThat(legend.get("cutoffDay").asInt()).isEqualTo(28);
        assertThat(legend.get("graceDays").asInt()).isEqualTo(3);
        List<String> statuses = new ArrayList<>();
        legend.get("rules").forEach(r -> statuses.add(r.get("status").asString()));
        assertThat(statuses).containsExactly("GREEN", "YELLOW", "RED", "DONE", "NOT_STARTED", "UNREPORTED");
        assertThat(legend.get("rules").get(0).get("label").asString()).isEqualTo("按计划推进");
        assertThat(legend.get("rules").get(0).get("text").asString()).contains("10 个百分点", "90%");
        assertThat(legend.get("rules").get(2).get("text").asString()).contains("30 个百分点", "受阻");
        assertThat(legend.get("rules").get(5).get("text").asString()).contains("28 日");
    }

    private static void assertProblem(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("itemId").asString()));
        return ids;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private List<JsonNode> payloads(String topic, String targetId) {
        try (TopicProbe probe = TopicProbe.on(brokers, topic)) {
            return probe.readFor(Duration.ofSeconds(2)).stream().map(r -> json.readTree(r.value()).get("payload"))
                    .filter(p -> p.has("targetId") && targetId.equals(p.get("targetId").asString())).toList();
        }
    }

    private JsonNode read(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }
}
