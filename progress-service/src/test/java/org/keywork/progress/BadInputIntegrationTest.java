package org.keywork.progress;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

/**
 * The generated bad-input run ({@link BadInputRun}) over every write endpoint progress-service documents: each spoilt
 * report or bulk upload is refused with a 4xx problem naming the field (a bulk upload's cell by row and column) and
 * stores nothing; text that only looks like an attack is refused or stored as sent. Item 5.6 (an indicator, 5.6#1)
 * arrives from goal-service first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
class BadInputIntegrationTest extends BadInputTests {

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MongoTemplate mongo;

    @Override
    protected BadInputRun prepare() {
        TopicProbe.send(brokers, Topics.PLAN_ITEMS, "5.6", ProgressServiceIntegrationTest.PLAN_ITEM_5_6);
        // an empty department is refused either way; once the item is known, only for the department
        await().atMost(Duration.ofSeconds(60)).until(() -> !send("POST", "/api/progress", """
                {"reportId":"r-probe","itemId":"5.6","targetId":"5.6#1","value":1,"asOf":"2021-09-30","department":""}
                """).body().contains("unknown-item"));

        return BadInputRun.against(baseUrl(), mongo.getDb())
                .value("reportId", "r-bad-input-5.6-2021-09")
                .value("planYear", 2021)
                .value("itemId", "5.6")
                .value("targetId", "5.6#1")
                .value("value", 1)
                .value("asOf", "2021-09-30")
                .value("department", "区民政局")
                .value("note", "选址已定")
                // an indicator's report: no milestone date, no qualitative state, correcting nothing
                .value("reachedOn", BadInputRun.NULL)
                .value("state", BadInputRun.NULL)
                .value("supersedes", BadInputRun.NULL)
                .sample("POST /api/progress/bulk", "text/csv", """
                        reportId,itemId,targetId,value,asOf,department,note
                        r-bulk-5.6-2021-09,5.6,5.6#1,1,2021-09-30,区民政局,选址已定
                        """.getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
