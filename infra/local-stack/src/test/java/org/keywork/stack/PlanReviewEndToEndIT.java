package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Plans in the browser, on the whole running system: an admin imports another year's document with a numbering
 * mistake (two items run together under one number), splits them on the review page, corrects the second item's
 * text and publishes, and the goals API shows the fix; a supervisor downloads the 任务分解表, fills two rows, uploads
 * it, and the item pages show the new leader and departments and the milestone's planned date. Skipped where
 * {@code /usr/bin/chromedriver} is absent ({@code .ci/run} installs it).
 */
@ExtendWith(SharedStack.class)
@Order(2) // first: see SharedStack
class PlanReviewEndToEndIT {

    @TempDir
    Path home;

    @TempDir
    Path profile;

    @TempDir
    Path downloads;

    private DashboardBrowser chrome;
    private String gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void stopEverything() throws Exception {
        if (chrome != null) {
            chrome.screenshot("e2e-plans-last-page"); // where the test ended, for a failure's reader
            chrome.close();
        }
    }

    @Test
    void aDocumentIsCorrectedAndPublishedAndABreakdownAssignsTheWork(SharedStack.Handle shared) throws Exception {
        assumeTrue(Files.isExecutable(DashboardBrowser.CHROMEDRIVER), "no chromedriver: browser test skipped");
        // the stack DashboardEndToEndIT uses too: its report and alert on 2021's 5.6 (and its business date) leave
        // this story as it is
        StackConfig config = shared.stack().config();
        gateway = "http://127.0.0.1:" + config.port(Part.GATEWAY);
        chrome = new DashboardBrowser(gateway, profile, downloads);

        // the 2022 document as a typist left it: section 一 numbered 1, 2, 2, 3, 4, 5, so items 2 and 3 run together
        String original = Files.readString(Repository.root().resolve(
                "goal-service/src/test/resources/corpus/01-dun-sections-arabic-items.txt"), StandardCharsets.UTF_8);
        String misprinted = original.replace("\n3.加快发展数字经济", "\n2.加快发展数字经济")
                .replace("\n4.实施楼宇", "\n3.实施楼宇").replace("\n5.深化商旅", "\n4.深化商旅")
                .replace("\n6.单位增加值", "\n5.单位增加值");
        assertThat(misprinted).isNotEqualTo(original);
        Path document = Files.writeString(home.resolve("2022年区政府重点工作安排.txt"), misprinted);

        chrome.signIn("admin", "admin-2021");
        chrome.open("#/plans/2022", "plans");
        chrome.driver.findElement(By.id("plan-file")).sendKeys(document.toString());
        chrome.driver.findElement(By.id("import-button")).click();
        chrome.awaitView("review");
        WebElement warnings = chrome.driver.findElement(By.id("warnings"));
        assertThat(warnings.getText()).contains("“2.”不是预期的“3.”");
        WebElement merged = itemText("1.2");
        String text = merged.getAttribute("value");
        assertThat(text).contains("实际利用外资6亿美元", "2.加快发展数字经济");
        assertThat(chrome.driver.findElements(By.cssSelector("[data-section='1'] .item-editor"))).hasSize(5);
        chrome.screenshot("e2e-review-imported");

        // split where the second item starts, then take its misprinted number off
        int at = text.indexOf("2.加快发展数字经济");
        merged.click();
        chrome.script("arguments[0].setSelectionRange(arguments[1], arguments[1]);"
                + "arguments[0].dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));", merged, at);
        long revision = revision();
        chrome.driver.findElement(By.cssSelector("[data-item-id='1.2'] button[data-action='split']")).click();
        awaitRevisionAbove(revision);
        WebElement second = itemText("1.3");
        assertThat(second.getAttribute("value")).startsWith("2.加快发展数字经济");
        revision = revision();
        second.click();
        second.sendKeys(Keys.chord(Keys.CONTROL, "a"), text.substring(at + 2).strip());
        chrome.driver.findElement(By.id("edit-reason")).click(); // leaving the text saves it
        awaitRevisionAbove(revision);
        assertThat(itemText("1.3").getAttribute("value")).startsWith("加快发展数字经济");
        assertThat(chrome.driver.findElements(By.cssSelector("[data-section='1'] .item-editor"))).hasSize(6);
        assertThat(chrome.driver.findElement(By.id("edit-log")).getText()).contains("拆分事项", "修改事项");
        chrome.screenshot("e2e-review-corrected");

        chrome.driver.findElement(By.id("publish")).click();
        chrome.awaitView("plans");
        assertThat(chrome.driver.findElement(By.id("versions")).getText()).contains("第 1 版", "审核后发布");
        chrome.screenshot("e2e-plans-published");

        String admin = GatewayLogin.token(http, gateway, "admin", "admin-2021");
        JsonNode goals = json.readTree(get("/api/goals?year=2022&section=1", admin).body());
        assertThat(goals).hasSize(6);
        JsonNode fixed = json.readTree(get("/api/goals/1.3?year=2022", admin).body());
        assertThat(fixed.get("title").asText()).startsWith("加快发展数字经济");
        assertThat(fixed.get("indicators").get(0).get("name").asText()).isEqualTo("新增高新技术企业");
        assertThat(json.readTree(get("/api/goals/1.2?year=2022", admin).body()).get("title").asText())
                .isEqualTo("实际利用外资6亿美元，新引进跨国公司地区总部5家，新增外资研发中心3家。");

        // the 督查室 assigns two items of 2021 with the 任务分解表
        chrome.signOut();
        chrome.signIn("supervisor", "supervisor-2021");
        chrome.open("#/plans/2021", "plans");
        int samples = Integer.parseInt(chrome.driver.findElement(By.id("sample-count")).getText());
        chrome.driver.findElement(By.id("breakdown-download")).click();
        Path template = chrome.awaitDownload("2021年任务分解表.xlsx");
        Path filled = home.resolve("filled.xlsx");
        try (InputStream in = Files.newInputStream(template); XSSFWorkbook workbook = new XSSFWorkbook(in);
                OutputStream out = Files.newOutputStream(filled)) {
            Sheet sheet = workbook.getSheet("任务分解表");
            Row row = row(sheet, "5.6");
            row.getCell(2).setCellValue("副区长（分管民政）");
            row.getCell(3).setCellValue("区民政局");
            row.getCell(4).setCellValue("区卫生健康委、区市场监管局");
            row = row(sheet, "9.3");
            row.getCell(2).setCellValue("副区长（分管民政）");
            row.getCell(3).setCellValue("区民政局");
            row.getCell(4).setCellValue("区建设管理委");
            row.getCell(6).setCellValue("2021-06-30");
            workbook.write(out);
        }
        chrome.driver.findElement(By.id("breakdown-file")).sendKeys(filled.toString());
        chrome.driver.findElement(By.id("breakdown-upload")).click();
        chrome.waitFor(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("breakdown-result"), "已应用"));
        assertThat(chrome.driver.findElement(By.id("breakdown-result")).getText()).contains("分工变更 2 项");
        chrome.screenshot("e2e-breakdown-applied");
        // 5.6 is goal-service's own; 9.3 reaches project-service with the plan's next version, a moment later
        Awaits.until(Duration.ofSeconds(30), () -> {
            chrome.open("#/plans/2021", "plans");
            return Integer.parseInt(chrome.driver.findElement(By.id("sample-count")).getText()) == samples - 2;
        });

