package org.keywork.notification.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.MilestoneStatusChanged;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.events.ReportMissing;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;

/**
 * The words of an alert, in Simplified Chinese: which item, what slipped and by how much (actual against the plan
 * curve and the target, in the indicator's unit; a milestone's dates against its plan; the report that did not
 * arrive), as of when, and who answers for it.
 */
final class AlertText {

    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private AlertText() {
    }

    /** E.g. {@code 【进度滞后】5.6 新增社区长者食堂：完成 0 个，序时应达 1.5 个（目标 2 个）}. */
    static String title(IndicatorStatusChanged event) {
        StringBuilder title = new StringBuilder("【").append(ruleLabel(event.rule())).append("】")
                .append(event.itemId()).append(' ').append(subject(event)).append('：');
        if (qualitative(event)) {
            return title.append("牵头部门报告进展").append(event.current() == TrackingStatus.RED ? "受阻" : "存在风险")
                    .toString();
        }
        if ("ceiling-exceeded".equals(event.rule()) || "below-floor".equals(event.rule())) {
            // a limit, not a pace: say where the level stands against it
            title.append(event.actual() == null ? "尚未报送进展" : "当前 " + amount(event.actual(), event.unit()));
            if (event.target() != null) {
                title.append("ceiling-exceeded".equals(event.rule()) ? "，超过上限 " : "，低于下限 ")
                        .append(amount(event.target(), event.unit()));
            }
            return title.toString();
        }
        title.append(event.actual() == null ? "尚未报送进展" : "完成 " + amount(event.actual(), event.unit()));
        if (event.expected() != null) {
            title.append("rate-behind".equals(event.rule()) ? "，目标 " : "，序时应达 ")
                    .append(amount(event.expected(), event.unit()));
        }
        if (event.target() != null && !"rate-behind".equals(event.rule())) {
            title.append("（目标 ").append(amount(event.target(), event.unit())).append('）');
        }
        return title.toString();
    }

    /** The full text: the item, the numbers, the shortfall, the date judged, and the responsibility. */
    static String message(IndicatorStatusChanged event) {
        List<String> lines = new ArrayList<>();
        lines.add(head(event.itemId(), event.itemTitle(), event.period(), event.rule(), event.previous(),
                event.current()));
        if (qualitative(event)) {
            lines.add(qualitativeLine(event));
            String duty = responsibility(event.responsibility());
            if (!duty.isEmpty()) {
                lines.add(duty);
            }
            lines.add("请督促牵头单位协调解决，并及时报送最新进展。");
            return String.join("\n", lines);
        }

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
        StringBuilder reason = new StringBuilder(qualitative(event) ? "事项 " : "指标 ").append(event.indicatorId());
        if (event.asOf() != null && event.actual() != null) {
            reason.append(" 截至 ").append(event.asOf()).append(" 完成 ").append(amount(event.actual(), event.unit()));
        }
        reason.append('，');
        if (notBlank(event.period())) {
            reason.append(event.period()).append(" 期");
        }
        return reason.append("状态转为").append(statusLabel(event.current())).append("，预警解除。").toString();
    }

    /**
     * E.g. {@code 【节点未开工】9.8 大宁中心广场五期项目：计划 2021-12-31 开工，至 2021-12-05 尚未开工},
     * {@code 【节点滞后】9.8 大宁中心广场五期项目：预计 2022-03-31 竣工，晚于计划 2021-12-31} or
     * {@code 【节点逾期】9.8 大宁中心广场五期项目：计划 2021-12-31 竣工，已逾期未完成}.
     */
    static String title(MilestoneStatusChanged event) {
        String verb = milestoneVerb(event.milestoneType());
        StringBuilder title = new StringBuilder("【").append(ruleLabel(event.rule())).append("】")
                .append(event.itemId()).append(' ').append(subject(event)).append('：');
        String rule = event.rule() == null ? "" : event.rule();
        switch (rule) {
            case "milestone-not-started" -> {
                planned(title, event, verb).append('，');
                if (event.asOf() != null) {
                    title.append("至 ").append(event.asOf()).append(' ');
                }
                title.append("尚未").append(verb);
            }
            case "milestone-slip" -> {
                if (event.forecastDate() != null) {
                    title.append("预计 ").append(event.forecastDate()).append(' ').append(verb);
                    if (event.plannedDate() != null) {
                        title.append("，晚于计划 ").append(event.plannedDate());
                    }
                } else {
                    planned(title, event, verb).append("，进度滞后");
                }
            }
            case "milestone-overdue" -> planned(title, event, verb).append("，已逾期未")
                    .append("START".equals(event.milestoneType()) ? "开工" : "完成");
            case "milestone-year-end" -> {
                planned(title, event, verb).append('，');
                if (event.asOf() != null) {
                    title.append("至 ").append(event.asOf()).append(' ');
                }
                title.append("已进入第四季度，尚未").append("START".equals(event.milestoneType()) ? "开工" : "完成");
            }
            default -> planned(title, event, verb).append("，状态为")
                    .append(statusLabel(event.current()));
        }
        return title.toString();
    }

