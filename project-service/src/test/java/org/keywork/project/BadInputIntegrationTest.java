package org.keywork.project;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
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
 * The generated bad-input run ({@link BadInputRun}) over every write endpoint project-service documents: each spoilt
 * request is refused with a 4xx problem naming what is wrong and stores nothing; text that only looks like an attack
 * is refused or stored as sent. One construction item (9.28, a milestone 9.28#1) arrives from goal-service first.
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
        TopicProbe.send(brokers, Topics.CONSTRUCTION_ITEMS, "9.28", ProjectServiceIntegrationTest.ITEM_9_28);
        await().atMost(Duration.ofSeconds(60)).until(() -> send("GET", "/api/projects/9.28?year=2021", null).statusCode() == 200);

        return BadInputRun.against(baseUrl(), mongo.getDb())
                .value("itemId", "9.28")
                .value("milestoneId", "9.28#1")
                .value("leaderPosition", "副区长（分管卫生健康）")
                .value("leadDepartment", "区卫生健康委")
                .value("cooperatingDepartments", List.of("区建设管理委"))
                .value("reason", "按区政府常务会议调整")
                .value("forecastDate", "2021-11-30")
                .withoutInput("POST /api/admin/sweep", "judges every milestone now; takes no body and no parameters")
                .build();
    }
}
