package org.keywork.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * project-service against a real KRaft broker and the embedded MongoDB wire server: construction items arrive as
 * {@code plan.construction-item-defined} events (as goal-service's plan import sends them), are stored, served over
 * HTTP and published as {@code plan.item-published} exactly once per item and plan version; redeliveries, repeated
 * versions and late old versions change nothing; a poison message goes to the dead-letter topic. A change of who
 * answers for an item is recorded with it and published once more; a later plan version keeps it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectServiceIntegrationTest {

    static final String COLLECTION = "construction_items";
    static final String DOCUMENT_2021 = "静府发〔2021〕5号";
    static final String SECTION_9 = "推进区域重点工程建设";
    static final String CITY_BUILDING = "{\"leaderPosition\":\"副区长（分管城市建设）\",\"leadDepartment\":\"区建设管理委\","
            + "\"cooperatingDepartments\":[\"区发展改革委\",\"区规划资源局\",\"各街道办事处\"]}";

    /** One definition exactly as it travels, to pin the wire format; the others are built by {@link #defined}. */
    static final String ITEM_9_28 = """
            {"eventId":"c0de0000-0000-4000-8000-000000000928","type":"plan.construction-item-defined","version":1,
             "occurredAt":"2021-03-18T08:00:00Z","source":"goal-service","key":"9.28",
             "payload":{"planYear":2021,"planVersion":1,"itemId":"9.28","section":9,
               "sectionTitle":"推进区域重点工程建设","title":"★实现第三康复医院竣工。","starCount":1,
               "milestones":[{"id":"9.28#1","type":"COMPLETION","name":"第三康复医院竣工","value":null,"unit":null,
                              "plannedDate":"2021-12-31","sourcePhrase":"实现第三康复医院竣工"}],
               "responsibility":{"leaderPosition":"副区长（分管卫生健康）","leadDepartment":"区卫生健康委",
                                 "cooperatingDepartments":["区建设管理委"]},
               "sampleResponsibility":true,"documentNumber":"静府发〔2021〕5号"}}
            """;

    static final String ITEM_9_1 = defined("c0de0000-0000-4000-8000-000000000901", 2021, 1, "9.1", SECTION_9,
            "大力推进重大工程增速计划。实现区重大工程房建项目开工 100 万平方米；竣工 100 万平方米。", 0,
            milestone("9.1#1", "START", "区重大工程房建项目开工", "100", "万平方米", "2021-12-31"),
            milestone("9.1#2", "COMPLETION", "区重大工程房建项目竣工", "100", "万平方米", "2021-12-31"));

    static final String ITEM_9_44 = defined("c0de0000-0000-4000-8000-000000000944", 2021, 1, "9.44", SECTION_9,
            "推进南北二期（中山北路-中华新路）道路建设。基本建成平陆路（永和路-汶水路）道路新建工程。"
                    + "实现云飞东路（共和新路-寿阳路）新建工程、国庆路（乌镇路-晋元路）道路改建工程开工。", 0,
            milestone("9.44#1", "OTHER", "推进南北二期（中山北路-中华新路）道路建设", null, null, "2021-12-31"),
            milestone("9.44#2", "COMPLETION", "基本建成平陆路（永和路-汶水路）道路新建工程", null, null, "2021-12-31"),
            milestone("9.44#3", "START", "云飞东路（共和新路-寿阳路）新建工程开工", null, null, "2021-12-31"),
            milestone("9.44#4", "START", "国庆路（乌镇路-晋元路）道路改建工程开工", null, null, "2021-12-31"));

    /** A construction item outside section 九: the section number is whatever the document says. */
    static final String ITEM_4_7 = defined("c0de0000-0000-4000-8000-000000000407", 2021, 1, "4.7", "推进城市更新",
            "实现苏河湾中块绿地开工。", 0,
            milestone("4.7#1", "START", "苏河湾中块绿地开工", null, null, "2021-09-30"));

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MongoTemplate mongo;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void goalServiceDefinesThePlan() {
        for (String definition : List.of(ITEM_9_1, ITEM_9_28, ITEM_9_44, ITEM_4_7)) {
            send(definition);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> json.readTree(get("/api/projects?year=2021").body())
                .size() == 4);
    }

    @Test
    void eachDefinitionIsPublishedOnceKeyedByItsItemIdWithItsMilestonesAsTargets() throws Exception {
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            List<ConsumerRecord<String, byte[]>> records = awaitPublished(probe, 2021, null, 4);

            assertThat(records).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder("9.1", "9.28", "9.44", "4.7");
            assertThat(records).allSatisfy(record -> {
                assertThat(TopicProbe.header(record, "keywork_event_type")).isEqualTo("plan.item-published");
                JsonNode envelope = json.readTree(record.value());
                assertThat(envelope.get("type").asString()).isEqualTo("plan.item-published");
                assertThat(envelope.get("version").asInt()).isEqualTo(1);
                assertThat(envelope.get("source").asString()).isEqualTo("project-service");
                assertThat(envelope.get("key").asString()).isEqualTo(record.key());
                assertThat(envelope.get("eventId").asString()).isEqualTo(planItemEventId(2021, record.key(), 1));
                JsonNode payload = envelope.get("payload");
                assertThat(payload.get("planYear").asInt()).isEqualTo(2021);
                assertThat(payload.get("itemId").asString()).isEqualTo(record.key());
                assertThat(payload.get("planVersion").asInt()).isEqualTo(1);
                assertThat(payload.get("targets")).isNotEmpty().allSatisfy(target -> {
                    assertThat(target.get("kind").asString()).isEqualTo("MILESTONE");
                    assertThat(target.get("direction").isNull()).isTrue();
                });
            });

            JsonNode item44 = payload(records, "9.44");
            assertThat(item44.get("section").asInt()).isEqualTo(9);
            assertThat(item44.get("sectionTitle").asString()).isEqualTo(SECTION_9);
            assertThat(item44.get("targets")).extracting(t -> t.get("id").asString())
                    .containsExactly("9.44#1", "9.44#2", "9.44#3", "9.44#4");
            assertThat(item44.get("targets")).extracting(t -> t.get("name").asString()).containsExactly(
                    "推进南北二期（中山北路-中华新路）道路建设", "基本建成平陆路（永和路-汶水路）道路新建工程",
                    "云飞东路（共和新路-寿阳路）新建工程开工", "国庆路（乌镇路-晋元路）道路改建工程开工");
            assertThat(item44.get("responsibility").get("leadDepartment").asString()).isEqualTo("区建设管理委");

            JsonNode item1 = payload(records, "9.1");
            assertThat(item1.get("targets")).hasSize(2).allSatisfy(target -> {
                assertThat(target.get("value").decimalValue()).isEqualByComparingTo("100");
                assertThat(target.get("unit").asString()).isEqualTo("万平方米");
            });
            JsonNode item28 = payload(records, "9.28");
            assertThat(item28.get("starred").asBoolean()).isTrue();
            assertThat(item28.get("targets")).singleElement().satisfies(target -> {
                assertThat(target.get("id").asString()).isEqualTo("9.28#1");
                assertThat(target.get("name").asString()).isEqualTo("第三康复医院竣工");
                assertThat(target.get("value").isNull()).isTrue();
            });
            assertThat(payload(records, "4.7").get("section").asInt()).isEqualTo(4);
            assertThat(payload(records, "4.7").get("sectionTitle").asString()).isEqualTo("推进城市更新");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingOutboxes() == 0);
    }

    @Test
    void listsTheItemsOfAYearInDocumentOrderWithTheirMilestones() throws Exception {
        HttpResponse<String> response = get("/api/projects?year=2021");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode items = json.readTree(response.body());
        assertThat(items).extracting(item -> item.get("itemId").asString())
                .containsExactly("4.7", "9.1", "9.28", "9.44");
        assertThat(items).allSatisfy(item -> {
            assertThat(item.get("planYear").asInt()).isEqualTo(2021);
            assertThat(item.get("planVersion").asInt()).isEqualTo(1);
            assertThat(item.get("documentNumber").asString()).isEqualTo(DOCUMENT_2021);
        });
        assertThat(items.get(0).get("section").asInt()).isEqualTo(4);
        assertThat(items.get(0).get("sampleResponsibility").asBoolean()).isFalse();
        assertThat(items.get(0).get("milestones").get(0).get("plannedDate").asString()).isEqualTo("2021-09-30");

        JsonNode item1 = items.get(1);
        assertThat(item1.get("starred").asBoolean()).isFalse();
        assertThat(item1.get("starCount").asInt()).isZero();
        assertThat(item1.get("sampleResponsibility").asBoolean()).isTrue();
        assertThat(item1.get("milestones")).extracting(m -> m.get("type").asString())
                .containsExactly("START", "COMPLETION");
        assertThat(item1.get("milestones").get(0).get("id").asString()).isEqualTo("9.1#1");
        assertThat(item1.get("milestones").get(0).get("value").decimalValue()).isEqualByComparingTo("100");
        assertThat(item1.get("milestones").get(0).get("unit").asString()).isEqualTo("万平方米");

        JsonNode item44 = items.get(3);
        assertThat(item44.get("milestones")).extracting(m -> m.get("type").asString())
                .containsExactly("OTHER", "COMPLETION", "START", "START");
        assertThat(item44.get("milestones")).allSatisfy(milestone -> {
            assertThat(milestone.get("plannedDate").asString()).isEqualTo("2021-12-31");
            assertThat(milestone.get("forecastDate").isNull()).isTrue();
            assertThat(milestone.get("value").isNull()).isTrue();
            assertThat(milestone.get("status").asString()).isEqualTo("NOT_STARTED");
        });

        JsonNode starred = json.readTree(get("/api/projects?year=2021&starred=true").body());
        assertThat(starred).extracting(item -> item.get("itemId").asString()).containsExactly("9.28");
        JsonNode notStarred = json.readTree(get("/api/projects?year=2021&starred=false").body());
        assertThat(notStarred).extracting(item -> item.get("itemId").asString()).containsExactly("4.7", "9.1", "9.44");
        assertThat(json.readTree(get("/api/projects").body())).isEqualTo(items);
        HttpResponse<String> noItems = get("/api/projects?year=2020");
        assertThat(noItems.statusCode()).isEqualTo(200);
        assertThat(json.readTree(noItems.body())).isEmpty();
    }

    @Test
    void showsOneItemByItsId() throws Exception {
        HttpResponse<String> response = get("/api/projects/9.28");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode item = json.readTree(response.body());
        assertThat(item.get("itemId").asString()).isEqualTo("9.28");
        assertThat(item.get("planYear").asInt()).isEqualTo(2021);
        assertThat(item.get("section").asInt()).isEqualTo(9);
        assertThat(item.get("sectionTitle").asString()).isEqualTo(SECTION_9);
        assertThat(item.get("title").asString()).isEqualTo("★实现第三康复医院竣工。");
        assertThat(item.get("starred").asBoolean()).isTrue();
        assertThat(item.get("starCount").asInt()).isEqualTo(1);
        assertThat(item.get("documentNumber").asString()).isEqualTo(DOCUMENT_2021);
        assertThat(item.get("responsibility").get("leaderPosition").asString()).startsWith("副区长");
        assertThat(item.get("milestones")).singleElement().satisfies(milestone -> {
            assertThat(milestone.get("id").asString()).isEqualTo("9.28#1");
            assertThat(milestone.get("type").asString()).isEqualTo("COMPLETION");
            assertThat(milestone.get("name").asString()).isEqualTo("第三康复医院竣工");
            assertThat(milestone.get("plannedDate").asString()).isEqualTo("2021-12-31");
            assertThat(milestone.get("forecastDate").isNull()).isTrue();
            assertThat(milestone.get("status").asString()).isEqualTo("NOT_STARTED");
        });
        assertThat(item.get("responsibilityChanges")).isEmpty();
        assertThat(item.propertyNames()).containsExactly("planYear", "itemId", "section", "sectionTitle", "title",
                "starred", "starCount", "responsibility", "sampleResponsibility", "responsibilityChanges",
                "planVersion", "documentNumber", "milestones");
        assertThat(json.readTree(get("/api/projects/9.28?year=2021").body())).isEqualTo(item);
    }

    @Test
    void aRedeliveryOrAnotherDefinitionOfTheSameVersionChangesAndPublishesNothing() throws Exception {
        String sameVersionAgain = ITEM_9_1.replace("c0de0000-0000-4000-8000-000000000901",
                "c0de0000-0000-4000-8000-00000000a901").replace("大力推进重大工程增速计划。", "改过的标题。");
        send(ITEM_9_1);
        send(sameVersionAgain);
        // same key, same partition: once the second is recorded as handled, the first was handled before it
        await().atMost(Duration.ofSeconds(30)).until(() -> handled("c0de0000-0000-4000-8000-00000000a901"));

        JsonNode item = json.readTree(get("/api/projects/9.1").body());
        assertThat(item.get("title").asString()).startsWith("大力推进重大工程增速计划。");
        assertThat(item.get("planVersion").asInt()).isEqualTo(1);
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            assertThat(published(probe.readFor(Duration.ofSeconds(4)), 2021, "9.1")).hasSize(1);
        }
    }

    @Test
    void aNewPlanVersionReplacesTheDefinitionKeepsTrackingAndIsPublishedOnceMore() throws Exception {
        send(defined("c0de0000-0000-4000-8000-000000220501", 2022, 1, "9.5", SECTION_9,
                "实现甲工程开工；乙工程竣工。", 0,
                milestone("9.5#1", "START", "甲工程开工", null, null, "2022-12-31"),
                milestone("9.5#2", "COMPLETION", "乙工程竣工", null, null, "2022-12-31")));
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            awaitPublished(probe, 2022, "9.5", 1);
        }
        // progress tracked on the first milestone (as progress tracking will write it)
        mongo.updateFirst(Query.query(Criteria.where("_id").is("2022/9.5")), new Update()
                .set("milestones.0.status", "YELLOW")
                .set("milestones.0.forecastDate", mongo.getConverter().convertToMongoType(LocalDate.of(2022, 11, 30))),
                COLLECTION);

        send(defined("c0de0000-0000-4000-8000-000000220502", 2022, 2, "9.5", SECTION_9,
                "★实现甲工程（调整后）开工；推进丙工程前期工作。", 1,
                milestone("9.5#1", "START", "甲工程（调整后）开工", null, null, "2022-06-30"),
                milestone("9.5#3", "OTHER", "推进丙工程前期工作", null, null, "2022-12-31")));
        await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(get("/api/projects/9.5?year=2022").body())
                .get("planVersion").asInt() == 2);

        JsonNode item = json.readTree(get("/api/projects/9.5?year=2022").body());
        assertThat(item.get("title").asString()).isEqualTo("★实现甲工程（调整后）开工；推进丙工程前期工作。");
        assertThat(item.get("starred").asBoolean()).isTrue();
        assertThat(item.get("starCount").asInt()).isEqualTo(1);
        assertThat(item.get("milestones")).satisfiesExactly(kept -> {
            assertThat(kept.get("id").asString()).isEqualTo("9.5#1");
            assertThat(kept.get("name").asString()).isEqualTo("甲工程（调整后）开工");
            assertThat(kept.get("plannedDate").asString()).isEqualTo("2022-06-30");
            assertThat(kept.get("forecastDate").asString()).isEqualTo("2022-11-30");
            assertThat(kept.get("status").asString()).isEqualTo("YELLOW");
        }, added -> {
            assertThat(added.get("id").asString()).isEqualTo("9.5#3");
            assertThat(added.get("type").asString()).isEqualTo("OTHER");
            assertThat(added.get("forecastDate").isNull()).isTrue();
            assertThat(added.get("status").asString()).isEqualTo("NOT_STARTED");
        });

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            List<ConsumerRecord<String, byte[]>> records = awaitPublished(probe, 2022, "9.5", 2);
            assertThat(records).extracting(r -> json.readTree(r.value()).get("eventId").asString())
                    .containsExactly(planItemEventId(2022, "9.5", 1), planItemEventId(2022, "9.5", 2));
            JsonNode v2 = json.readTree(records.get(1).value()).get("payload");
            assertThat(v2.get("planVersion").asInt()).isEqualTo(2);
            assertThat(v2.get("starred").asBoolean()).isTrue();
            assertThat(v2.get("targets")).extracting(t -> t.get("id").asString()).containsExactly("9.5#1", "9.5#3");
        }

        // the old version, arriving late (another event id): ignored
        send(defined("c0de0000-0000-4000-8000-000000220503", 2022, 1, "9.5", SECTION_9, "旧版本。", 0,
                milestone("9.5#1", "START", "甲工程开工", null, null, "2022-12-31")));
        await().atMost(Duration.ofSeconds(30)).until(() -> handled("c0de0000-0000-4000-8000-000000220503"));
        assertThat(json.readTree(get("/api/projects/9.5?year=2022").body()).get("planVersion").asInt()).isEqualTo(2);
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            assertThat(published(probe.readFor(Duration.ofSeconds(4)), 2022, "9.5")).hasSize(2);
        }
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheNextDefinitionIsStillTakenIn() throws Exception {
        TopicProbe.send(brokers, Topics.CONSTRUCTION_ITEMS, "9.3", "this is not an envelope");
        send(defined("c0de0000-0000-4000-8000-000000230399", 2023, 1, "9.3", SECTION_9, "不属于第九部分的编号。", 0,
                milestone("9.3#1", "START", "某工程开工", null, null, "2023-12-31")).replace("\"section\":9",
                "\"section\":8"));
        send(defined("c0de0000-0000-4000-8000-000000230301", 2023, 1, "9.3", SECTION_9, "实现某工程开工。", 0,
                milestone("9.3#1", "START", "某工程开工", null, null, "2023-12-31")));

        try (TopicProbe dlq = TopicProbe.on(brokers,
                Topics.deadLetter(Topics.CONSTRUCTION_ITEMS, "project-service"))) {
            List<ConsumerRecord<String, byte[]>> dead = dlq.awaitAtLeast(2, Duration.ofSeconds(60));
            assertThat(dead).hasSize(2);
            assertThat(TopicProbe.body(dead.get(0))).isEqualTo("this is not an envelope");
            assertThat(TopicProbe.header(dead.get(0), "x-exception-message")).contains("unreadable");
            assertThat(TopicProbe.body(dead.get(1))).contains("c0de0000-0000-4000-8000-000000230399");
            assertThat(TopicProbe.header(dead.get(1), "x-exception-message")).contains("section 8");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/projects/9.3?year=2023").statusCode() == 200);
        assertThat(json.readTree(get("/api/projects?year=2023").body())).singleElement().satisfies(item ->
                assertThat(item.get("section").asInt()).isEqualTo(9));
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            awaitPublished(probe, 2023, "9.3", 1);
        }
    }

    @Test
    void anUnknownItemIsNotFoundNamingItemId() throws Exception {
        for (String path : List.of("/api/projects/9.48", "/api/projects/5.6?year=2021",
                "/api/projects/9.28?year=2020")) {
            HttpResponse<String> response = get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(404);
            assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:not-found");
            assertThat(problem.get("detail").asString()).contains("itemId");
            assertThat(problem.get("errors")).singleElement().satisfies(error -> {
                assertThat(error.get("field").asString()).isEqualTo("itemId");
                assertThat(error.get("code").asString()).isEqualTo("not-found");
                assertThat(error.get("reason").asString()).isNotBlank();
            });
        }
    }

    @Test
    void malformedQueryParametersAreRefusedNamingTheField() throws Exception {
        for (String[] c : new String[][] {{"/api/projects?year=twenty", "year"}, {"/api/projects?starred=yes",
                "starred"}, {"/api/projects/9.28?year=21", "year"}}) {
            HttpResponse<String> response = get(c[0]);

            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("errors")).singleElement().satisfies(error -> {
                assertThat(error.get("field").asString()).isEqualTo(c[1]);
                assertThat(error.get("code").asString()).isEqualTo("invalid-format");
            });
        }
    }

    @Test
    void aResponsibilityChangeIsRecordedRepublishedOnceKeptByTheNextPlanVersionAndNotRepeated() throws Exception {
        send(defined("c0de0000-0000-4000-8000-000000240201", 2024, 1, "9.2", SECTION_9, "实现丁工程开工。", 0,
                milestone("9.2#1", "START", "丁工程开工", null, null, "2024-12-31")));
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            awaitPublished(probe, 2024, "9.2", 1);
        }
        String assignment = """
                {"leaderPosition":" 副区长（分管卫生健康） ","leadDepartment":"区卫生健康委",
                 "cooperatingDepartments":["区建设管理委"," 区建设管理委 ","区财政局"],
                 "reason":"按区政府分工调整"}""";
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse<String> response = put("/api/projects/9.2/responsibility?year=2024", assignment, "jsw-admin");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode item = json.readTree(response.body());
        JsonNode wanted = json.readTree("""
                {"leaderPosition":"副区长（分管卫生健康）","leadDepartment":"区卫生健康委",
                 "cooperatingDepartments":["区建设管理委","区财政局"]}""");
        assertThat(item.get("responsibility")).isEqualTo(wanted);
        assertThat(item.get("sampleResponsibility").asBoolean()).isFalse();
        assertThat(item.get("planVersion").asInt()).isEqualTo(1);
        assertThat(item.get("responsibilityChanges")).singleElement().satisfies(change -> {
            assertThat(change.get("changedBy").asString()).isEqualTo("jsw-admin");
            assertThat(change.get("reason").asString()).isEqualTo("按区政府分工调整");
            assertThat(change.get("before")).isEqualTo(json.readTree(CITY_BUILDING));
            assertThat(change.get("after")).isEqualTo(wanted);
            assertThat(Instant.parse(change.get("changedAt").asString())).isBetween(before, Instant.now());
        });
        assertThat(json.readTree(get("/api/projects/9.2?year=2024").body())).isEqualTo(item);

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            List<ConsumerRecord<String, byte[]>> records = awaitPublished(probe, 2024, "9.2", 2);
            assertThat(records).extracting(r -> json.readTree(r.value()).get("eventId").asString()).containsExactly(
                    planItemEventId(2024, "9.2", 1), UUID.nameUUIDFromBytes("plan-item:2024/9.2:v1:r1"
                            .getBytes(StandardCharsets.UTF_8)).toString());
            JsonNode republished = json.readTree(records.get(1).value()).get("payload");
            assertThat(republished.get("planVersion").asInt()).isEqualTo(1);
            assertThat(republished.get("responsibility")).isEqualTo(wanted);
            assertThat(republished.get("targets")).extracting(t -> t.get("id").asString()).containsExactly("9.2#1");
        }

        // the same assignment again (another reason, another user): nothing changes, nothing is published
        HttpResponse<String> again = put("/api/projects/9.2/responsibility?year=2024",
                assignment.replace("按区政府分工调整", "再次确认"), "someone-else");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body())).isEqualTo(item);
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            assertThat(published(probe.readFor(Duration.ofSeconds(4)), 2024, "9.2")).hasSize(2);
        }

        // the next plan version (sending the imported, sample responsibility) keeps the one assigned here
        send(defined("c0de0000-0000-4000-8000-000000240202", 2024, 2, "9.2", SECTION_9, "实现丁工程（调整后）开工。",
                0, milestone("9.2#1", "START", "丁工程（调整后）开工", null, null, "2024-10-31")));
        await().atMost(Duration.ofSeconds(30)).until(() -> json.readTree(get("/api/projects/9.2?year=2024").body())
                .get("planVersion").asInt() == 2);
        JsonNode v2 = json.readTree(get("/api/projects/9.2?year=2024").body());
        assertThat(v2.get("title").asString()).isEqualTo("实现丁工程（调整后）开工。");
        assertThat(v2.get("responsibility")).isEqualTo(wanted);
        assertThat(v2.get("sampleResponsibility").asBoolean()).isFalse();
        assertThat(v2.get("responsibilityChanges")).isEqualTo(item.get("responsibilityChanges"));
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            List<ConsumerRecord<String, byte[]>> records = awaitPublished(probe, 2024, "9.2", 3);
            JsonNode envelope = json.readTree(records.get(2).value());
            assertThat(envelope.get("eventId").asString()).isEqualTo(planItemEventId(2024, "9.2", 2));
            assertThat(envelope.get("payload").get("planVersion").asInt()).isEqualTo(2);
            assertThat(envelope.get("payload").get("responsibility")).isEqualTo(wanted);
        }

        // the acting user defaults to anonymous
        HttpResponse<String> anonymous = put("/api/projects/9.2/responsibility?year=2024",
                assignment.replace("区财政局", "区审计局"), null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(json.readTree(anonymous.body()).get("responsibilityChanges")).hasSize(2).last()
                .satisfies(change -> assertThat(change.get("changedBy").asString()).isEqualTo("anonymous"));
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingOutboxes() == 0);
    }

    @Test
    void anInvalidAssignmentIsRefusedNamingEachField() throws Exception {
        HttpResponse<String> response = put("/api/projects/9.28/responsibility", """
                {"leaderPosition":"  ","leadDepartment":"%s","cooperatingDepartments":["区财政局",""]}"""
                .formatted("部".repeat(65)), "jsw-admin");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:validation");
        assertThat(problem.get("errors")).extracting(e -> e.get("field").asString() + " " + e.get("code").asString()
                + " " + e.get("reason").asString()).containsExactly("cooperatingDepartments[1] required 不能为空",
                "leadDepartment size 最长 64 个字符", "leaderPosition required 必填", "reason required 请说明调整原因");

        HttpResponse<String> badYear = put("/api/projects/9.28/responsibility?year=21", """
                {"leaderPosition":"副区长","leadDepartment":"区建设管理委","reason":"调整"}""", "jsw-admin");
        assertThat(badYear.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badYear.body()).get("errors")).singleElement().satisfies(error ->
                assertThat(error.get("field").asString()).isEqualTo("year"));

        HttpResponse<String> notJson = put("/api/projects/9.28/responsibility", "{\"leaderPosition\":", "jsw-admin");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notJson.body()).get("errors")).singleElement().satisfies(error ->
                assertThat(error.get("field").asString()).isEqualTo("body"));

        JsonNode item = json.readTree(get("/api/projects/9.28").body());
        assertThat(item.get("responsibilityChanges")).isEmpty();
        assertThat(item.get("sampleResponsibility").asBoolean()).isTrue();
    }

    @Test
    void assigningAnUnknownItemIsNotFoundNamingItemId() throws Exception {
        String assignment = """
                {"leaderPosition":"副区长","leadDepartment":"区建设管理委","reason":"调整"}""";
        for (String path : List.of("/api/projects/9.48/responsibility",
                "/api/projects/9.28/responsibility?year=2020")) {
            HttpResponse<String> response = put(path, assignment, "jsw-admin");

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:not-found");
            assertThat(problem.get("errors")).singleElement().satisfies(error -> {
                assertThat(error.get("field").asString()).isEqualTo("itemId");
                assertThat(error.get("code").asString()).isEqualTo("not-found");
            });
        }
        assertThat(get("/api/projects/9.48").statusCode()).isEqualTo(404);
    }

    /** A {@code plan.construction-item-defined} envelope as goal-service sends it. */
    static String defined(String eventId, int year, int planVersion, String itemId, String sectionTitle,
            String title, int starCount, String... milestones) {
        int section = Integer.parseInt(itemId.substring(0, itemId.indexOf('.')));
        return """
                {"eventId":"%s","type":"plan.construction-item-defined","version":1,
                 "occurredAt":"%d-03-18T08:00:00Z","source":"goal-service","key":"%s",
                 "payload":{"planYear":%d,"planVersion":%d,"itemId":"%s","section":%d,"sectionTitle":"%s",
                   "title":"%s","starCount":%d,"milestones":[%s],"responsibility":%s,
                   "sampleResponsibility":%b,"documentNumber":"静府发〔%d〕5号"}}
                """.formatted(eventId, year, itemId, year, planVersion, itemId, section, sectionTitle, title,
                starCount, String.join(",", milestones), CITY_BUILDING, section == 9, year);
    }

    static String milestone(String id, String type, String name, String value, String unit, String plannedDate) {
        return """
                {"id":"%s","type":"%s","name":"%s","value":%s,"unit":%s,"plannedDate":"%s","sourcePhrase":"%s"}"""
                .formatted(id, type, name, value, unit == null ? "null" : "\"" + unit + "\"", plannedDate, name);
    }

    static String planItemEventId(int year, String itemId, int planVersion) {
        return UUID.nameUUIDFromBytes(("plan-item:" + year + "/" + itemId + ":v" + planVersion)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void send(String envelope) {
        TopicProbe.send(brokers, Topics.CONSTRUCTION_ITEMS, json.readTree(envelope).get("key").asString(), envelope);
    }

    private boolean handled(String eventId) {
        return mongo.exists(Query.query(Criteria.where("_id").is("project-service:" + eventId)),
                "processed_messages");
    }

    /** Waits until {@code count} item definitions of the year (and item, unless null) arrived, then 3 s more. */
    private List<ConsumerRecord<String, byte[]>> awaitPublished(TopicProbe probe, int year, String itemId,
            int count) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                published(probe.readFor(Duration.ofMillis(300)), year, itemId).size() >= count);
        List<ConsumerRecord<String, byte[]>> records = published(probe.readFor(Duration.ofSeconds(3)), year, itemId);
        assertThat(records).hasSize(count);
        return records;
    }

    private List<ConsumerRecord<String, byte[]>> published(List<ConsumerRecord<String, byte[]>> records, int year,
            String itemId) {
        return records.stream()
                .filter(r -> itemId == null || itemId.equals(r.key()))
                .filter(r -> json.readTree(r.value()).get("payload").get("planYear").asInt() == year)
                .toList();
    }

    private long pendingOutboxes() {
        return mongo.count(Query.query(Criteria.where("outbox.0").exists(true)), COLLECTION);
    }

    private JsonNode payload(List<ConsumerRecord<String, byte[]>> records, String itemId) {
        return records.stream().filter(r -> r.key().equals(itemId)).map(r -> json.readTree(r.value()).get("payload"))
                .findFirst().orElseThrow();
    }

    private HttpResponse<String> put(String path, String body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            request.header("X-Keywork-User", user);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
