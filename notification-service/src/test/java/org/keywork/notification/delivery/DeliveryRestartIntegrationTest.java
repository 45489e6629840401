package org.keywork.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.notification.NotificationServiceApplication;
import org.keywork.notification.SmtpPeer;
import org.keywork.notification.outbound.Outbox;
import org.keywork.testing.MongoWireServers;
import org.keywork.testing.QuickConsumerStopCustomizerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The notification log survives the service: messages enqueued by an instance that stops (or dies) before it sent
 * them are mailed exactly once by the next instance on the same database, one that died in the middle of a send
 * (its lease still on the entry) is mailed once after the lease ran out, and a mail already sent is not sent again.
 * Each instance is a whole notification-service application context, started and closed in turn.
 */
@EmbeddedKafka(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryRestartIntegrationTest {

    final SmtpPeer smtp = new SmtpPeer();
    final String mongoUri = MongoWireServers.uri(DeliveryRestartIntegrationTest.class.getSimpleName());

    @BeforeAll
    void startSmtp() {
        smtp.start();
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void aRestartNeitherDropsPendingMailsNorRepeatsSentOnes() throws Exception {
        // first instance: sends one mail completely
        try (ConfigurableApplicationContext first = start(true)) {
            first.getBean(Outbox.class).enqueue(Messages.digest("before-restart", "p-sent",
                    Messages.email("sent@jingan.example")));
            await().atMost(Duration.ofSeconds(30)).until(() -> to("sent@jingan.example").size() == 1);
            NotificationLog log = first.getBean(NotificationLog.class);
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    log.find("before-restart:EMAIL").orElseThrow().status() == DeliveryStatus.SENT);
        }

        // second instance: receives two messages and is gone before it sends them; one of them it had claimed
        try (ConfigurableApplicationContext second = start(false)) {
            Outbox outbox = second.getBean(Outbox.class);
            outbox.enqueue(Messages.digest("enqueued-then-stopped", "p-pending",
                    Messages.email("pending@jingan.example")));
            outbox.enqueue(Messages.digest("claimed-then-killed", "p-claimed",
                    Messages.email("claimed@jingan.example")));
            // as a dispatcher that died right after claiming leaves it: leased to an instance that never returns
            Instant leaseEnd = Instant.now().plusSeconds(3);
            second.getBean(MongoTemplate.class).updateFirst(
                    Query.query(Criteria.where("_id").is("claimed-then-killed:EMAIL")),
                    new Update().set("claimedUntil", leaseEnd).set("claimedBy", "killed")
                            .set(NotificationLog.PENDING_ON, NotificationLog.pendingMark(ChannelKind.EMAIL, leaseEnd,
                                    "claimed-then-killed:EMAIL")),
                    Delivery.class);
            NotificationLog log = second.getBean(NotificationLog.class);
            assertThat(log.find("enqueued-then-stopped:EMAIL")).get().extracting(Delivery::status)
                    .isEqualTo(DeliveryStatus.PENDING);
            assertThat(log.find("claimed-then-killed:EMAIL")).get().extracting(Delivery::status)
                    .isEqualTo(DeliveryStatus.PENDING);
        }
        assertThat(smtp.all()).hasSize(1);

        // third instance on the same database: sends what was left, once each, and not the one sent before
        try (ConfigurableApplicationContext third = start(true)) {
            NotificationLog log = third.getBean(NotificationLog.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> smtp.all().size() >= 3);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> smtp.all().size() == 3);
            assertThat(to("sent@jingan.example")).hasSize(1);
            assertThat(to("pending@jingan.example")).singleElement()
                    .satisfies(mail -> assertThat(mail.getMessageID()).isEqualTo("<enqueued-then-stopped.EMAIL@keywork>"))
                    .satisfies(mail -> assertThat(mail.getSubject())
                            .isEqualTo(Messages.subject("enqueued-then-stopped")));
            assertThat(to("claimed@jingan.example")).singleElement()
                    .satisfies(mail -> assertThat(mail.getMessageID()).isEqualTo("<claimed-then-killed.EMAIL@keywork>"));
            for (String id : List.of("before-restart", "enqueued-then-stopped", "claimed-then-killed")) {
                Delivery mail = log.find(id + ":EMAIL").orElseThrow();
                assertThat(mail.status()).isEqualTo(DeliveryStatus.SENT);
                assertThat(mail.attempts()).isEqualTo(1);
                Delivery inbox = log.find(id + ":INBOX").orElseThrow();
                assertThat(inbox.status()).isEqualTo(DeliveryStatus.SENT);
            }
        }
    }

    private ConfigurableApplicationContext start(boolean dispatch) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--server.port=0", QuickConsumerStopCustomizerFactory.ARGUMENT,
                "--spring.mongodb.uri=" + mongoUri,
                "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.port(),
                "--keywork.delivery.dispatch-enabled=" + dispatch,
                "--keywork.delivery.poll-interval=PT0.2S");
    }

    private List<MimeMessage> to(String address) {
        return smtp.to(address);
    }
}
