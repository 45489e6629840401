package org.keywork.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keywork.notification.NotificationServiceApplication;
import org.keywork.notification.outbound.AlertChange;
import org.keywork.notification.outbound.Contacts;
import org.keywork.notification.outbound.OutgoingMessage;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TestTokens;
import org.keywork.testing.TopicProbe;
import org.keywork.testing.QuickConsumerStopCustomizerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Two instances of notification-service on one broker and one store: a browser connected to either hears a live
 * update (an alert that changed, a notification in its inbox) made on the other, once, and the instance that made it
 * pushes it to its own browsers once too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.delivery.dispatch-enabled=false", "keywork.auth.required=true"})
@EmbeddedKafka(partitions = 1)
@EmbeddedMongoWireServer
class LiveFanoutIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    InboxChannel inbox;

    @Autowired
    Environment environment;

    /** The second instance, started once for the class beside the test's own. */
    static ConfigurableApplicationContext second;
    static int secondPort;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startSecondInstance() {
        if (second != null) {
            return;
        }
        // command-line arguments: above application.yml, as the environment is for a real second instance
        second = new SpringApplicationBuilder(NotificationServiceApplication.class).run("--server.port=0",
                QuickConsumerStopCustomizerFactory.ARGUMENT,
                "--spring.mongodb.uri=" + environment.getProperty("spring.mongodb.uri"),
                "--spring.cloud.stream.kafka.binder.brokers="
                        + environment.getProperty("spring.cloud.stream.kafka.binder.brokers"),
                "--keywork.delivery.dispatch-enabled=false", "--keywork.auth.required=true");
        secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    private SseClient stream(int port, String query, String token) throws Exception {
        SseClient client = SseClient.open(http, "http://127.0.0.1:" + port + "/api/alerts/stream" + query, null, token);
        assertThat(client.awaitComment("connected", Duration.ofSeconds(10))).isTrue();
        return client;
    }

    @Test
    void anAlertChangedOnOneInstanceReachesTheBrowsersOfBothOnce() throws Exception {
        try (SseClient onFirst = stream(port, "", TestTokens.supervisor());
                SseClient onSecond = stream(secondPort, "", TestTokens.supervisor())) {
            // the second instance's anonymous consumer group must have its partitions before the first publishes
            Thread.sleep(3000);

            events.publishEvent(new AlertChange("alert-fanout-1",
                    Map.of("change", "RAISED", "alertId", "alert-fanout-1"), Set.of("副区长（分管民政）"),
                    Set.of("区民政局"), Set.of("p-012")));

            SseClient.Event remote = onSecond.next(Duration.ofSeconds(20));
            assertThat(remote).isNotNull();
            assertThat(remote.name()).isEqualTo(AlertChange.EVENT);
            assertThat(remote.data()).contains("\"alertId\":\"alert-fanout-1\"", "\"change\":\"RAISED\"");
            SseClient.Event local = onFirst.next(Duration.ofSeconds(5));
            assertThat(local.name()).isEqualTo(AlertChange.EVENT);
            assertThat(local.data()).contains("alert-fanout-1");
            // once on each: nothing more comes (the first instance skips its own update coming back)
            assertThat(onFirst.next(Duration.ofSeconds(3))).isNull();
            assertThat(onSecond.next(Duration.ofSeconds(1))).isNull();
        }
    }

    @Test
    void aBurstOfAlertChangesTravelsInFewMessagesAndReachesTheOtherInstanceEachOnceInOrder() throws Exception {
        int burst = 50;
        try (SseClient onSecond = stream(secondPort, "", TestTokens.supervisor())) {
            Thread.sleep(3000);

            for (int i = 0; i < burst; i++) {
                events.publishEvent(new AlertChange("alert-burst-" + i,
                        Map.of("change", "RAISED", "alertId", "alert-burst-" + i), Set.of("副区长（分管民政）"),
                        Set.of("区民政局"), Set.of("p-012")));
            }

            List<String> received = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                SseClient.Event event = onSecond.next(Duration.ofSeconds(20));
                assertThat(event).as("alert event %d of %d", i + 1, burst).isNotNull();
                assertThat(event.name()).isEqualTo(AlertChange.EVENT);
                received.add(event.data());
            }
            for (int i = 0; i < burst; i++) {
                assertThat(received.get(i)).contains("\"alertId\":\"alert-burst-" + i + "\"");
            }
            assertThat(onSecond.next(Duration.ofSeconds(2))).isNull();
        }
        try (TopicProbe probe = TopicProbe.on(environment.getProperty("spring.embedded.kafka.brokers"),
                LiveFanout.TOPIC)) {
            List<ConsumerRecord<String, byte[]>> messages = probe.readFor(Duration.ofSeconds(3)).stream()
                    .filter(r -> TopicProbe.body(r).contains("alert-burst-")).toList();
            // what was queued while the sender was busy went out together, each message naming its instance
            assertThat(messages).hasSizeLessThan(burst);
            assertThat(messages).allSatisfy(r -> assertThat(TopicProbe.header(r, LiveFanout.ORIGIN_HEADER))
                    .isNotBlank());
            assertThat(messages.stream().map(r -> TopicProbe.header(r, LiveFanout.ORIGIN_HEADER)).distinct())
                    .as("all sent by the one instance where the changes were made").hasSize(1);
            assertThat(messages.stream().mapToInt(r -> TopicProbe.body(r).split("alert-burst-").length - 1).sum())
                    .as("every update once (each appears twice in its change: alertId and data)")
                    .isEqualTo(2 * burst);
        }
    }

    @Test
    void aNotificationPushedOnOneInstanceReachesItsRecipientConnectedToTheOther() throws Exception {
        String leader = TestTokens.leader("leader-minzheng", "副区长（分管民政）");
        try (SseClient onSecond = stream(secondPort, "", leader)) {
            Thread.sleep(3000);
            OutgoingMessage message = new OutgoingMessage("m-fanout-1", OutgoingMessage.Kind.ESCALATION,
                    "副区长（分管民政）", "p-012", "孙某某（示例）", Contacts.NONE, "预警", "养老床位进度滞后",
                    "http://localhost:8080/#/items/5.6", List.of("alert-fanout-2"), Instant.now());

            inbox.send(Delivery.pending(message, ChannelKind.INBOX, "p-012", Instant.now()));

            SseClient.Event event = onSecond.next(Duration.ofSeconds(20));
            assertThat(event).isNotNull();
            assertThat(event.name()).isEqualTo("notification");
            assertThat(event.id()).isEqualTo("m-fanout-1:INBOX");
            assertThat(event.data()).contains("养老床位进度滞后");
        }
    }
}
