package org.keywork.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.notification.outbound.Contacts;
import org.keywork.notification.outbound.Outbox;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The DingTalk and WeCom robots (a real local HTTP server) receive their JSON shapes once per message, also when
 * they fail first; refusals end as FAILED_PERMANENTLY without repeats. The in-app inbox streams each message as a
 * server-sent event and replays what a reconnecting browser missed. The log lists it all, newest first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.delivery.poll-interval=PT0.2S",
        "keywork.delivery.initial-backoff=PT0.5S",
        "keywork.delivery.max-backoff=PT1S",
        "keywork.delivery.heartbeat=PT1S",
        // the fake robots listen on 127.0.0.1 over http
        "keywork.delivery.webhook.allow-local=true",
        "resilience4j.retry.configs.delivery.wait-duration=50ms",
        "resilience4j.circuitbreaker.configs.delivery.minimum-number-of-calls=20"})
@EmbeddedKafka(partitions = 1)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelsIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    Outbox outbox;

    @Autowired
    NotificationLog notifications;

    @Autowired
    MeterRegistry meters;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();
    RobotServer robots;

    @BeforeAll
    void startRobots() throws Exception {
        robots = new RobotServer();
    }

    @AfterAll
    void stopRobots() {
        robots.close();
    }

    @Test
    void theRobotsReceiveTheirJsonShapesOnceAndTheLogListsEverySend() throws Exception {
        outbox.enqueue(Messages.digest("robots", "p-robots", new Contacts(null,
                robots.url("/dingtalk/ok?access_token=secret-token"), robots.url("/wecom/ok?key=secret-key"),
                "13800000000")));

        await().atMost(Duration.ofSeconds(20)).until(() -> status("robots:DINGTALK") == DeliveryStatus.SENT
                && status("robots:WECOM") == DeliveryStatus.SENT);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                robots.received("/dingtalk/ok").size() == 1 && robots.received("/wecom/ok").size() == 1);

        RobotServer.Received ding = robots.received("/dingtalk/ok").get(0);
        assertThat(ding.query()).isEqualTo("access_token=secret-token");
        assertThat(ding.contentType()).startsWith("application/json");
        JsonNode dingJson = json.readTree(ding.body());
        assertThat(dingJson.get("msgtype").asString()).isEqualTo("markdown");
        assertThat(dingJson.get("markdown").get("title").asString()).isEqualTo(Messages.subject("robots"));
        assertThat(dingJson.get("markdown").get("text").asString())
                .startsWith("#### " + Messages.subject("robots") + "\n\n")
                .contains("【进度滞后】5.6 新增社区长者食堂：完成 0 个，序时应达 1.5 个（目标 2 个）\n\n请于 2021-10-15 前反馈整改措施。")
                .endsWith("[查看详情](https://keywork.jingan.example/alerts?item=5.6)");

        RobotServer.Received wecom = robots.received("/wecom/ok").get(0);
        assertThat(wecom.query()).isEqualTo("key=secret-key");
        JsonNode wecomJson = json.readTree(wecom.body());
        assertThat(wecomJson.get("msgtype").asString()).isEqualTo("markdown");
        assertThat(wecomJson.get("markdown").get("content").asString())
                .startsWith("**" + Messages.subject("robots") + "**\n")
                .contains("【进度滞后】5.6 新增社区长者食堂", "请于 2021-10-15 前反馈整改措施。")
                .endsWith("[查看详情](https://keywork.jingan.example/alerts?item=5.6)");

        JsonNode listed = json.readTree(get("/api/notifications?person=p-robots").body());
        assertThat(listed).hasSize(3);
        assertThat(listed.valueStream().map(n -> n.get("channel").asString()))
                .containsExactlyInAnyOrder("INBOX", "DINGTALK", "WECOM");
        assertThat(listed.valueStream().map(n -> n.get("status").asString())).containsOnly("SENT");
        JsonNode dingEntry = json.readTree(get("/api/notifications?person=p-robots&channel=dingtalk").body()).get(0);
        assertThat(dingEntry.get("id").asString()).isEqualTo("robots:DINGTALK");
        assertThat(dingEntry.get("address").asString()).isEqualTo(robots.url("/dingtalk/ok") + "?***");
        assertThat(dingEntry.get("subject").asString()).isEqualTo(Messages.subject("robots"));
        assertThat(dingEntry.get("attempts").asInt()).isEqualTo(1);
        assertThat(dingEntry.get("sentAt").isNull()).isFalse();
        assertThat(dingEntry.has("claimedBy")).isFalse();
    }

    @Test
    void robotsThatFailFirstGetEachMessageExactlyOnce() throws Exception {
        double sentBefore = count("dingtalk", "sent");
        outbox.enqueue(Messages.digest("flaky", "p-flaky", new Contacts(null,
                robots.url("/dingtalk/flaky?access_token=t"), robots.url("/wecom/rate-limited?key=k"), null)));

        await().atMost(Duration.ofSeconds(20)).until(() -> status("flaky:DINGTALK") == DeliveryStatus.SENT
                && status("flaky:WECOM") == DeliveryStatus.SENT);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                robots.received("/dingtalk/flaky").size() == 3 && robots.received("/wecom/rate-limited").size() == 2);

        // 500, 500, ok: three requests, one accepted, all within the first round's quick retries
        assertThat(robots.received("/dingtalk/flaky")).extracting(RobotServer.Received::accepted)
                .containsExactly(false, false, true);
        assertThat(robots.received("/dingtalk/flaky")).extracting(RobotServer.Received::body).containsOnly(
                robots.received("/dingtalk/flaky").get(0).body());
        // errcode 45009 (rate limit), then ok
        assertThat(robots.received("/wecom/rate-limited")).extracting(RobotServer.Received::accepted)
                .containsExactly(false, true);
        assertThat(notifications.find("flaky:DINGTALK").orElseThrow().attempts()).isEqualTo(1);
        assertThat(count("dingtalk", "sent")).isEqualTo(sentBefore + 1);
    }

    @Test
    void aRobotRefusingTheMessageFailsItForGoodWithoutRepeats() throws Exception {
        outbox.enqueue(Messages.digest("refused", "p-refused", new Contacts(null,
                robots.url("/dingtalk/bad-token?access_token=wrong"), robots.url("/wecom/gone?key=k"), null)));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                status("refused:DINGTALK") == DeliveryStatus.FAILED_PERMANENTLY
                        && status("refused:WECOM") == DeliveryStatus.FAILED_PERMANENTLY);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                robots.received("/dingtalk/bad-token").size() == 1 && robots.received("/wecom/gone").size() == 1);
        assertThat(notifications.find("refused:DINGTALK").orElseThrow().lastError())
                .contains("errcode 300001", "token is not exist");
        assertThat(notifications.find("refused:WECOM").orElseThrow().lastError()).contains("404");

        JsonNode failed = json.readTree(get("/api/notifications?status=failed_permanently").body());
        assertThat(failed.valueStream().map(n -> n.get("id").asString()))
                .contains("refused:DINGTALK", "refused:WECOM");
    }

    @Test
    void theInboxStreamsEachMessageAndReplaysWhatAReconnectingBrowserMissed() throws Exception {
        String stream = "http://127.0.0.1:" + port + "/api/alerts/stream?person=p-sse";
        try (SseClient browser = SseClient.open(http, stream, null)) {
            assertThat(browser.response().statusCode()).isEqualTo(200);
            assertThat(browser.response().headers().firstValue("Content-Type")).get(
                    STRING).startsWith("text/event-stream");

            outbox.enqueue(Messages.digest("sse-1", "p-sse", Contacts.NONE));
            SseClient.Event first = browser.next(Duration.ofSeconds(20));
            assertThat(first).isNotNull();
            assertThat(first.name()).isEqualTo("notification");
            assertThat(first.id()).isEqualTo("sse-1:INBOX");
            JsonNode data = json.readTree(first.data());
            assertThat(data.get("messageId").asString()).isEqualTo("sse-1");
            assertThat(data.get("kind").asString()).isEqualTo("ALERT_DIGEST");
            assertThat(data.get("subject").asString()).isEqualTo(Messages.subject("sse-1"));
            assertThat(data.get("body").asString()).startsWith("【进度滞后】5.6 新增社区长者食堂");
            assertThat(data.get("link").asString()).isEqualTo("https://keywork.jingan.example/alerts?item=5.6");
            assertThat(data.get("alertIds").get(0).asString()).isEqualTo("alert-sse-1");
            assertThat(data.get("createdAt").asString()).isEqualTo("2021-09-30T02:00:00Z");
            assertThat(browser.awaitComment("heartbeat", Duration.ofSeconds(5))).isTrue();
        }

        // while the browser is away: two for it, one for someone else
        outbox.enqueue(Messages.digest("sse-2", "p-sse", Contacts.NONE));
        outbox.enqueue(Messages.digest("sse-other", "p-other", Contacts.NONE));
        outbox.enqueue(Messages.digest("sse-3", "p-sse", Contacts.NONE));
        await().atMost(Duration.ofSeconds(20)).until(() -> status("sse-2:INBOX") == DeliveryStatus.SENT
                && status("sse-3:INBOX") == DeliveryStatus.SENT && status("sse-other:INBOX") == DeliveryStatus.SENT);

        try (SseClient browser = SseClient.open(http, stream, "sse-1:INBOX")) {
            assertThat(browser.next(Duration.ofSeconds(10))).extracting(SseClient.Event::id).isEqualTo("sse-2:INBOX");
            assertThat(browser.next(Duration.ofSeconds(10))).extracting(SseClient.Event::id).isEqualTo("sse-3:INBOX");
            outbox.enqueue(Messages.digest("sse-4", "p-sse", Contacts.NONE));
            SseClient.Event live = browser.next(Duration.ofSeconds(20));
            assertThat(live).isNotNull();
            assertThat(live.id()).isEqualTo("sse-4:INBOX");
            assertThat(json.readTree(live.data()).get("subject").asString()).isEqualTo(Messages.subject("sse-4"));
        }
    }

    @Test
    void badRequestsAreAnsweredWithProblemsNamingTheField() throws Exception {
        HttpResponse<String> noPerson = get("/api/alerts/stream");
        assertThat(noPerson.statusCode()).isEqualTo(400);
        assertThat(noPerson.headers().firstValue("Content-Type")).get(
                STRING).startsWith("application/problem+json");
        JsonNode problem = json.readTree(noPerson.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("person");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("required");

        HttpResponse<String> badList = get("/api/notifications?channel=FAX&status=LOST&limit=0");
        assertThat(badList.statusCode()).isEqualTo(400);
        assertThat(badList.headers().firstValue("Content-Type")).get(
                STRING).startsWith("application/problem+json");
        JsonNode errors = json.readTree(badList.body()).get("errors");
        assertThat(errors.valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("channel", "status", "limit");
        assertThat(errors.valueStream().map(e -> e.get("reason").asString()))
                .anySatisfy(reason -> assertThat(reason).contains("FAX", "INBOX、EMAIL、DINGTALK 或 WECOM"));
    }

    private DeliveryStatus status(String id) {
        return notifications.find(id).map(Delivery::status).orElse(null);
    }

    private double count(String channel, String outcome) {
        return meters.counter(DeliveryDispatcher.METER, "channel", channel, "outcome", outcome).count();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
