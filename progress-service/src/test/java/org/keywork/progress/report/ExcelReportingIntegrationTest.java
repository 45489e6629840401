package org.keywork.progress.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.progress.catalog.PlanCatalog;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TestTokens;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12, with the identity check on as in production: what Chinese Excel saves (GB18030 CSV, Chinese state labels)
 * is read, every row's problems (permission ones included) come in one answer, the template comes pre-filled with the
 * caller's targets and uploads back as it is, implausible values need a confirmation, corrections work, and report
 * lists filter by department, year and target with pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExcelReportingIntegrationTest {

    static final String CIVIL_AFFAIRS = "区民政局";
    static final String MARKET = "区市场监管局";
    static final String DEVELOPMENT = "区发展改革委";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final Charset GB18030 = Charset.forName("GB18030");

    static final String ITEM = """
            {"eventId":"6a1c7c43-0000-4000-8000-0000000%s","type":"plan.item-published","version":1,
             "occurredAt":"2023-03-18T00:00:00Z","source":"goal-service","key":"%s",
             "payload":{"planYear":2023,"itemId":"%s","section":%s,"sectionTitle":"章节",
               "title":"%s","starred":false,"planVersion":1,"targets":%s,
               "responsibility":{"leaderPosition":"分管副区长","leadDepartment":"%s",
                                 "cooperatingDepartments":%s}}}
            """;

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    PlanCatalog catalog;

    @Autowired
    MongoTemplate mongo;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    final String civil = TestTokens.department("dept-minzheng", CIVIL_AFFAIRS);
    final String market = TestTokens.department("dept-shichang", MARKET);
    final String admin = TestTokens.admin();

    @BeforeAll
    void planIsPublished() {
        publish("0a506", "5.6", 5, "新增社区长者食堂 2 个，新建养老床位 400 张。", """
                [{"id":"5.6#1","kind":"INDICATOR","name":"新增社区长者食堂","value":2,"unit":"个","direction":"AT_LEAST"},
                 {"id":"5.6#2","kind":"INDICATOR","name":"新建养老床位","value":400,"unit":"张","direction":"AT_LEAST"}]""",
                CIVIL_AFFAIRS, "[\"区市场监管局\"]");
        publish("0a508", "5.8", 5, "新增老年助餐点 50 个。", """
                [{"id":"5.8#1","kind":"INDICATOR","name":"新增老年助餐点","value":50,"unit":"个","direction":"AT_LEAST"}]""",
                CIVIL_AFFAIRS, "[\"区市场监管局\"]");
        publish("0a510", "5.10", 5, "新建养老床位 400 张。", """
                [{"id":"5.10#1","kind":"INDICATOR","name":"新建养老床位","value":400,"unit":"张","direction":"AT_LEAST"}]""",
                CIVIL_AFFAIRS, "[]");
        publish("0a502", "5.2", 5, "完善养老服务体系。",
                "[{\"id\":\"5.2\",\"kind\":\"GOAL\",\"name\":\"总体进展\"}]", CIVIL_AFFAIRS, "[]");
        publish("0a509", "5.9", 5, "长者照护之家竣工。",
                "[{\"id\":\"5.9#1\",\"kind\":\"MILESTONE\",\"name\":\"竣工\"}]", CIVIL_AFFAIRS, "[]");
        publish("0a701", "7.1", 7, "社会消费品零售总额达到 1300 亿元。", """
                [{"id":"7.1#1","kind":"INDICATOR","name":"社会消费品零售总额","value":1300,"unit":"亿元",
                  "direction":"AT_LEAST"}]""", DEVELOPMENT, "[]");
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("5.6", "5.8", "5.10", "5.2", "5.9", "7.1").stream()
                .allMatch(item -> catalog.hasItem(2023, item)));
    }

    private void publish(String eventNo, String item, int section, String title, String targets, String lead,
            String cooperating) {
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, item,
                ITEM.formatted(eventNo, item, item, section, title, targets, lead, cooperating));
    }

    // ---- 2. character sets

    @Test
    void aCsvSavedByChineseExcelInGb18030IsReadWithoutACharsetParameter() throws Exception {
        String csv = "报告编号,事项,指标,数值,截至日期,填报部门,说明\r\n"
                + "gbk-1,5.6,5.6#1,1,2023-03-31,区民政局,选址已定（长者食堂）\r\n";
        byte[] bytes = csv.getBytes(GB18030);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("区民政局"); // really not UTF-8

        HttpResponse<String> gbk = upload(civil, bytes, "text/csv");
        HttpResponse<String> excelType = upload(civil, csv.replace("gbk-1", "gbk-2").getBytes(GB18030),
                "application/vnd.ms-excel");
        HttpResponse<String> declared = upload(civil, csv.replace("gbk-1", "gbk-3").getBytes(GB18030),
                "text/csv; charset=GBK");
        HttpResponse<String> utf8 = upload(civil, csv.replace("gbk-1", "gbk-4").getBytes(StandardCharsets.UTF_8),
                "text/csv");

        for (HttpResponse<String> response : List.of(gbk, excelType, declared, utf8)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
        for (String id : List.of("gbk-1", "gbk-2", "gbk-3", "gbk-4")) {
            JsonNode report = json.readTree(get(admin, "/api/progress/" + id).body());
            assertThat(report.get("department").asString()).isEqualTo(CIVIL_AFFAIRS);
            assertThat(report.get("note").asString()).isEqualTo("选址已定（长者食堂）");
        }
        // a declared charset is taken at its word
        HttpResponse<String> wrong = upload(civil, csv.replace("gbk-1", "gbk-5").getBytes(GB18030),
                "text/csv; charset=UTF-8");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(json.readTree(wrong.body()).get("errors").get(0).get("code").asString())
                .isEqualTo("invalid-encoding");
        assertThat(get(admin, "/api/progress/gbk-5").statusCode()).isEqualTo(404);
    }

    // ---- 3. state labels

    @Test
    void statesAreReadAsChineseLabelsOrCodesInFilesAndInJson() throws Exception {
        String csv = "报告编号,事项,指标,状态,截至日期,填报部门\n"
                + "label-1,5.2,5.2,按计划推进,2023-03-31,区民政局\n"
                + "label-2,5.2,5.2,受阻,2023-04-30,区民政局\n"
                + "label-3,5.2,5.2,AT_RISK,2023-05-31,区民政局\n"
                + "label-4,5.2,5.2,进展顺利,2023-05-31,区民政局\n";
        HttpResponse<String> refused = upload(civil, csv.getBytes(GB18030), "text/csv");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("rows[5].state");
            assertThat(error.get("reason").asString()).contains("按计划推进", "ON_TRACK");
        });

        HttpResponse<String> accepted = upload(civil, csv.substring(0, csv.lastIndexOf("label-4"))
                .getBytes(GB18030), "text/csv");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        HttpResponse<String> posted = post(civil, """
                {"reportId":"label-5","itemId":"5.2","targetId":"5.2","state":"已完成","asOf":"2023-06-30",
                 "department":"区民政局"}""");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        JsonNode history = json.readTree(get(admin, "/api/progress?itemId=5.2&year=2023").body());
        assertThat(history).extracting(r -> r.get("reportId").asString() + ":" + r.get("state").asString())
                .containsExactly("label-1:ON_TRACK", "label-2:BLOCKED", "label-3:AT_RISK", "label-5:DONE");
    }

    // ---- 4. every problem at once

    @Test
    void permissionProblemsComeInTheSamePassAsFormatProblemsForEveryRowAndNothingIsStored() throws Exception {
        String csv = "报告编号,事项,指标,数值,截至日期,填报部门\n"
                + "once-1,7.1,7.1#1,100,2023-03-31,区民政局\n"      // row 2: not our item
                + "once-2,5.6,5.6#1,很多,2023-03-31,区民政局\n"      // row 3: not a number
                + "once-3,5.6,5.6#1,1,2023-03-31,区发展改革委\n"     // row 4: in another department's name
                + "once-4,5.6,5.6#1,1,2023-03-31,区民政局\n";       // row 5: fine
        HttpResponse<String> response = upload(civil, csv.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asString() + ":" + e.get("code").asString())
                .containsExactly("rows[2].itemId:not-responsible", "rows[3].value:invalid-format",
                        "rows[4].department:not-your-department");
        assertThat(problem.get("errors").get(0).get("reason").asString()).startsWith("第 2 行：").contains(DEVELOPMENT);
        assertThat(mongo.count(Query.query(Criteria.where("_id").regex("^once-")), "progress_reports")).isZero();

        // with the format fixed, the permission problems alone: 403, both rows still listed
        HttpResponse<String> forbidden = upload(civil, csv.replace("很多", "1").getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json.readTree(forbidden.body()).get("errors"))
                .extracting(e -> e.get("field").asString() + ":" + e.get("code").asString())
                .containsExactly("rows[2].itemId:not-responsible", "rows[4].department:not-your-department");
        assertThat(mongo.count(Query.query(Criteria.where("_id").regex("^once-")), "progress_reports")).isZero();
    }

    // ---- 1. the template

    @Test
    void theTemplateHoldsTheCallersOwnTargetsAndUploadsBackAsItIsOnceFilledIn() throws Exception {
        assertThat(post(civil, """
                {"reportId":"tpl-before","itemId":"5.10","targetId":"5.10#1","value":120,"asOf":"2023-02-28",
                 "department":"区民政局"}""").statusCode()).isEqualTo(202);

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url("/api/progress/bulk/template?year=2023"))
                .header("Authorization", "Bearer " + civil).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(XLSX);
        String disposition = response.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment; filename=\"progress-template-2023.xlsx\"; filename*=UTF-8''");
        assertThat(URLDecoder.decode(disposition.substring(disposition.indexOf("''") + 2), StandardCharsets.UTF_8))
                .isEqualTo("2023年进度填报模板-区民政局.xlsx");
        byte[] filled;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(workbook.getSheetName(1)).isEqualTo("填写说明");
            assertThat(text(workbook.getSheetAt(1))).contains("未开始（NOT_STARTED）", "按计划推进（ON_TRACK）", "已完成（DONE）");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            List<String> header = cells(sheet.getRow(0));
            assertThat(header).containsExactly("年度", "事项", "事项名称", "指标", "目标", "单位", "上次填报",
                    "上次截至日期", "数值", "达成日期", "截至日期", "状态", "说明", "确认", "填报部门", "报告编号",
                    "更正报告编号");
            // 区民政局 leads 5.2, 5.6, 5.8, 5.9 and 5.10, not 7.1: one row per target, in plan order
            List<List<String>> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                rows.add(cells(sheet.getRow(r)));
                for (Cell cell : sheet.getRow(r)) {
                    assertThat(cell.getCellType()).isIn(CellType.STRING, CellType.BLANK);
                }
            }
            assertThat(rows).extracting(row -> row.get(3)).containsExactly("5.2", "5.6#1", "5.6#2", "5.8#1", "5.9#1",
                    "5.10#1");
            List<String> beds = rows.get(5);
            assertThat(beds.subList(0, 8)).containsExactly("2023", "5.10", "新建养老床位 400 张。",
                    "5.10#1", "新建养老床位 不少于 400 张", "张", "120", "2023-02-28");
            assertThat(beds.get(14)).isEqualTo(CIVIL_AFFAIRS);
            assertThat(beds.get(15)).matches("R\\d{8}-[0-9a-f]{6}-5\\.10-1");
            assertThat(beds.subList(8, 14)).containsOnly("");

            // fill in two rows (beds and the goal), leave the others as they came
            set(sheet.getRow(6), 8, "150");
            set(sheet.getRow(6), 10, "2023-03-31");
            set(sheet.getRow(1), 11, "存在风险");
            set(sheet.getRow(1), 10, "2023-03-31");
            set(sheet.getRow(1), 12, "场地待落实");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            filled = out.toByteArray();
        }
        HttpResponse<String> uploaded = upload(civil, filled, XLSX);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(202);
        JsonNode receipt = json.readTree(uploaded.body());
        assertThat(receipt.get("rows").asInt()).isEqualTo(2);
        JsonNode beds = json.readTree(get(admin, "/api/progress/" + receipt.get("reportIds").get(1).asString()).body());
        assertThat(beds.get("targetId").asString()).isEqualTo("5.10#1");
        assertThat(beds.get("value").decimalValue()).isEqualByComparingTo("150");
        JsonNode goal = json.readTree(get(admin, "/api/progress/" + receipt.get("reportIds").get(0).asString()).body());
        assertThat(goal.get("state").asString()).isEqualTo("AT_RISK");
        assertThat(goal.get("note").asString()).isEqualTo("场地待落实");

        // an admin's template covers the whole plan; an unknown year is a problem naming year
        HttpResponse<byte[]> all = http.send(HttpRequest.newBuilder(url("/api/progress/bulk/template?year=2023"))
                .header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofByteArray());
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(all.body()))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(7);
            assertThat(cells(workbook.getSheetAt(0).getRow(7)).get(14)).isEqualTo(DEVELOPMENT);
        }
        HttpResponse<String> unknown = get(civil, "/api/progress/bulk/template?year=1999");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("errors").get(0).get("field").asString()).isEqualTo("year");
        assertThat(get(civil, "/api/progress/bulk/template").statusCode()).isEqualTo(400);
    }

    // ---- 5. plausibility

    @Test
    void aValueFarAboveTheTargetOrACountGoingBackNeedsAConfirmationThatIsRecorded() throws Exception {
        String canteens = """
                {"reportId":"%s","itemId":"5.6","targetId":"5.6#1","value":%s,"asOf":"%s","department":"区民政局"%s}""";
        HttpResponse<String> typo = post(civil, canteens.formatted("plaus-1", "99999", "2023-04-30", ""));
        assertThat(typo.statusCode()).isEqualTo(422);
        assertThat(typo.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode problem = json.readTree(typo.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:implausible-value");
        assertThat(problem.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("value");
            assertThat(error.get("code").asString()).isEqualTo("implausible-value");
            assertThat(error.get("reason").asString()).contains("目标 2个", "本次填报 99999个");
        });
        assertThat(get(admin, "/api/progress/plaus-1").statusCode()).isEqualTo(404);

        assertThat(post(civil, canteens.formatted("plaus-2", "2", "2023-04-30", "")).statusCode()).isEqualTo(202);
        // a cumulative count lower than the last accepted one
        HttpResponse<String> back = post(civil, canteens.formatted("plaus-3", "1", "2023-05-31", ""));
        assertThat(back.statusCode()).isEqualTo(422);
        assertThat(json.readTree(back.body()).get("errors").get(0).get("reason").asString())
                .contains("上次填报 2个（截至 2023-04-30，报告 plaus-2）", "本次填报 1个");
        HttpResponse<String> confirmed = post(civil, canteens.formatted("plaus-3", "1", "2023-05-31",
                ",\"confirmed\":true"));
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(202);
        // a retry of the confirmed report, and a level (not a count) going back, pass
        assertThat(post(civil, canteens.formatted("plaus-3", "1", "2023-05-31", ",\"confirmed\":true"))
                .statusCode()).isEqualTo(202);
        JsonNode history = json.readTree(get(admin, "/api/progress?itemId=5.6&targetId=5.6%231").body());
        assertThat(history).filteredOn(r -> r.get("reportId").asString().startsWith("plaus-"))
                .extracting(r -> r.get("reportId").asString() + ":" + r.get("confirmed").asBoolean())
                .containsExactly("plaus-2:false", "plaus-3:true");

        // in a file: each row questioned, confirmed by 确认 = 是
        String csv = "报告编号,事项,指标,数值,截至日期,填报部门,确认\n"
                + "plaus-4,5.6,5.6#2,9000,2023-05-31,区民政局,\n"
                + "plaus-5,5.6,5.6#1,3,2023-05-31,区民政局,\n";
        HttpResponse<String> file = upload(civil, csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(file.statusCode()).isEqualTo(422);
        assertThat(json.readTree(file.body()).get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("rows[2].value");
            assertThat(error.get("reason").asString()).contains("第 2 行", "目标 400张", "本次填报 9000张");
        });
        HttpResponse<String> fileConfirmed = upload(civil, csv.replace("区民政局,\n", "区民政局,是\n")
                .getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(fileConfirmed.statusCode()).as(fileConfirmed.body()).isEqualTo(202);
        assertThat(json.readTree(get(admin, "/api/progress/plaus-4").body()).get("confirmed").asBoolean()).isTrue();
    }

    @Test
    void theLastAcceptedCountIsFoundBehindMoreCorrectedReportsThanTheCheckReadsAtFirst() throws Exception {
        String beds = """
                {"reportId":"%s","itemId":"5.6","targetId":"5.6#2","value":300,"asOf":"%s","department":"区民政局",
                 "confirmed":true%s}""";
        for (int i = 1; i <= Plausibility.LATEST; i++) {
            assertThat(post(civil, beds.formatted("late-" + i, "2023-07-31", "")).statusCode()).isEqualTo(202);
        }
        for (int i = 1; i <= Plausibility.LATEST; i++) { // each corrected by a report of an earlier date
            assertThat(post(civil, beds.formatted("late-fix-" + i, "2023-06-30", ",\"supersedes\":\"late-" + i + "\""))
                    .statusCode()).isEqualTo(202);
        }
        HttpResponse<String> back = post(civil, """
                {"reportId":"late-back","itemId":"5.6","targetId":"5.6#2","value":200,"asOf":"2023-08-31",
                 "department":"区民政局"}""");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(422);
        assertThat(json.readTree(back.body()).get("errors").get(0).get("reason").asString())
                .contains("上次填报 300张（截至 2023-06-30，报告 late-fix-", "本次填报 200张");
    }

    @Test
    void inALongHistoryTheLastCountAsOfTheReportsOwnDateIsTheOneCompared() throws Exception {
        // a plan year of its own: the other tests' templates and lists do not see it
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, "5.12", ITEM.replace("\"planYear\":2023", "\"planYear\":2024")
                .formatted("0a512", "5.12", "5.12", 5, "新增家庭照护床位 1000 张。", """
                        [{"id":"5.12#1","kind":"INDICATOR","name":"新增家庭照护床位","value":1000,"unit":"张",
                          "direction":"AT_LEAST"}]""", "区卫生健康委", "[]"));
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.hasItem(2024, "5.12"));
        String health = TestTokens.department("dept-weijian", "区卫生健康委");
        String beds = """
                {"reportId":"%s","planYear":2024,"itemId":"5.12","targetId":"5.12#1","value":%d,"asOf":"%s",
                 "department":"区卫生健康委"}""";
        // three reports a month, January to December, each count above the one before
        int value = 0;
        for (int month = 1; month <= 12; month++) {
            String asOf = java.time.YearMonth.of(2024, month).atEndOfMonth().toString();
            for (int n = 1; n <= 3; n++) {
                value += 10;
                HttpResponse<String> posted = post(health, beds.formatted("long-" + month + "-" + n, value, asOf));
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            }
        }
        // as of June the last count is June's third (180), not December's (360): 170 goes back, 190 does not
        HttpResponse<String> back = post(health, beds.formatted("long-june-back", 170, "2024-06-30"));
        assertThat(back.statusCode()).as(back.body()).isEqualTo(422);
        assertThat(json.readTree(back.body()).get("errors").get(0).get("reason").asString())
                .contains("上次填报 180张（截至 2024-06-30，报告 long-6-3）", "本次填报 170张");
        assertThat(post(health, beds.formatted("long-june-more", 190, "2024-06-30")).statusCode()).isEqualTo(202);
        // a report of the same day arriving later is the last one now: 185 goes back from 190
        assertThat(json.readTree(post(health, beds.formatted("long-june-after", 185, "2024-06-30")).body())
                .get("errors").get(0).get("reason").asString()).contains("上次填报 190张（截至 2024-06-30，报告 long-june-more）");
        // and as of December, December's last
        assertThat(json.readTree(post(health, beds.formatted("long-dec-back", 350, "2024-12-31")).body())
                .get("errors").get(0).get("reason").asString()).contains("上次填报 360张（截至 2024-12-31，报告 long-12-3）");
    }

    // ---- 6. corrections

    @Test
    void aWrongReportIsCorrectedByANewOneNamingItAndTheHistoryLinksBoth() throws Exception {
        assertThat(post(civil, """
                {"reportId":"corr-1","itemId":"5.9","targetId":"5.9#1","reachedOn":"2023-03-01","asOf":"2023-03-31",
                 "department":"区民政局"}""").statusCode()).isEqualTo(202);
        HttpResponse<String> correction = post(civil, """
                {"reportId":"corr-2","itemId":"5.9","targetId":"5.9#1","reachedOn":"2023-03-11","asOf":"2023-03-31",
                 "department":"区民政局","note":"更正竣工日期","supersedes":"corr-1"}""");
        assertThat(correction.statusCode()).as(correction.body()).isEqualTo(202);

        JsonNode history = json.readTree(get(civil, "/api/progress?itemId=5.9").body());
        assertThat(history).extracting(r -> r.get("reportId").asString() + ":" + r.get("supersedes").asString("")
                + ":" + r.get("supersededBy").asString("")).containsExactly("corr-1::corr-2", "corr-2:corr-1:");
        // a page of one still knows who corrected its report
        JsonNode page = json.readTree(get(civil, "/api/progress?itemId=5.9&page=1&size=1").body());
        assertThat(page.get("content")).singleElement().satisfies(r -> {
            assertThat(r.get("reportId").asString()).isEqualTo("corr-1");
            assertThat(r.get("supersededBy").asString()).isEqualTo("corr-2");
        });
    }

    // ---- 7. lists

    @Test
    void listsFilterByDepartmentYearAndTargetInPagesAndADepartmentSeesOnlyItsOwn() throws Exception {
        for (int month = 1; month <= 5; month++) {
            String asOf = "2023-0" + month + "-2" + month;
            assertThat(post(civil, """
                    {"reportId":"list-c%d","itemId":"5.8","targetId":"5.8#1","value":%d,"asOf":"%s",
                     "department":"区民政局","confirmed":true}""".formatted(month, month, asOf)).statusCode())
                    .isEqualTo(202);
        }
        assertThat(post(market, """
                {"reportId":"list-m1","itemId":"5.8","targetId":"5.8#1","value":3,"asOf":"2023-03-03",
                 "department":"区市场监管局","confirmed":true}""").statusCode()).isEqualTo(202);

        JsonNode page = json.readTree(get(admin, "/api/progress?department=区民政局&year=2023&targetId=5.8%231"
                .replace("区民政局", "%E5%8C%BA%E6%B0%91%E6%94%BF%E5%B1%80") + "&page=0&size=2").body());
        assertThat(page.get("page").get("size").asInt()).isEqualTo(2);
        assertThat(page.get("page").get("number").asInt()).isEqualTo(0);
        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(5);
        assertThat(page.get("page").get("totalPages").asLong())
                .isEqualTo((page.get("page").get("totalElements").asLong() + 1) / 2);
        assertThat(page.get("content")).extracting(r -> r.get("asOf").asString())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(page.get("content")).allSatisfy(r -> {
            assertThat(r.get("department").asString()).isEqualTo(CIVIL_AFFAIRS);
            assertThat(r.get("targetId").asString()).isEqualTo("5.8#1");
        });

        // a department sees its own reports only, whatever it asks
        JsonNode asked = json.readTree(get(market, "/api/progress?itemId=5.8&year=2023").body());
        assertThat(asked).isNotEmpty().allSatisfy(r -> assertThat(r.get("department").asString()).isEqualTo(MARKET));
        JsonNode other = json.readTree(get(market, "/api/progress?department=%E5%8C%BA%E6%B0%91%E6%94%BF%E5%B1%80")
                .body());
        assertThat(other).extracting(r -> r.get("reportId").asString()).containsExactly("list-m1");
        JsonNode year = json.readTree(get(admin, "/api/progress?year=2023&page=0&size=200").body());
        assertThat(year.get("content")).extracting(r -> r.get("reportId").asString())
                .contains("list-c1", "list-c5", "list-m1");

        for (String[] call : new String[][] {{"/api/progress?year=2023&page=-1", "page"},
                {"/api/progress?year=2023&size=500", "size"}, {"/api/progress", "itemId"}}) {
            HttpResponse<String> bad = get(admin, call[0]);
            assertThat(bad.statusCode()).as(call[0]).isEqualTo(400);
            assertThat(json.readTree(bad.body()).get("errors").get(0).get("field").asString()).isEqualTo(call[1]);
        }
    }

    // ---- helpers

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            Cell cell = row.getCell(c);
            cells.add(cell == null ? "" : cell.getStringCellValue());
        }
        return cells;
    }

    private static String text(Sheet sheet) {
        StringBuilder text = new StringBuilder();
        sheet.forEach(row -> text.append(String.join(" | ", cells(row))).append('\n'));
        return text.toString();
    }

    private static void set(Row row, int col, String value) {
        row.getCell(col).setCellValue(value);
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url("/api/progress")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> upload(String token, byte[] body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(url("/api/progress/bulk")).header("Content-Type", type)
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
