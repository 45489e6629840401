package org.keywork.goal.tracking;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/goals/rules}: the legend of the overview, the thresholds that make an item GREEN, YELLOW or RED
 * ({@link StatusRules} with the configured {@link TrackingProperties}) and when a report counts as missing, in
 * Chinese sentences.
 */
@RestController
class StatusLegendController {

    private final TrackingProperties properties;

    StatusLegendController(TrackingProperties properties) {
        this.properties = properties;
    }

    /** One status of the legend: {@code UNREPORTED} is not a status of its own but the {@code unreported} flag. */
    record Rule(String status, String label, String text) {
    }

    /**
     * @param rules     the legend, one entry per status
     * @param cutoffDay the day of the month by which the month's report is due
     * @param graceDays days after the cut-off before it counts as missing
     */
    record Legend(List<Rule> rules, int cutoffDay, int graceDays) {
    }

    @GetMapping("/api/goals/rules")
    Legend rules() {
        TrackingProperties p = properties;
        return new Legend(List.of(
                new Rule("GREEN", "按计划推进", "累计类指标实际进度落后序时进度不超过 " + n(p.yellowBehindPoints())
                        + " 个百分点（即不低于计划进度的 " + n(BigDecimal.valueOf(100).subtract(p.yellowBehindPoints()))
                        + "%）；增幅、降幅类指标与目标相差不超过 " + n(p.rateYellowPoints()) + " 个百分点；上限类指标低于上限的 "
                        + n(BigDecimal.valueOf(100).subtract(p.ceilingWarningPercent())) + "%；下限类指标不低于下限；"
                        + "定性事项报送“按计划推进”。"),
                new Rule("YELLOW", "滞后", "累计类指标落后序时进度超过 " + n(p.yellowBehindPoints()) + " 个百分点、不超过 "
                        + n(p.redBehindPoints()) + " 个百分点；增幅、降幅类指标与目标相差超过 " + n(p.rateYellowPoints())
                        + " 个、不超过 " + n(p.rateRedPoints()) + " 个百分点；上限类指标达到上限的 "
                        + n(BigDecimal.valueOf(100).subtract(p.ceilingWarningPercent())) + "% 以上但未超过；下限类指标低于下限不超过 "
                        + n(p.floorYellowPoints()) + " 个百分点；从未报送的指标在报送期限过后；定性事项报送“存在风险”。"),
                new Rule("RED", "严重滞后", "累计类指标落后序时进度超过 " + n(p.redBehindPoints())
                        + " 个百分点；增幅、降幅类指标与目标相差超过 " + n(p.rateRedPoints()) + " 个百分点；上限类指标超过上限；"
                        + "下限类指标低于下限超过 " + n(p.floorYellowPoints()) + " 个百分点；计划年度结束仍未完成；定性事项报送“受阻”。"),
                new Rule("DONE", "已完成", "指标达到全年目标（上限、下限类指标在年末仍守住）；定性事项报送“已完成”。"),
                new Rule("NOT_STARTED", "未开始", "尚未报送任何进展，且报送期限未过。"),
                new Rule("UNREPORTED", "未报送", "每月进展应于当月 " + p.reportCutoffDay() + " 日前报送，截止后 "
                        + p.reportGraceDays() + " 天仍未报送最近一个月进展的指标或定性事项为未报送，并提醒牵头单位。")),
                p.reportCutoffDay(), p.reportGraceDays());
    }

    private static String n(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
