package org.keywork.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A year's calendar loaded at run time on the business date 2026-12-04: 2027 is missing (warned about in
 * {@code GET /api/calendars} and in health, counted Monday to Friday); a bad upload is refused naming the field and
 * stores nothing; the upload of 2027 is stored, listed as uploaded, ends the warning and changes the business-day
 * arithmetic; and an upload another instance stored is picked up by this one on its refresh timer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.clock.mode=simulated",
        "keywork.notification.escalation.sweep-cron=-",
        "keywork.notification.calendar-refresh=PT0.5S",
        // the identity check is off in a service's own tests, so no caller counts as authorized: show them all
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.show-components=always"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class CalendarIntegrationTest {

    static final String CALENDAR_2027 = """
            {"year": 2027, "source": "测试用 2027 年节假日安排（非官方）",
             "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                          {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"}],
             "workdays": [{"name": "国庆节调休", "date": "2027-09-26"},
                          {"name": "国庆节调休", "date": "2027-10-09"}]}""";

    @LocalServerPort
    int port;

    @Autowired
    BusinessCalendar calendar;

    @Autowired
    CalendarStore store;

    @Autowired
    MongoTemplate mongo;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anAdminLoads2027AndEveryCountUsesIt() throws Exception {
        HttpResponse<String> clock = send("PUT", "/api/admin/clock",
                "{\"now\":\"2026-12-04T10:00:00+08:00\",\"reason\":\"calendar test\"}");
        assertThat(clock.statusCode()).as(clock.body()).isEqualTo(200);

        // before: 2021-2026 bundled, 2027 missing and counted Monday to Friday
        JsonNode before = getJson("/api/calendars");
        assertThat(before.get("today").asString()).isEqualTo("2026-12-04");
        assertThat(years(before)).containsExactly("2021 bundled", "2022 bundled", "2023 bundled", "2024 bundled",
                "2025 bundled", "2026 bundled");
        JsonNode y2026 = before.get("years").get(5);
        assertThat(y2026.get("source").asString()).startsWith("国务院办公厅关于2026年部分节假日安排的通知");
        assertThat(y2026.get("holidays").asInt()).isEqualTo(7);
        assertThat(y2026.get("workdays").asInt()).isEqualTo(6);
        assertThat(before.get("missing").toString()).isEqualTo("[2027]");
        assertThat(before.get("warning").asString()).isEqualTo(
                "尚未载入 2027 年的节假日安排：升级前按周一至周五计算工作日。请管理员在国务院办公厅公布安排后，通过 PUT "
                        + "/api/admin/calendars/2027 载入。");
        JsonNode health = getJson("/actuator/health/calendar");
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("missing").toString()).isEqualTo("[2027]");
        assertThat(health.get("details").get("warning").asString()).isEqualTo(before.get("warning").asString());
        assertThat(getJson("/actuator/health/readiness").toString()).doesNotContain("calendar");
        assertThat(calendar.plusBusinessDays(LocalDate.of(2027, 9, 30), 1)).isEqualTo(LocalDate.of(2027, 10, 1));

        // a bad upload: a holiday ending before it begins, a Wednesday as a working weekend day, another year
        HttpResponse<String> bad = send("PUT", "/api/admin/calendars/2027", CALENDAR_2027
                .replace("\"to\": \"2027-10-07\"", "\"to\": \"2027-09-07\"")
                .replace("2027-09-26", "2027-09-29"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(bad.body());
        assertThat(fields(problem)).containsExactlyInAnyOrder("holidays[1].to", "workdays[0].date");
        assertThat(problem.get("detail").asString()).contains("2027-09-29 是星期三");
        HttpResponse<String> otherYear = send("PUT", "/api/admin/calendars/2028", CALENDAR_2027);
        assertThat(otherYear.statusCode()).isEqualTo(400);
        assertThat(fields(json.readTree(otherYear.body()))).contains("year");
        assertThat(mongo.getCollection("calendars").countDocuments()).isZero();

        // the upload: stored, listed as uploaded, the warning gone, the count changed
        HttpResponse<String> put = send("PUT", "/api/admin/calendars/2027", CALENDAR_2027);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonNode stored = json.readTree(put.body());
        assertThat(stored.get("year").asInt()).isEqualTo(2027);
        assertThat(stored.get("holidays").get(1).toString())
                .isEqualTo("{\"name\":\"国庆节\",\"from\":\"2027-10-01\",\"to\":\"2027-10-07\"}");
        assertThat(stored.get("workdays").size()).isEqualTo(2);
        assertThat(stored.get("uploadedAt").asString()).startsWith("2026-12-04T");
        assertThat(store.all()).singleElement().satisfies(c -> {
            assertThat(c.year()).isEqualTo(2027);
            assertThat(c.source()).isEqualTo("测试用 2027 年节假日安排（非官方）");
            assertThat(c.holidays()).hasSize(2);
        });
        JsonNode after = getJson("/api/calendars");
        assertThat(years(after)).endsWith("2026 bundled", "2027 uploaded");
        assertThat(after.get("years").get(6).get("holidays").asInt()).isEqualTo(2);
        assertThat(after.get("missing").toString()).isEqualTo("[]");
        assertThat(after.get("warning").isNull()).isTrue();
        assertThat(getJson("/actuator/health/calendar").get("details").has("warning")).isFalse();
        assertThat(calendar.plusBusinessDays(LocalDate.of(2027, 9, 30), 1)).isEqualTo(LocalDate.of(2027, 10, 8));
        assertThat(calendar.isWorkday(LocalDate.of(2027, 10, 9))).as("Saturday worked after 国庆节").isTrue();

        // another instance uploads 2026 anew: this one picks it up on its refresh timer, over the bundled file
        store.save(new StoredCalendar(2026, "另一实例载入的 2026 年安排", List.of(new CalendarYear.Holiday("测试假日",
                LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 7))), List.of(), Instant.now(), "other-instance"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !calendar.isWorkday(LocalDate.of(2026, 12, 7)));
        JsonNode picked = getJson("/api/calendars");
        assertThat(years(picked)).endsWith("2026 uploaded", "2027 uploaded");
        assertThat(picked.get("years").get(5).get("source").asString()).isEqualTo("另一实例载入的 2026 年安排");
        assertThat(calendar.isWorkday(LocalDate.of(2026, 10, 1))).as("the bundled 2026 no longer counts").isTrue();
    }

    private List<String> years(JsonNode overview) {
        List<String> years = new ArrayList<>();
        overview.get("years").forEach(y -> years.add(y.get("year").asInt() + " " + y.get("origin").asString()));
        return years;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("X-Keywork-User", "admin").method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
