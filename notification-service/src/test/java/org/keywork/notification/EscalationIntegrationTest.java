package org.keywork.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.Topics;
import org.keywork.notification.directory.Directory;
import org.keywork.notification.directory.Holder;
import org.keywork.notification.outbound.OutgoingMessage;
import org.keywork.notification.outbound.OutgoingMessage.Kind;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.keywork.testing.TopicProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * The escalation ladder and the directory's succession on the simulated business clock, set day by day over
 * National Day 2021: the lead department, the responsible leader after 2 business days, the district head after 3
 * more, each once, reminders in between, nothing after the acknowledgement; and a handover in the middle of an
 * incident that sends the next step to the successor and splits the inboxes right.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.clock.mode=simulated",
        "keywork.notification.digest-window=PT1S",
        "keywork.notification.escalation.sweep-cron=-"})
@EmbeddedKafka(partitions = 3)
@EmbeddedMongoWireServer
@Import(RecordingOutbox.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationIntegrationTest {

    static final String EDUCATION_LEADER = "副区长（分管教育）";
    static final String CIVIL_AFFAIRS_LEADER = "副区长（分管民政）";

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    RecordingOutbox.Watching outbox;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Directory directory;

    AlertsApi api;

    @BeforeAll
    void client() {
        api = new AlertsApi(port);
    }

    @Test
    void anUnacknowledgedAlertClimbsTheLadderOnBusinessDaysOverNationalDayAndStopsWhenAcknowledged()
            throws Exception {
        api.businessDay("2021-09-30"); // Thursday; 10/1-10/7 are holidays, Saturday 10/9 is worked
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "7.1",
                IndicatorStatusEvent.red().item("7.1").leader(EDUCATION_LEADER).json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(EDUCATION_LEADER).size() == 1);
        String alertId = api.inbox(EDUCATION_LEADER).get(0).get("alertId").asString();

        api.sweep();
        // the first rung is the lead department's head, at once; it learnt of the alert in its digest
        assertThat(steps(alertId)).containsExactly("0 LEAD_DEPARTMENT 区民政局 局长 p-057 2021-09-30");
        for (String holiday : List.of("2021-10-01", "2021-10-02", "2021-10-03", "2021-10-04", "2021-10-05",
                "2021-10-06", "2021-10-07")) {
            api.businessDay(holiday);
            api.sweep();
        }
        assertThat(steps(alertId)).hasSize(1);
        assertThat(outbox.about(alertId, Kind.ESCALATION)).isEmpty();
        assertThat(outbox.about(alertId, Kind.REMINDER)).isEmpty();

        // Friday 10/8, the first business day after: the department head is reminded, nobody escalated to yet
        api.businessDay("2021-10-08");
        api.sweep();
        assertThat(steps(alertId)).hasSize(1);
        assertThat(outbox.about(alertId, Kind.REMINDER)).extracting(m -> m.personId() + " " + m.position())
                .containsExactly("p-057 区民政局 局长");
        OutgoingMessage reminder = outbox.about(alertId, Kind.REMINDER).get(0);
        assertThat(reminder.subject()).startsWith("【预警提醒】【进度滞后】7.1");
        assertThat(reminder.body()).contains("以下预警仍未确认", "您的角色：牵头单位", "http://localhost:8080/#/items/7.1");

        // Saturday 10/9 is a working day: the second business day, the responsible leader
        api.businessDay("2021-10-09");
        api.sweep();
        assertThat(steps(alertId)).containsExactly("0 LEAD_DEPARTMENT 区民政局 局长 p-057 2021-09-30",
                "1 LEADER 副区长（分管教育） p-015 2021-10-09");
        List<OutgoingMessage> escalations = escalations(alertId, 1);
        assertThat(escalations).extracting(m -> m.personId() + " " + m.position())
                .containsExactly("p-015 副区长（分管教育）");
        assertThat(escalations.get(0).personName()).isEqualTo("高某某（示例）");
        assertThat(escalations.get(0).subject()).startsWith("【预警升级】【进度滞后】7.1 新增社区长者食堂");
        assertThat(escalations.get(0).body()).contains("高某某（示例）（副区长（分管教育））：您好！",
                "发出已 2 个工作日，仍无人确认，现升级至您（责任领导）督办", "落后序时进度 75 个百分点",
                "自 2021-09-30 起预警", "请确认并督办：http://localhost:8080/#/items/7.1");
        assertThat(escalations.get(0).link()).isEqualTo("http://localhost:8080/#/items/7.1");

        // Sunday: nothing; Monday and Tuesday: the leader is reminded, once a business day
        api.businessDay("2021-10-10");
        api.sweep();
        assertThat(outbox.about(alertId, Kind.REMINDER)).hasSize(1);
        api.businessDay("2021-10-11");
        api.sweep();
        api.sweep();
        api.businessDay("2021-10-12");
        api.sweep();
        assertThat(outbox.about(alertId, Kind.REMINDER)).extracting(OutgoingMessage::personId)
                .containsExactly("p-057", "p-015", "p-015");
        assertThat(steps(alertId)).hasSize(2);

        // Wednesday 10/13, three business days later: the district head
        api.businessDay("2021-10-13");
        api.sweep();
        api.sweep();
        assertThat(steps(alertId)).containsExactly("0 LEAD_DEPARTMENT 区民政局 局长 p-057 2021-09-30",
                "1 LEADER 副区长（分管教育） p-015 2021-10-09", "2 DISTRICT_HEAD 区长 p-001 2021-10-13");
        assertThat(escalations(alertId, 2)).extracting(m -> m.personId() + " " + m.position())
                .containsExactly("p-015 副区长（分管教育）", "p-001 区长");
        assertThat(outbox.about(alertId, Kind.REMINDER)).hasSize(3);

        // the steps are events too, once each, with their business date
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.ALERTS)) {
            List<JsonNode> escalated = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                probe.readFor(Duration.ofMillis(500)).stream()
                        .filter(r -> TopicProbe.body(r).contains(alertId))
                        .filter(r -> "notification.alert-escalated".equals(TopicProbe.header(r, "keywork_event_type")))
                        .forEach(r -> escalated.add(api.json(r.value()).get("payload")));
                return escalated.size() >= 3;
            });
            assertThat(escalated).extracting(p -> p.get("step").asInt() + " " + p.get("role").asString() + " "
                    + p.get("personId").asString() + " " + p.get("businessDate").asString()).containsExactly(
                    "0 LEAD_DEPARTMENT p-057 2021-09-30", "1 LEADER p-015 2021-10-09",
                    "2 DISTRICT_HEAD p-001 2021-10-13");
        }

        // acknowledged: no further steps or reminders, and the acknowledgement is an event
        JsonNode acknowledged = api.json(api.ack(alertId, "{\"note\":\"已督办区民政局\",\"by\":\"王某某（示例）\"}"));
        assertThat(acknowledged.get("status").asString()).isEqualTo("ACKNOWLEDGED");
        for (String day : List.of("2021-10-14", "2021-10-15", "2021-10-25")) {
            api.businessDay(day);
            api.sweep();
        }
        assertThat(outbox.about(alertId, Kind.REMINDER)).hasSize(3);
        assertThat(outbox.about(alertId, Kind.ESCALATION)).hasSize(2);
        assertThat(steps(alertId)).hasSize(3);
        try (TopicProbe probe = TopicProbe.on(brokers, Topics.ALERTS)) {
            ConsumerRecord<String, byte[]> ack = await().atMost(Duration.ofSeconds(15)).until(() -> probe
                    .readFor(Duration.ofMillis(500)).stream().filter(r -> TopicProbe.body(r).contains(alertId))
                    .filter(r -> "notification.alert-acknowledged".equals(TopicProbe.header(r, "keywork_event_type")))
                    .findFirst().orElse(null), r -> r != null);
            JsonNode payload = api.json(ack.value()).get("payload");
            assertThat(payload.get("by").asString()).isEqualTo("王某某（示例）");
            assertThat(payload.get("note").asString()).isEqualTo("已督办区民政局");
            assertThat(ack.key()).isEqualTo("7.1");
        }
    }

    @Test
    void afterAHandoverTheSuccessorGetsTheNextStepAndTheOpenAlertButNotThePredecessorsSettledBacklog()
            throws Exception {
        // September 1: an alert that the holder, 孙某某 (p-012), acknowledges
        api.businessDay("2021-09-01");
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "7.2", IndicatorStatusEvent.red().item("7.2")
                .leader(CIVIL_AFFAIRS_LEADER).period("2021-08", "2021-08-31").json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(CIVIL_AFFAIRS_LEADER, "itemId=7.2").size() == 1);
        String settled = api.inbox(CIVIL_AFFAIRS_LEADER, "itemId=7.2").get(0).get("alertId").asString();
        api.ack(settled, "{\"note\":\"已阅\",\"by\":\"孙某某（示例）\"}");

        // September 28 (Tuesday): another alert, open when he hands over
        api.businessDay("2021-09-28");
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "7.3",
                IndicatorStatusEvent.red().item("7.3").leader(CIVIL_AFFAIRS_LEADER).json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(CIVIL_AFFAIRS_LEADER, "itemId=7.3").size() == 1);
        String open = api.inbox(CIVIL_AFFAIRS_LEADER, "itemId=7.3").get(0).get("alertId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.about(open, Kind.ALERT_DIGEST).stream()
                .anyMatch(m -> m.personId().equals("p-012")));

        // 钱某某 takes over from September 30
        HttpResponse<String> handover = api.send("PUT", path(CIVIL_AFFAIRS_LEADER) + "/holder", """
                {"personId":"p-201","name":"钱某某（示例）","from":"2021-09-30",
                 "contacts":{"email":"qian.p201.example@keywork.local","dingtalkWebhook":null,"wecomWebhook":null,
                             "mobile":null}}
                """, "org-department-test");
        assertThat(handover.statusCode()).isEqualTo(200);
        JsonNode position = api.json(handover);
        assertThat(position.get("holders")).extracting(h -> h.get("personId").asString() + " "
                + h.get("from").asString() + ".." + (h.get("to").isNull() ? "open" : h.get("to").asString())).containsExactly(
                "p-011 2018-03-01..2021-06-30", "p-012 2021-07-01..2021-09-29", "p-201 2021-09-30..open");
        JsonNode change = position.get("changes").get(position.get("changes").size() - 1);
        assertThat(change.get("by").asString()).isEqualTo("org-department-test");
        assertThat(change.get("action").asString()).isEqualTo("handover");
        assertThat(change.get("previousPersonId").asString()).isEqualTo("p-012");
        assertThat(position.get("holder").get("personId").asString()).isEqualTo("p-012"); // still Sept 28 today
        // the same handover again changes nothing
        JsonNode again = api.json(api.send("PUT", path(CIVIL_AFFAIRS_LEADER) + "/holder",
                "{\"personId\":\"p-201\",\"name\":\"钱某某（示例）\",\"from\":\"2021-09-30\"}", "someone"));
        assertThat(again.get("changes")).hasSize(position.get("changes").size());

        // the second business day after the 28th is the 30th: the leader's step goes to the successor
        api.businessDay("2021-09-29");
        api.sweep();
        assertThat(outbox.about(open, Kind.ESCALATION)).isEmpty();
        api.businessDay("2021-09-30");
        api.sweep();
        assertThat(steps(open)).contains("1 LEADER 副区长（分管民政） p-201 2021-09-30");
        assertThat(escalations(open, 1)).extracting(m -> m.personId() + " " + m.personName() + " "
                + m.contacts().email()).containsExactly("p-201 钱某某（示例） qian.p201.example@keywork.local");
        assertThat(outbox.about(settled, Kind.ESCALATION)).isEmpty();

        // the directory says who holds it today
        JsonNode positions = api.json(api.get("/api/directory"));
        JsonNode civilAffairs = find(positions, CIVIL_AFFAIRS_LEADER);
        assertThat(civilAffairs.get("holder").get("personId").asString()).isEqualTo("p-201");
        assertThat(civilAffairs.get("kind").asString()).isEqualTo("LEADER");
        assertThat(civilAffairs.get("sample").asBoolean()).isFalse();
        assertThat(find(positions, "区政府督查室").get("kind").asString()).isEqualTo("SUPERVISOR");

        // what the rest of the service asks the directory
        assertThat(directory.holderOn(CIVIL_AFFAIRS_LEADER, LocalDate.of(2021, 9, 29))).map(Holder::personId)
                .hasValue("p-012");
        assertThat(directory.holderOn(CIVIL_AFFAIRS_LEADER, LocalDate.of(2021, 9, 30))).map(Holder::personId)
                .hasValue("p-201");
        assertThat(directory.positionsOf("p-012", LocalDate.of(2021, 9, 29))).containsExactly(CIVIL_AFFAIRS_LEADER);
        assertThat(directory.positionsOf("p-012", LocalDate.of(2021, 9, 30))).isEmpty();
        assertThat(directory.departmentPositions("区民政局")).containsExactly("区民政局 局长", "区民政局 联络员");

        // the predecessor keeps his history; the successor has the open alert, not the settled backlog
        assertThat(alertIds(api.personInbox("p-012"))).contains(settled, open);
        assertThat(alertIds(api.personInbox("p-201"))).contains(open).doesNotContain(settled);
        assertThat(alertIds(api.personInbox("p-011"))).doesNotContain(settled, open);
    }

    @Test
    void aHandoverIsRefusedNamingTheFieldWhenItIsIncompleteConflictsOrNamesNoPosition() throws Exception {
        HttpResponse<String> incomplete = api.send("PUT", path("副区长（分管卫生健康）") + "/holder",
                "{\"personId\":\" \",\"contacts\":{\"email\":\"not-an-address\",\"dingtalkWebhook\":\"ftp://x\","
                        + "\"wecomWebhook\":null,\"mobile\":null}}", null);
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.json(incomplete).get("errors")).extracting(e -> e.get("field").asString() + " "
                + e.get("code").asString()).containsExactly("personId required", "name required", "from required",
                "contacts.email invalid-email", "contacts.dingtalkWebhook invalid-url");
        assertThat(api.json(incomplete).get("errors").get(2).get("reason").asString()).contains("任职起始日期");

        // 林某某 (p-016) holds it since 2018-03-01: a term cannot start before that
        HttpResponse<String> before = api.send("PUT", path("副区长（分管卫生健康）") + "/holder",
                "{\"personId\":\"p-202\",\"name\":\"某某（示例）\",\"from\":\"2018-01-01\"}", null);
        assertThat(before.statusCode()).isEqualTo(409);
        assertThat(api.json(before).get("errors").get(0).get("field").asString()).isEqualTo("from");
        assertThat(api.json(before).get("errors").get(0).get("code").asString()).isEqualTo("term-overlap");

        HttpResponse<String> unknown = api.send("PUT", path("副区长（分管航天）") + "/holder",
                "{\"personId\":\"p-203\",\"name\":\"某某（示例）\",\"from\":\"2021-10-01\"}", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(api.json(unknown).get("errors").get(0).get("field").asString()).isEqualTo("position");
        assertThat(api.get(path("副区长（分管航天）")).statusCode()).isEqualTo(404);

        JsonNode history = api.json(api.get(path("副区长（分管卫生健康）")));
        assertThat(history.get("holders")).hasSize(1);
        assertThat(history.get("holders").get(0).get("name").asString()).isEqualTo("林某某（示例）");
        assertThat(history.get("sample").asBoolean()).isTrue();
    }

    @Test
    void whatACrashLeftUnsentIsSentByTheNextRunUnderTheSameMessageId() throws Exception {
        String leader = "副区长（分管卫生健康）";
        api.businessDay("2021-11-01"); // Monday
        TopicProbe.send(brokers, Topics.INDICATOR_STATUS, "7.4",
                IndicatorStatusEvent.red().item("7.4").leader(leader).json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.inbox(leader).size() == 1);
        String alertId = api.inbox(leader).get(0).get("alertId").asString();
        OutgoingMessage digest = await().atMost(Duration.ofSeconds(20)).until(() -> outbox
                .about(alertId, Kind.ALERT_DIGEST).stream().filter(m -> m.personId().equals("p-016")).findFirst()
                .orElse(null), m -> m != null);

        // a crash after the alert was stored and before its digest went out: the entry is still on the alert, and
        // so is the mark that has the digest dispatch look at it (both are written in one update)
        Query theAlert = Query.query(Criteria.where("_id").is(alertId));
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingDigests(theAlert).isEmpty());
        assertThat(mongo.findOne(theAlert, Document.class, "alerts").containsKey("digestPending")).isFalse();
        Instant since = Instant.now().minusSeconds(10);
        mongo.updateFirst(theAlert, new Update().push("pendingDigests", new Document()
                .append("entryId", alertId + ":RAISED:" + leader).append("kind", "RAISED").append("role", "LEADER")
                .append("position", leader).append("since", Date.from(since)))
                .set("digestPending", String.format("%013d", since.toEpochMilli()) + "|" + alertId + "|" + alertId
                        + ":RAISED:" + leader), "alerts");
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.enqueued(digest.messageId()) == 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingDigests(theAlert).isEmpty());
        assertThat(outbox.about(alertId, Kind.ALERT_DIGEST).stream().filter(m -> m.personId().equals("p-016")))
                .containsExactly(digest);

        // Wednesday: the leader's step; then a crash after recording it and before its message was handed over
        api.businessDay("2021-11-03");
        api.sweep();
        assertThat(steps(alertId)).contains("1 LEADER 副区长（分管卫生健康） p-016 2021-11-03");
        OutgoingMessage escalation = escalations(alertId, 1).get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> mongo.findOne(theAlert, Document.class, "alerts")
                .getList("notifiedSteps", Integer.class).contains(1));
        int offered = outbox.enqueued(escalation.messageId());
        // the crash came before the sweep moved the alert's next look on to the next business day, too
        assertThat(mongo.findOne(theAlert, Document.class, "alerts").getString("escalationCheck"))
                .isEqualTo("2021-11-04|" + alertId);
        mongo.updateFirst(theAlert, new Update().pull("notifiedSteps", 1)
                .set("escalationCheck", "2021-11-03|" + alertId), "alerts");
        api.sweep();
        assertThat(outbox.enqueued(escalation.messageId())).isGreaterThan(offered);
        assertThat(outbox.about(alertId, Kind.ESCALATION)).containsExactly(escalation);
        assertThat(mongo.findOne(theAlert, Document.class, "alerts").getList("notifiedSteps", Integer.class))
                .contains(0, 1);
        assertThat(steps(alertId)).hasSize(2);
    }

    /**
     * The alert's escalation messages, once there are {@code count}: a step may have been taken by the sweep that
     * setting the clock started, concurrently with the test's own, and that one hands the message over just after.
     */
    private List<OutgoingMessage> escalations(String alertId, int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.about(alertId, Kind.ESCALATION).size() >= count);
        return outbox.about(alertId, Kind.ESCALATION);
    }

    private List<Document> pendingDigests(Query alert) {
        return mongo.findOne(alert, Document.class, "alerts").getList("pendingDigests", Document.class);
    }

    private static String path(String position) {
        return "/api/directory/" + URLEncoder.encode(position, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode find(JsonNode positions, String position) {
        for (JsonNode p : positions) {
            if (p.get("position").asString().equals(position)) {
                return p;
            }
        }
        throw new AssertionError("no position " + position);
    }

    private static List<String> alertIds(JsonNode alerts) {
        List<String> ids = new ArrayList<>();
        alerts.forEach(a -> ids.add(a.get("alertId").asString()));
        return ids;
    }

    /** The alert's escalation steps as {@code step role position person businessDate}. */
    private List<String> steps(String alertId) throws Exception {
        List<String> steps = new ArrayList<>();
        api.json(api.get("/api/alerts/" + alertId)).get("escalations").forEach(e -> steps.add(
                e.get("step").asInt() + " " + e.get("role").asString() + " " + e.get("position").asString() + " "
                        + e.get("personId").asString() + " " + e.get("businessDate").asString()));
        return steps;
    }
}
