package org.keywork.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import org.keywork.events.Topics;
import org.keywork.testing.BadInputRun;
import org.keywork.testing.BadInputTests;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generated bad-input run ({@link BadInputRun}) over every write endpoint notification-service documents: each
 * spoilt acknowledgement, handover or calendar upload is refused with a 4xx problem naming the field and stores
 * nothing; text that only looks like an attack is refused or stored as sent. A RED indicator raises one alert
 * first; the sample directory holds the positions. Messages are logged but not dispatched (the dispatcher's retries would change the
 * log under the comparison).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
                // the delivery dispatcher retries pending mail (no SMTP server here) on its backoff timer, changing
                // log entries at any moment; the run compares the store around each request, so no dispatcher
                "keywork.delivery.dispatch-enabled=false"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class BadInputIntegrationTest extends BadInputTests {

    static final String CIVIL_AFFAIRS_LEADER = "副区长（分管民政）";

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MongoTemplate mongo;

    final JsonMapper json = JsonMapper.builder().build();
    @Override
    protected BadInputRun prepare() throws Exception {
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6",
                IndicatorStatusEvent.red().leader(CIVIL_AFFAIRS_LEADER).json());
        await().atMost(Duration.ofSeconds(60)).until(() -> json.readTree(send("GET", "/api/alerts", null).body()).size() == 1);
        JsonNode alert = json.readTree(send("GET", "/api/alerts", null).body()).get(0);
        assertThat(send("GET", "/api/directory", null).body()).contains(CIVIL_AFFAIRS_LEADER);
        // the alert's own after-effects (its event relayed, its digest and escalation marks, on timers of up to a
        // second) are over before the run compares the store around each request: unchanged for 3 s
        String[] last = {""};
        long[] since = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String now = mongo.getCollection("alerts").find().into(new ArrayList<>()).toString();
            if (!now.equals(last[0])) {
                last[0] = now;
                since[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since[0] > Duration.ofSeconds(3).toNanos();
        });

        return BadInputRun.against(baseUrl(), mongo.getDb())
                .value("alertId", alert.get("alertId").asString())
                .value("note", "已督促区民政局本周内选址")
                .value("AckRequest.by", "bad-input-admin")
                .value("feedbackId", BadInputRun.NULL) // each accepted feedback is its own entry, stored as sent
                .value("reportId", "r-5.6-2021-09")
                .value("position", CIVIL_AFFAIRS_LEADER)
                .value("personId", "p-099")
                .value("name", "测试人")
                .value("from", "2021-10-08")
                // PUT /api/admin/calendars/{year}: a valid year around the handover's "from" and the holiday's "name"
                .value("year", 2021)
                .value("to", "2021-10-08")
                .value("date", "2021-10-09")
                .value("email", "test.p099.example@keywork.local")
                .value("dingtalkWebhook", "https://oapi.dingtalk.com/robot/send?access_token=bad-input")
                .value("wecomWebhook", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=bad-input")
                .value("mobile", "13800000000")
                .withoutInput("POST /api/admin/escalations/sweep",
                        "escalates and reminds now; takes no body and no parameters")
                .build();
    }
}
