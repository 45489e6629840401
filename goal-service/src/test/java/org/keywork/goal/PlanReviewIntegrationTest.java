package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keywork.events.Topics;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Review before publishing and the 任务分解表, through the API: a document with a parser mistake is opened as a
 * draft, corrected (a target's value, an item split and merged, a milestone with its date, ★), published as a new
 * version whose history shows every correction; a plan is built from nothing; a filled 任务分解表 assigns two
 * items and dates a milestone, recorded as PUT …/responsibility records it; bad sheets are refused naming row and
 * column, and nothing is applied.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 1)
@EmbeddedMongoWireServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanReviewIntegrationTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    @Order(1)
    void aDraftOfADocumentIsCorrectedAndPublishedWithItsHistory() throws Exception {
        awaitBundledPlan();
        // the document says 860 亿元; the "mistake" the supervisor corrects: the city later set 880
        String text = corpus("01-dun-sections-arabic-items.txt");
        JsonNode draft = created(post("/api/plans/drafts?year=2022", text.getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=UTF-8"));
        String id = draft.get("id").asString();
        assertThat(draft.get("status").asString()).isEqualTo("OPEN");
        assertThat(draft.get("sourceText").asString()).contains("社会消费品零售总额达到860亿元");
        assertThat(draft.get("layout").get("sectionMarker").asString()).isEqualTo("一、");
        assertThat(draft.get("plan").get("counts").get("items").asInt()).isEqualTo(36);
        assertThat(get("/api/plans/2022").statusCode()).as("nothing is published yet").isEqualTo(404);

        long revision = draft.get("revision").asLong();
        draft = edit(id, revision, """
                {"op": "EDIT_TARGET", "targetId": "1.1#2", "value": 880, "reason": "以市政府正式下达为准"}""");
        assertThat(target(draft, "1.1", "1.1#2").get("value").decimalValue()).isEqualByComparingTo("880");

        // split 1.2 after its first clause, then merge it back: the targets go with their phrases
        String item12 = item(draft, "1.2").get("text").asString();
        int at = item12.indexOf("，") + 1;
        draft = edit(id, draft.get("revision").asLong(), "{\"op\": \"SPLIT_ITEM\", \"itemId\": \"1.2\", \"at\": " + at
                + ", \"reason\": \"一项一事\"}");
        assertThat(item(draft, "1.2").get("indicators")).hasSize(1);
        assertThat(item(draft, "1.3").get("indicators")).hasSize(2);
        assertThat(item(draft, "1.3").get("indicators").get(0).get("id").asString()).isEqualTo("1.3#1");
        assertThat(draft.get("plan").get("sections").get(0).get("items")).hasSize(7);
        draft = edit(id, draft.get("revision").asLong(), """
                {"op": "MERGE_ITEMS", "itemId": "1.2", "reason": "还原"}""");
        assertThat(item(draft, "1.2").get("text").asString()).isEqualTo(item12);
        assertThat(item(draft, "1.2").get("indicators")).hasSize(3);

        draft = edit(id, draft.get("revision").asLong(), """
                {"op": "SET_STARS", "itemId": "5.2", "starCount": 1, "reason": "列为实事项目"}""");
        draft = edit(id, draft.get("revision").asLong(), """
                {"op": "ADD_MILESTONE", "itemId": "7.5", "type": "OTHER", "name": "完成布展",
                 "plannedDate": "2022-11-30", "reason": "补充节点"}""");
        assertThat(item(draft, "7.5").get("milestones").get(1).get("plannedDate").asString()).isEqualTo("2022-11-30");
        assertThat(draft.get("edits")).hasSize(5);
        assertThat(draft.get("edits").get(0).get("before").asString()).contains("860");
        assertThat(draft.get("edits").get(0).get("after").asString()).contains("880");
        assertThat(draft.get("edits").get(0).get("by").asString()).isEqualTo("dcs-supervisor");

        // a stale revision, an unknown operation, a bad value: refused, naming what
        assertProblem(post("/api/plans/drafts/" + id + "/edits", """
                {"op": "SET_STARS", "itemId": "5.2", "starCount": 2, "revision": 0}""".getBytes(StandardCharsets.UTF_8),
                "application/json"), 409, "revision");
        assertProblem(post("/api/plans/drafts/" + id + "/edits", """
                {"op": "RENAME_EVERYTHING"}""".getBytes(StandardCharsets.UTF_8), "application/json"), 400, "op");
        assertProblem(post("/api/plans/drafts/" + id + "/edits", """
                {"op": "EDIT_TARGET", "targetId": "1.1#2", "value": -5}""".getBytes(StandardCharsets.UTF_8),
                "application/json"), 400, "value");
        assertProblem(post("/api/plans/drafts/" + id + "/edits", """
                {"op": "ADD_TARGET", "itemId": "7.1", "name": "x", "value": 1, "unit": "个"}"""
                .getBytes(StandardCharsets.UTF_8), "application/json"), 400, "itemId");

        HttpResponse<String> published = post("/api/plans/drafts/" + id + "/publish", ("{\"reason\": \"核对原文后发布\","
                + " \"revision\": " + draft.get("revision").asLong() + "}").getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        JsonNode version = json.readTree(published.body());
        assertThat(version.get("outcome").asString()).isEqualTo("CREATED");
        assertThat(version.get("version").asInt()).isEqualTo(1);

        JsonNode goal = json.readTree(get("/api/goals/1.1?year=2022").body());
        assertThat(goal.get("indicators").get(1).get("target").decimalValue()).isEqualByComparingTo("880");
        assertThat(json.readTree(get("/api/goals/5.2?year=2022").body()).get("starred").asBoolean()).isTrue();
        JsonNode versions = json.readTree(get("/api/plans/2022/versions").body());
        assertThat(versions.get(0).get("source").asString()).isEqualTo("REVIEW");
        assertThat(versions.get(0).get("edits")).hasSize(5);
        assertThat(versions.get(0).get("edits").get(0).get("reason").asString()).isEqualTo("以市政府正式下达为准");
        try (TopicProbe construction = TopicProbe.on(brokers, Topics.CONSTRUCTION_ITEMS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> construction.readFor(Duration.ofMillis(200)).stream()
                    .map(TopicProbe::body).anyMatch(b -> b.contains("\"7.5\"") && b.contains("完成布展")
                            && b.contains("2022-11-30")));
        }

        // the draft is closed; a correction of the published plan is a new draft and the next version
        assertProblem(post("/api/plans/drafts/" + id + "/edits", ("{\"op\": \"SET_STARS\", \"itemId\": \"5.2\","
                + " \"starCount\": 0}").getBytes(StandardCharsets.UTF_8), "application/json"), 409, "draftId");
        JsonNode again = created(post("/api/plans/drafts", "{\"planYear\": 2022, \"from\": \"LATEST\"}"
                .getBytes(StandardCharsets.UTF_8), "application/json"));
        assertThat(again.get("basedOn").asInt()).isEqualTo(1);
        again = edit(again.get("id").asString(), again.get("revision").asLong(), """
                {"op": "REMOVE_ITEM", "itemId": "6.4", "reason": "并入 6.3"}""");
        JsonNode v2 = json.readTree(post("/api/plans/drafts/" + again.get("id").asString() + "/publish",
                "{\"reason\": \"调整\"}".getBytes(StandardCharsets.UTF_8), "application/json").body());
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("versionSummary").get("changes")).anySatisfy(change -> {
            assertThat(change.get("kind").asString()).isEqualTo("ITEM_REMOVED");
            assertThat(change.get("itemId").asString()).isEqualTo("6.4");
        });
    }

    @Test
    @Order(2)
    void aPlanIsBuiltFromNothing() throws Exception {
        JsonNode draft = created(post("/api/plans/drafts", """
                {"planYear": 2030, "from": "EMPTY", "title": "2030年区政府实事项目"}""".getBytes(StandardCharsets.UTF_8),
                "application/json"));
        String id = draft.get("id").asString();
        assertThat(draft.get("problems")).anySatisfy(p -> assertThat(p.get("code").asString()).isEqualTo("no-items"));
        assertProblem(post("/api/plans/drafts/" + id + "/publish", "{\"reason\": \"x\"}".getBytes(StandardCharsets.UTF_8),
                "application/json"), 422, "plan");
        draft = edit(id, null, """
                {"op": "ADD_SECTION", "title": "民生实事", "reason": "新建"}""");
        draft = edit(id, null, """
                {"op": "ADD_ITEM", "section": 1, "text": "新增养老床位200张；改建长者照护之家3家。", "reason": "新建"}""");
        draft = edit(id, null, """
                {"op": "REPARSE_ITEM", "itemId": "1.1", "reason": "读出指标"}""");
        assertThat(item(draft, "1.1").get("indicators")).hasSize(2);
        draft = edit(id, null, """
                {"op": "ADD_TARGET", "itemId": "1.1", "name": "为老年人家庭实施适老化改造", "value": 1000, "unit": "户",
                 "qualifiers": ["AT_LEAST"], "reason": "补充"}""");
        JsonNode published = json.readTree(post("/api/plans/drafts/" + id + "/publish",
                "{\"reason\": \"手工建立\"}".getBytes(StandardCharsets.UTF_8), "application/json").body());
        assertThat(published.get("versionSummary").get("source").asString()).isEqualTo("MANUAL");
        JsonNode goal = json.readTree(get("/api/goals/1.1?year=2030").body());
        assertThat(goal.get("indicators")).extracting(i -> i.get("id").asString())
                .containsExactly("1.1#1", "1.1#2", "1.1#3");
    }

    @Test
    @Order(3)
    void aFilledBreakdownAssignsAndDatesAndIsRecorded() throws Exception {
        awaitBundledPlan();
        HttpResponse<byte[]> template = http.send(HttpRequest.newBuilder(URI.create(url("/api/plans/2021/breakdown.xlsx")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(template.statusCode()).isEqualTo(200);
        assertThat(template.headers().firstValue("Content-Type")).hasValue(XLSX);
        byte[] filled;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            Sheet sheet = workbook.getSheet("任务分解表");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("事项编号");
            assertThat(sheet.getLastRowNum() - 2).as("158 items and 53 milestones").isEqualTo(158 + 53);
            Row row56 = find(sheet, "5.6");
            assertThat(row56.getCell(8).getStringCellValue()).as("the sample, for reference").contains("区民政局");
            row56.getCell(2).setCellValue("副区长（分管民政）");
            row56.getCell(3).setCellValue("区民政局");
            row56.getCell(4).setCellValue("区卫生健康委、区市场监管局");
            row56.getCell(5).setCellValue(LocalDate.of(2021, 10, 31));
            Row row93 = find(sheet, "9.3#1");
            row93.getCell(6).setCellValue("2021-06-30");
            Row row9 = find(sheet, "9.3");
            row9.getCell(2).setCellValue("副区长（分管民政）");
            row9.getCell(3).setCellValue("区民政局");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            filled = out.toByteArray();
        }
        HttpResponse<String> applied = post("/api/plans/2021/breakdown", filled, XLSX);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode result = json.readTree(applied.body());
        assertThat(result.get("outcome").asString()).isEqualTo("CREATED");
        assertThat(result.get("responsibilityChanges").asInt()).isEqualTo(2);
        assertThat(result.get("dateChanges").asInt()).isEqualTo(2);

        JsonNode goal = json.readTree(get("/api/goals/5.6").body());
        assertThat(goal.get("sampleResponsibility").asBoolean()).isFalse();
        assertThat(goal.get("responsibility").get("cooperatingDepartments").toString())
                .contains("区卫生健康委", "区市场监管局");
        JsonNode change = goal.get("responsibilityChanges").get(goal.get("responsibilityChanges").size() - 1);
        assertThat(change.get("changedBy").asString()).isEqualTo("dcs-supervisor");
        assertThat(change.get("reason").asString()).isEqualTo("任务分解表");
        JsonNode plan = json.readTree(get("/api/plans/2021").body());
        assertThat(plan.get("source").asString()).isEqualTo("BREAKDOWN");
        JsonNode i93 = itemOf(plan, "9.3");
        assertThat(i93.get("milestones").get(0).get("plannedDate").asString()).isEqualTo("2021-06-30");
        assertThat(i93.get("unscheduled").asInt()).isZero();
        assertThat(itemOf(plan, "5.6").get("deadline").asString()).isEqualTo("2021-10-31");
        assertThat(plan.get("counts").get("unscheduledMilestones").asInt()).isEqualTo(52);
        try (TopicProbe construction = TopicProbe.on(brokers, Topics.CONSTRUCTION_ITEMS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> construction.readFor(Duration.ofMillis(200)).stream()
                    .map(TopicProbe::body).anyMatch(b -> b.contains("\"9.3\"") && b.contains("2021-06-30")
                            && b.contains("\"assignedBy\":\"dcs-supervisor\"")));
        }
        // the same sheet again changes nothing
        assertThat(json.readTree(post("/api/plans/2021/breakdown", filled, XLSX).body()).get("outcome").asString())
                .isEqualTo("UNCHANGED");
        // a sheet that only assigns work is a version too (project-service learns assignments from versions)
        JsonNode assignOnly = json.readTree(post("/api/plans/2021/breakdown", "事项编号,责任领导,牵头单位\n5.5,副区长（分管民政）,区民政局\n"
                .getBytes(StandardCharsets.UTF_8), "text/csv").body());
        assertThat(assignOnly.get("outcome").asString()).isEqualTo("CREATED");
        assertThat(assignOnly.get("responsibilityChanges").asInt()).isEqualTo(1);
        assertThat(assignOnly.get("dateChanges").asInt()).isZero();
    }

    @Test
    @Order(4)
    void badSheetsAreRefusedNamingRowAndColumnAndNothingIsApplied() throws Exception {
        awaitBundledPlan();
        int versions = json.readTree(get("/api/plans/2021/versions").body()).size();
        String header = "事项编号,工作内容,责任领导,牵头单位,配合单位,完成时限,计划开工,计划竣工\n";
        HttpResponse<String> unknownDepartment = post("/api/plans/2021/breakdown", (header
                + "5.7,,副区长（分管民政）,区民政局,,,,\n"
                + "5.8,,副区长（分管民政）,区养老服务中心,,,,\n").getBytes(Charset.forName("GB18030")),
                "text/csv");
        assertProblem(unknownDepartment, 400, "rows[3].牵头单位");
        assertThat(unknownDepartment.body()).contains("区养老服务中心", "第 3 行");

        HttpResponse<String> duplicate = post("/api/plans/2021/breakdown", (header
                + "5.7,,副区长（分管民政）,区民政局,,,,\n5.7,,副区长（分管民政）,区民政局,,,,\n")
                .getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8");
        assertProblem(duplicate, 400, "rows[3].事项编号");
        assertThat(duplicate.body()).contains("duplicate-row");

        HttpResponse<String> mixed = post("/api/plans/2021/breakdown", (header
                + "99.1,,副区长（分管民政）,区民政局,,,,\n5.7,,区长,区民政局,,2021-13-40,,\n9.3#1,,,,,,=cmd|' /C calc'!A0,\n")
                .getBytes(StandardCharsets.UTF_8), "text/csv");
        assertProblem(mixed, 400, "rows[2].事项编号");
        assertThat(mixed.body()).contains("rows[3].完成时限", "rows[4].计划开工", "formula");

        assertProblem(post("/api/plans/2021/breakdown", new byte[0], "text/csv"), 400, "body");
        assertProblem(post("/api/plans/2021/breakdown", "名称,数值\n甲,1\n".getBytes(StandardCharsets.UTF_8),
                "text/csv"), 400, "columns");
        assertProblem(post("/api/plans/2021/breakdown", new byte[30 * 1024 * 1024], XLSX), 413, "body");

        assertThat(json.readTree(get("/api/plans/2021/versions").body())).hasSize(versions);
        assertThat(json.readTree(get("/api/goals/5.7").body()).get("sampleResponsibility").asBoolean()).isTrue();
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static Row find(Sheet sheet, String id) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && id.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + id);
    }

    private String corpus(String name) throws Exception {
        return new String(new ClassPathResource("corpus/" + name).getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
    }

    private JsonNode edit(String id, Long revision, String op) throws Exception {
        String body = revision == null ? op : op.strip().replaceFirst("\\}$", ", \"revision\": " + revision + "}");
        HttpResponse<String> response = post("/api/plans/drafts/" + id + "/edits",
                body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private static JsonNode item(JsonNode draft, String itemId) {
        return itemOf(draft.get("plan"), itemId);
    }

    private static JsonNode itemOf(JsonNode plan, String itemId) {
        for (JsonNode section : plan.get("sections")) {
            for (JsonNode item : section.get("items")) {
                if (item.get("itemId").asString().equals(itemId)) {
                    return item;
                }
            }
        }
        throw new AssertionError("no item " + itemId);
    }

    private static JsonNode target(JsonNode draft, String itemId, String targetId) {
        for (JsonNode target : item(draft, itemId).get("indicators")) {
            if (target.get("id").asString().equals(targetId)) {
                return target;
            }
        }
        throw new AssertionError("no target " + targetId);
    }

    private void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("reason").asString()).isNotBlank();
        });
    }

    private void awaitBundledPlan() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/plans/2021").statusCode() == 200);
    }

    private HttpResponse<String> post(String path, byte[] body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", type)
                .header("X-Keywork-User", "dcs-supervisor").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
