package org.keywork.notification.delivery;

import java.time.Instant;
import java.util.List;
import org.keywork.notification.outbound.Contacts;
import org.keywork.notification.outbound.OutgoingMessage;

/** Outgoing messages as alerting would hand them over: Chinese text, one person, his contacts. */
final class Messages {

    static final String LEADER = "分管副区长（民生）";

    private Messages() {
    }

    static OutgoingMessage digest(String messageId, String personId, Contacts contacts) {
        return new OutgoingMessage(messageId, OutgoingMessage.Kind.ALERT_DIGEST, LEADER, personId, "王晓明",
                contacts, subject(messageId),
                "【进度滞后】5.6 新增社区长者食堂：完成 0 个，序时应达 1.5 个（目标 2 个）\n请于 2021-10-15 前反馈整改措施。",
                "https://keywork.jingan.example/alerts?item=5.6", List.of("alert-" + messageId),
                Instant.parse("2021-09-30T02:00:00Z"));
    }

    static String subject(String messageId) {
        return "重点工作预警：1 条新预警（" + messageId + "）";
    }

    static Contacts email(String address) {
        return new Contacts(address, null, null, null);
    }
}
