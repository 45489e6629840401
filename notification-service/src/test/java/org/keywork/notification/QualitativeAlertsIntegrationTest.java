package org.keywork.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * A qualitative item's reported state, as goal-service announces it (rule {@code qualitative-status}), reaches its
 * leader: 存在风险 (YELLOW) as a YELLOW alert, 受阻 (RED) as a RED one, both in the same month; back on track settles
 * them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.notification.escalation.sweep-cron=-"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QualitativeAlertsIntegrationTest {

    static final String LEADER = "分管副区长（定性测试）";

    private static final String TEMPLATE = """
            {"eventId":"%s","type":"goal.indicator-status-changed","version":1,
             "occurredAt":"2021-09-30T01:00:00Z","source":"goal-service","key":"1.4",
             "payload":{"planYear":2021,"itemId":"1.4","itemTitle":"推进营商环境改革。","indicatorId":"1.4",
               "indicatorName":"总体进展","rule":"qualitative-status","period":"2021-09",
               "previous":"%s","current":"%s","asOf":"%s","reportId":"%s",
               "responsibility":{"leaderPosition":"%s","leadDepartment":"区发展改革委","cooperatingDepartments":[]}}}
            """;

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    AlertsApi api;

    @BeforeAll
    void client() {
        api = new AlertsApi(port);
    }

    static String event(String previous, String current, String asOf, String reportId) {
        return TEMPLATE.formatted(UUID.randomUUID(), previous, current, asOf, reportId, LEADER);
    }

    @Test
    void atRiskRaisesAYellowAlertBlockedARedOneAndOnTrackSettlesThem() throws Exception {
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "1.4", event("NOT_STARTED", "YELLOW", "2021-09-10", "r1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(LEADER).size() == 1);
        JsonNode atRisk = api.inbox(LEADER).get(0);
        assertThat(atRisk.get("severity").asString()).isEqualTo("YELLOW");
        assertThat(atRisk.get("rule").asString()).isEqualTo("qualitative-at-risk");
        assertThat(atRisk.get("status").asString()).isEqualTo("OPEN");
        assertThat(atRisk.get("targetId").asString()).isEqualTo("1.4");
        assertThat(atRisk.get("title").asString()).isEqualTo("【存在风险】1.4 总体进展：牵头部门报告进展存在风险");
        assertThat(atRisk.get("message").asString()).contains("截至 2021-09-10 牵头单位报告进展存在风险",
                "责任领导：" + LEADER).doesNotContain("尚未报送进展");

        // worse in the same month: a RED alert of its own, the YELLOW one stays
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "1.4", event("YELLOW", "RED", "2021-09-20", "r2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(LEADER).size() == 2);
        JsonNode blocked = api.inbox(LEADER).get(0);
        assertThat(blocked.get("severity").asString()).isEqualTo("RED");
        assertThat(blocked.get("rule").asString()).isEqualTo("qualitative-blocked");
        assertThat(blocked.get("title").asString()).isEqualTo("【进展受阻】1.4 总体进展：牵头部门报告进展受阻");

        // back on track: both settled
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "1.4", event("RED", "GREEN", "2021-10-10", "r3"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(api.inbox(LEADER))
                .allSatisfy(alert -> assertThat(alert.get("status").asString()).isEqualTo("RESOLVED")));
        assertThat(api.inbox(LEADER).get(0).get("resolvedReason").asString()).startsWith("事项 1.4");
    }
}
