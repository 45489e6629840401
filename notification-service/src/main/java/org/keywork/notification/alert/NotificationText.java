package org.keywork.notification.alert;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.keywork.notification.directory.Holder;
import org.keywork.notification.outbound.Contacts;
import org.keywork.notification.outbound.OutgoingMessage;

/**
 * The words of what is sent, in Simplified Chinese: a digest of new and resolved alerts, an escalation, a reminder.
 * Each names the item, what slipped and by how much, since when, who answers for it, and links to the item on the
 * dashboard. Message ids are derived from what is said to whom, so saying it again is the same message.
 */
final class NotificationText {

    private NotificationText() {
    }

    /** One alert of a digest, with the entries of it that the digest settles. */
    record DigestLine(Alert alert, List<PendingDigest> entries) {

        boolean resolved() {
            return entries.stream().anyMatch(e -> e.kind() == PendingDigest.Kind.RESOLVED);
        }
    }

    static OutgoingMessage digest(String position, Holder holder, List<DigestLine> lines, AlertingProperties props,
            ZoneId zone, Instant now) {
        List<DigestLine> raised = lines.stream().filter(l -> !l.resolved()).toList();
        List<DigestLine> resolved = lines.stream().filter(DigestLine::resolved).toList();
        List<String> entryIds = lines.stream().flatMap(l -> l.entries().stream()).map(PendingDigest::entryId)
                .sorted().toList();
        String messageId = uuid("digest:" + position + ":" + holder.personId() + ":" + String.join(",", entryIds));

        List<String> subject = new ArrayList<>();
        if (!raised.isEmpty()) {
            subject.add("新增 " + raised.size() + " 条预警");
        }
        if (!resolved.isEmpty()) {
            subject.add(resolved.size() + " 条预警已恢复正常");
        }
        StringBuilder body = new StringBuilder(salutation(holder, position))
                .append("以下是重点工作推进情况的最新预警汇总：\n");
        if (!raised.isEmpty()) {
            body.append("\n新增预警（").append(raised.size()).append(" 条）\n");
            int n = 1;
            for (DigestLine line : raised) {
                Alert a = line.alert();
                body.append(n++).append(". ").append(item(a)).append('\n')
                        .append("   ").append(a.title()).append('\n')
                        .append("   ").append(slipped(a, zone)).append('\n')
                        .append("   ").append(duty(a, line.entries().get(0).role())).append('\n')
                        .append("   查看：").append(props.itemLink(a.itemId())).append('\n');
            }
        }
        if (!resolved.isEmpty()) {
            body.append("\n已恢复正常（").append(resolved.size()).append(" 条）\n");
            int n = 1;
            for (DigestLine line : resolved) {
                Alert a = line.alert();
                body.append(n++).append(". ").append(item(a)).append('\n')
                        .append("   ").append(a.title()).append('\n')
                        .append("   已恢复正常：").append(a.resolvedReason() == null ? "预警解除。" : a.resolvedReason())
                        .append('\n')
                        .append("   查看：").append(props.itemLink(a.itemId())).append('\n');
            }
        }
        body.append("\n请登录重点工作管理平台确认预警并督办。");
        List<String> itemIds = lines.stream().map(l -> l.alert().itemId()).distinct().toList();
        String link = itemIds.size() == 1 ? props.itemLink(itemIds.get(0)) : props.inboxLink();
        return new OutgoingMessage(messageId, OutgoingMessage.Kind.ALERT_DIGEST, position, holder.personId(),
                holder.name(), holder.contacts(), "【重点工作预警】" + String.join("，", subject), body.toString(), link,
                lines.stream().map(l -> l.alert().alertId()).distinct().toList(), now);
    }

    static OutgoingMessage escalation(Alert alert, Escalation step, Holder holder, int businessDays,
            AlertingProperties props, ZoneId zone, Instant now) {
        String body = salutation(holder, step.position())
                + "以下预警发出已 " + businessDays + " 个工作日，仍无人确认，现升级至您（" + roleLabel(step.role())
                + "）督办：\n\n" + item(alert) + "\n" + alert.title() + "\n" + slipped(alert, zone) + "\n"
                + duty(alert, step.role()) + "\n\n" + alert.message() + "\n\n请确认并督办："
                + props.itemLink(alert.itemId());
        return new OutgoingMessage(uuid("escalation:" + alert.alertId() + ":" + step.step()),
                OutgoingMessage.Kind.ESCALATION, step.position(), holder.personId(), holder.name(), holder.contacts(),
                "【预警升级】" + alert.title(), body, props.itemLink(alert.itemId()), List.of(alert.alertId()), now);
    }

