package org.keywork.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.keywork.notification.SmtpPeer;
import org.keywork.notification.outbound.Outbox;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email through a real SMTP server (GreenMail, in the test JVM): every mail arrives exactly once with its Chinese
 * subject and body, the recipient and the Message-ID derived from the log entry, also when the SMTP server is down
 * for the first rounds (the entries wait, the breaker opens, nothing is lost, nothing is sent twice).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.delivery.poll-interval=PT0.2S",
        "keywork.delivery.initial-backoff=PT0.5S",
        "keywork.delivery.max-backoff=PT1S",
        "resilience4j.retry.configs.delivery.wait-duration=50ms",
        "resilience4j.circuitbreaker.configs.delivery.wait-duration-in-open-state=1s",
        "resilience4j.circuitbreaker.configs.delivery.minimum-number-of-calls=3",
        "resilience4j.circuitbreaker.configs.delivery.sliding-window-size=3"})
@EmbeddedKafka(partitions = 1)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailDeliveryIntegrationTest {

    /** Not running until the first test brings it up. */
    static final SmtpPeer SMTP = new SmtpPeer();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
    }

    @Autowired
    Outbox outbox;

    @Autowired
    NotificationLog notifications;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Autowired
    MeterRegistry meters;

    final SmtpPeer smtp = SMTP;

    void startSmtp() {
        smtp.start();
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    @Order(1)
    void withTheSmtpServerDownFirstEveryMailArrivesExactlyOnceAfterItReturns() throws Exception {
        double deferredBefore = count("deferred");
        List<String> ids = List.of("down-1", "down-2", "down-3");
        for (String id : ids) {
            outbox.enqueue(Messages.digest(id, "p-" + id, Messages.email(id + "@jingan.example")));
        }

        // the server is down: rounds fail, the entries wait, the breaker opens and later rounds are deferred
        await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> {
            Delivery d = email(id);
            return d.status() == DeliveryStatus.PENDING && d.attempts() >= 1 && d.lastError() != null;
        }));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("deferred") > deferredBefore);
        CircuitBreaker breaker = breakers.circuitBreaker("email");
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isPositive();
        assertThat(count("failed")).isPositive();
        assertThat(ids).allSatisfy(id -> assertThat(email(id).status()).isEqualTo(DeliveryStatus.PENDING));
        assertThat(pendingGauge()).isEqualTo(3.0);

        startSmtp();

        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.all().size() >= 3);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> smtp.all().size() == 3);
        for (String id : ids) {
            List<MimeMessage> mails = to(id + "@jingan.example");
            assertThat(mails).hasSize(1);
            assertMail(mails.get(0), id);
            Delivery sent = email(id);
            assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(sent.sentAt()).isNotNull();
            assertThat(sent.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(sent.lastError()).isNull();
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(pendingGauge()).isZero();
        assertThat(count("sent")).isEqualTo(3.0);
    }

    @Test
    @Order(2)
    void aMessageEnqueuedTwiceIsMailedOnceAndAnInvalidAddressFailsForGood() throws Exception {
        startSmtp();
        outbox.enqueue(Messages.digest("twice", "p-twice", Messages.email("twice@jingan.example")));
        outbox.enqueue(Messages.digest("twice", "p-twice", Messages.email("twice@jingan.example")));
        outbox.enqueue(Messages.digest("bad-address", "p-bad", Messages.email("no-at-sign")));

        await().atMost(Duration.ofSeconds(20)).until(() -> to("twice@jingan.example").size() >= 1);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> email("bad-address").status() == DeliveryStatus.FAILED_PERMANENTLY);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> to("twice@jingan.example").size() == 1);
        assertMail(to("twice@jingan.example").get(0), "twice");
        assertThat(email("twice").status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(email("twice").attempts()).isEqualTo(1);

        Delivery bad = email("bad-address");
        assertThat(bad.attempts()).isEqualTo(1);
        assertThat(bad.lastError()).contains("invalid mail address", "no-at-sign");
        assertThat(smtp.to("no-at-sign")).isEmpty();
        // the inbox entry of each message is there once, whatever happened to the mail
        assertThat(notifications.find("twice:INBOX")).get().extracting(Delivery::status)
                .isEqualTo(DeliveryStatus.SENT);
        assertThat(notifications.find("bad-address:INBOX")).get().extracting(Delivery::status)
                .isEqualTo(DeliveryStatus.SENT);
    }

    private static void assertMail(MimeMessage mail, String id) throws Exception {
        assertThat(mail.getSubject()).isEqualTo(Messages.subject(id));
        assertThat(mail.getMessageID()).isEqualTo("<" + id + ".EMAIL@keywork>");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("keywork@jingan.example");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly(id + "@jingan.example");
        assertThat(mail.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("UTF-8");
        String body = ((String) mail.getContent()).replace("\r\n", "\n");
        assertThat(body).startsWith("王晓明：\n\n【进度滞后】5.6 新增社区长者食堂：完成 0 个，序时应达 1.5 个（目标 2 个）")
                .contains("请于 2021-10-15 前反馈整改措施。")
                .endsWith("查看详情：https://keywork.jingan.example/alerts?item=5.6");
    }

    private Delivery email(String messageId) {
        return notifications.find(messageId + ":EMAIL").orElseThrow();
    }

    private List<MimeMessage> to(String address) {
        return smtp.to(address);
    }

    private double pendingGauge() {
        return meters.get(DeliveryDispatcher.METER + ".pending").tag("channel", "email").gauge().value();
    }

    private double count(String outcome) {
        return meters.counter(DeliveryDispatcher.METER, "channel", "email", "outcome", outcome).count();
    }
}
