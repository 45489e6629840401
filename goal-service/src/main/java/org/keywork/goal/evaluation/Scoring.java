package org.keywork.goal.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keywork.events.MilestoneDefinition;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.QualitativeProgress;
import org.keywork.goal.planning.PlanSnapshot;

/**
 * How every item of the plan is scored (考核): the rules as code, and the same rules in words ({@link #RULES}).
 *
 * <ul>
 * <li>An item with numeric targets: every indicator DONE is 完成; within the plan year, an item whose status is
 * GREEN is 按期推进; anything else (YELLOW, RED, nothing reported, or not met when the year is over) is 未完成.</li>
 * <li>A qualitative item, by its latest reported state: DONE is 完成; ON_TRACK is 基本完成 once the plan year is over
 * (the evaluation date is 31 December or later), 按期推进 before; AT_RISK, BLOCKED or no report is 未完成.</li>
 * <li>A construction item, by its milestones' outcomes (project-service's events): every milestone DONE is 完成;
 * within the year, no milestone YELLOW or RED is 按期推进; otherwise 未完成.</li>
 * </ul>
 */
final class Scoring {

    static final String DONE = "完成";
    static final String BASICALLY_DONE = "基本完成";
    static final String ON_TRACK = "按期推进";
    static final String UNFINISHED = "未完成";

    /** The scoring rules in words, as the evaluation's JSON and workbook state them. */
    static final List<String> RULES = List.of(
            "量化指标：状态为已完成计为完成；在计划年度末（12 月 31 日）前完成的计为按期完成，之后完成的计为逾期完成。",
            "有量化指标的事项：全部指标已完成评为“完成”；年内状态为绿色（按计划推进）评为“按期推进”；"
                    + "黄色、红色、尚未报送或年度结束仍未完成的评为“未完成”。",
            "定性事项（无量化指标）按牵头单位最新报送的状态评定：“已完成”评为“完成”；“按计划推进”在年度结束后评为“基本完成”，"
                    + "年内评为“按期推进”；“存在风险”“受阻”或尚未报送评为“未完成”。",
            "重点工程建设项目按节点评定：全部节点已完成评为“完成”；年内没有黄色、红色节点评为“按期推进”；其余评为“未完成”。"
                    + "节点在计划日期（未排期的按 12 月 31 日）前达成的计为按期完成。",
            "完成率 = 已完成的量化指标和节点数 ÷ 量化指标和节点总数；按期完成率 = 按期完成数 ÷ 总数；"
                    + "事项完成率 = （“完成”+“基本完成”的事项数）÷ 事项总数。",
            "评定日期为业务时钟的当日；计划年度结束前的评定为阶段性结果。");

    private Scoring() {
    }

    /** Whether the evaluation date is the plan year's last day or later: the year's outcome is final. */
    static boolean yearOver(int planYear, LocalDate asOf) {
        return !asOf.isBefore(LocalDate.of(planYear, 12, 31));
    }

    /** A goal item (sections with indicators or qualitative items). */
    static ItemResult goal(PlanItem item, LocalDate asOf) {
        boolean yearOver = yearOver(item.planYear(), asOf);
        TrackingStatus status = item.status();
        Responsibility duty = item.responsibility();
        if (item.qualitative()) {
            QualitativeProgress progress = item.qualitativeProgress();
            boolean reported = progress != null && progress.reported();
            String state = reported ? progress.state() : null;
            String result;
            String reason;
            if ("DONE".equals(state)) {
                result = DONE;
                reason = "牵头单位报送已完成";
            } else if ("ON_TRACK".equals(state)) {
                result = yearOver ? BASICALLY_DONE : ON_TRACK;
                reason = yearOver ? "年度结束时报送为按计划推进，评为基本完成" : "最新报送为按计划推进";
            } else {
                result = UNFINISHED;
                reason = reported ? "最新报送为" + stateLabel(state) + noteOf(progress) : "尚未报送进展";
            }
            String actual = reported ? stateLabel(state) + "（截至 " + progress.asOf() + "）" + noteOf(progress)
                    : "尚未报送";
            return new ItemResult(item.itemId(), item.section(), item.sectionTitle(), item.title(), item.starred(),
                    department(duty), leader(duty), ItemResult.QUALITATIVE, "定性目标（无量化指标）", actual, status,
                    result, reason);
        }
        List<String> targets = new ArrayList<>();
        List<String> actuals = new ArrayList<>();
        List<String> behind = new ArrayList<>();
        for (Indicator indicator : item.indicators()) {
            targets.add(indicator.id() + " " + indicator.name() + " " + amount(indicator.target(), indicator.unit()));
            actuals.add(indicator.id() + " " + (indicator.actual() == null ? "尚未报送"
                    : amount(indicator.actual(), indicator.unit()) + "（截至 " + indicator.asOf() + "）"));
            if (indicator.status() != TrackingStatus.DONE) {
                behind.add(indicator.id() + " " + statusLabel(indicator.status()));
            }
        }
        String result;
        String reason;
        if (behind.isEmpty()) {
            result = DONE;
            reason = "全部 " + item.indicators().size() + " 项指标已完成";
        } else if (!yearOver && status == TrackingStatus.GREEN) {
            result = ON_TRACK;
            reason = "各项指标按计划推进，尚未全部完成";
        } else {
            result = UNFINISHED;
            reason = (yearOver ? "年度结束仍未完成：" : "进度未达要求：") + String.join("；", behind);
        }
        return new ItemResult(item.itemId(), item.section(), item.sectionTitle(), item.title(), item.starred(),
                department(duty), leader(duty), ItemResult.INDICATOR, String.join("；", targets),
                String.join("；", actuals), status, result, reason);
    }

