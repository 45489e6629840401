package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Each role's morning on the whole running system, in headless Chromium, as the dashboard issue describes it:
 * <ol>
 * <li>区民政局 downloads its 填报模板 (its own targets, pre-filled), fills September's value in Excel's way and uploads
 * it as a GB18030 CSV;</li>
 * <li>the leader it concerns acknowledges the alert that report raised with a 批示, and 区民政局 sees the 批示, his
 * name and the time, and answers (反馈);</li>
 * <li>the 督查室 finds that leader's red items, exports them, opens 考核 and downloads its workbook.</li>
 * </ol>
 * Every page is photographed at desktop and phone size into {@code target/screenshots/}. Skipped where
 * {@code /usr/bin/chromedriver} is absent ({@code .ci/run} installs it).
 */
class MorningRoutinesEndToEndIT {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final String LEADER = "副区长（分管民政）";
    private static final String INSTRUCTION = "请区民政局本周内拿出长者食堂选址方案";

    @TempDir
    Path home;

    @TempDir
    Path profile;

    @TempDir
    Path downloads;

    private LocalStack stack;
    private DashboardBrowser chrome;
    private String gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopEverything() throws Exception {
        if (chrome != null) {
            chrome.screenshot("e2e-morning-last-page"); // where the test ended, for a failure's reader
            chrome.close();
        }
        if (stack != null) {
            stack.stopAll();
        }
    }

