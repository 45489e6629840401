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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TestTokens;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the identity check on, as behind the gateway: a leader sees and acknowledges only his own alerts (whatever
 * filter he sends), a department those of the items it leads or cooperates on, a supervisor sees all and
 * acknowledges nothing, and an acknowledgement is recorded in the caller's name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertAccessIntegrationTest {

    static final String CIVIL_AFFAIRS_LEADER = "副区长（分管民政）";
    static final String CONSTRUCTION_LEADER = "副区长（分管城市建设）";

    final String leader = TestTokens.leader("leader-minzheng", CIVIL_AFFAIRS_LEADER);
    final String otherLeader = TestTokens.leader("leader-chengjian", CONSTRUCTION_LEADER);
    final String department = TestTokens.department("dept-minzheng", "区民政局");
    final String otherDepartment = TestTokens.department("dept-fagaiwei", "区发展改革委");
    final String supervisor = TestTokens.supervisor();

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    String alertId;

    @BeforeAll
    void aRedIndicatorRaisesAnAlert() throws Exception {
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6",
                IndicatorStatusEvent.red().leader(CIVIL_AFFAIRS_LEADER).json());
        await().atMost(Duration.ofSeconds(30)).until(() -> list(supervisor, "").size() == 1);
        alertId = list(supervisor, "").get(0).get("alertId").asString();
    }

    @Test
    void aLeaderSeesOnlyHisOwnAlertsWhateverHeAsksFor() throws Exception {
        assertThat(list(leader, "")).extracting(a -> a.get("alertId").asString()).containsExactly(alertId);
        assertThat(list(otherLeader, "")).isEmpty();
        assertThat(list(otherLeader, "?recipient=" + URLEncoder.encode(CIVIL_AFFAIRS_LEADER, StandardCharsets.UTF_8)))
                .as("asking for another leader's inbox gives his own").isEmpty();
        assertThat(get(otherLeader, "/api/alerts/" + alertId).statusCode()).isEqualTo(404);
        assertThat(get(leader, "/api/alerts/" + alertId).statusCode()).isEqualTo(200);
    }

    @Test
    void aDepartmentSeesTheAlertsOfItsItemsAndASupervisorSeesAll() throws Exception {
        assertThat(list(department, "")).extracting(a -> a.get("alertId").asString()).containsExactly(alertId);
        assertThat(list(otherDepartment, "")).isEmpty();
        assertThat(list(supervisor, "?recipient=" + URLEncoder.encode(CONSTRUCTION_LEADER, StandardCharsets.UTF_8)))
                .as("a supervisor filters as he likes").isEmpty();
        assertThat(list(supervisor, "")).hasSize(1);
    }

    @Test
    void onlyAnAddresseeAcknowledgesAndInHisOwnName() throws Exception {
        HttpResponse<String> stranger = ack(otherLeader);
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(json.readTree(stranger.body()).get("errors").get(0).get("code").asString())
                .isEqualTo("not-addressee");
        assertThat(ack(supervisor).statusCode()).isEqualTo(403);
        assertThat(json.readTree(get(supervisor, "/api/alerts/" + alertId).body()).get("status").asString())
                .isEqualTo("OPEN");

        HttpResponse<String> own = ack(leader);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        JsonNode acknowledged = json.readTree(own.body());
        assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("acknowledgedBy").asString()).isEqualTo("leader-minzheng");
        assertThat(acknowledged.get("ackNote").asString()).isEqualTo("已督促区民政局本周内选址");
    }

    @Test
    void withoutATokenNothingIsShown() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(url("/api/alerts")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json.readTree(anonymous.body()).get("type").asString())
                .isEqualTo("urn:keywork:problem:unauthenticated");
    }

    private HttpResponse<String> ack(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(url("/api/alerts/" + alertId + "/ack"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"someone-else\",\"note\":\"已督促区民政局本周内选址\"}",
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private java.util.List<JsonNode> list(String token, String query) throws Exception {
        HttpResponse<String> response = get(token, "/api/alerts" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        java.util.List<JsonNode> alerts = new java.util.ArrayList<>();
        json.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
