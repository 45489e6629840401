package org.keywork.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keywork.events.TargetKind;
import org.keywork.events.TrackingStatus;
import org.keywork.notification.directory.Holder;
import org.keywork.notification.outbound.Contacts;
import org.keywork.notification.outbound.OutgoingMessage;

/** What a digest and an escalation say about a milestone: by how much it slipped, since when, who answers. */
class NotificationTextTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final AlertingProperties PROPS = new AlertingProperties("https://keywork.example", null, null);
    static final Holder YANG = new Holder("p-006", "杨某某（示例）", LocalDate.of(2021, 1, 1), null,
            new Contacts("yang.p006.example@keywork.local", null, null, null));

    static Alert milestone(String rule, LocalDate forecast, LocalDate asOf) {
        return new Alert("a-1", 2021, "9.8", "大宁中心广场五期项目竣工。", "9.8#1", null, rule, "2021-12",
                TrackingStatus.RED, null, null, null, null, null, asOf, "副区长（分管城市建设）", "区建设管理委",
                List.of("大宁路街道"), "【节点滞后】9.8 大宁中心广场五期项目", "message", AlertStatus.OPEN,
                Instant.parse("2021-12-06T02:00:00Z"), null, null, null, null, null, "e-1", List.of(),
                TargetKind.MILESTONE, "大宁中心广场五期项目", "COMPLETION", LocalDate.of(2021, 12, 31), forecast, null,
                null, "副区长（分管城市建设）", List.of(new Recipient(RecipientRole.LEADER, "副区长（分管城市建设）")),
                List.of(), List.of(), List.of(), null);
    }

    @Test
    void aDigestSaysHowLateTheForecastIsAndSinceWhenItIsAlerted() {
        Alert slip = milestone("milestone-slip", LocalDate.of(2022, 3, 31), LocalDate.of(2021, 12, 5));
        PendingDigest raised = PendingDigest.of("a-1", PendingDigest.Kind.RAISED,
                new Recipient(RecipientRole.LEADER, "副区长（分管城市建设）"), Instant.parse("2021-12-06T02:00:00Z"));

        OutgoingMessage digest = NotificationText.digest("副区长（分管城市建设）", YANG,
                List.of(new NotificationText.DigestLine(slip, List.of(raised))), PROPS, SHANGHAI,
                Instant.parse("2021-12-06T02:05:00Z"));

        assertThat(digest.body()).contains("杨某某（示例）（副区长（分管城市建设））：您好！",
                "1. 事项 9.8「大宁中心广场五期项目竣工。」",
                "   预计较计划晚 90 天；2021-12 期，截至 2021-12-05；自 2021-12-06 起预警",
                "   责任领导：副区长（分管城市建设）；牵头单位：区建设管理委；您的角色：责任领导",
                "   查看：https://keywork.example/#/items/9.8");
        assertThat(digest.contacts().email()).isEqualTo("yang.p006.example@keywork.local");
        // the same entries to the same person are the same message
        assertThat(NotificationText.digest("副区长（分管城市建设）", YANG,
                List.of(new NotificationText.DigestLine(slip, List.of(raised))), PROPS, SHANGHAI, Instant.now())
                .messageId()).isEqualTo(digest.messageId());
    }

    @Test
    void anEscalationOfAnOverdueMilestoneSaysHowManyDaysItIsOverdue() {
        Alert overdue = milestone("milestone-overdue", null, LocalDate.of(2022, 1, 10));
        Escalation step = new Escalation(2, RecipientRole.DISTRICT_HEAD, "区长", "p-001", "王某某（示例）",
                Instant.parse("2022-01-12T02:00:00Z"), LocalDate.of(2022, 1, 12));
        Holder wang = new Holder("p-001", "王某某（示例）", LocalDate.of(2016, 6, 1), null, null);

        OutgoingMessage escalation = NotificationText.escalation(overdue, step, wang, 5, PROPS, SHANGHAI,
                step.at());

        assertThat(escalation.kind()).isEqualTo(OutgoingMessage.Kind.ESCALATION);
        assertThat(escalation.subject()).isEqualTo("【预警升级】【节点滞后】9.8 大宁中心广场五期项目");
        assertThat(escalation.body()).contains("发出已 5 个工作日，仍无人确认，现升级至您（区长）督办",
                "已逾期 10 天；2021-12 期，截至 2022-01-10");
        assertThat(escalation.contacts()).isEqualTo(Contacts.NONE);
        assertThat(escalation.alertIds()).containsExactly("a-1");
    }
}
