package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plan too large to store within the request's wait is imported as a job: 202 with the job's address, whose
 * progress climbs to all items while the work goes on, then the plan version, and the goals list shows every item.
 * (The wait is zero here, so that the job path is taken whatever the machine's speed.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
                "keywork.plans.import-wait=0s"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class LargePlanImportIntegrationTest {

    static final int SECTIONS = 12;
    static final int ITEMS_PER_SECTION = 100;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    /** A plan of 1,200 numbered items under twelve "一、" sections, each with one quantitative target. */
    static String largePlan() {
        StringBuilder text = new StringBuilder("2031年区政府重点工作安排\n根据区委部署，具体安排如下：\n");
        String[] numerals = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"};
        for (int s = 0; s < SECTIONS; s++) {
            text.append(numerals[s]).append("、第").append(numerals[s]).append("方面工作\n");
            for (int n = 1; n <= ITEMS_PER_SECTION; n++) {
                text.append(n).append(". 新增社区服务点").append(10 + n).append("个。\n");
            }
        }
        return text.toString();
    }

    @Test
    void aLargeImportAnswers202AndItsJobShowsProgressUntilEveryItemIsStored() throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(url("/api/plans/import?year=2031"))
                .header("Content-Type", "text/plain; charset=UTF-8").header("X-Keywork-User", "admin")
                .POST(HttpRequest.BodyPublishers.ofString(largePlan())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode job = json.readTree(accepted.body());
        String location = accepted.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/api/plans/jobs/" + job.get("jobId").asString());
        assertThat(job.get("kind").asString()).isEqualTo("IMPORT");
        assertThat(job.get("by").asString()).isEqualTo("admin");

        JsonNode done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> json.readTree(get(location).body()), j -> !j.get("state").asString().equals("RUNNING"));

        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("itemsTotal").asInt()).isEqualTo(SECTIONS * ITEMS_PER_SECTION);
        assertThat(done.get("itemsDone").asInt()).isEqualTo(SECTIONS * ITEMS_PER_SECTION);
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("outcome").asString()).isEqualTo("CREATED");
        assertThat(done.get("version").asInt()).isEqualTo(1);
        assertThat(done.get("plan").asString()).isEqualTo("/api/plans/2031?version=1");
        JsonNode goals = json.readTree(get("/api/goals?year=2031").body());
        assertThat(goals).hasSize(SECTIONS * ITEMS_PER_SECTION);
        assertThat(goals.get(goals.size() - 1).get("itemId").asString()).isEqualTo("12.100");

        assertThat(get("/api/plans/jobs/no-such-job").statusCode()).isEqualTo(404);

        // every item's PlanItemPublished went out through the outbox relay and came back in through the binder
        // (this instance's own anonymous consumer), which knew it by its headers as this instance's own change and
        // skipped it unread: what the relay sends, Spring Cloud Stream's consumers read
        await().atMost(Duration.ofSeconds(60)).until(() -> meters.counter("keywork.plan.view.changes", "type",
                "plan.item-published", "origin", "own").count() >= SECTIONS * ITEMS_PER_SECTION);
        assertThat(meters.counter("keywork.plan.view.changes", "type", "plan.item-published", "origin", "other")
                .count()).isZero();
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
