package org.keywork.progress.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.progress.catalog.PlanCatalog;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bulk uploads of a month's reports, CSV and .xlsx, against a real KRaft broker and the embedded MongoDB wire
 * server: all rows validated as single reports are, accepted all or nothing, each report published exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkUploadIntegrationTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String HEADER = "reportId,itemId,targetId,value,asOf,department,note";
    static final List<String> ITEMS = List.of("5.6", "5.7", "5.8", "5.9", "5.10");

    /** A level target (a total, not a count) far above the values sent: the plausibility check has no question. */
    static final String PLAN_ITEM = """
            {"eventId":"6a1c7c43-0000-4000-8000-0000000%s","type":"plan.item-published","version":1,
             "occurredAt":"2021-03-18T00:00:00Z","source":"goal-service","key":"%s",
             "payload":{"planYear":2021,"itemId":"%s","section":5,"sectionTitle":"保障和改善民生",
               "title":"事项 %s","starred":false,"planVersion":1,
               "targets":[{"id":"%s#1","kind":"INDICATOR","name":"社会消费品零售总额","value":100000,"unit":"亿元",
                           "direction":"AT_LEAST"},
                          {"id":"%s#2","kind":"MILESTONE","name":"竣工","unit":null}],
               "responsibility":{"leaderPosition":"分管副区长（民生）","leadDepartment":"区民政局",
                                 "cooperatingDepartments":[]}}}
            """;

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    PlanCatalog catalog;

    @Autowired
    BulkRecovery recovery;

    @Autowired
    BulkUploadStore uploads;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void planIsPublished() {
        for (String item : ITEMS) {
            String eventNo = String.format("%05d", Integer.parseInt(item.replace(".", "")));
            TopicProbe.send(brokers, Topics.PLAN_ITEMS, item,
                    PLAN_ITEM.formatted(eventNo, item, item, item, item, item));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ITEMS.stream().allMatch(i -> catalog.hasItem(2021, i)));
    }

    @Test
    void aGoodFileOf200RowsIsAcceptedWholeAndEachReportPublishedOnceEvenWhenUploadedTwice() throws Exception {
        String csv = csv("good", 200, -1);

        HttpResponse<String> first = upload(csv, "text/csv; charset=UTF-8", null);
        HttpResponse<String> again = upload(csv, "text/csv", null);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode receipt = json.readTree(first.body());
        String uploadId = receipt.get("uploadId").asString();
        assertThat(uploadId).hasSize(64); // SHA-256 of the body, by default
        assertThat(receipt.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(receipt.get("rows").asInt()).isEqualTo(200);
        assertThat(receipt.get("reportIds")).hasSize(200);
        assertThat(receipt.get("reportIds").get(136).asString()).isEqualTo("good-137");
        assertThat(receipt.get("location").asString()).isEqualTo("/api/progress/bulk/" + uploadId);
        assertThat(first.headers().firstValue("Location")).hasValue("/api/progress/bulk/" + uploadId);
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json.readTree(again.body())).isEqualTo(receipt);

        assertThat(reportsStored("good", 200)).isEqualTo(200);
        JsonNode report = json.readTree(get("/api/progress/good-7").body());
        assertThat(report.get("itemId").asString()).isEqualTo(ITEMS.get(7 % ITEMS.size()));
        assertThat(report.get("value").decimalValue()).isEqualByComparingTo("7");
        assertThat(report.get("asOf").asString()).isEqualTo("2021-09-30");
        assertThat(report.get("department").asString()).isEqualTo("区民政局");
        assertThat(report.get("note").asString()).isEqualTo("第 7 份, 含逗号和\"引号\"");

        List<ConsumerRecord<String, byte[]>> records = published("good", 200);
        assertThat(records).hasSize(200);
        assertThat(records.stream().map(r -> json.readTree(r.value()).get("payload").get("reportId").asString())
                .collect(Collectors.toSet())).hasSize(200);
        ConsumerRecord<String, byte[]> one = records.stream()
                .filter(r -> TopicProbe.body(r).contains("\"good-7\"")).findFirst().orElseThrow();
        assertThat(one.key()).isEqualTo(ITEMS.get(7 % ITEMS.size()));
        assertThat(TopicProbe.header(one, "keywork_event_type")).isEqualTo("progress.report-accepted");

        JsonNode status = json.readTree(get("/api/progress/bulk/" + uploadId).body());
        assertThat(status.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(status.get("reportIds")).isEqualTo(receipt.get("reportIds"));
        assertThat(reportsStored("good", 200)).isEqualTo(200);
    }

    @Test
    void aFileCanCarryQualitativeStatesInAStateColumn() throws Exception {
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, "5.2", """
                {"eventId":"6a1c7c43-0000-4000-8000-000000000952","type":"plan.item-published","version":1,
                 "occurredAt":"2021-03-18T00:00:00Z","source":"goal-service","key":"5.2",
                 "payload":{"planYear":2021,"itemId":"5.2","section":5,"sectionTitle":"保障和改善民生",
                   "title":"事项 5.2","starred":false,"planVersion":1,
                   "targets":[{"id":"5.2","kind":"GOAL","name":"总体进展"}],
                   "responsibility":{"leaderPosition":"分管副区长（民生）","leadDepartment":"区民政局",
                                     "cooperatingDepartments":[]}}}
                """);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.hasItem(2021, "5.2"));
        String header = "reportId,itemId,targetId,value,state,asOf,department,note\n";

        HttpResponse<String> missing = upload(header + "goal-bad-1,5.2,5.2,,,2021-09-30,区民政局,\n",
                "text/csv", null);
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
        assertThat(json.readTree(missing.body()).get("errors")).anySatisfy(error ->
                assertThat(error.get("field").asString()).isEqualTo("rows[2].state"));

        HttpResponse<String> good = upload(header + "goal-1,5.2,5.2,,AT_RISK,2021-09-30,区民政局,进度偏慢\n"
                + "goal-2,5.6,5.6#1,1,,2021-09-30,区民政局,\n", "text/csv", null);
        assertThat(good.statusCode()).as(good.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/progress/goal-1").statusCode() == 200);
        JsonNode report = json.readTree(get("/api/progress/goal-1").body());
        assertThat(report.get("state").asString()).isEqualTo("AT_RISK");
        assertThat(report.get("targetKind").asString()).isEqualTo("GOAL");
    }

    @Test
    void aMonthlyFileCanCorrectEarlierReportsInAColumnOfItsOwnAndBadCorrectionsNameTheirRow() throws Exception {
        String header = "报告编号,事项,指标,数值,截至日期,填报部门,备注,更正报告编号\n";
        HttpResponse<String> august = upload(header + "fix-1,5.6,5.6#1,1,2021-08-31,区民政局,,\n"
                + "fix-2,5.7,5.7#1,3,2021-08-31,区民政局,,\n", "text/csv", null);
        assertThat(august.statusCode()).as(august.body()).isEqualTo(202);

        // a wrong correction: unknown report, another target's report, and the same report corrected twice
        HttpResponse<String> bad = upload(header
                + "fix-3,5.6,5.6#1,2,2021-08-31,区民政局,录入有误,fix-1\n"
                + "fix-4,5.6,5.6#1,2,2021-08-31,区民政局,,fix-1\n"
                + "fix-5,5.6,5.6#1,2,2021-08-31,区民政局,,nobody\n"
                + "fix-6,5.6,5.6#1,2,2021-08-31,区民政局,,fix-2\n", "text/csv", null);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("errors"))
                .extracting(e -> e.get("field").asString() + ":" + e.get("code").asString())
                .containsExactlyInAnyOrder("rows[3].supersedes:duplicate-in-file",
                        "rows[4].supersedes:not-correctable", "rows[5].supersedes:not-correctable");
        assertThat(get("/api/progress/fix-3").statusCode()).isEqualTo(404);

        // the correction alone goes through and keeps the corrected report in the history
        HttpResponse<String> fix = upload(header + "fix-3,5.6,5.6#1,2,2021-08-31,区民政局,录入有误,fix-1\n",
                "text/csv", null);
        assertThat(fix.statusCode()).as(fix.body()).isEqualTo(202);
        JsonNode correction = json.readTree(get("/api/progress/fix-3").body());
        assertThat(correction.get("supersedes").asString()).isEqualTo("fix-1");
        assertThat(correction.get("value").decimalValue()).isEqualByComparingTo("2");
        assertThat(get("/api/progress/fix-1").statusCode()).isEqualTo(200);
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PROGRESS_REPORTS)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(probe.readFor(Duration.ofMillis(300))
                    .stream().map(r -> json.readTree(r.value()).get("payload"))
                    .filter(p -> p.get("reportId").asString().equals("fix-3")))
                    .singleElement().satisfies(p -> assertThat(p.get("supersedes").asString()).isEqualTo("fix-1")));
        }
        // a second correction of the same report in a later file is a conflict, named on its row
        HttpResponse<String> again = upload(header + "fix-7,5.6,5.6#1,2,2021-08-31,区民政局,,fix-1\n",
                "text/csv", null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(400);
        assertThat(json.readTree(again.body()).get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("field").asString()).isEqualTo("rows[2].supersedes");
            assertThat(e.get("code").asString()).isEqualTo("already-superseded");
            assertThat(e.get("reason").asString()).contains("fix-3");
        });
    }

    @Test
    void oneBadRowAmong200RefusesTheWholeFileNamingTheRowAndStoresNothing() throws Exception {
        String csv = csv("neg", 200, 137);

        HttpResponse<String> response = upload(csv, "text/csv", "neg-upload");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:validation");
        assertThat(problem.get("detail").asString()).contains("rows[137].value");
        assertThat(problem.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("rows[137].value");
            assertThat(error.get("code").asString()).isEqualTo("negative");
        });
        assertThat(reportsStored("neg", 200)).isZero();
        assertThat(get("/api/progress/bulk/neg-upload").statusCode()).isEqualTo(404);
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PROGRESS_REPORTS)) {
            assertThat(probe.readFor(Duration.ofSeconds(2)).stream().map(TopicProbe::body))
                    .noneMatch(body -> body.contains("\"neg-"));
        }
    }

    @Test
    void everyBadRowIsListedWithItsRowNumberAndTheFileRules() throws Exception {
        String csv = HEADER + "\n"
                + "rows-1,5.6,5.6#1,1,2021-09-30,区民政局,\n"          // row 2: fine
                + "\n"                                                  // row 3: blank, skipped
                + "rows-1,5.6,5.6#1,1,2021-09-30,区民政局,\n"          // row 4: duplicate in the file
                + "rows-5,5.99,5.99#1,1,2021-09-30,区民政局,\n"        // row 5: unknown item
                + "rows-6,5.6,5.6#1,很多,2021-13-45,,\n";              // row 6: number, date, department

        JsonNode problem = json.readTree(upload(csv, "text/csv", null).body());

        assertThat(problem.get("errors")).extracting(e -> e.get("field").asString() + ":" + e.get("code").asString())
                .containsExactlyInAnyOrder("rows[4].reportId:duplicate-in-file", "rows[5].itemId:unknown-item",
                        "rows[6].value:invalid-format", "rows[6].asOf:invalid-format",
                        "rows[6].department:required");
        assertThat(reportsStored("rows", 6)).isZero();
    }

    @Test
    void textThatASpreadsheetWouldTakeForAFormulaIsRefusedNamingItsCell() throws Exception {
        String csv = HEADER + "\n"
                + "formula-1,5.6,5.6#1,1,2021-09-30,区民政局,\"=cmd|' /C calc'!A0\"\n"
                + "formula-2,5.6,5.6#1,2,2021-09-30,@SUM(1+1),正常备注\n"
                + "formula-3,5.6,5.6#1,3,2021-09-30,区民政局,+86 电话\n"
                + "formula-4,5.6,5.6#1,4,2021-09-30,区民政局,完成 -3 项\n";   // a minus inside the text is fine

        JsonNode problem = json.readTree(upload(csv, "text/csv", null).body());

        assertThat(problem.get("errors")).extracting(e -> e.get("field").asString() + ":" + e.get("code").asString())
                .containsExactlyInAnyOrder("rows[2].note:formula", "rows[3].department:formula",
                        "rows[4].note:formula");
        assertThat(problem.get("errors").get(0).get("reason").asString()).contains("像是电子表格公式");
        assertThat(reportsStored("formula", 4)).isZero();
    }

    @Test
    void anXlsxWithChineseHeadersAndDateCellsIsAccepted() throws Exception {
        byte[] xlsx;
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("2021年9月");
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            String[] header = {"填报部门", "报告编号", "年度", "事项", "指标", "数值", "达成日期", "截至日期", "备注"};
            Row head = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                head.createCell(i).setCellValue(header[i]);
            }
            Row indicator = sheet.createRow(1);
            indicator.createCell(0).setCellValue("区民政局");
            indicator.createCell(1).setCellValue("xl-1");
            indicator.createCell(2).setCellValue(2021);
            indicator.createCell(3).setCellValue("5.8");
            indicator.createCell(4).setCellValue("5.8#1");
            indicator.createCell(5).setCellValue(1.5);
            indicator.createCell(7).setCellValue(LocalDate.of(2021, 9, 30));
            indicator.getCell(7).setCellStyle(dateStyle);
            indicator.createCell(8).setCellValue("长者食堂选址完成");
            // row 3 left empty: skipped
            Row milestone = sheet.createRow(3);
            milestone.createCell(0).setCellValue("区民政局");
            milestone.createCell(1).setCellValue("xl-2");
            milestone.createCell(3).setCellValue("5.9");
            milestone.createCell(4).setCellValue("5.9#2");
            milestone.createCell(6).setCellValue(LocalDate.of(2021, 9, 15));
            milestone.getCell(6).setCellStyle(dateStyle);
            milestone.createCell(7).setCellValue("2021-09-30"); // a date as text works too
            workbook.write(out);
            xlsx = out.toByteArray();
        }

        HttpResponse<String> response = upload(xlsx, XLSX, "sept-xlsx");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode receipt = json.readTree(response.body());
        assertThat(receipt.get("uploadId").asString()).isEqualTo("sept-xlsx");
        assertThat(receipt.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(receipt.get("reportIds")).extracting(JsonNode::asString).containsExactly("xl-1", "xl-2");
        JsonNode first = json.readTree(get("/api/progress/xl-1").body());
        assertThat(first.get("value").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(first.get("asOf").asString()).isEqualTo("2021-09-30");
        assertThat(first.get("targetKind").asString()).isEqualTo("INDICATOR");
        assertThat(first.get("note").asString()).isEqualTo("长者食堂选址完成");
        JsonNode second = json.readTree(get("/api/progress/xl-2").body());
        assertThat(second.get("reachedOn").asString()).isEqualTo("2021-09-15");
        assertThat(second.get("targetKind").asString()).isEqualTo("MILESTONE");
        assertThat(published("xl-", 2)).hasSize(2);

        // the same uploadId with other content is a conflict
        HttpResponse<String> other = upload(csv("xl-other", 3, -1), "text/csv", "sept-xlsx");
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(json.readTree(other.body()).get("errors").get(0).get("field").asString()).isEqualTo("uploadId");
    }

    @Test
    void aFileWithAnUnknownOrMissingColumnIsRefusedNamingIt() throws Exception {
        String csv = "reportId,itemId,targetId,value,asOf,department,负责人\n"
                + "col-1,5.6,5.6#1,1,2021-09-30,区民政局,张三\n";

        HttpResponse<String> response = upload(csv, "text/csv", null);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("detail").asString()).contains("负责人");
        assertThat(problem.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("columns[G]");
            assertThat(error.get("code").asString()).isEqualTo("unknown-column");
        });

        JsonNode missing = json.readTree(upload("reportId,itemId,value,asOf,department\ncol-2,5.6,1,2021-09-30,区民政局\n",
                "text/csv", null).body());
        assertThat(missing.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("columns");
            assertThat(error.get("code").asString()).isEqualTo("missing-column");
            assertThat(error.get("reason").asString()).contains("targetId");
        });
        assertThat(reportsStored("col", 2)).isZero();
    }

    @Test
    void moreThan5000RowsAreRefusedAndALongListOfProblemsIsCapped() throws Exception {
        JsonNode tooMany = json.readTree(upload(csv("many", 5001, -1), "text/csv", null).body());
        assertThat(tooMany.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("rows");
            assertThat(error.get("code").asString()).isEqualTo("too-many");
        });

        String allBad = csv("capped", 300, -1).replace(",2021-09-30,", ",2099-09-30,");
        JsonNode capped = json.readTree(upload(allBad, "text/csv", null).body());
        assertThat(capped.get("errors")).hasSize(201);
        // each row is in the future, and the 2099 plan has no such item: 600 problems, 200 listed
        assertThat(capped.get("errors").get(0).get("field").asString()).isEqualTo("rows[2].asOf");
        assertThat(capped.get("errors").get(1).get("field").asString()).isEqualTo("rows[2].itemId");
        assertThat(capped.get("errors").get(200).get("code").asString()).isEqualTo("more-problems");
        assertThat(capped.get("errors").get(200).get("reason").asString()).contains("400");
        assertThat(reportsStored("capped", 300)).isZero();
    }

    @Test
    void otherContentTypesAreRefusedWith415() throws Exception {
        HttpResponse<String> response = upload("{}", "application/json", null);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asString())
                .isEqualTo("Content-Type");
    }

    @Test
    void anUploadLeftPendingByACrashIsExpandedOnceAtStartUp() throws Exception {
        // the upload was stored, and the crash came after its first two reports were written
        List<BulkUpload.BulkRow> rows = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            rows.add(new BulkUpload.BulkRow(n + 1, "crash-" + n, null, 2021, "5.7", "5.7#1",
                    org.keywork.events.TargetKind.INDICATOR, java.math.BigDecimal.valueOf(n),
                    null, LocalDate.of(2021, 10, 31), "区民政局", null, null, null));
        }
        for (int n = 1; n <= 2; n++) {
            HttpResponse<String> single = http.send(HttpRequest.newBuilder(url("/api/progress"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"reportId":"crash-%d","itemId":"5.7","targetId":"5.7#1","value":%d,
                             "asOf":"2021-10-31","department":"区民政局"}""".formatted(n, n))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(single.statusCode()).isEqualTo(202);
        }
        uploads.insert(new BulkUpload("crashed", "hash-of-rows", BulkUpload.Status.PENDING, rows,
                java.time.Instant.parse("2021-11-01T00:00:00Z"), null, List.of()));
        assertThat(json.readTree(get("/api/progress/bulk/crashed").body()).get("status").asString())
                .isEqualTo("PENDING");

        recovery.run(new DefaultApplicationArguments());
        recovery.run(new DefaultApplicationArguments());

        JsonNode status = json.readTree(get("/api/progress/bulk/crashed").body());
        assertThat(status.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(status.get("rows").asInt()).isEqualTo(5);
        assertThat(status.has("conflicts")).isFalse();
        assertThat(reportsStored("crash", 5)).isEqualTo(5);
        List<ConsumerRecord<String, byte[]>> records = published("crash-", 5);
        assertThat(records).hasSize(5);
        assertThat(records.stream().map(r -> json.readTree(r.value()).get("payload").get("reportId").asString()))
                .containsExactlyInAnyOrder("crash-1", "crash-2", "crash-3", "crash-4", "crash-5");
    }

    /** A CSV with a BOM, CRLF line ends and quoted notes; row {@code badRow} (as a user sees it) has a negative value. */
    private static String csv(String prefix, int count, int badRow) {
        StringBuilder csv = new StringBuilder("\uFEFF" + HEADER + "\r\n");
        for (int n = 1; n <= count; n++) {
            String item = ITEMS.get(n % ITEMS.size());
            int value = n + 1 == badRow ? -3 : n;
            csv.append(prefix).append('-').append(n).append(',').append(item).append(',').append(item).append("#1,")
                    .append(value).append(",2021-09-30,区民政局,\"第 ").append(n).append(" 份, 含逗号和\"\"引号\"\"\"\r\n");
        }
        return csv.toString();
    }

    private long reportsStored(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            ids.add(prefix + "-" + n);
        }
        return mongo.count(Query.query(Criteria.where("_id").in(ids)), "progress_reports");
    }

    /** Everything published for reports whose id starts with {@code prefix}, once {@code expected} arrived. */
    private List<ConsumerRecord<String, byte[]>> published(String prefix, int expected) {
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PROGRESS_REPORTS)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ofPrefix(probe.readFor(Duration.ofMillis(300)),
                    prefix).size() >= expected);
            return ofPrefix(probe.readFor(Duration.ofSeconds(3)), prefix);
        }
    }

    private List<ConsumerRecord<String, byte[]>> ofPrefix(List<ConsumerRecord<String, byte[]>> records,
            String prefix) {
        return records.stream().filter(r -> json.readTree(r.value()).get("payload").get("reportId").asString()
                .startsWith(prefix)).toList();
    }

    private HttpResponse<String> upload(String body, String type, String uploadId) throws Exception {
        return upload(body.getBytes(StandardCharsets.UTF_8), type, uploadId);
    }

    private HttpResponse<String> upload(byte[] body, String type, String uploadId) throws Exception {
        return http.send(HttpRequest.newBuilder(url("/api/progress/bulk" + (uploadId == null ? "" : "?uploadId="
                        + uploadId)))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
