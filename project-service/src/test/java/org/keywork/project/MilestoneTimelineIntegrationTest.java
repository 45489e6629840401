package org.keywork.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.keywork.project.ProjectServiceIntegrationTest.defined;
import static org.keywork.project.ProjectServiceIntegrationTest.milestone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.testing.EmbeddedMongoWireServer;
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
 * The 重点工程 timeline: unscheduled milestones (年内开工 / 年内竣工 without a date) are 未排期 until the last quarter,
 * YELLOW from October 1, RED after the year's end, each change published once; the daily sweep reads only the items
 * whose due marker is due; {@code GET /api/projects/milestones} lists, filters, orders, pages and counts them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.clock.mode=simulated"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MilestoneTimelineIntegrationTest {

    static final String SECTION = "推进区域重点工程建设";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MongoTemplate mongo;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void goalServiceDefinesThePlan() throws Exception {
        send("9.71", defined("c0de0000-0000-4000-8000-000000000971", 2021, 1, "9.71", SECTION,
                "实现甲工程开工；乙工程竣工。", 0,
                unscheduled("9.71#1", "START", "甲工程开工"),
                milestone("9.71#2", "COMPLETION", "乙工程竣工", null, null, "2021-10-20")));
        send("9.72", defined("c0de0000-0000-4000-8000-000000000972", 2021, 1, "9.72", SECTION,
                "实现大宁中心广场五期项目竣工。", 0, unscheduled("9.72#1", "COMPLETION", "大宁中心广场五期项目竣工")));
        send("9.73", defined("c0de0000-0000-4000-8000-000000000973", 2021, 1, "9.73", SECTION,
                "实现丙工程开工。", 0, milestone("9.73#1", "START", "丙工程开工", null, null, "2021-09-15")));
        await().atMost(Duration.ofSeconds(60)).until(() -> json.readTree(get("/api/projects").body()).size() == 3);
    }

    @Test
    void unscheduledMilestonesAreNeverGreenAndTheTimelineListsFiltersAndCountsThem() throws Exception {
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.MILESTONE_STATUS)) {
            // September: the unscheduled ones are 未排期, not 正常
            setClock("2021-09-20T10:00:00+08:00");
            await().atMost(Duration.ofSeconds(30)).until(() -> "YELLOW".equals(shown("9.73", "9.73#1")
                    .get("status").asString()) && "GREEN".equals(shown("9.71", "9.71#2").get("status").asString()));
            JsonNode start = shown("9.71", "9.71#1");
            assertThat(start.get("status").asString()).isEqualTo("UNSCHEDULED");
            assertThat(start.get("type").asString()).isEqualTo("START");
            assertThat(start.get("scheduled").asBoolean()).isFalse();
            assertThat(start.get("plannedDate").isNull()).isTrue();
            assertThat(start.get("dueDate").asString()).isEqualTo("2021-12-31");
            assertThat(start.get("dueInDays").isNull()).isTrue();
            assertThat(start.get("overdue").asBoolean()).isFalse();
            JsonNode completion = shown("9.71", "9.71#2");
            assertThat(completion.get("scheduled").asBoolean()).isTrue();
            assertThat(completion.get("plannedDate").asString()).isEqualTo("2021-10-20");
            assertThat(completion.get("dueInDays").asLong()).isEqualTo(30);
            assertThat(completion.get("overdue").asBoolean()).isFalse();
            JsonNode late = shown("9.73", "9.73#1");
            assertThat(late.get("dueInDays").asLong()).isEqualTo(-5);
            assertThat(late.get("overdue").asBoolean()).isTrue();

            // the timeline: by planned date, unscheduled last, then by id
            JsonNode all = ok("/api/projects/milestones?year=2021");
            assertThat(ids(all)).containsExactly("9.73#1", "9.71#2", "9.71#1", "9.72#1");
            assertThat(all.get("page").get("totalElements").asInt()).isEqualTo(4);
            assertThat(all.get("page").get("totalPages").asInt()).isEqualTo(1);
            assertThat(all.get("page").get("number").asInt()).isZero();
            assertThat(all.get("page").get("size").asInt()).isEqualTo(20);
            assertThat(all.get("counts").get("UNSCHEDULED").asInt()).isEqualTo(2);
            assertThat(all.get("counts").get("GREEN").asInt()).isEqualTo(1);
            assertThat(all.get("counts").get("YELLOW").asInt()).isEqualTo(1);
            assertThat(all.get("counts").get("RED").asInt()).isZero();
            JsonNode row = all.get("content").get(1);
            assertThat(row.get("itemId").asString()).isEqualTo("9.71");
            assertThat(row.get("title").asString()).isEqualTo("实现甲工程开工；乙工程竣工。");
            assertThat(row.get("starred").asBoolean()).isFalse();
            assertThat(row.get("milestoneId").asString()).isEqualTo("9.71#2");
            assertThat(row.get("type").asString()).isEqualTo("COMPLETION");
            assertThat(row.get("name").asString()).isEqualTo("乙工程竣工");
            assertThat(row.get("plannedDate").asString()).isEqualTo("2021-10-20");
            assertThat(row.get("scheduled").asBoolean()).isTrue();
            assertThat(row.get("dueInDays").asInt()).isEqualTo(30);
            assertThat(row.get("overdue").asBoolean()).isFalse();
            assertThat(row.get("status").asString()).isEqualTo("GREEN");
            assertThat(row.get("reachedDate").isNull()).isTrue();
            assertThat(row.get("forecastDate").isNull()).isTrue();
            assertThat(row.get("department").asString()).isEqualTo("区建设管理委");
            assertThat(row.get("leader").asString()).isEqualTo("副区长（分管城市建设）");

            assertThat(ids(ok("/api/projects/milestones?dueWithinDays=30"))).containsExactly("9.71#2");
            assertThat(ids(ok("/api/projects/milestones?dueWithinDays=29"))).isEmpty();
            assertThat(ids(ok("/api/projects/milestones?overdue=true"))).containsExactly("9.73#1");
            assertThat(ids(ok("/api/projects/milestones?scheduled=false"))).containsExactly("9.71#1", "9.72#1");
            assertThat(ids(ok("/api/projects/milestones?type=START"))).containsExactly("9.73#1", "9.71#1");
            assertThat(ids(ok("/api/projects/milestones?status=UNSCHEDULED,yellow")))
                    .containsExactly("9.73#1", "9.71#1", "9.72#1");
            assertThat(ids(ok("/api/projects/milestones?q=" + enc("大宁")))).containsExactly("9.72#1");
            assertThat(ids(ok("/api/projects/milestones?department=" + enc("区规划资源局")))).hasSize(4);
            assertThat(ids(ok("/api/projects/milestones?leader=" + enc("区长")))).isEmpty();
            JsonNode second = ok("/api/projects/milestones?size=3&page=1");
            assertThat(ids(second)).containsExactly("9.72#1");
            assertThat(second.get("page").get("totalPages").asInt()).isEqualTo(2);
            // counts ignore the status filter, so the dashboard's tabs keep their numbers
            assertThat(ok("/api/projects/milestones?status=RED").get("counts")).isEqualTo(all.get("counts"));
            assertThat(ok("/api/projects/milestones?year=2020").get("content")).isEmpty();

            refused("dueWithinDays=-1", "dueWithinDays");
            refused("dueWithinDays=abc", "dueWithinDays");
            refused("status=BLUE", "status");
            refused("type=START,X", "type");
            refused("overdue=maybe", "overdue");
            refused("scheduled=1", "scheduled");
            refused("page=-1", "page");
            refused("size=0", "size");
            refused("size=201", "size");
            refused("year=21", "year");

            // October 1: the daily sweep reads only the due items; 9.73 (next look 2021-12-15) stays untouched
            Object revision973 = stored("9.73").get("revision");
            assertThat(stored("9.71").get("milestoneCheck")).isEqualTo("2021-10-01|2021/9.71");
            assertThat(stored("9.73").get("milestoneCheck")).isEqualTo("2021-12-15|2021/9.73");
            setClock("2021-10-08T10:00:00+08:00");
            await().atMost(Duration.ofSeconds(30)).until(() -> "YELLOW".equals(shown("9.72", "9.72#1")
                    .get("status").asString()) && "YELLOW".equals(shown("9.71", "9.71#1").get("status").asString()));
            assertThat(stored("9.73").get("revision")).isEqualTo(revision973);
            assertThat(stored("9.71").get("milestoneCheck")).isEqualTo("2021-10-21|2021/9.71");
            assertThat(stored("9.72").get("milestoneCheck")).isEqualTo("2022-01-01|2021/9.72");

            // after the year's end: RED
            setClock("2022-01-02T10:00:00+08:00");
            await().atMost(Duration.ofSeconds(30)).until(() -> "RED".equals(shown("9.72", "9.72#1")
                    .get("status").asString()));
            assertThat(stored("9.72").get("milestoneCheck")).isNull();
            assertThat(shown("9.72", "9.72#1").get("overdue").asBoolean()).isTrue();
            assertThat(json.readTree(post("/api/admin/sweep").body()).get("statusChanges").asInt()).isZero();

            List<JsonNode> events = events(probe, "9.72#1", 2);
            assertThat(events).extracting(e -> e.get("payload").get("rule").asString())
                    .containsExactly("milestone-year-end", "milestone-overdue");
            assertThat(events).extracting(e -> e.get("payload").get("current").asString())
                    .containsExactly("YELLOW", "RED");
            assertThat(events.get(0).get("payload").get("previous").asString()).isEqualTo("NOT_STARTED");
            assertThat(events.get(0).get("payload").get("scheduled").asBoolean()).isFalse();
            assertThat(events.get(0).get("payload").get("plannedDate").asString()).isEqualTo("2021-12-31");
            assertThat(events(probe, "9.71#1", 2)).extracting(e -> e.get("payload").get("current").asString())
                    .containsExactly("YELLOW", "RED");
        }
    }

    private List<JsonNode> events(TopicProbe probe, String milestoneId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> matching(probe.readFor(Duration.ofMillis(300)),
                milestoneId).size() >= count);
        List<JsonNode> events = matching(probe.readFor(Duration.ofSeconds(2)), milestoneId);
        assertThat(events).hasSize(count);
        return events;
    }

    private List<JsonNode> matching(List<ConsumerRecord<String, byte[]>> records, String milestoneId) {
        return records.stream().map(r -> json.readTree(r.value()))
                .filter(e -> milestoneId.equals(e.get("payload").get("milestoneId").asString())).toList();
    }

    static String unscheduled(String id, String type, String name) {
        return milestone(id, type, name, null, null, "x").replace("\"plannedDate\":\"x\"", "\"plannedDate\":null");
    }

    private Document stored(String itemId) {
        return mongo.findById("2021/" + itemId, Document.class, "construction_items");
    }

    private void refused(String parameters, String field) throws Exception {
        HttpResponse<String> response = get("/api/projects/milestones?" + parameters);
        assertThat(response.statusCode()).as(parameters).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors")).as(parameters).singleElement()
                .satisfies(error -> assertThat(error.get("field").asString()).isEqualTo(field));
    }

    private static List<String> ids(JsonNode page) {
        return page.get("content").valueStream().map(r -> r.get("milestoneId").asString()).toList();
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode shown(String itemId, String milestoneId) throws Exception {
        for (JsonNode m : json.readTree(get("/api/projects/" + itemId).body()).get("milestones")) {
            if (m.get("id").asString().equals(milestoneId)) {
                return m;
            }
        }
        throw new AssertionError("no milestone " + milestoneId);
    }

    private void setClock(String now) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/admin/clock"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"now\":\"" + now + "\"}", StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private void send(String key, String envelope) {
        TopicProbe.send(brokers, Topics.CONSTRUCTION_ITEMS, key, envelope);
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