    /** A construction item, by the outcomes of its milestones (keyed by milestone id). */
    static ItemResult construction(int planYear, LocalDate asOf, PlanSnapshot.Section section,
            PlanSnapshot.Item item, Map<String, MilestoneOutcome> outcomes) {
        boolean yearOver = yearOver(planYear, asOf);
        List<String> targets = new ArrayList<>();
        List<String> actuals = new ArrayList<>();
        List<String> behind = new ArrayList<>();
        List<TrackingStatus> statuses = new ArrayList<>();
        for (MilestoneDefinition milestone : item.milestones()) {
            MilestoneOutcome outcome = outcomes.get(milestone.id());
            TrackingStatus status = outcome == null || outcome.status() == null ? TrackingStatus.NOT_STARTED
                    : outcome.status();
            statuses.add(status);
            targets.add(milestone.id() + " " + milestone.name() + " 计划"
                    + (milestone.plannedDate() == null ? "年内" : " " + milestone.plannedDate() + " ") + verb(milestone));
            actuals.add(milestone.id() + " " + (outcome != null && outcome.reachedOn() != null
                    ? outcome.reachedOn() + " 已" + verb(milestone) : statusLabel(status)));
            if (status != TrackingStatus.DONE) {
                behind.add(milestone.id() + " " + statusLabel(status));
            }
        }
        TrackingStatus status = PlanItem.worst(statuses);
        String result;
        String reason;
        if (item.milestones().isEmpty()) {
            result = UNFINISHED;
            reason = "计划中没有可评定的节点";
        } else if (behind.isEmpty()) {
            result = DONE;
            reason = "全部 " + item.milestones().size() + " 个节点已完成";
        } else if (!yearOver && status != TrackingStatus.RED && status != TrackingStatus.YELLOW) {
            result = ON_TRACK;
            reason = "节点按计划推进，尚未全部完成";
        } else {
            result = UNFINISHED;
            reason = (yearOver ? "年度结束仍未完成：" : "节点滞后：") + String.join("；", behind);
        }
        Responsibility duty = item.responsibility();
        return new ItemResult(item.itemId(), section.number(), section.title(), item.text(), item.starred(),
                department(duty), leader(duty), ItemResult.MILESTONE, String.join("；", targets),
                String.join("；", actuals), status, result, reason);
    }

    static String statusLabel(TrackingStatus status) {
        return switch (status) {
            case NOT_STARTED -> "未开始";
            case GREEN -> "按计划推进";
            case YELLOW -> "黄色（滞后）";
            case RED -> "红色（严重滞后）";
            case DONE -> "已完成";
        };
    }

    static String stateLabel(String state) {
        if (state == null) {
            return "未报送";
        }
        return switch (state) {
            case "ON_TRACK" -> "按计划推进";
            case "AT_RISK" -> "存在风险";
            case "BLOCKED" -> "受阻";
            case "DONE" -> "已完成";
            case "NOT_STARTED" -> "未开始";
            default -> state;
        };
    }

    private static String noteOf(QualitativeProgress progress) {
        return progress.note() == null || progress.note().isBlank() ? "" : "：" + progress.note().strip();
    }

    private static String verb(MilestoneDefinition milestone) {
        if ("START".equals(milestone.type())) {
            return "开工";
        }
        return "COMPLETION".equals(milestone.type()) ? "竣工" : "完成";
    }

    private static String amount(BigDecimal value, String unit) {
        if (value == null) {
            return "";
        }
        String number = value.stripTrailingZeros().toPlainString();
        return unit == null || unit.isBlank() ? number : number + unit.strip();
    }

    static String department(Responsibility duty) {
        return duty == null || duty.leadDepartment() == null || duty.leadDepartment().isBlank() ? null
                : duty.leadDepartment();
    }

    static String leader(Responsibility duty) {
        return duty == null || duty.leaderPosition() == null || duty.leaderPosition().isBlank() ? null
                : duty.leaderPosition();
    }
}