    /** The full text: the item, the milestone and its dates, the date judged, and the responsibility. */
    static String message(MilestoneStatusChanged event) {
        String verb = milestoneVerb(event.milestoneType());
        List<String> lines = new ArrayList<>();
        lines.add(head(event.itemId(), event.itemTitle(), event.period(), event.rule(), event.previous(),
                event.current()));

        StringBuilder dates = new StringBuilder("节点 ").append(event.milestoneId());
        if (notBlank(event.milestoneName())) {
            dates.append("「").append(event.milestoneName().strip()).append("」");
        }
        dates.append('：');
        planned(dates, event, verb);
        if (event.forecastDate() != null) {
            dates.append("，最新预计 ").append(event.forecastDate()).append(' ').append(verb);
        }
        if (event.asOf() != null) {
            dates.append("，截至 ").append(event.asOf()).append(" 尚未").append(verb);
        }
        lines.add(dates.append('。').toString());

        String duty = responsibility(event.responsibility());
        if (!duty.isEmpty()) {
            lines.add(duty);
        }
        lines.add("请督促牵头单位加快推进，并及时报送节点进展。");
        return String.join("\n", lines);
    }

    /**
     * Why a milestone's alert was settled, e.g. {@code 节点 9.8#2 已于 2021-12-20 竣工，2021-12 期状态转为已完成，预警解除。}.
     */
    static String resolvedReason(MilestoneStatusChanged event) {
        StringBuilder reason = new StringBuilder("节点 ").append(event.milestoneId());
        if (event.reachedOn() != null) {
            reason.append(" 已于 ").append(event.reachedOn()).append(' ')
                    .append(milestoneVerb(event.milestoneType()));
        } else if (event.asOf() != null) {
            reason.append(" 截至 ").append(event.asOf());
        }
        reason.append('，');
        if (notBlank(event.period())) {
            reason.append(event.period()).append(" 期");
        }
        return reason.append("状态转为").append(statusLabel(event.current())).append("，预警解除。").toString();
    }

    /** E.g. {@code 【未按时填报】5.6 新增社区长者食堂：2021-09 月进展未在 2021-10-01 前报送}. */
    static String title(ReportMissing event) {
        StringBuilder title = new StringBuilder("【").append(ruleLabel(Alert.REPORT_MISSING)).append("】")
                .append(event.itemId()).append(' ').append(subject(event)).append('：')
                .append(periodLabel(event.period())).append("进展");
        if (event.deadline() != null) {
            title.append("未在 ").append(event.deadline()).append(" 前报送");
        } else {
            title.append("尚未报送");
        }
        return title.toString();
    }

    /**
     * The full text, addressed to the lead department: the item, the report that is missing, the deadline, the
     * latest report received, and who answers for it (the leader included).
     */
    static String message(ReportMissing event) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder("事项 ").append(event.itemId());
        if (notBlank(event.itemTitle())) {
            head.append("「").append(event.itemTitle().strip()).append("」");
        } else {
            head.append(' ');
        }
        lines.add(head.append(periodLabel(event.period())).append("进展未按时填报。").toString());

        StringBuilder report = new StringBuilder("目标 ").append(event.targetId());
        if (notBlank(event.targetName())) {
            report.append("「").append(event.targetName().strip()).append("」");
        }
        report.append('：');
        if (event.deadline() != null) {
            report.append("报送截止 ").append(event.deadline()).append("，");
        }
        report.append(event.lastReportAsOf() == null ? "尚无任何报送"
                : "最近一次报送截至 " + event.lastReportAsOf());
        lines.add(report.append('。').toString());

