package org.keywork.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.keywork.events.Topics;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
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
 * project-service against a real KRaft broker and the embedded MongoDB wire server: at start-up it stores the 47
 * construction items of 2021 and publishes each definition exactly once, serves them over HTTP, and a second
 * seeding changes and publishes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class ProjectServiceIntegrationTest {

    static final String COLLECTION = "construction_items";
    static final List<String> ITEM_IDS = IntStream.rangeClosed(1, 47).mapToObj(n -> "9." + n).toList();

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    List<ApplicationRunner> runners;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void eachConstructionItemIsPublishedOnceKeyedByItsId() throws Exception {
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            probe.awaitAtLeast(47, Duration.ofSeconds(90));
            List<ConsumerRecord<String, byte[]>> records = probe.readFor(Duration.ofSeconds(3));

            assertThat(records).hasSize(47);
            assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(ITEM_IDS);
            assertThat(records).allSatisfy(record -> {
                assertThat(TopicProbe.header(record, "keywork_event_type")).isEqualTo("plan.item-published");
                JsonNode envelope = json.readTree(record.value());
                assertThat(envelope.get("type").asString()).isEqualTo("plan.item-published");
                assertThat(envelope.get("version").asInt()).isEqualTo(1);
                assertThat(envelope.get("source").asString()).isEqualTo("project-service");
                assertThat(envelope.get("key").asString()).isEqualTo(record.key());
                assertThat(envelope.get("eventId").asString()).isEqualTo(UUID.nameUUIDFromBytes(
                        ("plan-item:2021/" + record.key() + ":v1").getBytes(StandardCharsets.UTF_8)).toString());
                JsonNode payload = envelope.get("payload");
                assertThat(payload.get("planYear").asInt()).isEqualTo(2021);
                assertThat(payload.get("itemId").asString()).isEqualTo(record.key());
                assertThat(payload.get("section").asInt()).isEqualTo(9);
                assertThat(payload.get("sectionTitle").asString()).isEqualTo("推进区域重点工程建设");
                assertThat(payload.get("planVersion").asInt()).isEqualTo(1);
                assertThat(payload.get("targets")).isNotEmpty().allSatisfy(target ->
                        assertThat(target.get("kind").asString()).isEqualTo("MILESTONE"));
                assertThat(payload.get("responsibility").get("leadDepartment").asString()).isNotBlank();
            });

            JsonNode item44 = payload(records, "9.44");
            assertThat(item44.get("targets")).hasSize(4);
            assertThat(item44.get("targets")).extracting(t -> t.get("id").asString())
                    .containsExactly("9.44#1", "9.44#2", "9.44#3", "9.44#4");
            assertThat(item44.get("targets")).extracting(t -> t.get("name").asString()).containsExactly(
                    "推进南北二期（中山北路-中华新路）道路建设", "基本建成平陆路（永和路-汶水路）道路新建工程",
                    "云飞东路（共和新路-寿阳路）新建工程开工", "国庆路（乌镇路-晋元路）道路改建工程开工");
            assertThat(item44.get("targets").get(0).get("direction").isNull()).isTrue();

            JsonNode item1 = payload(records, "9.1");
            assertThat(item1.get("targets")).allSatisfy(target -> {
                assertThat(target.get("value").decimalValue()).isEqualByComparingTo("100");
                assertThat(target.get("unit").asString()).isEqualTo("万平方米");
            });
            assertThat(payload(records, "9.28").get("starred").asBoolean()).isTrue();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> pendingOutboxes() == 0);
    }

    @Test
    void listsThe47ItemsOf2021WithTheirMilestones() throws Exception {
        HttpResponse<String> response = get("/api/projects?year=2021");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode items = json.readTree(response.body());
        assertThat(items).extracting(item -> item.get("itemId").asString()).containsExactlyElementsOf(ITEM_IDS);
        JsonNode item44 = items.get(43);
        assertThat(item44.get("milestones")).extracting(m -> m.get("type").asString())
                .containsExactly("OTHER", "COMPLETION", "START", "START");
        assertThat(item44.get("milestones")).allSatisfy(milestone -> {
            assertThat(milestone.get("plannedDate").asString()).isEqualTo("2021-12-31");
            assertThat(milestone.get("forecastDate").isNull()).isTrue();
            assertThat(milestone.get("status").asString()).isEqualTo("NOT_STARTED");
        });
        JsonNode item1 = items.get(0);
        assertThat(item1.get("milestones").get(0).get("id").asString()).isEqualTo("9.1#1");
        assertThat(item1.get("milestones").get(0).get("value").decimalValue()).isEqualByComparingTo("100");
        assertThat(item1.get("milestones").get(0).get("unit").asString()).isEqualTo("万平方米");
        assertThat(item1.get("sampleResponsibility").asBoolean()).isTrue();

        JsonNode starred = json.readTree(get("/api/projects?year=2021&starred=true").body());
        assertThat(starred).extracting(item -> item.get("itemId").asString())
                .containsExactly("9.2", "9.26", "9.27", "9.28");
        assertThat(json.readTree(get("/api/projects").body())).hasSize(47);
        assertThat(json.readTree(get("/api/projects?year=2020").body())).isEmpty();
    }

    @Test
    void showsOneItemByItsId() throws Exception {
        HttpResponse<String> response = get("/api/projects/9.28");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode item = json.readTree(response.body());
        assertThat(item.get("itemId").asString()).isEqualTo("9.28");
        assertThat(item.get("planYear").asInt()).isEqualTo(2021);
        assertThat(item.get("title").asString()).isEqualTo("★实现第三康复医院竣工。");
        assertThat(item.get("starred").asBoolean()).isTrue();
        assertThat(item.get("responsibility").get("leaderPosition").asString()).startsWith("副区长");
        assertThat(item.get("milestones")).singleElement().satisfies(milestone -> {
            assertThat(milestone.get("id").asString()).isEqualTo("9.28#1");
            assertThat(milestone.get("type").asString()).isEqualTo("COMPLETION");
            assertThat(milestone.get("name").asString()).isEqualTo("第三康复医院竣工");
            assertThat(milestone.get("plannedDate").asString()).isEqualTo("2021-12-31");
            assertThat(milestone.get("status").asString()).isEqualTo("NOT_STARTED");
        });
        assertThat(json.readTree(get("/api/projects/9.28?year=2021").body())).isEqualTo(item);
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
    void seedingAgainStoresAndPublishesNothingNew() throws Exception {
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.PLAN_ITEMS)) {
            probe.awaitAtLeast(47, Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(60)).until(() -> pendingOutboxes() == 0);
            List<Document> before = mongo.findAll(Document.class, COLLECTION);

            for (ApplicationRunner runner : runners) {
                runner.run(new DefaultApplicationArguments());
            }

            assertThat(pendingOutboxes()).isZero();
            assertThat(mongo.findAll(Document.class, COLLECTION)).containsExactlyInAnyOrderElementsOf(before)
                    .hasSize(47);
            assertThat(probe.readFor(Duration.ofSeconds(5))).hasSize(47);
        }
    }

    private long pendingOutboxes() {
        return mongo.count(Query.query(Criteria.where("outbox.0").exists(true)), COLLECTION);
    }

    private JsonNode payload(List<ConsumerRecord<String, byte[]>> records, String itemId) {
        return records.stream().filter(r -> r.key().equals(itemId)).map(r -> json.readTree(r.value()).get("payload"))
                .findFirst().orElseThrow();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
