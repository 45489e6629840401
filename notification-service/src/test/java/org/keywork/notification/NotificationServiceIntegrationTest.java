package org.keywork.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.Topics;
import org.keywork.notification.outbound.OutgoingMessage;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * notification-service against a real KRaft broker and the embedded MongoDB wire server: RED indicators and RED or
 * YELLOW milestones become exactly one alert (and one {@code AlertRaised} event) however often they are delivered,
 * recoveries resolve them, missing reports remind the lead department once, and recipients acknowledge them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.notification.digest-window=PT3S",
        "keywork.notification.escalation.sweep-cron=-"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@Import(RecordingOutbox.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationServiceIntegrationTest {

    static final String CIVIL_AFFAIRS_LEADER = "分管副区长（民生）";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RecordingOutbox.Watching outbox;

    AlertsApi api;

    @BeforeAll
    void client() {
        api = new AlertsApi(port);
    }

    @Test
    void aRedIndicatorRaisesExactlyOneAlertAndOneEventHoweverOftenItIsDeliveredAndARecoveryResolvesIt()
            throws Exception {
        IndicatorStatusEvent red = IndicatorStatusEvent.red().leader(CIVIL_AFFAIRS_LEADER);
        double duplicatesBefore = count("duplicate");

        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6", red.json());
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6", red.json());
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6", red.newEventId().json());

        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(CIVIL_AFFAIRS_LEADER).size() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("duplicate") >= duplicatesBefore + 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> api.inbox(CIVIL_AFFAIRS_LEADER).size() == 1);

        JsonNode alert = api.inbox(CIVIL_AFFAIRS_LEADER).get(0);
        String alertId = alert.get("alertId").asString();
        assertThat(alertId).isEqualTo(UUID.nameUUIDFromBytes(
                "alert:2021:5.6#1:behind-schedule:2021-09".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(alert.get("planYear").asInt()).isEqualTo(2021);
        assertThat(alert.get("itemId").asString()).isEqualTo("5.6");
        assertThat(alert.get("itemTitle").asString()).isEqualTo("★新增社区长者食堂 2 个。");
        assertThat(alert.get("targetId").asString()).isEqualTo("5.6#1");
        assertThat(alert.get("indicatorName").asString()).isEqualTo("新增社区长者食堂");
        assertThat(alert.get("rule").asString()).isEqualTo("behind-schedule");
        assertThat(alert.get("period").asString()).isEqualTo("2021-09");
        assertThat(alert.get("severity").asString()).isEqualTo("RED");
        assertThat(alert.get("status").asString()).isEqualTo("OPEN");
        assertThat(alert.get("recipientPosition").asString()).isEqualTo(CIVIL_AFFAIRS_LEADER);
        assertThat(alert.get("leadDepartment").asString()).isEqualTo("区民政局");
        assertThat(alert.get("cooperatingDepartments").get(0).asString()).isEqualTo("各街道办事处");
        assertThat(alert.get("title").asString())
                .isEqualTo("【进度滞后】5.6 新增社区长者食堂：完成 0 个，序时应达 1.5 个（目标 2 个）");
        assertThat(alert.get("message").asString()).contains("2021-09-30", "落后序时进度 75 个百分点",
                "责任领导：" + CIVIL_AFFAIRS_LEADER);
        assertThat(alert.get("actual").decimalValue()).isEqualByComparingTo("0");
        assertThat(alert.get("expected").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(alert.get("asOf").asString()).isEqualTo("2021-09-30");
        assertThat(alert.get("sourceEventId").asString()).isEqualTo(red.eventId());
        assertThat(alert.get("raisedAt").isNull()).isFalse();
        assertThat(alert.get("acknowledgedAt").isNull()).isTrue();
        assertThat(AlertsApi.withoutPublished(api.json(api.get("/api/alerts/" + alertId))))
                .isEqualTo(AlertsApi.withoutPublished(alert));

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.ALERTS)) {
            probe.awaitAtLeast(1, Duration.ofSeconds(10));
            List<ConsumerRecord<String, byte[]>> records = probe.readFor(Duration.ofSeconds(3)).stream()
                    .filter(r -> TopicProbe.body(r).contains(alertId)).toList();
            assertThat(records).hasSize(1);
            ConsumerRecord<String, byte[]> record = records.get(0);
            assertThat(record.key()).isEqualTo("5.6");
            assertThat(TopicProbe.header(record, "keywork_event_type")).isEqualTo("notification.alert-raised");
            JsonNode envelope = api.json(record.value());
            assertThat(envelope.get("eventId").asString()).isEqualTo(UUID.nameUUIDFromBytes(
                    ("notification.alert-raised:" + alertId).getBytes(StandardCharsets.UTF_8)).toString());
            assertThat(envelope.get("type").asString()).isEqualTo("notification.alert-raised");
            assertThat(envelope.get("version").asInt()).isEqualTo(1);
            assertThat(envelope.get("source").asString()).isEqualTo("notification-service");
            assertThat(envelope.get("key").asString()).isEqualTo("5.6");
            JsonNode payload = envelope.get("payload");
            assertThat(payload.get("alertId").asString()).isEqualTo(alertId);
            assertThat(payload.get("targetId").asString()).isEqualTo("5.6#1");
            assertThat(payload.get("period").asString()).isEqualTo("2021-09");
            assertThat(payload.get("severity").asString()).isEqualTo("RED");
            assertThat(payload.get("recipientPosition").asString()).isEqualTo(CIVIL_AFFAIRS_LEADER);
            assertThat(payload.get("title").asString()).isEqualTo(alert.get("title").asString());
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                api.json(api.get("/api/alerts/" + alertId)).get("published").asBoolean());

        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6", red.recovered().json());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.json(api.get("/api/alerts/" + alertId)).get("status").asString().equals("RESOLVED"));
        JsonNode resolved = api.json(api.get("/api/alerts/" + alertId));
        assertThat(resolved.get("resolvedAt").isNull()).isFalse();
        assertThat(resolved.get("resolvedReason").asString()).contains("5.6#1", "2021-10-31", "完成 2 个", "绿色");

        // a replay of the old RED judgement, under yet another event id, neither re-opens nor duplicates it
        double duplicatesBeforeReplay = count("duplicate");
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.6", red.newEventId().json());
        await().atMost(Duration.ofSeconds(20)).until(() -> count("duplicate") >= duplicatesBeforeReplay + 1);
        JsonNode inbox = api.inbox(CIVIL_AFFAIRS_LEADER);
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).get("status").asString()).isEqualTo("RESOLVED");
        assertThat(inbox.get(0).get("resolvedAt")).isEqualTo(resolved.get("resolvedAt"));

        // seen only after it resolved: the acknowledgement is recorded, the status stays RESOLVED
        JsonNode seenLate = api.json(api.ack(alertId, "{\"note\":\"已阅，已完成\"}"));
        assertThat(seenLate.get("status").asString()).isEqualTo("RESOLVED");
        assertThat(seenLate.get("ackNote").asString()).isEqualTo("已阅，已完成");
        assertThat(seenLate.get("acknowledgedAt").isNull()).isFalse();
    }

    @Test
    void aRecipientSeesTheirAlertsNewestFirstAndAcknowledgesEachOnce() throws Exception {
        String leader = "分管副区长（城建）";
        IndicatorStatusEvent august = IndicatorStatusEvent.red().item("5.8").leader(leader)
                .period("2021-08", "2021-08-31");
        IndicatorStatusEvent september = august.newEventId().period("2021-09", "2021-09-30").actual("0.5");
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.8", august.json());
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.8", september.json());

        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(leader).size() == 2);
        JsonNode inbox = api.inbox(leader);
        assertThat(inbox).extracting(a -> a.get("period").asString()).containsExactly("2021-09", "2021-08");
        assertThat(inbox.get(0).get("title").asString()).contains("完成 0.5 个");
        String newest = inbox.get(0).get("alertId").asString();
        String older = inbox.get(1).get("alertId").asString();

        HttpResponse<String> first = api.ack(newest, """
                {"note":"已督办区民政局，要求 10 月底前完成选址","by":"张三"}
                """);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode acknowledged = api.json(first);
        assertThat(acknowledged.get("alertId").asString()).isEqualTo(newest);
        assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(acknowledged.get("ackNote").asString()).isEqualTo("已督办区民政局，要求 10 月底前完成选址");
        assertThat(acknowledged.get("acknowledgedBy").asString()).isEqualTo("张三");
        assertThat(acknowledged.get("acknowledgedAt").isNull()).isFalse();

        HttpResponse<String> again = api.ack(newest, """
                {"note":"第二次确认","by":"李四"}
                """);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(AlertsApi.withoutPublished(api.json(again))).isEqualTo(AlertsApi.withoutPublished(acknowledged));
        assertThat(AlertsApi.withoutPublished(api.json(api.get("/api/alerts/" + newest))))
                .isEqualTo(AlertsApi.withoutPublished(acknowledged));

        assertThat(api.inbox(leader, "status=ACKNOWLEDGED")).extracting(a -> a.get("alertId").asString())
                .containsExactly(newest);
        assertThat(api.inbox(leader, "status=open")).extracting(a -> a.get("alertId").asString())
                .containsExactly(older);
        assertThat(api.inbox(leader, "itemId=5.8&year=2021")).hasSize(2);
        assertThat(api.inbox(leader, "year=2022")).isEmpty();
        assertThat(api.inbox(leader, "itemId=5.6")).isEmpty();

        HttpResponse<String> withoutBody = api.ack(older, null);
        assertThat(withoutBody.statusCode()).isEqualTo(200);
        assertThat(api.json(withoutBody).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(api.json(withoutBody).get("ackNote").isNull()).isTrue();

        // an acknowledged alert still resolves when the indicator recovers, and keeps its acknowledgement
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.8", september.recovered().json());
        await().atMost(Duration.ofSeconds(20)).until(() -> api.inbox(leader, "status=RESOLVED").size() == 2);
        JsonNode settled = api.json(api.get("/api/alerts/" + newest));
        assertThat(settled.get("ackNote").asString()).isEqualTo("已督办区民政局，要求 10 月底前完成选址");
        assertThat(settled.get("acknowledgedAt")).isEqualTo(acknowledged.get("acknowledgedAt"));
    }

    @Test
    void anUnknownAlertIsA404Problem() throws Exception {
        for (HttpResponse<String> response : List.of(api.get("/api/alerts/no-such-alert"),
                api.ack("no-such-alert", "{\"note\":\"看过了\"}"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = api.json(response);
            assertThat(problem.get("status").asInt()).isEqualTo(404);
            assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:not-found");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("alertId");
            assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("not-found");
            assertThat(problem.get("errors").get(0).get("reason").asString()).contains("no-such-alert");
        }
    }

    @Test
    void badFiltersAndBadAcknowledgementsAreRefusedNamingTheField() throws Exception {
        HttpResponse<String> badStatus = api.get("/api/alerts?status=LATE");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(api.json(badStatus).get("errors").get(0).get("field").asString()).isEqualTo("status");
        assertThat(api.json(badStatus).get("errors").get(0).get("code").asString()).isEqualTo("invalid-value");

        HttpResponse<String> misspelt = api.ack("no-such-alert", "{\"nots\":\"x\"}");
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(misspelt.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.json(misspelt).get("errors").get(0).get("field").asString()).isEqualTo("nots");
        assertThat(api.json(misspelt).get("errors").get(0).get("code").asString()).isEqualTo("unknown-field");
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndTheConsumerKeepsGoing() throws Exception {
        String leader = "区长";
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.12", "this is not an envelope");
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.12",
                IndicatorStatusEvent.red().item("5.12").leader(leader).json());

        try (TopicProbe dlq = TopicProbe.on(brokers,
                Topics.deadLetter(Topics.INDICATOR_STATUS, "notification-service"))) {
            assertThat(Topics.deadLetter(Topics.INDICATOR_STATUS, "notification-service"))
                    .isEqualTo("keywork.goal.indicator-status.notification-service.dlq");
            ConsumerRecord<String, byte[]> dead = dlq.awaitAtLeast(1, Duration.ofSeconds(30)).get(0);
            assertThat(TopicProbe.body(dead)).isEqualTo("this is not an envelope");
            assertThat(TopicProbe.header(dead, "x-exception-message")).contains("unreadable");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> api.inbox(leader).size() == 1);
        assertThat(api.inbox(leader).get(0).get("targetId").asString()).isEqualTo("5.12#1");
    }

    @Test
    void aRecoveryDeliveredAgainAfterALaterRedJudgementLeavesTheNewAlertOpen() throws Exception {
        String leader = "分管副区长（科技）";
        IndicatorStatusEvent red = IndicatorStatusEvent.red().item("5.31").leader(leader);
        IndicatorStatusEvent recovery = red.recovered();
        IndicatorStatusEvent redAgain = red.newEventId().period("2021-11", "2021-11-30");

        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.31", red.json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(leader).size() == 1);
        String first = api.inbox(leader).get(0).get("alertId").asString();
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.31", recovery.json());
        await().atMost(Duration.ofSeconds(20)).until(() ->
                api.json(api.get("/api/alerts/" + first)).get("status").asString().equals("RESOLVED"));
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.31", redAgain.json());
        await().atMost(Duration.ofSeconds(20)).until(() -> api.inbox(leader).size() == 2);
        JsonNode november = null;
        for (JsonNode alert : api.inbox(leader)) {
            if (alert.get("period").asString().equals("2021-11")) {
                november = alert;
            }
        }
        assertThat(november).isNotNull();
        String second = november.get("alertId").asString();
        double skippedBefore = consumed(IndicatorStatusChanged.TYPE, "duplicate");

        // a late redelivery of the recovery (its offset was not committed): it is known by its event id and skipped,
        // where handling it again would resolve November's alert, which it never spoke of
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.31", recovery.json());

        await().atMost(Duration.ofSeconds(20)).until(() ->
                consumed(IndicatorStatusChanged.TYPE, "duplicate") >= skippedBefore + 1);
        assertThat(api.json(api.get("/api/alerts/" + second)).get("status").asString()).isEqualTo("OPEN");
        assertThat(api.json(api.get("/api/alerts/" + first)).get("status").asString()).isEqualTo("RESOLVED");
    }

    private double consumed(String type, String outcome) {
        var counter = meters.find("keywork.events.consumed").tag("type", type).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anOverdueMilestoneRaisesExactlyOneAlertAndOneEventHoweverOftenItIsDelivered() throws Exception {
        String leader = "分管副区长（规划）";
        MilestoneStatusEvent overdue = MilestoneStatusEvent.overdue().leader(leader);
        double duplicatesBefore = count("duplicate");

        TopicProbe.send(brokers, Topics.MILESTONE_STATUS, "9.8", overdue.json());
        TopicProbe.send(brokers, Topics.MILESTONE_STATUS, "9.8", overdue.json());
        TopicProbe.send(brokers, Topics.MILESTONE_STATUS, "9.8", overdue.newEventId().json());

        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(leader).size() >= 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("duplicate") >= duplicatesBefore + 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> api.inbox(leader).size() == 1);

        JsonNode alert = api.inbox(leader).get(0);
        String alertId = alert.get("alertId").asString();
        assertThat(alertId).isEqualTo(UUID.nameUUIDFromBytes(
                "alert:2021:9.8#1:milestone-overdue:2021-12".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(alert.get("itemId").asString()).isEqualTo("9.8");
        assertThat(alert.get("targetId").asString()).isEqualTo("9.8#1");
        assertThat(alert.get("targetKind").asString()).isEqualTo("MILESTONE");
        assertThat(alert.get("targetName").asString()).isEqualTo("大宁中心广场五期项目");
        assertThat(alert.get("milestoneType").asString()).isEqualTo("COMPLETION");
        assertThat(alert.get("rule").asString()).isEqualTo("milestone-overdue");
        assertThat(alert.get("period").asString()).isEqualTo("2021-12");
        assertThat(alert.get("severity").asString()).isEqualTo("RED");
        assertThat(alert.get("status").asString()).isEqualTo("OPEN");
        assertThat(alert.get("recipientPosition").asString()).isEqualTo(leader);
        assertThat(alert.get("leadDepartment").asString()).isEqualTo("区建管委");
        assertThat(alert.get("plannedDate").asString()).isEqualTo("2021-12-31");
        assertThat(alert.get("forecastDate").isNull()).isTrue();
        assertThat(alert.get("indicatorName").isNull()).isTrue();
        assertThat(alert.get("title").asString())
                .isEqualTo("【节点逾期】9.8 大宁中心广场五期项目：计划 2021-12-31 竣工，已逾期未完成");
        assertThat(alert.get("message").asString()).contains("节点 9.8#1「大宁中心广场五期项目」", "责任领导：" + leader);
        assertThat(alert.get("sourceEventId").asString()).isEqualTo(overdue.eventId());

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.ALERTS)) {
            probe.awaitAtLeast(1, Duration.ofSeconds(10));
            List<ConsumerRecord<String, byte[]>> records = probe.readFor(Duration.ofSeconds(3)).stream()
                    .filter(r -> TopicProbe.body(r).contains(alertId)).toList();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).key()).isEqualTo("9.8");
            JsonNode payload = api.json(records.get(0).value()).get("payload");
            assertThat(payload.get("targetId").asString()).isEqualTo("9.8#1");
            assertThat(payload.get("rule").asString()).isEqualTo("milestone-overdue");
            assertThat(payload.get("severity").asString()).isEqualTo("RED");
            assertThat(payload.get("recipientPosition").asString()).isEqualTo(leader);
            assertThat(payload.get("title").asString()).isEqualTo(alert.get("title").asString());
        }
    }

    @Test
    void aSlippingMilestoneRaisesAYellowAlertAndReachingItResolvesAllItsOpenAlerts() throws Exception {
        String leader = "分管副区长（交通）";
        MilestoneStatusEvent slip = MilestoneStatusEvent.slipping().item("9.9").leader(leader);
        MilestoneStatusEvent overdue = MilestoneStatusEvent.overdue().item("9.9").leader(leader);

        TopicProbe.send(brokers, Topics.MILESTONE_STATUS, "9.9", slip.json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(leader).size() == 1);
        JsonNode yellow = api.inbox(leader).get(0);
        assertThat(yellow.get("severity").asString()).isEqualTo("YELLOW");
        assertThat(yellow.get("rule").asString()).isEqualTo("milestone-slip");
        assertThat(yellow.get("forecastDate").asString()).isEqualTo("2022-03-31");
        assertThat(yellow.get("title").asString())
                .isEqualTo("【节点滞后】9.9 大宁中心广场五期项目：预计 2022-03-31 竣工，晚于计划 2021-12-31");

        TopicProbe.send(brokers, Topics.MILESTONE_STATUS, "9.9", overdue.json());
        await().atMost(Duration.ofSeconds(20)).until(() -> api.inbox(leader, "status=OPEN").size() == 2);
        api.ack(yellow.get("alertId").asString(), "{\"note\":\"已督办\"}");

        TopicProbe.send(brokers, Topics.MILESTONE_STATUS, "9.9", overdue.reached().json());
        await().atMost(Duration.ofSeconds(20)).until(() -> api.inbox(leader, "status=RESOLVED").size() == 2);
        JsonNode settled = api.json(api.get("/api/alerts/" + yellow.get("alertId").asString()));
        assertThat(settled.get("resolvedReason").asString())
                .isEqualTo("节点 9.9#1 已于 2022-01-20 竣工，2022-01 期状态转为已完成，预警解除。");
        assertThat(settled.get("ackNote").asString()).isEqualTo("已督办");
        assertThat(api.inbox(leader, "status=OPEN")).isEmpty();
    }

    @Test
    void aMissingReportRemindsTheLeadDepartmentOnceHoweverOftenItIsDelivered() throws Exception {
        String department = "区商务委";
        String leader = "分管副区长（经济）";
        ReportMissingEvent missing = ReportMissingEvent.september().item("5.9").responsibility(leader, department);

        TopicProbe.send(brokers, Topics.REPORTS_MISSING, "5.9", missing.json());
        TopicProbe.send(brokers, Topics.REPORTS_MISSING, "5.9", missing.json());
        TopicProbe.send(brokers, Topics.REPORTS_MISSING, "5.9", missing.newEventId().json());

        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(department).size() >= 1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> api.inbox(department).size() == 1);
        assertThat(api.inbox(leader)).isEmpty();

        JsonNode alert = api.inbox(department).get(0);
        String alertId = alert.get("alertId").asString();
        assertThat(alertId).isEqualTo(UUID.nameUUIDFromBytes(
                "alert:2021:5.9#1:report-missing:2021-09".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(alert.get("rule").asString()).isEqualTo("report-missing");
        assertThat(alert.get("severity").asString()).isEqualTo("YELLOW");
        assertThat(alert.get("status").asString()).isEqualTo("OPEN");
        assertThat(alert.get("recipientPosition").asString()).isEqualTo(department);
        assertThat(alert.get("leadDepartment").asString()).isEqualTo(department);
        assertThat(alert.get("period").asString()).isEqualTo("2021-09");
        assertThat(alert.get("deadline").asString()).isEqualTo("2021-10-01");
        assertThat(alert.get("lastReportAsOf").asString()).isEqualTo("2021-08-31");
        assertThat(alert.get("title").asString())
                .isEqualTo("【未按时填报】5.9 新增社区长者食堂：2021-09 月进展未在 2021-10-01 前报送");
        assertThat(alert.get("message").asString()).contains("责任领导：" + leader, "请区商务委尽快报送 2021-09 月进展");
        assertThat(alert.get("sourceEventId").asString()).isEqualTo(missing.eventId());

        try (TopicProbe probe = TopicProbe.on(brokers, Topics.ALERTS)) {
            probe.awaitAtLeast(1, Duration.ofSeconds(10));
            List<ConsumerRecord<String, byte[]>> records = probe.readFor(Duration.ofSeconds(3)).stream()
                    .filter(r -> TopicProbe.body(r).contains(alertId)).toList();
            assertThat(records).hasSize(1);
            JsonNode payload = api.json(records.get(0).value()).get("payload");
            assertThat(payload.get("rule").asString()).isEqualTo("report-missing");
            assertThat(payload.get("severity").asString()).isEqualTo("YELLOW");
            assertThat(payload.get("recipientPosition").asString()).isEqualTo(department);
        }
    }

    @Test
    void poisonOnTheMilestoneAndMissingReportTopicsGoesToTheirDeadLetterTopicsAndTheConsumersKeepGoing()
            throws Exception {
        String leader = "分管副区长（文旅）";
        String department = "区文旅局";
        TopicProbe.send(brokers, Topics.MILESTONE_STATUS, "9.12", "this is not a milestone envelope");
        TopicProbe.send(brokers, Topics.MILESTONE_STATUS, "9.12",
                MilestoneStatusEvent.overdue().item("9.12").leader(leader).json());
        TopicProbe.send(brokers, Topics.REPORTS_MISSING, "5.12", "this is not a report envelope");
        TopicProbe.send(brokers, Topics.REPORTS_MISSING, "5.12",
                ReportMissingEvent.september().item("5.12").responsibility(leader, department).json());

        assertThat(Topics.deadLetter(Topics.MILESTONE_STATUS, "notification-service"))
                .isEqualTo("keywork.project.milestone-status.notification-service.dlq");
        assertThat(Topics.deadLetter(Topics.REPORTS_MISSING, "notification-service"))
                .isEqualTo("keywork.goal.reports-missing.notification-service.dlq");
        for (String[] topicAndBody : new String[][] {
                {Topics.MILESTONE_STATUS, "this is not a milestone envelope"},
                {Topics.REPORTS_MISSING, "this is not a report envelope"}}) {
            try (TopicProbe dlq = TopicProbe.on(brokers, Topics.deadLetter(topicAndBody[0], "notification-service"))) {
                ConsumerRecord<String, byte[]> dead = dlq.awaitAtLeast(1, Duration.ofSeconds(30)).get(0);
                assertThat(TopicProbe.body(dead)).isEqualTo(topicAndBody[1]);
                assertThat(TopicProbe.header(dead, "x-exception-message")).contains("unreadable");
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> api.inbox(leader).size() == 1);
        assertThat(api.inbox(leader).get(0).get("targetId").asString()).isEqualTo("9.12#1");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.inbox(department).size() == 1);
        assertThat(api.inbox(department).get(0).get("targetId").asString()).isEqualTo("5.12#1");
    }

    @Test
    void aRedIndicatorDeliveredThreeTimesIsOneDigestPerRecipientAndItsRecoveryIsSaidOnceInTheNextDigest()
            throws Exception {
        String leader = "副区长（分管民政）";
        IndicatorStatusEvent red = IndicatorStatusEvent.red().item("5.61").leader(leader);
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.61", red.json());
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.61", red.json());
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.61", red.newEventId().json());

        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(leader).size() == 1);
        JsonNode alert = api.inbox(leader).get(0);
        String alertId = alert.get("alertId").asString();
        // addressed to the leader, the lead department's head and liaison, and the cooperating department by name
        assertThat(alert.get("recipients")).extracting(r -> r.get("role").asString() + " " + r.get("position")
                .asString()).containsExactly("LEADER 副区长（分管民政）", "LEAD_DEPARTMENT 区民政局 局长",
                        "LEAD_DEPARTMENT 区民政局 联络员", "COOPERATING_DEPARTMENT 各街道办事处");
        assertThat(api.inbox("区民政局 联络员")).extracting(a -> a.get("alertId").asString()).contains(alertId);
        assertThat(api.inbox("区民政局")).extracting(a -> a.get("alertId").asString()).contains(alertId);

        // one digest per recipient that has a holder (the streets' office is not in the directory): not three each
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outbox.about(alertId, OutgoingMessage.Kind.ALERT_DIGEST).size() == 3);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> outbox.about(alertId, OutgoingMessage.Kind.ALERT_DIGEST).size() == 3);
        List<OutgoingMessage> digests = outbox.about(alertId, OutgoingMessage.Kind.ALERT_DIGEST);
        assertThat(digests).extracting(m -> m.position() + " " + m.personId()).containsExactlyInAnyOrder(
                "副区长（分管民政） p-012", "区民政局 局长 p-057", "区民政局 联络员 p-059");
        OutgoingMessage toLeader = digests.stream().filter(m -> m.personId().equals("p-012")).findFirst().orElseThrow();
        assertThat(toLeader.personName()).isEqualTo("孙某某（示例）");
        assertThat(toLeader.contacts().email()).isEqualTo("sun.p012.example@keywork.local");
        assertThat(toLeader.subject()).startsWith("【重点工作预警】新增 1 条预警");
        assertThat(toLeader.link()).isEqualTo("http://localhost:8080/#/items/5.61");
        assertThat(toLeader.alertIds()).containsExactly(alertId);
        assertThat(toLeader.body()).contains("孙某某（示例）（副区长（分管民政））：您好！",
                "事项 5.61「★新增社区长者食堂 2 个。」",
                "【进度滞后】5.61 新增社区长者食堂：完成 0 个，序时应达 1.5 个（目标 2 个）",
                "落后序时进度 75 个百分点", "2021-09 期，截至 2021-09-30", "起预警",
                "责任领导：副区长（分管民政）；牵头单位：区民政局；您的角色：责任领导",
                "查看：http://localhost:8080/#/items/5.61");
        assertThat(digests.stream().filter(m -> m.personId().equals("p-059")).findFirst().orElseThrow().body())
                .contains("您的角色：牵头单位");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                api.json(api.get("/api/alerts/" + alertId)).get("published").asBoolean());

        // back on track: resolved, and said once to each recipient in the next digest
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.61", red.recovered().json());
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.61", red.recovered().json());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outbox.about(alertId, OutgoingMessage.Kind.ALERT_DIGEST).size() == 6);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> outbox.about(alertId, OutgoingMessage.Kind.ALERT_DIGEST).size() == 6);
        List<OutgoingMessage> resolved = outbox.about(alertId, OutgoingMessage.Kind.ALERT_DIGEST).stream()
                .filter(m -> m.body().contains("已恢复正常（")).toList();
        assertThat(resolved).extracting(OutgoingMessage::personId)
                .containsExactlyInAnyOrder("p-012", "p-057", "p-059");
        assertThat(resolved.get(0).subject()).isEqualTo("【重点工作预警】1 条预警已恢复正常");
        assertThat(resolved.get(0).body()).contains("已恢复正常：指标 5.61#1 截至 2021-10-31 完成 2 个",
                "预警解除").doesNotContain("新增预警");

        // the resolution is an event too, once, under an id derived from the alert
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.ALERTS)) {
            List<ConsumerRecord<String, byte[]>> records = probe.readFor(Duration.ofSeconds(3)).stream()
                    .filter(r -> TopicProbe.body(r).contains(alertId)).toList();
            assertThat(records).extracting(r -> TopicProbe.header(r, "keywork_event_type"))
                    .containsExactly("notification.alert-raised", "notification.alert-resolved");
            JsonNode envelope = api.json(records.get(1).value());
            assertThat(envelope.get("eventId").asString()).isEqualTo(UUID.nameUUIDFromBytes(
                    ("notification.alert-resolved:" + alertId).getBytes(StandardCharsets.UTF_8)).toString());
            assertThat(envelope.get("payload").get("reason").asString()).contains("5.61#1", "绿色");
        }
    }

    @Test
    void alertsForOneHolderWithinTheWindowGoOutAsOneDigestListingEveryItem() throws Exception {
        String leader = "副区长（分管住房保障）";
        // under one key, so on one partition and handled back to back: on two partitions, a rebalance of the group
        // between them (while the test's consumers still join) could part them by more than the window
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.65", IndicatorStatusEvent.red().item("5.65")
                .leader(leader).json());
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.65", IndicatorStatusEvent.red().item("5.66")
                .leader(leader).json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(leader).size() == 2);
        List<String> alertIds = List.of(api.inbox(leader).get(0).get("alertId").asString(),
                api.inbox(leader).get(1).get("alertId").asString());

        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.messages().stream()
                .anyMatch(m -> "p-010".equals(m.personId())));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> outbox.messages().stream()
                .filter(m -> "p-010".equals(m.personId())).count() == 1);
        OutgoingMessage digest = outbox.messages().stream().filter(m -> "p-010".equals(m.personId())).findFirst()
                .orElseThrow();
        assertThat(digest.kind()).isEqualTo(OutgoingMessage.Kind.ALERT_DIGEST);
        assertThat(digest.alertIds()).containsExactlyInAnyOrderElementsOf(alertIds);
        assertThat(digest.subject()).isEqualTo("【重点工作预警】新增 2 条预警");
        assertThat(digest.body()).contains("1. 事项 5.65", "2. 事项 5.66", "查看：http://localhost:8080/#/items/5.65",
                "查看：http://localhost:8080/#/items/5.66");
        assertThat(digest.link()).isEqualTo("http://localhost:8080/#/alerts");
    }

    @Test
    void aProgressReportResolvesTheMissingReportAlertsOfItsTargetUpToItsMonth() throws Exception {
        String department = "区民政局";
        ReportMissingEvent september = ReportMissingEvent.september().item("5.62")
                .responsibility("副区长（分管民政）", department);
        ReportMissingEvent october = september.period("2021-10", "2021-11-01");
        TopicProbe.send(brokers, Topics.REPORTS_MISSING, "5.62", september.json());
        TopicProbe.send(brokers, Topics.REPORTS_MISSING, "5.62", october.json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(department, "itemId=5.62").size() == 2);
        String septemberId = UUID.nameUUIDFromBytes("alert:2021:5.62#1:report-missing:2021-09"
                .getBytes(StandardCharsets.UTF_8)).toString();
        String octoberId = UUID.nameUUIDFromBytes("alert:2021:5.62#1:report-missing:2021-10"
                .getBytes(StandardCharsets.UTF_8)).toString();
        // a missing report goes to the lead department only, the leader is named in it and escalated to later
        JsonNode reminder = api.json(api.get("/api/alerts/" + septemberId));
        assertThat(reminder.get("recipients")).extracting(r -> r.get("position").asString())
                .containsExactly("区民政局 局长", "区民政局 联络员");
        assertThat(reminder.get("leaderPosition").asString()).isEqualTo("副区长（分管民政）");

        // the September report arrives late (as of September 30): the September reminder is settled, October's not
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.62",
                ProgressReportEvent.json("5.62", "2021-09-30", department));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.json(api.get("/api/alerts/" + septemberId))
                .get("status").asString().equals("RESOLVED"));
        JsonNode settled = api.json(api.get("/api/alerts/" + septemberId));
        assertThat(settled.get("resolvedReason").asString())
                .isEqualTo("目标 5.62#1 已报送截至 2021-09-30 的进展（区民政局），2021-09 月进展缺报预警解除。");
        assertThat(api.json(api.get("/api/alerts/" + octoberId)).get("status").asString()).isEqualTo("OPEN");

        // a report for October settles October; a replayed report changes nothing more
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.62",
                ProgressReportEvent.json("5.62", "2021-10-31", department));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.json(api.get("/api/alerts/" + octoberId))
                .get("status").asString().equals("RESOLVED"));
        assertThat(api.json(api.get("/api/alerts/" + septemberId)).get("resolvedAt"))
                .isEqualTo(settled.get("resolvedAt"));

        // the department is told once that each was raised and once that each was settled
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.messages().stream()
                .filter(m -> m.personId().equals("p-059") && m.body().contains("已恢复正常（"))
                .flatMap(m -> m.alertIds().stream()).collect(Collectors.toSet())
                .containsAll(Set.of(septemberId, octoberId)));
    }

    @Test
    void aNonsenseProgressReportGoesToItsDeadLetterTopicAloneAndTheReportsAroundItAreTakenIn() throws Exception {
        String department = "区民政局";
        TopicProbe.send(brokers, Topics.REPORTS_MISSING, "5.63",
                ReportMissingEvent.september().item("5.63").responsibility("副区长（分管民政）", department).json());
        String september = UUID.nameUUIDFromBytes("alert:2021:5.63#1:report-missing:2021-09"
                .getBytes(StandardCharsets.UTF_8)).toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/alerts/" + september).statusCode() == 200);

        // one poll, most likely: unreadable, a report for no target (readable, but poison to the handler), then a
        // report that settles September's missing report
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.63", "this is not a report");
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.63",
                ProgressReportEvent.json("5.63", "", "2021-09-30", department));
        TopicProbe.send(brokers, Topics.PROGRESS_REPORTS, "5.63",
                ProgressReportEvent.json("5.63", "2021-09-30", department));
        assertThat(Topics.deadLetter(Topics.PROGRESS_REPORTS, "notification-service"))
                .isEqualTo("keywork.progress.reports.notification-service.dlq");
        try (TopicProbe dlq = TopicProbe.on(brokers, Topics.deadLetter(Topics.PROGRESS_REPORTS,
                "notification-service"))) {
            List<ConsumerRecord<String, byte[]>> dead = dlq.awaitAtLeast(2, Duration.ofSeconds(30));
            assertThat(dead).hasSize(2);
            assertThat(TopicProbe.body(dead.get(0))).isEqualTo("this is not a report");
            assertThat(TopicProbe.header(dead.get(0), "x-exception-message")).contains("unreadable");
            assertThat(TopicProbe.body(dead.get(1))).contains("\"targetId\":\"\"");
            assertThat(TopicProbe.header(dead.get(1), "x-exception-message")).contains("names no target");
            for (ConsumerRecord<String, byte[]> record : dead) {
                assertThat(TopicProbe.header(record, "x-original-topic")).isEqualTo(Topics.PROGRESS_REPORTS);
                assertThat(record.key()).isEqualTo("5.63");
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> api.json(api.get("/api/alerts/" + september))
                .get("status").asString().equals("RESOLVED"));
    }

    @Test
    void aSupervisorSeesEveryAlertAndAPersonWithoutPositionsNone() throws Exception {
        IndicatorStatusEvent red = IndicatorStatusEvent.red().item("5.64").leader("副区长（分管教育）");
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "5.64", red.json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox("副区长（分管教育）").size() == 1);
        String alertId = api.inbox("副区长（分管教育）").get(0).get("alertId").asString();

        assertThat(list("/api/alerts?person=p-100")).extracting(a -> a.get("alertId").asString()).contains(alertId)
                .hasSize(list("/api/alerts?limit=1000").size());
        assertThat(list("/api/alerts?person=p-015")).extracting(a -> a.get("alertId").asString())
                .containsExactly(alertId);
        assertThat(list("/api/alerts?person=nobody")).isEmpty();

        HttpResponse<String> both = api.get("/api/alerts?person=p-015&recipient=x");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(api.json(both).get("errors").get(0).get("field").asString()).isEqualTo("person");
    }

    private JsonNode list(String path) throws Exception {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return api.json(response);
    }

    private double count(String outcome) {
        var counter = meters.find("keywork.alerts").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
