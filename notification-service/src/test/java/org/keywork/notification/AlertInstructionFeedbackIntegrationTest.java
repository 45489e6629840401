package org.keywork.notification;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.notification.delivery.SseClient;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TestTokens;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 12, with the identity check on as behind the gateway: a leader's acknowledgement carries his 批示 with his
 * name and the time, and the lead department reads it; the lead or a cooperating department reports back (反馈),
 * idempotently and at most 20 times, and the leader is told once in his inbox; the list filters and pages with
 * counts by status; the event stream says when an alert is raised, acknowledged, reported back on or resolved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertInstructionFeedbackIntegrationTest {

    static final String CIVIL_AFFAIRS_LEADER = "副区长（分管民政）";
    static final String CONSTRUCTION_LEADER = "副区长（分管城市建设）";

    final String civilLeader = TestTokens.leader("leader-minzheng", CIVIL_AFFAIRS_LEADER);
    final String constructionLeader = TestTokens.leader("leader-chengjian", CONSTRUCTION_LEADER);
    final String department = TestTokens.department("dept-minzheng", "区民政局");
    final String cooperating = TestTokens.department("street-office", "各街道办事处");
    final String otherDepartment = TestTokens.department("dept-fagaiwei", "区发展改革委");
    final String supervisor = TestTokens.supervisor();
    final String admin = TestTokens.admin();

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MongoTemplate mongo;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    /** item id -> alert id. */
    final Map<String, String> alerts = new LinkedHashMap<>();

    @BeforeAll
    void fourRedIndicatorsRaiseFourAlerts() throws Exception {
        send("5.6", CIVIL_AFFAIRS_LEADER);
        send("5.7", CIVIL_AFFAIRS_LEADER);
        send("3.2", CONSTRUCTION_LEADER);
        send("3.4", CONSTRUCTION_LEADER);
        await().atMost(Duration.ofSeconds(60)).until(() -> list(supervisor, "").size() == 4);
        list(supervisor, "").forEach(a -> alerts.put(a.get("itemId").asString(), a.get("alertId").asString()));
    }

    @Test
    void aLeadersInstructionShowsWithHisNameAndTimeAndTheLeadDepartmentReadsIt() throws Exception {
        String alertId = alerts.get("5.6");
        HttpResponse<String> ack = post(civilLeader, "/api/alerts/" + alertId + "/ack",
                "{\"note\":\"请区民政局本周内完成选址并报送进度\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        JsonNode acknowledged = json.readTree(ack.body());
        assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("acknowledgedBy").asString()).isEqualTo("leader-minzheng");
        assertThat(acknowledged.get("acknowledgedByName").asString()).isEqualTo("孙某某（示例）");
        assertThat(acknowledged.get("acknowledgedAt").isNull()).isFalse();
        assertThat(acknowledged.get("instruction").asString()).isEqualTo("请区民政局本周内完成选址并报送进度");
        assertThat(acknowledged.get("ackNote").asString()).isEqualTo("请区民政局本周内完成选址并报送进度");

        // the lead department sees it, in its list and by id, with the instruction
        JsonNode inList = list(department, "").stream().filter(a -> a.get("alertId").asString().equals(alertId))
                .findFirst().orElseThrow();
        assertThat(inList.get("instruction").asString()).isEqualTo("请区民政局本周内完成选址并报送进度");
        assertThat(inList.get("acknowledgedByName").asString()).isEqualTo("孙某某（示例）");
        HttpResponse<String> one = get(department, "/api/alerts/" + alertId);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(json.readTree(one.body()).get("instruction").asString()).isEqualTo("请区民政局本周内完成选址并报送进度");
        assertThat(json.readTree(one.body()).get("acknowledgedAt").asString())
                .isEqualTo(acknowledged.get("acknowledgedAt").asString());
    }

    @Test
    void theLeadDepartmentReportsBackOnceAndTheLeaderIsToldOnce() throws Exception {
        String alertId = alerts.get("5.7");
        String body = "{\"note\":\"已完成两处长者食堂选址，10 月底前开工\",\"reportId\":\"r-5.7-2021-10\","
                + "\"feedbackId\":\"fb-57-1\"}";

        HttpResponse<String> stranger = post(otherDepartment, "/api/alerts/" + alertId + "/feedback", body);
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        JsonNode problem = json.readTree(stranger.body()).get("errors").get(0);
        assertThat(problem.get("field").asString()).isEqualTo("alertId");
        assertThat(problem.get("code").asString()).isEqualTo("not-responsible");
        assertThat(problem.get("reason").asString()).contains(alertId, "区发展改革委");
        assertThat(storedFeedback(alertId)).isEmpty();

        HttpResponse<String> first = post(department, "/api/alerts/" + alertId + "/feedback", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode alert = json.readTree(first.body());
        assertThat(alert.get("feedback")).hasSize(1);
        JsonNode entry = alert.get("feedback").get(0);
        assertThat(entry.get("feedbackId").asString()).isEqualTo("fb-57-1");
        assertThat(entry.get("by").asString()).isEqualTo("dept-minzheng");
        assertThat(entry.get("byName").asString()).isEqualTo("区民政局");
        assertThat(entry.get("department").asString()).isEqualTo("区民政局");
        assertThat(entry.get("note").asString()).isEqualTo("已完成两处长者食堂选址，10 月底前开工");
        assertThat(entry.get("reportId").asString()).isEqualTo("r-5.7-2021-10");
        assertThat(entry.get("at").isNull()).isFalse();

        // a retry: the same answer, no second entry, no second message
        HttpResponse<String> retry = post(department, "/api/alerts/" + alertId + "/feedback", body);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(AlertsApi.withoutPublished(json.readTree(retry.body())))
                .isEqualTo(AlertsApi.withoutPublished(alert));
        assertThat(storedFeedback(alertId)).hasSize(1);
        List<Document> told = mongo.getCollection("notification_log")
                .find(new Document("kind", "FEEDBACK").append("alertIds", alertId)).into(new ArrayList<>());
        assertThat(told).hasSize(1);
        assertThat(told.get(0).getString("channel")).isEqualTo("INBOX");
        assertThat(told.get(0).getString("position")).isEqualTo(CIVIL_AFFAIRS_LEADER);
        assertThat(told.get(0).getString("personId")).isEqualTo("p-012");
        assertThat(told.get(0).getString("subject")).startsWith("【落实反馈】");
        assertThat(told.get(0).getString("body")).contains("区民政局", "已完成两处长者食堂选址，10 月底前开工");

        // a cooperating department reports too; the leader reads both
        HttpResponse<String> street = post(cooperating, "/api/alerts/" + alertId + "/feedback",
                "{\"note\":\"街道已配合完成场地排摸\"}");
        assertThat(street.statusCode()).as(street.body()).isEqualTo(200);
        JsonNode seenByLeader = json.readTree(get(civilLeader, "/api/alerts/" + alertId).body());
        assertThat(seenByLeader.get("feedback").valueStream().map(f -> f.get("department").asString()))
                .containsExactly("区民政局", "各街道办事处");
        // a leader does not report back
        assertThat(post(civilLeader, "/api/alerts/" + alertId + "/feedback", "{\"note\":\"x\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void anAlertTakesAtMostTwentyFeedbackEntries() throws Exception {
        String alertId = alerts.get("3.4");
        for (int i = 1; i <= 20; i++) {
            HttpResponse<String> ok = post(admin, "/api/alerts/" + alertId + "/feedback",
                    "{\"note\":\"第 " + i + " 次反馈\",\"feedbackId\":\"fb-34-" + i + "\"}");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
        HttpResponse<String> full = post(admin, "/api/alerts/" + alertId + "/feedback",
                "{\"note\":\"第 21 次反馈\",\"feedbackId\":\"fb-34-21\"}");
        assertThat(full.statusCode()).isEqualTo(409);
        JsonNode problem = json.readTree(full.body()).get("errors").get(0);
        assertThat(problem.get("field").asString()).isEqualTo("alertId");
        assertThat(problem.get("code").asString()).isEqualTo("feedback-limit");
        assertThat(problem.get("reason").asString()).contains(alertId, "20");
        assertThat(storedFeedback(alertId)).hasSize(20);
        // a retry of one stored still answers
        HttpResponse<String> retry = post(admin, "/api/alerts/" + alertId + "/feedback",
                "{\"note\":\"第 3 次反馈\",\"feedbackId\":\"fb-34-3\"}");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json.readTree(retry.body()).get("feedback")).hasSize(20);
    }

    @Test
    void theListFiltersAndPagesWithCountsByStatus() throws Exception {
        JsonNode firstPage = page(supervisor, "page=0&size=3");
        long total = firstPage.get("page").get("totalElements").asLong();
        JsonNode counts = firstPage.get("counts");
        assertThat(counts.get("OPEN").asLong() + counts.get("ACKNOWLEDGED").asLong()
                + counts.get("RESOLVED").asLong()).isEqualTo(total);
        assertThat(total).isGreaterThanOrEqualTo(4);
        assertThat(firstPage.get("content")).hasSize(3);
        assertThat(firstPage.get("page").get("size").asInt()).isEqualTo(3);
        assertThat(firstPage.get("page").get("number").asInt()).isZero();
        assertThat(firstPage.get("page").get("totalPages").asLong()).isEqualTo((total + 2) / 3);
        JsonNode secondPage = page(supervisor, "page=1&size=3");
        List<String> both = new ArrayList<>();
        firstPage.get("content").forEach(a -> both.add(a.get("alertId").asString()));
        secondPage.get("content").forEach(a -> both.add(a.get("alertId").asString()));
        assertThat(both).doesNotHaveDuplicates().hasSize((int) Math.min(total, 6));

        // section, leader (by position and by name), level, text, dates
        assertThat(itemIds(page(supervisor, "page=0&section=5"))).containsExactlyInAnyOrder("5.6", "5.7");
        assertThat(itemIds(page(supervisor, "page=0&section=3&leader="
                + encode(CONSTRUCTION_LEADER)))).containsExactlyInAnyOrder("3.2", "3.4");
        assertThat(itemIds(page(supervisor, "page=0&section=3&leader=" + encode("杨某某（示例）"))))
                .containsExactlyInAnyOrder("3.2", "3.4");
        assertThat(itemIds(page(supervisor, "page=0&section=5&leader=" + encode(CONSTRUCTION_LEADER)))).isEmpty();
        assertThat(itemIds(page(supervisor, "page=0&section=5&level=RED"))).hasSize(2);
        assertThat(itemIds(page(supervisor, "page=0&level=YELLOW&section=5"))).isEmpty();
        assertThat(itemIds(page(supervisor, "page=0&q=5.7"))).containsExactly("5.7");
        assertThat(itemIds(page(supervisor, "page=0&section=5&from=2000-01-01&to=2099-12-31"))).hasSize(2);
        assertThat(itemIds(page(supervisor, "page=0&section=5&to=2000-01-01"))).isEmpty();
        // status filters the page, the counts stay those of every status
        JsonNode resolved = page(supervisor, "page=0&section=5&status=RESOLVED");
        assertThat(resolved.get("page").get("totalElements").asLong()).isZero();
        assertThat(resolved.get("counts").get("OPEN").asLong() + resolved.get("counts").get("ACKNOWLEDGED").asLong())
                .isEqualTo(2);

        // the array of old, with the new filters too
        HttpResponse<String> array = get(supervisor, "/api/alerts?section=3&limit=1");
        assertThat(json.readTree(array.body()).isArray()).isTrue();
        assertThat(json.readTree(array.body())).hasSize(1);

        // a leader and a department keep to their own inbox
        assertThat(itemIds(page(constructionLeader, "page=0"))).containsExactlyInAnyOrder("3.2", "3.4");
        assertThat(itemIds(page(constructionLeader, "page=0&leader=" + encode(CIVIL_AFFAIRS_LEADER)))).isEmpty();
        assertThat(itemIds(page(department, "page=0&section=3"))).containsExactlyInAnyOrder("3.2", "3.4");
        assertThat(page(otherDepartment, "page=0").get("page").get("totalElements").asLong()).isZero();

        // bad parameters, each named
        HttpResponse<String> bad = get(supervisor,
                "/api/alerts?page=-1&size=500&section=five&level=BLUE&from=2021-13-01&to=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("page", "size", "section", "level", "from", "to");
    }

    @Test
    void theStreamSaysWhenAnAlertIsRaisedAcknowledgedReportedOnAndResolved() throws Exception {
        String stream = "http://127.0.0.1:" + port + "/api/alerts/stream";
        try (SseClient watch = SseClient.open(http, stream, null, supervisor);
                SseClient leader = SseClient.open(http, stream, null, constructionLeader)) {
            assertThat(watch.response().statusCode()).isEqualTo(200);
            assertThat(leader.response().statusCode()).isEqualTo(200);
            assertThat(watch.awaitComment("connected", Duration.ofSeconds(10))).isTrue();
            assertThat(leader.awaitComment("connected", Duration.ofSeconds(10))).isTrue();

            String alertId = alerts.get("3.2");
            assertThat(post(department, "/api/alerts/" + alertId + "/feedback",
                    "{\"note\":\"已约谈施工单位\",\"feedbackId\":\"fb-32-1\"}").statusCode()).isEqualTo(200);
            JsonNode feedback = nextAlertEvent(watch, "FEEDBACK", alertId);
            assertThat(feedback.get("alert").get("feedback").get(0).get("note").asString()).isEqualTo("已约谈施工单位");
            assertThat(feedback.get("at").isNull()).isFalse();
            assertThat(nextAlertEvent(leader, "FEEDBACK", alertId).get("alert").get("itemId").asString())
                    .isEqualTo("3.2");

            assertThat(post(constructionLeader, "/api/alerts/" + alertId + "/ack", "{\"note\":\"抓紧推进\"}")
                    .statusCode()).isEqualTo(200);
            JsonNode ack = nextAlertEvent(watch, "ACKNOWLEDGED", alertId);
            assertThat(ack.get("alert").get("instruction").asString()).isEqualTo("抓紧推进");
            assertThat(ack.get("alert").get("acknowledgedByName").asString()).isEqualTo("杨某某（示例）");

            IndicatorStatusEvent red = IndicatorStatusEvent.red().item("9.1").leader(CONSTRUCTION_LEADER);
            TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "9.1", red.json());
            JsonNode raised = nextAlertEvent(watch, "RAISED", null);
            assertThat(raised.get("alert").get("itemId").asString()).isEqualTo("9.1");
            assertThat(raised.get("alert").get("status").asString()).isEqualTo("OPEN");
            String raisedId = raised.get("alertId").asString();
            assertThat(nextAlertEvent(leader, "RAISED", raisedId)).isNotNull();

            TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "9.1", red.recovered().json());
            JsonNode resolvedEvent = nextAlertEvent(watch, "RESOLVED", raisedId);
            assertThat(resolvedEvent.get("alert").get("status").asString()).isEqualTo("RESOLVED");
        }
    }

    /** The next {@code alert} event of that change (and alert, if given) on the stream; other events are skipped. */
    private JsonNode nextAlertEvent(SseClient stream, String change, String alertId) throws Exception {
        for (int i = 0; i < 50; i++) {
            SseClient.Event event = stream.next(Duration.ofSeconds(30));
            assertThat(event).as("an alert event %s of %s", change, alertId).isNotNull();
            if (!"alert".equals(event.name())) {
                continue;
            }
            assertThat(event.id()).as("alert events carry no id (Last-Event-ID names notifications)").isNull();
            JsonNode data = json.readTree(event.data());
            if (data.get("change").asString().equals(change)
                    && (alertId == null || data.get("alertId").asString().equals(alertId))) {
                return data;
            }
        }
        throw new AssertionError("no alert event " + change + " of " + alertId);
    }

    private List<Document> storedFeedback(String alertId) {
        Document alert = mongo.getCollection("alerts").find(new Document("_id", alertId)).first();
        List<Document> feedback = alert == null ? null : alert.getList("feedback", Document.class);
        return feedback == null ? List.of() : feedback;
    }

    private void send(String itemId, String leader) throws Exception {
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, itemId,
                IndicatorStatusEvent.red().item(itemId).leader(leader).json());
    }

    private List<String> itemIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("content").forEach(a -> ids.add(a.get("itemId").asString()));
        return ids;
    }

    private JsonNode page(String token, String query) throws Exception {
        HttpResponse<String> response = get(token, "/api/alerts?" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private List<JsonNode> list(String token, String query) throws Exception {
        HttpResponse<String> response = get(token, "/api/alerts" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        json.readTree(response.body()).forEach(list::add);
        return list;
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String token, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
