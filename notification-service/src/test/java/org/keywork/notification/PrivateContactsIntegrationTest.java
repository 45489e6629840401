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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.access.TokenRules;
import org.keywork.notification.outbound.Contacts;
import org.keywork.notification.outbound.OutgoingMessage;
import org.keywork.notification.outbound.Outbox;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the identity check on, as behind the gateway, and tokens carrying the local users' {@code personId}: the
 * directory shows every reader the positions and names, but a holder's contacts only to the admin and to the holder
 * himself (past terms included); the notification log shows the admin everyone's entries and anyone else only his
 * own, and refuses to show him someone else's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 1)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrivateContactsIntegrationTest {

    /** Held by 徐某某 (p-011) until 2021-06-30, since then by 孙某某 (p-012), in the sample directory. */
    static final String CIVIL_AFFAIRS_LEADER = "副区长（分管民政）";
    /** Held by 杨某某 (p-006). */
    static final String CONSTRUCTION_LEADER = "副区长（分管城市建设）";
    /** Held by 文某某 (p-100). */
    static final String SUPERVISION_OFFICE = "区政府督查室";

    final String admin = TestTokens.admin();
    final String leader = token("leader-minzheng", "LEADER", null, CIVIL_AFFAIRS_LEADER, "p-012");
    final String supervisor = token("supervisor", "SUPERVISOR", SUPERVISION_OFFICE, null, "p-100");
    final String department = token("dept-minzheng", "DEPARTMENT", "区民政局", null, "p-059");
    final String leaderWithoutPerson = TestTokens.leader("leader-unlinked", CONSTRUCTION_LEADER);

    @LocalServerPort
    int port;

    @Autowired
    Outbox outbox;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void somethingWasSentToThreePeople() throws Exception {
        for (String person : List.of("p-012", "p-059", "p-006")) {
            outbox.enqueue(message("privacy-1-" + person, person));
            outbox.enqueue(message("privacy-2-" + person, person));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> list(admin, "").size() >= 6);
    }

    @Test
    void theAdminSeesEveryHoldersContactsPastTermsIncluded() throws Exception {
        JsonNode positions = ok(get(admin, "/api/directory"));
        assertThat(email(holder(positions, CIVIL_AFFAIRS_LEADER))).isEqualTo("sun.p012.example@keywork.local");
        assertThat(email(holder(positions, CONSTRUCTION_LEADER))).isEqualTo("yang.p006.example@keywork.local");
        assertThat(positions.valueStream().map(p -> p.get("holder")).filter(h -> h != null && !h.isNull()))
                .allSatisfy(h -> assertThat(h.get("contacts").isObject()).as(h.toString()).isTrue());

        JsonNode history = ok(get(admin, path(CIVIL_AFFAIRS_LEADER)));
        assertThat(history.get("holders")).extracting(h -> h.get("personId").asString() + " " + email(h))
                .containsExactly("p-011 xu.p011.example@keywork.local", "p-012 sun.p012.example@keywork.local");
    }

    @Test
    void aLeaderSeesHisOwnContactsButNotAnothersNorHisPredecessors() throws Exception {
        JsonNode positions = ok(get(leader, "/api/directory"));
        assertThat(email(holder(positions, CIVIL_AFFAIRS_LEADER))).isEqualTo("sun.p012.example@keywork.local");
        JsonNode other = holder(positions, CONSTRUCTION_LEADER);
        assertThat(other.get("name").asString()).isEqualTo("杨某某（示例）");
        assertThat(other.get("contacts").isNull()).isTrue();
        assertThat(positions.valueStream().filter(p -> !p.get("position").asString().equals(CIVIL_AFFAIRS_LEADER))
                .map(p -> p.get("holder")).filter(h -> h != null && !h.isNull()))
                .isNotEmpty().allSatisfy(h -> assertThat(h.get("contacts").isNull()).as(h.toString()).isTrue());

        JsonNode own = ok(get(leader, path(CIVIL_AFFAIRS_LEADER)));
        assertThat(email(own.get("holder"))).isEqualTo("sun.p012.example@keywork.local");
        assertThat(own.get("holders")).extracting(h -> h.get("personId").asString() + " " + h.get("name").asString()
                + " " + email(h)).containsExactly("p-011 徐某某（示例） null", "p-012 孙某某（示例） sun.p012.example@keywork.local");

        JsonNode another = ok(get(leader, path(CONSTRUCTION_LEADER)));
        assertThat(another.get("holder").get("personId").asString()).isEqualTo("p-006");
        assertThat(another.get("holders")).allSatisfy(h -> assertThat(h.get("contacts").isNull()).isTrue());
        assertThat(another.toString()).doesNotContain("yang.p006.example");
    }

    @Test
    void aSupervisorSeesPositionsAndNamesWithoutContactsButHisOwn() throws Exception {
        JsonNode positions = ok(get(supervisor, "/api/directory"));
        assertThat(positions.size()).isGreaterThan(50);
        JsonNode civilAffairs = holder(positions, CIVIL_AFFAIRS_LEADER);
        assertThat(civilAffairs.get("personId").asString()).isEqualTo("p-012");
        assertThat(civilAffairs.get("name").asString()).isEqualTo("孙某某（示例）");
        assertThat(civilAffairs.get("contacts").isNull()).isTrue();
        assertThat(positions.valueStream().filter(p -> !p.get("position").asString().equals(SUPERVISION_OFFICE))
                .map(p -> p.get("holder")).filter(h -> h != null && !h.isNull()))
                .allSatisfy(h -> assertThat(h.get("contacts").isNull()).as(h.toString()).isTrue());
        assertThat(positions.toString().split("@keywork\\.local", -1)).as("one mailbox listed: his own").hasSize(2);
        assertThat(email(holder(positions, SUPERVISION_OFFICE))).isEqualTo("wen.p100.example@keywork.local");

        JsonNode history = ok(get(supervisor, path(CIVIL_AFFAIRS_LEADER)));
        assertThat(history.get("holders")).extracting(h -> h.get("name").asString())
                .containsExactly("徐某某（示例）", "孙某某（示例）");
        assertThat(history.get("holders")).allSatisfy(h -> assertThat(h.get("contacts").isNull()).isTrue());

        // a department does not read the directory at all (the access table, unchanged)
        HttpResponse<String> refused = get(department, "/api/directory");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json.readTree(refused.body()).get("errors").get(0).get("code").asString())
                .isEqualTo("role-not-allowed");
    }

    @Test
    void theAdminSeesEveryonesNotificationsAndFiltersAsHeLikes() throws Exception {
        assertThat(persons(list(admin, ""))).contains("p-012", "p-059", "p-006");
        assertThat(persons(list(admin, "?person=p-059"))).containsOnly("p-059");
        assertThat(list(admin, "?person=p-059")).extracting(n -> n.get("messageId").asString())
                .containsExactlyInAnyOrder("privacy-1-p-059", "privacy-2-p-059");
    }

    @Test
    void aDepartmentsAndALeadersLogListOnlyTheirOwnEntries() throws Exception {
        List<JsonNode> departments = list(department, "");
        assertThat(departments).extracting(n -> n.get("messageId").asString())
                .containsExactlyInAnyOrder("privacy-1-p-059", "privacy-2-p-059");
        assertThat(list(department, "?person=p-059&channel=inbox")).hasSize(2);

        assertThat(list(leader, "")).extracting(n -> n.get("messageId").asString())
                .containsExactlyInAnyOrder("privacy-1-p-012", "privacy-2-p-012");
        assertThat(persons(list(supervisor, ""))).as("p-100 was sent nothing").isEmpty();
        assertThat(list(leaderWithoutPerson, "")).as("no personId, no entries").isEmpty();
    }

    @Test
    void askingForSomeoneElsesLogIsForbiddenNamingPerson() throws Exception {
        for (String token : List.of(department, leader, supervisor, leaderWithoutPerson)) {
            HttpResponse<String> response = get(token, "/api/notifications?person=p-006");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:forbidden");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("person");
            assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("not-own");
            assertThat(problem.get("errors").get(0).get("reason").asString()).contains("本人");
            assertThat(response.body()).doesNotContain("privacy-1-p-006");
        }
    }

    private static OutgoingMessage message(String messageId, String personId) {
        return new OutgoingMessage(messageId, OutgoingMessage.Kind.ALERT_DIGEST, "某职务", personId, "某某（示例）",
                Contacts.NONE, "重点工作预警（" + messageId + "）", "【进度滞后】5.6 新增社区长者食堂",
                "http://localhost:8080/#/items/5.6", List.of("alert-" + messageId),
                Instant.parse("2021-09-30T02:00:00Z"));
    }

    /** A token as the gateway signs it for a local user, with his {@code personId}. */
    private static String token(String user, String role, String department, String position, String personId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", user);
        claims.put("roles", List.of(role));
        if (department != null) {
            claims.put("department", department);
        }
        if (position != null) {
            claims.put("position", position);
        }
        claims.put("personId", personId);
        return TestTokens.sign(TestTokens.LOCAL_SECRET, user, claims, Instant.now(), TokenRules.SERVICE_MAX_LIFETIME);
    }

    private List<JsonNode> list(String token, String query) throws Exception {
        JsonNode listed = ok(get(token, "/api/notifications" + query));
        List<JsonNode> entries = new ArrayList<>();
        listed.forEach(entries::add);
        return entries;
    }

    private static List<String> persons(List<JsonNode> entries) {
        return entries.stream().map(n -> n.get("personId").asString()).distinct().toList();
    }

    private static JsonNode holder(JsonNode positions, String position) {
        for (JsonNode p : positions) {
            if (p.get("position").asString().equals(position)) {
                return p.get("holder");
            }
        }
        throw new AssertionError("no position " + position);
    }

    private static String email(JsonNode holder) {
        JsonNode contacts = holder.get("contacts");
        return contacts == null || contacts.isNull() ? "null" : contacts.get("email").asString();
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String path(String position) {
        return "/api/directory/" + URLEncoder.encode(position, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