    static OutgoingMessage reminder(Alert alert, Escalation step, Holder holder, LocalDate due,
            AlertingProperties props, ZoneId zone, Instant now) {
        String body = salutation(holder, step.position())
                + "以下预警仍未确认，请尽快确认并督办：\n\n" + item(alert) + "\n" + alert.title() + "\n"
                + slipped(alert, zone) + "\n" + duty(alert, step.role()) + "\n\n请确认并督办："
                + props.itemLink(alert.itemId());
        return new OutgoingMessage(uuid("reminder:" + alert.alertId() + ":" + step.step() + ":" + due),
                OutgoingMessage.Kind.REMINDER, step.position(), holder.personId(), holder.name(), holder.contacts(),
                "【预警提醒】" + alert.title(), body, props.itemLink(alert.itemId()), List.of(alert.alertId()), now);
    }

    /** To the leader who was alerted: a department reported back on the alert. Inbox only. */
    static OutgoingMessage feedback(Alert alert, AlertFeedback entry, String position, Holder holder,
            AlertingProperties props) {
        String from = entry.department() != null && !entry.department().equals(entry.byName())
                ? entry.department() + " " + entry.byName() : entry.byName();
        String body = salutation(holder, position) + from + " 对以下预警反馈了落实情况：\n\n" + item(alert) + "\n"
                + alert.title() + "\n\n反馈：" + entry.note()
                + (entry.reportId() == null ? "" : "\n相关进度报告：" + entry.reportId())
                + "\n\n查看：" + props.itemLink(alert.itemId());
        return new OutgoingMessage(uuid("feedback:" + alert.alertId() + ":" + entry.feedbackId()),
                OutgoingMessage.Kind.FEEDBACK, position, holder.personId(), holder.name(), Contacts.NONE,
                "【落实反馈】" + alert.title(), body, props.itemLink(alert.itemId()), List.of(alert.alertId()),
                entry.at());
    }

    static String roleLabel(RecipientRole role) {
        return switch (role) {
            case LEADER -> "责任领导";
            case LEAD_DEPARTMENT -> "牵头单位";
            case COOPERATING_DEPARTMENT -> "配合单位";
            case DISTRICT_HEAD -> "区长";
        };
    }

    private static String salutation(Holder holder, String position) {
        return holder.name() + "（" + position + "）：您好！\n";
    }

    /** {@code 事项 5.6「★新增社区长者食堂 2 个。」}. */
    private static String item(Alert alert) {
        return "事项 " + alert.itemId() + (alert.itemTitle() == null || alert.itemTitle().isBlank() ? ""
                : "「" + alert.itemTitle().strip() + "」");
    }

    /** By how much and since when: {@code 落后序时进度 75 个百分点；2021-09 期，截至 2021-09-30；自 2021-10-08 起预警}. */
    private static String slipped(Alert alert, ZoneId zone) {
        List<String> parts = new ArrayList<>();
        BigDecimal shortfall = alert.shortfallPoints();
        if (shortfall != null && shortfall.signum() > 0) {
            parts.add("落后序时进度 " + AlertText.points(shortfall) + " 个百分点");
        }
        if (alert.forecastDate() != null && alert.plannedDate() != null) {
            parts.add("预计较计划晚 " + ChronoUnit.DAYS.between(alert.plannedDate(),
                    alert.forecastDate()) + " 天");
        } else if (alert.plannedDate() != null && alert.asOf() != null && alert.asOf().isAfter(alert.plannedDate())) {
            parts.add("已逾期 " + ChronoUnit.DAYS.between(alert.plannedDate(), alert.asOf()) + " 天");
        }
        StringBuilder when = new StringBuilder();
        if (alert.period() != null) {
            when.append(alert.period()).append(" 期");
        }
        if (alert.asOf() != null) {
            when.append(when.isEmpty() ? "" : "，").append(Alert.REPORT_MISSING.equals(alert.rule()) ? "报送截止 "
                    : "截至 ").append(alert.asOf());
        }
        if (!when.isEmpty()) {
            parts.add(when.toString());
        }
        if (alert.raisedAt() != null) {
            parts.add("自 " + LocalDate.ofInstant(alert.raisedAt(), zone) + " 起预警");
        }
        return String.join("；", parts);
    }

    private static String duty(Alert alert, RecipientRole yourRole) {
        List<String> parts = new ArrayList<>();
        if (alert.responsibleLeader() != null) {
            parts.add("责任领导：" + alert.responsibleLeader());
        }
        if (alert.leadDepartment() != null) {
            parts.add("牵头单位：" + alert.leadDepartment());
        }
        if (yourRole != null) {
            parts.add("您的角色：" + roleLabel(yourRole));
        }
        return String.join("；", parts);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