        String duty = responsibility(event.responsibility());
        if (!duty.isEmpty()) {
            lines.add(duty);
        }
        String department = event.responsibility() == null ? null : event.responsibility().leadDepartment();
        lines.add("请" + (notBlank(department) ? department.strip() : "牵头单位") + "尽快报送 "
                + periodLabel(event.period()) + "进展。");
        return String.join("\n", lines);
    }

    /**
     * Why a missing-report alert was settled, e.g.
     * {@code 目标 5.6#1 已报送截至 2021-10-08 的进展（区民政局），2021-09 月进展缺报预警解除。}.
     */
    static String reportArrivedReason(String targetId, String period, ProgressReportAccepted report) {
        StringBuilder reason = new StringBuilder("目标 ").append(targetId).append(" 已报送截至 ")
                .append(report.asOf()).append(" 的进展");
        if (notBlank(report.department())) {
            reason.append("（").append(report.department().strip()).append("）");
        }
        return reason.append("，").append(periodLabel(period)).append("进展缺报预警解除。").toString();
    }

    /** {@code 开工} for a start, {@code 竣工} for a completion, {@code 完成} otherwise. */
    static String milestoneVerb(String milestoneType) {
        if ("START".equals(milestoneType)) {
            return "开工";
        }
        return "COMPLETION".equals(milestoneType) ? "竣工" : "完成";
    }

    static String ruleLabel(String rule) {
        if (rule == null) {
            return "进度预警";
        }
        return switch (rule) {
            case "behind-schedule" -> "进度滞后";
            case "overdue" -> "逾期未完成";
            case "qualitative-status", "qualitative-blocked" -> "进展受阻";
            case "qualitative-at-risk" -> "存在风险";
            case "ceiling-exceeded" -> "超过上限";
            case "below-floor" -> "低于下限";
            case "rate-behind" -> "增幅不足";
            case "milestone-not-started" -> "节点未开工";
            case "milestone-slip" -> "节点滞后";
            case "milestone-overdue" -> "节点逾期";
            case "milestone-year-end" -> "临近年底未完成";
            case Alert.REPORT_MISSING -> "未按时填报";
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

    /** {@code 事项 5.6「…」2021-09 期进度滞后，状态由黄色（滞后）转为红色（严重滞后）。} */
    private static String head(String itemId, String itemTitle, String period, String rule, TrackingStatus previous,
            TrackingStatus current) {
        StringBuilder head = new StringBuilder("事项 ").append(itemId);
        if (notBlank(itemTitle)) {
            head.append("「").append(itemTitle.strip()).append("」");
        }
        if (notBlank(period)) {
            head.append(notBlank(itemTitle) ? "" : " ").append(period).append(" 期");
        }
        head.append(ruleLabel(rule)).append("，状态");
        if (previous != null && previous != current) {
            head.append("由").append(statusLabel(previous)).append("转为");
        } else {
            head.append("为");
        }
        return head.append(statusLabel(current)).append('。').toString();
    }

    /** {@code 计划 2021-12-31 竣工}; {@code 计划年内竣工（未排期）} for a milestone without a planned date. */
    private static StringBuilder planned(StringBuilder text, MilestoneStatusChanged event, String verb) {
        return event.unscheduled() ? text.append("计划年内").append(verb).append("（未排期，按 ")
                .append(event.plannedDate()).append(" 计）") : planned(text, event.plannedDate(), verb);
    }

    /** {@code 计划 2021-12-31 竣工}, or {@code 计划竣工} when the plan gives no date. */
    private static StringBuilder planned(StringBuilder text, LocalDate plannedDate, String verb) {
        return plannedDate == null ? text.append("计划").append(verb)
                : text.append("计划 ").append(plannedDate).append(' ').append(verb);
    }

    /** {@code 2021-09 月} for a month, {@code 2021-Q3 期} for any other period. */
    private static String periodLabel(String period) {
        if (!notBlank(period)) {
            return "本期";
        }
        return period.strip() + (MONTH.matcher(period.strip()).matches() ? " 月" : " 期");
    }

    private static String subject(MilestoneStatusChanged event) {
        if (notBlank(event.milestoneName())) {
            return event.milestoneName().strip();
        }
        if (notBlank(event.itemTitle())) {
            return event.itemTitle().strip();
        }
        return event.milestoneId();
    }

    private static String subject(ReportMissing event) {
        if (notBlank(event.targetName())) {
            return event.targetName().strip();
        }
        if (notBlank(event.itemTitle())) {
            return event.itemTitle().strip();
        }
        return event.targetId();
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

    /** A qualitative item's reported state (rule {@code qualitative-…}), not an indicator's numbers. */
    private static boolean qualitative(IndicatorStatusChanged event) {
        return event.rule() != null && event.rule().startsWith("qualitative-");
    }

    /** {@code 目标 5.8「总体进展」：截至 2021-09-30 牵头单位报告进展存在风险。} */
    private static String qualitativeLine(IndicatorStatusChanged event) {
        StringBuilder line = new StringBuilder("目标 ").append(event.indicatorId());
        if (notBlank(event.indicatorName())) {
            line.append("「").append(event.indicatorName().strip()).append("」");
        }
        line.append('：');
        if (event.asOf() != null) {
            line.append("截至 ").append(event.asOf()).append(' ');
        }
        return line.append("牵头单位报告进展").append(event.current() == TrackingStatus.RED ? "受阻" : "存在风险")
                .append('。').toString();
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
