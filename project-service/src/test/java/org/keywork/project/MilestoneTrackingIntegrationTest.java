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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.testing.EmbeddedMongoWireServer;
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
 * Milestones are tracked where they are owned: with the simulated business clock set, every milestone is judged
 * (sweep on the clock change, after a milestone report, after a forecast, on demand), a status change is stored
 * and published once as {@code project.milestone-status-changed}, and nothing else is published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.clock.mode=simulated"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MilestoneTrackingIntegrationTest {

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
        send(Topics.CONSTRUCTION_ITEMS, "9.61", defined("c0de0000-0000-4000-8000-000000000961", 2021, 1, "9.61",
                SECTION, "实现甲工程开工、竣工。", 0,
                milestone("9.61#1", "START", "甲工程开工", null, null, "2021-12-31"),
                milestone("9.61#2", "COMPLETION", "甲工程竣工", null, null, "2021-12-31")));
        send(Topics.CONSTRUCTION_ITEMS, "9.62", defined("c0de0000-0000-4000-8000-000000000962", 2021, 1, "9.62",
                SECTION, "实现乙工程开工。", 0, milestone("9.62#1", "START", "乙工程开工", null, null, "2021-12-31")));
        send(Topics.CONSTRUCTION_ITEMS, "9.63", defined("c0de0000-0000-4000-8000-000000000963", 2021, 1, "9.63",
                SECTION, "实现丙工程竣工。", 0,
                milestone("9.63#1", "COMPLETION", "丙工程竣工", null, null, "2021-12-31")));
        await().atMost(Duration.ofSeconds(60)).until(() -> json.readTree(get("/api/projects").body()).size() == 3);
    }

    @Test
    @Order(1)
    void milestonesAreJudgedOnTheBusinessDateAndEachStatusChangeIsPublishedOnce() throws Exception {
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.MILESTONE_STATUS)) {
            // December: a START due this month and not started is YELLOW; the clock change sweeps
            assertThat(put("/api/admin/clock", "{\"now\":\"2021-12-05T10:00:00+08:00\"}").statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> "YELLOW".equals(status("9.61", "9.61#1")));
            assertThat(status("9.61", "9.61#2")).isEqualTo("GREEN");
            JsonNode notStarted = single(awaitEvents(probe, "9.61#1", 1));
            assertThat(notStarted.get("eventId").asString())
                    .isEqualTo(eventId("9.61#1", "milestone-not-started", "2021-12", "YELLOW"));
            JsonNode payload = notStarted.get("payload");
            assertThat(payload.get("rule").asString()).isEqualTo("milestone-not-started");
            assertThat(payload.get("previous").asString()).isEqualTo("NOT_STARTED");
            assertThat(payload.get("current").asString()).isEqualTo("YELLOW");
            assertThat(payload.get("period").asString()).isEqualTo("2021-12");
            assertThat(payload.get("asOf").asString()).isEqualTo("2021-12-05");
            assertThat(payload.get("plannedDate").asString()).isEqualTo("2021-12-31");
            assertThat(payload.get("milestoneType").asString()).isEqualTo("START");
            assertThat(payload.get("itemTitle").asString()).isEqualTo("实现甲工程开工、竣工。");
            assertThat(payload.get("responsibility").get("leadDepartment").asString()).isEqualTo("区建设管理委");
            assertThat(notStarted.get("key").asString()).isEqualTo("9.61");

            // a milestone report with reachedOn: DONE, once, however often it arrives
            String report = report("a0000000-0000-4000-8000-000000000001", "r-9.62-1", "9.62", "9.62#1",
                    "\"2021-12-03\"", "null");
            send(Topics.PROGRESS_REPORTS, "9.62", report);
            send(Topics.PROGRESS_REPORTS, "9.62", report);
            send(Topics.PROGRESS_REPORTS, "9.62", report("a0000000-0000-4000-8000-000000000002", "r-9.62-1",
                    "9.62", "9.62#1", "\"2021-12-01\"", "null"));
            // a later date from another report keeps the earliest; a report without reachedOn is ignored
            send(Topics.PROGRESS_REPORTS, "9.62", report("a0000000-0000-4000-8000-000000000003", "r-9.62-2",
                    "9.62", "9.62#1", "\"2021-12-04\"", "null"));
            send(Topics.PROGRESS_REPORTS, "9.61", report("a0000000-0000-4000-8000-000000000004", "r-9.61-1",
                    "9.61", "9.61#1", "null", "30"));
            await().atMost(Duration.ofSeconds(30)).until(() -> handled("a0000000-0000-4000-8000-000000000003")
                    && handled("a0000000-0000-4000-8000-000000000004"));
            JsonNode reached = shown("9.62", "9.62#1");
            assertThat(reached.get("status").asString()).isEqualTo("DONE");
            assertThat(reached.get("reachedOn").asString()).isEqualTo("2021-12-03");
            assertThat(status("9.61", "9.61#1")).isEqualTo("YELLOW");
            List<JsonNode> reachedEvents = awaitEvents(probe, "9.62#1", 2);
            assertThat(reachedEvents).extracting(e -> e.get("payload").get("current").asString())
                    .containsExactly("YELLOW", "DONE");
            assertThat(reachedEvents.get(1).get("payload").get("rule").asString()).isEqualTo("milestone-reached");
            assertThat(reachedEvents.get(1).get("payload").get("reachedOn").asString()).isEqualTo("2021-12-03");

            // a forecast later than the baseline: the milestone slips
            HttpResponse<String> forecast = put("/api/projects/9.63/milestones/9.63%231/forecast?year=2021",
                    "{\"forecastDate\":\"2022-03-31\",\"reason\":\"设备到货推迟\"}");
            assertThat(forecast.statusCode()).isEqualTo(200);
            JsonNode slipping = json.readTree(forecast.body()).get("milestones").get(0);
            assertThat(slipping.get("status").asString()).isEqualTo("YELLOW");
            assertThat(slipping.get("forecastDate").asString()).isEqualTo("2022-03-31");
            List<JsonNode> slipEvents = awaitEvents(probe, "9.63#1", 2);
            assertThat(slipEvents).extracting(e -> e.get("payload").get("current").asString())
                    .containsExactly("GREEN", "YELLOW");
            assertThat(slipEvents.get(1).get("payload").get("rule").asString()).isEqualTo("milestone-slip");
            assertThat(slipEvents.get(1).get("payload").get("forecastDate").asString()).isEqualTo("2022-03-31");
            assertThat(put("/api/projects/9.63/milestones/9.63%239/forecast",
                    "{\"forecastDate\":\"2022-03-31\",\"reason\":\"x\"}").statusCode()).isEqualTo(404);
            assertThat(put("/api/projects/9.63/milestones/9.63%231/forecast", "{\"reason\":\"x\"}").statusCode())
                    .isEqualTo(400);

            // past the planned date: an unreached COMPLETION is overdue
            assertThat(put("/api/admin/clock", "{\"now\":\"2022-01-05T10:00:00+08:00\"}").statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> "RED".equals(status("9.61", "9.61#2"))
                    && "RED".equals(status("9.63", "9.63#1")));
            List<JsonNode> overdue = awaitEvents(probe, "9.61#2", 2);
            assertThat(overdue).extracting(e -> e.get("payload").get("current").asString())
                    .containsExactly("GREEN", "RED");
            assertThat(overdue.get(1).get("payload").get("rule").asString()).isEqualTo("milestone-overdue");
            assertThat(overdue.get(1).get("payload").get("period").asString()).isEqualTo("2022-01");
            assertThat(status("9.61", "9.61#1")).isEqualTo("YELLOW");
            assertThat(status("9.62", "9.62#1")).isEqualTo("DONE");

            // sweeping again changes and publishes nothing
            int before = probe.readFor(Duration.ofSeconds(3)).size();
            HttpResponse<String> sweep = post("/api/admin/sweep");
            assertThat(sweep.statusCode()).isEqualTo(200);
            JsonNode result = json.readTree(sweep.body());
            assertThat(result.get("statusChanges").asInt()).isZero();
            assertThat(result.get("milestones").asInt()).isEqualTo(4);
            assertThat(result.get("businessDate").asString()).isEqualTo("2022-01-05");
            List<ConsumerRecord<String, byte[]>> all = probe.readFor(Duration.ofSeconds(3));
            assertThat(all).hasSize(before);
            // each milestone: one event per status it went through
            assertThat(all).extracting(r -> json.readTree(r.value()).get("payload").get("milestoneId").asString())
                    .containsExactlyInAnyOrder("9.61#1", "9.61#2", "9.61#2", "9.62#1", "9.62#1", "9.63#1", "9.63#1",
                            "9.63#1");
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                mongo.count(Query.query(Criteria.where("outbox.0").exists(true)), "construction_items") == 0);
    }

    private List<JsonNode> awaitEvents(TopicProbe probe, String milestoneId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> events(probe.readFor(Duration.ofMillis(300)),
                milestoneId).size() >= count);
        List<JsonNode> events = events(probe.readFor(Duration.ofSeconds(2)), milestoneId);
        assertThat(events).hasSize(count);
        return events;
    }

    private List<JsonNode> events(List<ConsumerRecord<String, byte[]>> records, String milestoneId) {
        return records.stream().map(r -> json.readTree(r.value()))
                .filter(e -> milestoneId.equals(e.get("payload").get("milestoneId").asString())).toList();
    }

    private static JsonNode single(List<JsonNode> events) {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    @Order(2) // after the sweep counts of the first test: it adds an item
    void aMilestoneReportThatOvertakesItsItemsDefinitionIsParkedAndAppliedWhenTheItemArrives() throws Exception {
        // on a replay the report can be read before goal-service's definition of its item
        send(Topics.PROGRESS_REPORTS, "9.64", report("a0000000-0000-4000-8000-000000000964", "r-9.64-1", "9.64",
                "9.64#1", "\"2021-11-20\"", "null"));
        send(Topics.PROGRESS_REPORTS, "9.64", report("a0000000-0000-4000-8000-000000000965", "r-9.64-1", "9.64",
                "9.64#1", "\"2021-11-20\"", "null"));
        await().atMost(Duration.ofSeconds(30)).until(() -> handled("a0000000-0000-4000-8000-000000000965"));
        assertThat(get("/api/projects/9.64").statusCode()).isEqualTo(404);
        assertThat(mongo.findAll(org.bson.Document.class, "parked_milestone_reports"))
                .singleElement().satisfies(parked -> {
                    assertThat(parked.get("_id")).isEqualTo("r-9.64-1");
                    assertThat(parked.get("itemId")).isEqualTo("9.64");
                });

        send(Topics.CONSTRUCTION_ITEMS, "9.64", defined("c0de0000-0000-4000-8000-000000000964", 2021, 1, "9.64",
                SECTION, "实现丁工程开工。", 0, milestone("9.64#1", "START", "丁工程开工", null, null, "2021-12-31")));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/projects/9.64").statusCode() == 200
                && "DONE".equals(status("9.64", "9.64#1")));
        JsonNode started = shown("9.64", "9.64#1");
        assertThat(started.get("reachedOn").asString()).isEqualTo("2021-11-20");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                mongo.findAll(org.bson.Document.class, "parked_milestone_reports").isEmpty());
    }

    @Test
    @Order(3)
    void reportsOnIndicatorsArePassedOverWithoutAProcessedRecordWhileMilestoneReportsAreRecorded() throws Exception {
        String indicatorReport = report("a0000000-0000-4000-8000-000000000971", "r-9.65-i", "9.65", "9.65#2",
                "null", "12").replace("\"MILESTONE\"", "\"INDICATOR\"");
        send(Topics.PROGRESS_REPORTS, "9.65", indicatorReport);
        send(Topics.PROGRESS_REPORTS, "9.65", report("a0000000-0000-4000-8000-000000000972", "r-9.65-m", "9.65",
                "9.65#1", "\"2021-11-21\"", "null"));
        // same key, so the same partition: the milestone report is handled after the indicator report
        await().atMost(Duration.ofSeconds(30)).until(() -> handled("a0000000-0000-4000-8000-000000000972"));
        assertThat(handled("a0000000-0000-4000-8000-000000000971")).isFalse();
        assertThat(mongo.findAll(org.bson.Document.class, "parked_milestone_reports"))
                .extracting(parked -> parked.get("_id")).containsExactly("r-9.65-m");
    }

    static String eventId(String milestoneId, String rule, String period, String status) {
        return UUID.nameUUIDFromBytes(("milestone-status:2021/" + milestoneId + ":" + rule + ":" + period + ":"
                + status).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String report(String eventId, String reportId, String itemId, String targetId, String reachedOn,
            String value) {
        return """
                {"eventId":"%s","type":"progress.report-accepted","version":1,
                 "occurredAt":"2021-12-05T02:00:00Z","source":"progress-service","key":"%s",
                 "payload":{"reportId":"%s","planYear":2021,"itemId":"%s","targetId":"%s","targetKind":"MILESTONE",
                   "value":%s,"reachedOn":%s,"asOf":"2021-12-05","department":"区建设管理委","note":null,
                   "acceptedAt":"2021-12-05T02:00:00Z"}}
                """.formatted(eventId, itemId, reportId, itemId, targetId, value, reachedOn);
    }

    private JsonNode shown(String itemId, String milestoneId) throws Exception {
        for (JsonNode m : json.readTree(get("/api/projects/" + itemId).body()).get("milestones")) {
            if (m.get("id").asString().equals(milestoneId)) {
                return m;
            }
        }
        throw new AssertionError("no milestone " + milestoneId);
    }

    private String status(String itemId, String milestoneId) throws Exception {
        return shown(itemId, milestoneId).get("status").asString();
    }

    private boolean handled(String eventId) {
        return mongo.exists(Query.query(Criteria.where("_id").is("project-service:" + eventId)),
                "processed_messages");
    }

    private void send(String topic, String key, String envelope) {
        TopicProbe.send(brokers, topic, key, envelope);
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
