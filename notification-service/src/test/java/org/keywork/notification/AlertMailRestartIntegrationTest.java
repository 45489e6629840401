package org.keywork.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.testing.MongoWireServers;
import org.keywork.testing.QuickConsumerStopCustomizerFactory;
import org.keywork.testing.TopicProbe;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * An instance of notification-service that received a delay event and stopped before it mailed anyone leaves
 * everything needed on the database: the next instance mails the responsible leader exactly once. The stop falls
 * at the two places a crash can hit: after the alert was stored but before its digest was decided, and after the
 * digest was written to the notification log but before it was sent. Each instance pair has its own database and
 * consumer group (the second pair also reads the first pair's event: it mails what it logged, once).
 */
@EmbeddedKafka(partitions = 1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertMailRestartIntegrationTest {

    /** The sample directory's holder of 副区长（分管民政） since 2021-07-01. */
    static final String LEADER_MAIL = "sun.p012.example@keywork.local";

    final SmtpPeer smtp = new SmtpPeer();

    @BeforeAll
    void startSmtp() {
        smtp.start();
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void stoppedAfterStoringTheAlertTheNextInstanceMailsTheLeaderOnce() throws Exception {
        String database = "alert-mail-restart-1";
        String brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        try (ConfigurableApplicationContext first = start(database, "PT1H", false)) {
            TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6",
                    IndicatorStatusEvent.red().leader("副区长（分管民政）").json());
            MongoTemplate mongo = first.getBean(MongoTemplate.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> mongo.count(new Query(), "alerts") == 1);
            assertThat(mongo.count(new Query(), "notification_log")).as("no digest decided yet").isZero();
        }
        assertThat(to(LEADER_MAIL)).isEmpty();

        try (ConfigurableApplicationContext second = start(database, "PT1S", true)) {
            await().atMost(Duration.ofSeconds(40)).until(() -> to(LEADER_MAIL).size() >= 1);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> to(LEADER_MAIL).size() == 1);
            MimeMessage mail = to(LEADER_MAIL).get(0);
            assertThat(mail.getSubject()).startsWith("【重点工作预警】新增 1 条预警");
            assertThat(mail.getContent().toString()).contains("新增社区长者食堂", "/#/items/5.6");
        }
    }

    @Test
    void stoppedAfterLoggingTheDigestTheNextInstanceSendsItOnce() throws Exception {
        String database = "alert-mail-restart-2";
        String brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        int before = to(LEADER_MAIL).size();
        int logged;
        try (ConfigurableApplicationContext first = start(database, "PT1S", false)) {
            TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.7",
                    IndicatorStatusEvent.red().item("5.7").leader("副区长（分管民政）").json());
            MongoTemplate mongo = first.getBean(MongoTemplate.class);
            Query leaderMail = Query.query(Criteria.where("channel").is("EMAIL").and("address").is(LEADER_MAIL));
            await().atMost(Duration.ofSeconds(30)).until(() -> mongo.find(leaderMail, Document.class,
                    "notification_log").stream().anyMatch(d -> d.get("body").toString().contains("5.7")));
            List<Document> pending = mongo.find(leaderMail, Document.class, "notification_log");
            assertThat(pending).allSatisfy(d -> assertThat(d.get("status")).isEqualTo("PENDING"));
            logged = pending.size();
        }
        assertThat(to(LEADER_MAIL)).hasSize(before);

        int expected = before + logged;
        try (ConfigurableApplicationContext second = start(database, "PT1S", true)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> to(LEADER_MAIL).size() >= expected);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> to(LEADER_MAIL).size() == expected);
        }
    }

    private ConfigurableApplicationContext start(String database, String digestWindow, boolean dispatch) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        return new SpringApplicationBuilder(NotificationServiceApplication.class).run(
                "--server.port=0", QuickConsumerStopCustomizerFactory.ARGUMENT,
                "--spring.mongodb.uri=" + MongoWireServers.uri(database),
                "--spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
                "--spring.cloud.stream.bindings.indicatorStatus-in-0.group=notification-" + database,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.port(),
                "--keywork.notification.digest-window=" + digestWindow,
                "--keywork.delivery.dispatch-enabled=" + dispatch,
                "--keywork.delivery.poll-interval=PT0.2S");
    }

    private List<MimeMessage> to(String address) {
        return smtp.to(address);
    }
}
