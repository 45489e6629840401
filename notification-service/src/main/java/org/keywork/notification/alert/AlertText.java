package org.keywork.notification.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;

/**
 * The words of an alert, in Simplified Chinese: which item, what slipped and by how much (actual against the plan
 * curve and the target, in the indicator's unit), as of when, and who answers for it.
 */
final class AlertText {

    private AlertText() {
    }

    /** E.g. {@code 【进度滞后】5.6 新增社区长者食堂：完成 0 个，序时应达 1.5 个（目标 2 个）}. */
    static String title(IndicatorStatusChanged event) {
        StringBuilder title = new StringBuilder("【").append(ruleLabel(event.rule())).append("】")
                .append(event.itemId()).append(' ').append(subject(event)).append('：');
        title.append(event.actual() == null ? "尚未报送进展" : "完成 " + amount(event.actual(), event.unit()));
        if (event.expected() != null) {
            title.append("，序时应达 ").append(amount(event.expected(), event.unit()));
        }
        if (event.target() != null) {
            title.append("（目标 ").append(amount(event.target(), event.unit())).append('）');
        }
        return title.toString();
    }

    /** The full text: the item, the numbers, the shortfall, the date judged, and the responsibility. */
    static String message(IndicatorStatusChanged event) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("事项 ").append(event.itemId());
        if (notBlank(event.itemTitle())) {
            head.append("「").append(event.itemTitle().strip()).append("」");
        }
        if (notBlank(event.period())) {
            head.append(notBlank(event.itemTitle()) ? "" : " ").append(event.period()).append(" 期");
        }
        head.append(ruleLabel(event.rule())).append("，状态");
        if (event.previous() != null && event.previous() != TrackingStatus.RED) {
            head.append("由").append(statusLabel(event.previous())).append("转为");
        } else {
            head.append("为");
        }
        lines.add(head.append(statusLabel(event.current())).append('。').toString());

        StringBuilder numbers = new StringBuilder("指标 ").append(event.indicatorId());
        if (notBlank(event.indicatorName())) {
            numbers.append("「").append(event.indicatorName().strip()).append("」");
        }
        numbers.append('：');
        if (event.asOf() != null) {
            numbers.append("截至 ").append(event.asOf()).append(' ');
        }
        numbers.append(event.actual() == null ? "尚未报送进展" : "完成 " + amount(event.actual(), event.unit()));
        if (event.expected() != null) {
            numbers.append("，按序时进度应达 ").append(amount(event.expected(), event.unit()));
        }
        if (event.target() != null) {
            numbers.append("，全年目标 ").append(amount(event.target(), event.unit()));
        }
        if (event.shortfallPoints() != null && event.shortfallPoints().signum() > 0) {
            numbers.append("，落后序时进度 ").append(points(event.shortfallPoints())).append(" 个百分点");
        }
        lines.add(numbers.append('。').toString());

        String duty = responsibility(event.responsibility());
        if (!duty.isEmpty()) {
            lines.add(duty);
        }
        lines.add("请督促牵头单位加快推进，并及时报送最新进展。");
        return String.join("\n", lines);
    }

    /** Why an alert was settled, e.g. {@code 指标 5.6#1 截至 2021-10-31 完成 2 个，2021-10 期状态转为绿色，预警解除。}. */
    static String resolvedReason(IndicatorStatusChanged event) {
        StringBuilder reason = new StringBuilder("指标 ").append(event.indicatorId());
        if (event.asOf() != null && event.actual() != null) {
            reason.append(" 截至 ").append(event.asOf()).append(" 完成 ").append(amount(event.actual(), event.unit()));
        }
        reason.append('，');
        if (notBlank(event.period())) {
            reason.append(event.period()).append(" 期");
        }
        return reason.append("状态转为").append(statusLabel(event.current())).append("，预警解除。").toString();
    }

    static String ruleLabel(String rule) {
        if (rule == null) {
            return "进度预警";
        }
        return switch (rule) {
            case "behind-schedule" -> "进度滞后";
            case "overdue" -> "逾期未完成";
            case "milestone-overdue" -> "节点逾期";
            default -> "进度预警";
        };
    }

    static String statusLabel(TrackingStatus status) {
        return switch (status) {
            case NOT_STARTED -> "未开始";
            case GREEN -> "绿色（正常）";
            case YELLOW -> "黄色（滞后）";
            case RED -> "红色（严重滞后）";
            case DONE -> "已完成";
        };
    }

    /** A value with its unit: {@code 1.5 个}, {@code 3.25 亿元}, {@code 95%}; at most two decimals. */
    static String amount(BigDecimal value, String unit) {
        String number = plain(value, 2);
        if (unit == null || unit.isBlank()) {
            return number;
        }
        return unit.startsWith("%") || unit.startsWith("‰") ? number + unit : number + " " + unit.strip();
    }

    static String points(BigDecimal points) {
        return plain(points, 1);
    }

    private static String plain(BigDecimal value, int maxDecimals) {
        BigDecimal rounded = value.scale() > maxDecimals ? value.setScale(maxDecimals, RoundingMode.HALF_UP) : value;
        return rounded.stripTrailingZeros().toPlainString();
    }

    private static String subject(IndicatorStatusChanged event) {
        if (notBlank(event.indicatorName())) {
            return event.indicatorName().strip();
        }
        if (notBlank(event.itemTitle())) {
            return event.itemTitle().strip();
        }
        return event.indicatorId();
    }

    private static String responsibility(Responsibility responsibility) {
        if (responsibility == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (notBlank(responsibility.leaderPosition())) {
            parts.add("责任领导：" + responsibility.leaderPosition());
        }
        if (notBlank(responsibility.leadDepartment())) {
            parts.add("牵头单位：" + responsibility.leadDepartment());
        }
        if (!responsibility.cooperatingDepartments().isEmpty()) {
            parts.add("配合单位：" + String.join("、", responsibility.cooperatingDepartments()));
        }
        return parts.isEmpty() ? "" : String.join("；", parts) + "。";
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
