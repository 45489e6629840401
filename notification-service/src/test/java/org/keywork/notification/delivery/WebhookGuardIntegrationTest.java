package org.keywork.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.node.ObjectNode;

/**
 * Robot webhooks go only to the robots' hosts, as in production (no local fakes allowed): a handover naming any
 * other URL is refused naming the field and stores nothing; an entry already in the log with such a URL (logged
 * before the check existed, or a listed name resolving to an internal address) fails for good before anything is
 * sent. {@code localhost} is listed here to stand for an allowed name that resolves, or was rebound, to an internal
 * address: the handover cannot tell without DNS, the send can.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.delivery.poll-interval=PT0.2S",
        // idle, a loop would not look again for ten minutes: only the doorbell of the enqueue below sends at once
        "keywork.delivery.idle-poll-interval=PT10M",
        "keywork.delivery.initial-backoff=PT0.5S",
        "keywork.delivery.max-backoff=PT1S",
        "resilience4j.retry.configs.delivery.wait-duration=50ms",
        "keywork.delivery.webhook.allow-local=false",
        "keywork.delivery.webhook.allowed-hosts=oapi.dingtalk.com,qyapi.weixin.qq.com,localhost"})
@EmbeddedKafka(partitions = 1)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookGuardIntegrationTest {

    /** Held by 刘某某（示例） (p-004) in the sample since 2019-01-01, mail only. */
    static final String REFUSED_POSITION = "副区长（分管商务）";
    static final String ACCEPTED_POSITION = "副区长（分管城市管理）";

    @LocalServerPort
    int port;

    @Autowired
    Outbox outbox;

    @Autowired
    NotificationLog notifications;

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
    void aHandoverNamingAnyOtherWebhookIsRefusedNamingTheFieldAndStoresNothing() throws Exception {
        JsonNode before = json.readTree(get(path(REFUSED_POSITION)).body());
        assertThat(before.get("holders")).hasSize(1);

        Map<String, String> refused = Map.of(
                "http://127.0.0.1:8084/api/admin/clock", "host-not-allowed",
                "http://169.254.169.254/latest", "host-not-allowed",
                "https://evil.example/robot", "host-not-allowed",
                "https://oapi.dingtalk.com.evil.example/x", "host-not-allowed",
                "https://user@oapi.dingtalk.com@127.0.0.1/", "host-not-allowed",
                "http://oapi.dingtalk.com/robot/send?access_token=x", "insecure-url");
        for (Map.Entry<String, String> url : refused.entrySet()) {
            for (String field : List.of("dingtalkWebhook", "wecomWebhook")) {
                HttpResponse<String> response = handover(REFUSED_POSITION, "p-301", field, url.getKey());
                String what = field + " " + url.getKey();
                assertThat(response.statusCode()).as(what).isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                JsonNode errors = json.readTree(response.body()).get("errors");
                assertThat(errors).as(what).hasSize(1);
                assertThat(errors.get(0).get("field").asString()).as(what).isEqualTo("contacts." + field);
                assertThat(errors.get(0).get("code").asString()).as(what).isEqualTo(url.getValue());
                assertThat(errors.get(0).get("reason").asString()).as(what)
                        .contains("只能发往", "oapi.dingtalk.com", "qyapi.weixin.qq.com");
            }
        }

        JsonNode after = json.readTree(get(path(REFUSED_POSITION)).body());
        assertThat(after).isEqualTo(before);
        assertThat(after.get("holder").get("personId").asString()).isEqualTo("p-004");
        assertThat(after.get("holder").get("contacts").get("dingtalkWebhook").isNull()).isTrue();
        assertThat(after.get("sample").asBoolean()).isTrue();
    }

    @Test
    void aHandoverWithTheRobotsOwnUrlIsStored() throws Exception {
        HttpResponse<String> response = handover(ACCEPTED_POSITION, "p-302", "dingtalkWebhook",
                "https://oapi.dingtalk.com/robot/send?access_token=x");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        JsonNode position = json.readTree(get(path(ACCEPTED_POSITION)).body());
        JsonNode newest = position.get("holders").get(position.get("holders").size() - 1);
        assertThat(newest.get("personId").asString()).isEqualTo("p-302");
        assertThat(newest.get("contacts").get("dingtalkWebhook").asString())
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=x");
        assertThat(position.get("sample").asBoolean()).isFalse();
    }

    @Test
    void anEntryWhoseWebhookIsInternalFailsForGoodAndNothingIsSent() throws Exception {
        // as logged before the check existed: a fake robot on this machine, the cloud metadata address; and a
        // listed name that resolves to a loopback address (a rebinding DNS would look the same)
        String loopback = robots.url("/dingtalk/ok?access_token=secret-token");
        String resolvesToLoopback = robots.url("/wecom/ok?key=secret-key").replace("http://127.0.0.1",
                "https://localhost");
        outbox.enqueue(Messages.digest("guard-local", "p-guard", new Contacts(null, loopback, resolvesToLoopback,
                null)));
        outbox.enqueue(Messages.digest("guard-metadata", "p-guard", new Contacts(null,
                "http://169.254.169.254/latest/meta-data", null, null)));

        await().atMost(Duration.ofSeconds(20)).until(() ->
                status("guard-local:DINGTALK") == DeliveryStatus.FAILED_PERMANENTLY
                        && status("guard-local:WECOM") == DeliveryStatus.FAILED_PERMANENTLY
                        && status("guard-metadata:DINGTALK") == DeliveryStatus.FAILED_PERMANENTLY);

        Delivery local = notifications.find("guard-local:DINGTALK").orElseThrow();
        assertThat(local.lastError()).contains("DINGTALK webhook refused by the outbound policy",
                "host 127.0.0.1 is not an allowed webhook host").doesNotContain("secret-token");
        assertThat(local.attempts()).isEqualTo(1);
        Delivery resolved = notifications.find("guard-local:WECOM").orElseThrow();
        assertThat(resolved.lastError()).contains("WECOM webhook refused by the outbound policy",
                "host localhost resolves to", "loopback").doesNotContain("secret-key");
        assertThat(resolved.attempts()).isEqualTo(1);
        assertThat(notifications.find("guard-metadata:DINGTALK").orElseThrow().lastError())
                .contains("host 169.254.169.254 is not an allowed webhook host");
        // the message itself is not lost: the inbox has it
        await().atMost(Duration.ofSeconds(10)).until(() -> status("guard-local:INBOX") == DeliveryStatus.SENT);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                status("guard-local:DINGTALK") == DeliveryStatus.FAILED_PERMANENTLY);
        assertThat(robots.received("/dingtalk/ok")).isEmpty();
        assertThat(robots.received("/wecom/ok")).isEmpty();

        JsonNode failed = json.readTree(get("/api/notifications?person=p-guard&status=failed_permanently").body());
        assertThat(failed.valueStream().map(n -> n.get("id").asString())).containsExactlyInAnyOrder(
                "guard-local:DINGTALK", "guard-local:WECOM", "guard-metadata:DINGTALK");
    }

    private HttpResponse<String> handover(String position, String personId, String field, String url)
            throws Exception {
        ObjectNode body = json.createObjectNode().put("personId", personId).put("name", "某某（示例）")
                .put("from", "2021-10-08");
        body.putObject("contacts").put("email", (String) null).put("dingtalkWebhook", (String) null)
                .put("wecomWebhook", (String) null).put("mobile", (String) null).put(field, url);
        return http.send(HttpRequest.newBuilder(uri(path(position) + "/holder"))
                .header("Content-Type", "application/json").header("X-Keywork-User", "test")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private DeliveryStatus status(String id) {
        return notifications.find(id).map(Delivery::status).orElse(null);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String path(String position) {
        return "/api/directory/" + URLEncoder.encode(position, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
