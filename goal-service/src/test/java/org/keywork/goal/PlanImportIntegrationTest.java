package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
 * Importing plan documents through {@code POST /api/plans/import}: a dry run changes nothing, the same document
 * again is a no-op, an edited one becomes version 2 with its changes while version 1 stays the baseline; bad uploads
 * are refused with the reason. Responsibility and target edits are recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanImportIntegrationTest {

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    static String document() throws IOException {
        try (InputStream in = new ClassPathResource("plan/jingan-2021-key-work-goals.txt").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @Order(1)
    void aDryRunShowsThePlanAndChangesNothing() throws Exception {
        awaitBundledPlan();
        String edited = document().replace("建 350 个公共充电桩", "建 400 个公共充电桩");

        HttpResponse<String> response = importText(edited, true);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("outcome").asString()).isEqualTo("PREVIEW");
        assertThat(body.get("plan").get("counts").get("items").asInt()).isEqualTo(158);
        assertThat(body.get("warnings").isArray()).isTrue();
        assertThat(body.get("changes")).anySatisfy(change -> {
            assertThat(change.get("kind").asString()).isEqualTo("TARGET_CHANGED");
            assertThat(change.get("after").asString()).contains("400");
        });
        assertThat(json.readTree(get("/api/plans/2021/versions").body())).hasSize(1);
    }

    @Test
    @Order(2)
    void reimportingTheSameDocumentIsANoOp() throws Exception {
        awaitBundledPlan();
        HttpResponse<String> response = importText(document(), false);

        JsonNode body = json.readTree(response.body());
        assertThat(body.get("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(body.get("version").asInt()).isEqualTo(1);
        assertThat(body.get("changes")).isEmpty();
        assertThat(json.readTree(get("/api/plans/2021/versions").body())).hasSize(1);
    }

    @Test
    @Order(3)
    void anEditedDocumentBecomesVersionTwoWithItsChangesAndVersionOneStaysTheBaseline() throws Exception {
        awaitBundledPlan();
        String edited = document().replace("建 350 个公共充电桩", "建 400 个公共充电桩")
                .replace("路 400 号租赁住宅项目开工", "路 400 号租赁住宅项目竣工");

        JsonNode body = json.readTree(importText(edited, false).body());

        assertThat(body.get("outcome").asString()).isEqualTo("CREATED");
        assertThat(body.get("version").asInt()).isEqualTo(2);
        assertThat(body.get("changes")).extracting(c -> c.get("kind").asString() + " " + c.get("itemId").asString())
                .contains("TARGET_CHANGED 3.9", "MILESTONE_CHANGED 9.9");
        JsonNode versions = json.readTree(get("/api/plans/2021/versions").body());
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("baseline").asBoolean()).isTrue();
        assertThat(target(json.readTree(get("/api/plans/2021?version=1").body()), "3.9").toString()).contains("350");
        assertThat(target(json.readTree(get("/api/plans/2021").body()), "3.9").toString()).contains("400");
        assertThat(json.readTree(get("/api/goals/3.9").body()).get("planVersion").asInt()).isEqualTo(2);

        // the changed construction item reaches project-service as a version-2 definition
        try (TopicProbe construction = TopicProbe.on(brokers, Topics.CONSTRUCTION_ITEMS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> construction.readFor(Duration.ofMillis(200)).size() >= 94);
            assertThat(construction.bodies()).filteredOn(b -> b.contains("\"planVersion\":2"))
                    .anySatisfy(b -> assertThat(b).contains("\"itemId\":\"9.9\"").contains("COMPLETION"));
        }
    }

    @Test
    @Order(4)
    void aTargetEditIsANewVersionWithItsReason() throws Exception {
        awaitBundledPlan();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/plans/2021/targets/"
                        + URLEncoder.encode("2.3#1", StandardCharsets.UTF_8))))
                .header("Content-Type", "application/json").header("X-Keywork-User", "fgw-planning")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":3.0,\"reason\":\"以市政府正式下达为准\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode version = json.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(version.get("source").asString()).isEqualTo("EDIT");
        assertThat(version.get("by").asString()).isEqualTo("fgw-planning");
        assertThat(version.get("reason").asString()).isEqualTo("以市政府正式下达为准");
        assertThat(version.get("changes").get(0).get("targetId").asString()).isEqualTo("2.3#1");
    }

    @Test
    @Order(5)
    void aResponsibilityChangeIsRecordedAndAnnounced() throws Exception {
        awaitBundledPlan();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url("/api/goals/5.6/responsibility")))
                .header("Content-Type", "application/json").header("X-Keywork-User", "gov-office")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"leaderPosition":"副区长（分管民政）","leadDepartment":"区民政局",
                         "cooperatingDepartments":["区市场监管局","区卫生健康委"],"reason":"增加区卫生健康委配合"}
                        """)).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode item = json.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(item.get("sampleResponsibility").asBoolean()).isFalse();
        assertThat(item.get("responsibility").get("cooperatingDepartments").toString()).contains("区卫生健康委");
        JsonNode change = item.get("responsibilityChanges").get(0);
        assertThat(change.get("changedBy").asString()).isEqualTo("gov-office");
        assertThat(change.get("reason").asString()).isEqualTo("增加区卫生健康委配合");
        assertThat(change.get("before").get("cooperatingDepartments").toString()).doesNotContain("区卫生健康委");
        try (TopicProbe items = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> items.readFor(Duration.ofMillis(200)).stream()
                    .map(TopicProbe::body).anyMatch(b -> b.contains("\"5.6\"") && b.contains("区卫生健康委")));
        }
    }

    @Test
    @Order(6)
    void badUploadsAreRefusedWithTheReason() throws Exception {
        awaitBundledPlan();
        assertProblem(importBytes(new byte[0], "text/plain; charset=UTF-8"), 400, "empty");
        assertProblem(importBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3}, "text/plain"), 415, "not-text");
        assertProblem(importBytes("甲".repeat(800_000).getBytes(StandardCharsets.UTF_8), "text/plain"), 413,
                "too-large");
        HttpResponse<String> noPlan = importText("这是一份会议通知，没有任何章节。\n请各单位准时参加。", false);
        assertProblem(noPlan, 422, "no-sections");
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo("body");
            assertThat(error.get("code").asString()).isEqualTo(code);
            assertThat(error.get("reason").asString()).isNotBlank();
        });
    }

    private static JsonNode target(JsonNode plan, String itemId) {
        for (JsonNode section : plan.get("sections")) {
            for (JsonNode item : section.get("items")) {
                if (item.get("itemId").asString().equals(itemId)) {
                    return item.get("indicators");
                }
            }
        }
        throw new AssertionError("no item " + itemId);
    }

    private void awaitBundledPlan() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/plans/2021").statusCode() == 200);
    }

    private HttpResponse<String> importText(String text, boolean dryRun) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url("/api/plans/import?dryRun=" + dryRun)))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> importBytes(byte[] body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url("/api/plans/import")))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
