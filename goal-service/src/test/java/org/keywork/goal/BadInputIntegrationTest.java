package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.keywork.testing.BadInputRun;
import org.keywork.testing.BadInputTests;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generated bad-input run ({@link BadInputRun}) over every write endpoint goal-service documents: each spoilt
 * request is refused with a 4xx problem naming what is wrong and stores nothing; text that only looks like an attack
 * is refused or stored as sent. The bundled 2021 plan is there; a draft copied from it is opened for the draft
 * endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class BadInputIntegrationTest extends BadInputTests {

    @Autowired
    MongoTemplate mongo;

    final JsonMapper json = JsonMapper.builder().build();
    @Override
    protected BadInputRun prepare() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> send("GET", "/api/plans/2021", null).statusCode() == 200);
        HttpResponse<String> draft = send("POST", "/api/plans/drafts",
                "{\"planYear\":2021,\"from\":\"LATEST\",\"title\":\"核对草稿\"}");
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
        String draftId = json.readTree(draft.body()).get("id").asString();
        JsonNode item = json.readTree(send("GET", "/api/goals/5.6?year=2021", null).body());
        assertThat(item.get("indicators").get(0).get("id").asString()).isEqualTo("5.6#1");

        return BadInputRun.against(baseUrl(), mongo.getDb())
                .value("year", 2021)
                .value("itemId", "5.6")
                .value("targetId", "5.6#1")
                .value("indicatorId", "5.6#1")
                .value("id", draftId)
                .value("value", 3)
                .value("unit", "个")
                .value("direction", "AT_LEAST")
                .value("reason", "以市政府正式下达为准")
                .value("leaderPosition", "副区长（分管民政）")
                .value("leadDepartment", "区民政局")
                .value("cooperatingDepartments", List.of("区卫生健康委"))
                .value("CurveRequest.kind", "QUARTERLY")
                .value("percents", List.of(25, 50, 75, 100))
                .value("stepwise", false)
                .value("planYear", 2021)
                // a new draft from nothing: what the run opens stays small (the draft above is the plan's copy)
                .value("from", "EMPTY")
                // no revision: a correction or publication of whatever revision the draft has reached
                .value("revision", BadInputRun.NULL)
                .sample("POST /api/plans/{year}/breakdown", "text/csv", ("事项编号,责任领导,牵头单位,配合单位,完成时限\n"
                        + "5.6,副区长（分管民政）,区民政局,区卫生健康委,2021-10-31\n").getBytes(StandardCharsets.UTF_8))
                .withoutInput("POST /api/admin/sweep", "runs the daily sweep now; takes no body and no parameters")
                .build();
    }
}