    @Test
    void eachRolesMorningWithoutHelp() throws Exception {
        assumeTrue(Files.isExecutable(DashboardBrowser.CHROMEDRIVER), "no chromedriver: browser test skipped");
        StackConfig config = StackConfig.onFreePorts(Repository.root(), home).withStartTimeout(Duration.ofSeconds(180));
        stack = new LocalStack(config);
        stack.startAll(ProgressListener.SILENT);
        gateway = "http://127.0.0.1:" + config.port(Part.GATEWAY);

        // the business date of the story: the end of September 2021
        String admin = GatewayLogin.token(http, gateway, "admin", "admin-2021");
        HttpResponse<String> clock = send(request("/api/admin/clock", admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"now\":\"2021-09-30T20:00:00+08:00\",\"reason\":\"morning\"}"))
                .build());
        assertThat(clock.statusCode()).as(clock.body()).isEqualTo(200);
        String department = GatewayLogin.token(http, gateway, "dept-minzheng", "dept-minzheng-2021");
        Awaits.until(Duration.ofSeconds(60), () -> !send(request("/api/progress", department)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"itemId\":\"5.6\",\"targetId\":\"5.6#1\"}")).build())
                .body().contains("unknown-item"));
        chrome = new DashboardBrowser(gateway, profile, downloads);

        departmentUploadsTheTemplateAsGb18030();
        leaderAcknowledgesWithAnInstructionAndTheDepartmentSeesIt();
        supervisorFindsOneLeadersRedItemsAndTheEvaluation();
    }

    /** 区民政局: the template of its own targets, filled in Excel's way, back as a GB18030 CSV. */
    private void departmentUploadsTheTemplateAsGb18030() throws Exception {
        chrome.open("#/login", "login");
        chrome.screenshots("e2e-morning-login", "login");
        chrome.signIn("dept-minzheng", "dept-minzheng-2021");
        assertThat(chrome.driver.findElement(By.id("business-date")).getText()).contains("2021-09-30");
        chrome.open("#/report", "report");
        // the form defaults to the business date and tells what the target expects
        assertThat(chrome.driver.findElement(By.id("asOf")).getDomProperty("value")).isEqualTo("2021-09-30");
        Select target = new Select(chrome.driver.findElement(By.id("target")));
        target.selectByVisibleText(target.getOptions().stream().map(WebElement::getText)
                .filter(o -> o.contains("新增社区长者食堂")).findFirst().orElseThrow());
        assertThat(chrome.driver.findElement(By.id("target-facts")).getText()).contains("全年目标", "计划应达", "上次填报");
        // a value far beyond the target asks to be confirmed before it goes
        chrome.driver.findElement(By.id("value")).sendKeys("99999");
        assertThat(chrome.driver.findElement(By.id("plausibility")).getText()).contains("150%");
        chrome.driver.findElement(By.id("submit-report")).click();
        chrome.waitFor(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("report-result"), "确认提交"));
        chrome.screenshots("e2e-morning-report", "report");

        chrome.driver.findElement(By.id("bulk-template")).click();
        Path template = chrome.awaitDownload("2021年进度填报模板_区民政局.xlsx");
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>();
        try (InputStream in = Files.newInputStream(template); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter format = new DataFormatter();
            for (Cell cell : sheet.getRow(0)) {
                header.add(format.formatCellValue(cell));
            }
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    values.put(header.get(c), row.getCell(c) == null ? "" : format.formatCellValue(row.getCell(c)));
                }
                rows.add(values);
            }
            assertThat(workbook.getSheetName(1)).isEqualTo("填写说明");
        }
        // its own targets only, with what was reported last
        assertThat(rows).extracting(r -> column(r, "指标")).contains("5.6#1").doesNotContain("9.26#1");
        assertThat(rows).extracting(r -> column(r, "填报部门")).containsOnly("区民政局");
        Map<String, String> canteens = rows.stream().filter(r -> column(r, "指标").equals("5.6#1")).findFirst()
                .orElseThrow();
        fill(canteens, Map.of("报告编号", "mzj-2021-09-5.6", "数值", "0", "截至日期", "2021/9/30", // as Excel writes a date
                "说明", "两处选址仍在协调"));
        // a qualitative item of its own, its state in the words the dashboard shows
        Map<String, String> qualitative = rows.stream().filter(r -> !column(r, "指标").contains("#")).findFirst()
                .orElseThrow();
        String qualitativeItem = column(qualitative, "指标");
        fill(qualitative, Map.of("报告编号", "mzj-2021-09-" + qualitativeItem, "截至日期", "2021/9/30", "状态", "存在风险",
                "说明", "场地协调未完成"));
        String csv = String.join(",", header) + "\r\n" + line(header, canteens) + line(header, qualitative);
        Path upload = Files.write(home.resolve("九月进度.csv"), csv.getBytes(GB18030));
        chrome.open("#/report", "report");
        chrome.driver.findElement(By.id("bulk-file")).sendKeys(upload.toString());
        chrome.driver.findElement(By.id("submit-bulk")).click();
        chrome.waitFor(Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("bulk-result"), "已受理"));
        chrome.screenshot("e2e-morning-bulk-uploaded");
        String token = GatewayLogin.token(http, gateway, "dept-minzheng", "dept-minzheng-2021");
        JsonNode stored = json.readTree(send(request("/api/progress/mzj-2021-09-5.6", token).build()).body());
        assertThat(stored.get("targetId").asText()).isEqualTo("5.6#1");
        assertThat(stored.get("asOf").asText()).isEqualTo("2021-09-30");
        assertThat(stored.get("note").asText()).isEqualTo("两处选址仍在协调");
        JsonNode atRisk = json.readTree(send(request("/api/progress/mzj-2021-09-" + qualitativeItem, token).build())
                .body());
        assertThat(atRisk.get("state").asText()).isEqualTo("AT_RISK");
        // 存在风险 raises a yellow alert
        String supervisor = GatewayLogin.token(http, gateway, "supervisor", "supervisor-2021");
        Awaits.until(Duration.ofSeconds(60), () -> send(request("/api/alerts?itemId=" + qualitativeItem, supervisor)
                .build()).body().contains("\"severity\":\"YELLOW\""));
    }

    private static void fill(Map<String, String> row, Map<String, String> values) {
        row.replaceAll((name, value) -> values.getOrDefault(name.replaceAll("/.*", ""), value));
    }

    private static String line(List<String> header, Map<String, String> row) {
        return header.stream().map(name -> quoted(row.get(name))).collect(Collectors.joining(",")) + "\r\n";
    }

    /** The leader acknowledges the alert of 5.6 with a 批示; the department sees it with his name, and answers. */
    private void leaderAcknowledgesWithAnInstructionAndTheDepartmentSeesIt() throws Exception {
        String leader = GatewayLogin.token(http, gateway, "leader-minzheng", "leader-minzheng-2021");
        String alertId = Awaits.value(Duration.ofSeconds(60), () -> {
            for (JsonNode alert : json.readTree(send(request("/api/alerts?itemId=5.6", leader).build()).body())) {
                if (alert.get("targetId").asText().equals("5.6#1") && alert.get("status").asText().equals("OPEN")) {
                    return alert.get("alertId").asText();
                }
            }
            return null;
        });
        chrome.signOut();
        chrome.signIn("leader-minzheng", "leader-minzheng-2021");
        chrome.open("#/inbox", "inbox");
        WebElement card = chrome.driver.findElement(By.cssSelector("[data-alert='" + alertId + "']"));
        card.findElement(By.cssSelector("textarea[name=instruction]")).sendKeys(INSTRUCTION);
        chrome.screenshots("e2e-morning-leader-inbox", "inbox");
        card = chrome.driver.findElement(By.cssSelector("[data-alert='" + alertId + "']"));
        if (card.findElement(By.cssSelector("textarea[name=instruction]")).getDomProperty("value").isEmpty()) {
            card.findElement(By.cssSelector("textarea[name=instruction]")).sendKeys(INSTRUCTION); // the refreshes
        }
        card.findElement(By.cssSelector("button[data-ack]")).click();
        chrome.waitFor(Duration.ofSeconds(15)).until(d -> d.findElement(By.cssSelector("[data-alert='" + alertId
                + "'] [data-instruction]")).getText().contains(INSTRUCTION));
        assertThat(chrome.driver.findElement(By.cssSelector("[data-alert='" + alertId + "']")).getText())
                .contains("孙某某", "已确认");
        JsonNode acknowledged = json.readTree(send(request("/api/alerts/" + alertId, leader).build()).body());
        assertThat(acknowledged.get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("acknowledgedBy").asText()).isEqualTo("leader-minzheng");
        chrome.screenshot("e2e-morning-leader-acknowledged");

        // 区民政局 sees the 批示 on the item, with the leader's name and the time, and answers it
        chrome.signOut();
        chrome.signIn("dept-minzheng", "dept-minzheng-2021");
        chrome.open("#/items/5.6", "items");
        WebElement onItem = chrome.driver.findElement(By.cssSelector("[data-alert='" + alertId + "']"));
        assertThat(onItem.findElement(By.cssSelector("[data-instruction]")).getText()).contains(INSTRUCTION, "孙某某",
                "2021");
        onItem.findElement(By.cssSelector("form[data-feedback-form] textarea")).sendKeys("已约谈两处产权单位，十月中旬签约");
        onItem.findElement(By.cssSelector("form[data-feedback-form] button[type=submit]")).click();
        chrome.waitFor(Duration.ofSeconds(15)).until(d -> d.findElement(By.cssSelector("[data-alert='" + alertId
                + "']")).getText().contains("已约谈两处产权单位"));
        chrome.screenshots("e2e-morning-department-item", "items");
        // September's report said too little: corrected from the item's page (still none opened: 5.6 stays red)
        chrome.driver.findElement(By.cssSelector("a[data-correct='mzj-2021-09-5.6']")).click();
        chrome.awaitView("report");
        assertThat(chrome.driver.findElement(By.id("correcting")).getText()).contains("mzj-2021-09-5.6");
        chrome.driver.findElement(By.id("value")).sendKeys("0");
        chrome.driver.findElement(By.id("note")).sendKeys("更正：两处选址均在协调，十月中旬签约");
        chrome.driver.findElement(By.id("submit-report")).click();
        chrome.waitFor(Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("report-result"), "已受理"));
        chrome.screenshot("e2e-morning-correction");
        String token = GatewayLogin.token(http, gateway, "dept-minzheng", "dept-minzheng-2021");
        JsonNode corrected = json.readTree(send(request("/api/progress/mzj-2021-09-5.6", token).build()).body());
        assertThat(corrected.get("supersededBy").asText()).startsWith("web-");
        chrome.open("#/inbox", "inbox");
        chrome.screenshots("e2e-morning-department-inbox", "inbox");
    }

    /** The 督查室: one leader's red items, exported; then 考核 and its workbook; every page photographed. */
    private void supervisorFindsOneLeadersRedItemsAndTheEvaluation() throws Exception {
        chrome.signOut();
        chrome.signIn("supervisor", "supervisor-2021");
        chrome.screenshots("e2e-morning-overview", "overview");
        chrome.driver.findElement(By.cssSelector("#totals a[data-status=RED]")).click();
        chrome.awaitView("list");
        new Select(chrome.driver.findElement(By.cssSelector("select[data-filter=leader]"))).selectByVisibleText(LEADER);
        chrome.waitFor(Duration.ofSeconds(15)).until(d -> d.getCurrentUrl().contains("leader=")
                && "list".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready"))
                && !d.findElements(By.cssSelector("#goal-list tbody tr[data-item]")).isEmpty());
        List<WebElement> red = chrome.driver.findElements(By.cssSelector("#goal-list tbody tr[data-item]"));
        assertThat(red).extracting(WebElement::getText).allMatch(t -> t.contains("滞后") && t.contains(LEADER));
        assertThat(red).extracting(r -> r.getDomAttribute("data-item")).contains("5.6");
        chrome.screenshots("e2e-morning-list-leader-red", "list");
        chrome.driver.findElement(By.id("export")).click();
        Path exported = chrome.awaitDownload("2021年重点工作事项_滞后_" + LEADER + "_2021-09-30.xlsx");
        try (InputStream in = Files.newInputStream(exported); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet items = workbook.getSheet("事项");
            assertThat(items.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
            assertThat(items.getLastRowNum()).isEqualTo(red.size());
            assertThat(items.getRow(1).getCell(3).getStringCellValue()).isEqualTo("滞后");
            assertThat(workbook.getSheet("按分管领导")).isNotNull();
        }

        chrome.open("#/list?by=department", "list");
        chrome.waitFor(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("group-list")));
        assertThat(chrome.driver.findElement(By.id("group-list")).getText()).contains("区民政局");
        chrome.screenshots("e2e-morning-by-department", "list");

        chrome.open("#/starred", "starred");
        chrome.screenshots("e2e-morning-starred", "starred");
        chrome.open("#/plans/2021", "plans");
        chrome.screenshots("e2e-morning-plans", "plans");
        chrome.open("#/projects", "projects");
        assertThat(chrome.driver.findElement(By.id("due-soon")).getText()).contains("30 天内到期");
        assertThat(chrome.driver.findElements(By.cssSelector("#timeline canvas, #timeline-empty"))).isNotEmpty();
        chrome.screenshots("e2e-morning-projects", "projects");
        chrome.open("#/inbox", "inbox");
        chrome.screenshots("e2e-morning-supervisor-inbox", "inbox");

        chrome.open("#/evaluation", "evaluation");
        assertThat(chrome.driver.findElement(By.id("evaluation-groups")).getText()).contains("保障和改善民生");
        assertThat(chrome.driver.findElements(By.cssSelector("#evaluation-items tbody tr[data-item]")))
                .hasSizeGreaterThan(100);
        chrome.screenshots("e2e-morning-evaluation", "evaluation");
        chrome.driver.findElement(By.id("evaluation-download")).click();
        Path workbookFile = chrome.awaitDownload("2021年重点工作考核.xlsx");
        try (InputStream in = Files.newInputStream(workbookFile); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet perItem = workbook.getSheet("逐项明细");
            assertThat(perItem).as("one row per item").isNotNull();
            assertThat(perItem.getLastRowNum()).isGreaterThanOrEqualTo(158);
            assertThat(workbook.getSheet("按分管领导")).isNotNull();
        }
        chrome.open("#/evaluation?by=leader", "evaluation");
        chrome.screenshots("e2e-morning-evaluation-by-leader", "evaluation");
    }

    /** A row's value under the header that starts with {@code label} (headers may read 指标/targetId). */
    private static String column(Map<String, String> row, String label) {
        return row.entrySet().stream().filter(e -> e.getKey().equals(label) || e.getKey().startsWith(label + "/"))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no column " + label
                        + " in " + row.keySet()));
    }

    private static String quoted(String value) {
        String text = value == null ? "" : value;
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }

}
