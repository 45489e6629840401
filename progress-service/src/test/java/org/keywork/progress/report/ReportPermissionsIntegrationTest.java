package org.keywork.progress.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.progress.catalog.PlanCatalog;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TestTokens;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With the identity check on, as in production: a department reports only for items it leads or cooperates on and
 * only in its own name, a leader or supervisor does not report, an admin may; a call without a token is refused.
 * The item's responsibility is the one its owner published.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPermissionsIntegrationTest {

    static final String CIVIL_AFFAIRS = "区民政局";
    static final String MARKET = "区市场监管局";
    static final String DEVELOPMENT = "区发展改革委";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    PlanCatalog catalog;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    void planIsPublished() {
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, "5.6", """
                {"eventId":"6a1c7c43-0000-4000-8000-00000000a506","type":"plan.item-published","version":1,
                 "occurredAt":"2021-03-18T00:00:00Z","source":"goal-service","key":"5.6",
                 "payload":{"planYear":2021,"itemId":"5.6","section":5,"sectionTitle":"保障和改善民生",
                   "title":"★新增社区长者食堂 2 个。","starred":true,"planVersion":1,
                   "targets":[{"id":"5.6#1","kind":"INDICATOR","name":"新增社区长者食堂","value":2,"unit":"个",
                               "direction":"AT_LEAST"}],
                   "responsibility":{"leaderPosition":"副区长（分管民政）","leadDepartment":"区民政局",
                                     "cooperatingDepartments":["区市场监管局","各街道办事处"]}}}
                """);
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.responsibility(2021, "5.6").isPresent());
    }

    static String report(String reportId, String department) {
        return """
                {"reportId":"%s","itemId":"5.6","targetId":"5.6#1","value":1,"asOf":"2021-09-30",
                 "department":"%s"}""".formatted(reportId, department);
    }

    @Test
    void theLeadAndACooperatingDepartmentMayReportAnotherDepartmentMayNot() throws Exception {
        assertThat(post(TestTokens.department("dept-minzheng", CIVIL_AFFAIRS), report("perm-lead", CIVIL_AFFAIRS))
                .statusCode()).isEqualTo(202);
        assertThat(post(TestTokens.department("dept-shichang", MARKET), report("perm-coop", MARKET))
                .statusCode()).isEqualTo(202);
        assertThat(json.readTree(get("/api/progress/perm-lead").body()).get("department").asString())
                .isEqualTo(CIVIL_AFFAIRS);
        assertThat(json.readTree(get("/api/progress/perm-coop").body()).get("department").asString())
                .isEqualTo(MARKET);
        // a department reads its own reports, not another department's (as if they did not exist)
        HttpResponse<String> own = send(HttpRequest.newBuilder(url("/api/progress/perm-coop"))
                .header("Authorization", "Bearer " + TestTokens.department("dept-shichang", MARKET)).build());
        assertThat(json.readTree(own.body()).get("reportId").asString()).isEqualTo("perm-coop");
        HttpResponse<String> others = send(HttpRequest.newBuilder(url("/api/progress/perm-lead"))
                .header("Authorization", "Bearer " + TestTokens.department("dept-shichang", MARKET)).build());
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(json.readTree(others.body()).get("errors").get(0).get("field").asString()).isEqualTo("reportId");

        HttpResponse<String> other = post(TestTokens.department("dept-fagaiwei", DEVELOPMENT),
                report("perm-other", DEVELOPMENT));
        assertForbidden(other, "itemId", "not-responsible");
        assertThat(json.readTree(other.body()).get("errors").get(0).get("reason").asString())
                .contains(DEVELOPMENT, "区民政局");
        assertThat(get("/api/progress/perm-other").statusCode()).isEqualTo(404);
    }

    @Test
    void aDepartmentReportsOnlyInItsOwnName() throws Exception {
        assertForbidden(post(TestTokens.department("dept-shichang", MARKET), report("perm-posing", CIVIL_AFFAIRS)),
                "department", "not-your-department");
        assertThat(get("/api/progress/perm-posing").statusCode()).isEqualTo(404);
    }

    @Test
    void leadersAndSupervisorsReadButDoNotReportAndAnAdminMay() throws Exception {
        // refused by the access table on the service's own port, as at the gateway
        assertForbidden(post(TestTokens.leader("leader-minzheng", "副区长（分管民政）"),
                report("perm-leader", CIVIL_AFFAIRS)), "role", "role-not-allowed");
        assertForbidden(post(TestTokens.supervisor(), report("perm-supervisor", CIVIL_AFFAIRS)), "role",
                "role-not-allowed");
        assertThat(get("/api/progress/perm-leader").statusCode()).isEqualTo(404);
        assertThat(post(TestTokens.admin(), report("perm-admin", CIVIL_AFFAIRS)).statusCode()).isEqualTo(202);
        HttpResponse<String> read = send(HttpRequest.newBuilder(url("/api/progress?itemId=5.6"))
                .header("Authorization", "Bearer " + TestTokens.supervisor()).build());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json.readTree(read.body()).findValuesAsString("reportId")).contains("perm-admin");
    }

    @Test
    void aBulkFileWithOneRowOnAnotherDepartmentsItemIsRefusedNamingTheRow() throws Exception {
        String csv = "reportId,itemId,targetId,value,asOf,department\n"
                + "perm-bulk-1,5.6,5.6#1,1,2021-10-31,区发展改革委\n";
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/api/progress/bulk"))
                .header("Authorization", "Bearer " + TestTokens.department("dept-fagaiwei", DEVELOPMENT))
                .header("Content-Type", "text/csv; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build());
        assertForbidden(response, "rows[2].itemId", "not-responsible");
        assertThat(get("/api/progress/perm-bulk-1").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutAValidTokenNothingIsReadOrWritten() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(url("/api/progress"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(report("perm-anon", CIVIL_AFFAIRS))).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json.readTree(anonymous.body()).get("type").asString())
                .isEqualTo("urn:keywork:problem:unauthenticated");
        String expired = TestTokens.sign(TestTokens.LOCAL_SECRET, "dept-minzheng", List.of("DEPARTMENT"),
                CIVIL_AFFAIRS, null, Duration.ofMinutes(-5));
        assertThat(post(expired, report("perm-expired", CIVIL_AFFAIRS)).statusCode()).isEqualTo(401);
        String forged = TestTokens.sign("not-the-secret-not-the-secret-not-the-secret", "admin", List.of("ADMIN"),
                null, null, Duration.ofHours(1));
        assertThat(post(forged, report("perm-forged", CIVIL_AFFAIRS)).statusCode()).isEqualTo(401);
        assertThat(get("/api/progress/perm-anon").statusCode()).isEqualTo(404);
        // health stays open for the launcher and the orchestrator (its verdict is not this test's business)
        HttpResponse<String> health = send(HttpRequest.newBuilder(url("/actuator/health")).build());
        assertThat(health.statusCode()).isNotEqualTo(401);
        assertThat(json.readTree(health.body()).get("status").asString()).isIn("UP", "DOWN", "OUT_OF_SERVICE");
    }

    private void assertForbidden(HttpResponse<String> response, String field, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:forbidden");
        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("code").asString()).isEqualTo(code);
        });
    }

    private HttpResponse<String> post(String token, String body) throws Exception {
        return send(HttpRequest.newBuilder(url("/api/progress")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + TestTokens.admin())
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