        chrome.open("#/items/5.6", "items");
        String responsibility = chrome.driver.findElement(By.id("responsibility")).getText();
        assertThat(responsibility).contains("副区长（分管民政）", "区民政局", "区卫生健康委", "区市场监管局")
                .doesNotContain("示例分工");
        assertThat(chrome.driver.findElement(By.id("responsibility-history")).getText()).contains("任务分解表");
        chrome.screenshot("e2e-item-assigned");
        // 9.3 is project-service's: it takes the assignment and the date from the plan's next version
        String[] project = new String[1];
        try {
            Awaits.until(Duration.ofSeconds(30), () -> {
                project[0] = get("/api/projects/9.3?year=2021", admin).body();
                JsonNode p = read(project[0]);
                return p.path("responsibility").path("cooperatingDepartments").toString().contains("区建设管理委")
                        && "2021-06-30".equals(p.path("milestones").path(0).path("plannedDate").asText());
            });
        } catch (AssertionError e) {
            throw new AssertionError("9.3 as project-service shows it: " + project[0], e);
        }
        chrome.open("#/items/9.3", "items");
        assertThat(chrome.driver.findElement(By.id("responsibility")).getText()).contains("区建设管理委");
        assertThat(chrome.driver.findElement(By.id("project-milestones")).getText()).contains("2021-06-30");
        chrome.open("#/projects", "projects");
        // the milestone dated by the breakdown is on the timeline; the other 52 are listed apart
        assertThat(chrome.driver.findElement(By.id("unscheduled")).getText()).contains("另有 52 个未排期的节点");
        assertThat(chrome.driver.findElements(By.cssSelector("#timeline canvas"))).isNotEmpty();
        assertThat(chrome.driver.findElement(By.id("milestones")).getText()).contains("9.3", "2021-06-30");
        chrome.screenshot("e2e-projects-unscheduled");
    }

    private WebElement itemText(String itemId) {
        return chrome.driver.findElement(By.cssSelector("textarea[data-item-text='" + itemId + "']"));
    }

    /** The draft's revision the review page shows (each correction raises it). */
    private long revision() throws Exception {
        String id = chrome.driver.getCurrentUrl().replaceAll(".*#/review/", "");
        String admin = GatewayLogin.token(http, gateway, "admin", "admin-2021");
        return json.readTree(get("/api/plans/drafts/" + id, admin).body()).get("revision").asLong();
    }

    /**
     * Waits until the review page shows a revision of the draft above {@code revision}: the correction is stored
     * and the page has re-rendered with it (elements found before are gone then; find them again).
     */
    private void awaitRevisionAbove(long revision) {
        chrome.waitFor(Duration.ofSeconds(20)).until(d -> Long.parseLong(
                d.findElement(By.id("plan-editor")).getAttribute("data-revision")) > revision);
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Row row(Sheet sheet, String id) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && id.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + id);
    }

    private HttpResponse<String> get(String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

}
