package org.keywork.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.MilestoneStatusChanged;
import org.keywork.events.ReportMissing;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;

class AlertTextTest {

    static final Responsibility CIVIL_AFFAIRS = new Responsibility("分管副区长（民生）", "区民政局",
            List.of("各街道办事处", "区财政局"));

    static IndicatorStatusChanged canteens(String actual, String expected, String shortfall) {
        return new IndicatorStatusChanged(2021, "5.6", "★新增社区长者食堂 2 个。", "5.6#1", "新增社区长者食堂",
                "behind-schedule", "2021-09", TrackingStatus.YELLOW, TrackingStatus.RED, new BigDecimal("2"), "个",
                actual == null ? null : new BigDecimal(actual), expected == null ? null : new BigDecimal(expected),
                shortfall == null ? null : new BigDecimal(shortfall), LocalDate.of(2021, 9, 30), "r-5.6-2021-09",
                CIVIL_AFFAIRS);
    }

    @Test
    void theTitleNamesTheItemAndTheNumbersWithTheirUnit() {
        assertThat(AlertText.title(canteens("0", "1.50", "75.00")))
                .isEqualTo("【进度滞后】5.6 新增社区长者食堂：完成 0 个，序时应达 1.5 个（目标 2 个）");
    }

    @Test
    void aLimitIsNamedAsALimitNotAsAPace() {
        IndicatorStatusChanged dryWaste = new IndicatorStatusChanged(2021, "4.6", "巩固提升全区生活垃圾分类实效", "4.6#3",
                "干垃圾处置量", "ceiling-exceeded", "2021-07", TrackingStatus.GREEN, TrackingStatus.RED,
                new BigDecimal("750"), "吨/日", new BigDecimal("780"), new BigDecimal("750"), BigDecimal.ZERO,
                LocalDate.of(2021, 7, 31), "r-4.6-2021-07", CIVIL_AFFAIRS);

        assertThat(AlertText.title(dryWaste)).isEqualTo("【超过上限】4.6 干垃圾处置量：当前 780 吨/日，超过上限 750 吨/日");
    }

    @Test
    void theMessageSaysWhatSlippedByHowMuchAsOfWhenAndWhoAnswersForIt() {
        String message = AlertText.message(canteens("0", "1.5", "75"));

        assertThat(message).isEqualTo("""
                事项 5.6「★新增社区长者食堂 2 个。」2021-09 期进度滞后，状态由黄色（滞后）转为红色（严重滞后）。
                指标 5.6#1「新增社区长者食堂」：截至 2021-09-30 完成 0 个，按序时进度应达 1.5 个，全年目标 2 个，落后序时进度 75 个百分点。
                责任领导：分管副区长（民生）；牵头单位：区民政局；配合单位：各街道办事处、区财政局。
                请督促牵头单位加快推进，并及时报送最新进展。""");
    }

    @Test
    void numbersAreRoundedAndPercentagesKeepTheirSign() {
        var investment = new IndicatorStatusChanged(2021, "9.26", "区人民医院新院区建设，年度完成投资 3 亿元。",
                "9.26#1", "年度完成投资", "behind-schedule", "2021-Q3", TrackingStatus.RED, TrackingStatus.RED,
                new BigDecimal("3"), "亿元", new BigDecimal("1.2"), new BigDecimal("2.2499999"),
                new BigDecimal("34.16667"), LocalDate.of(2021, 9, 30), null,
                new Responsibility("分管副区长（卫健）", "区卫健委", List.of()));

        assertThat(AlertText.title(investment))
                .isEqualTo("【进度滞后】9.26 年度完成投资：完成 1.2 亿元，序时应达 2.25 亿元（目标 3 亿元）");
        assertThat(AlertText.message(investment))
                .contains("状态为红色（严重滞后）", "落后序时进度 34.2 个百分点", "责任领导：分管副区长（卫健）；牵头单位：区卫健委。")
                .doesNotContain("配合单位");
        assertThat(AlertText.amount(new BigDecimal("95.50"), "%")).isEqualTo("95.5%");
        assertThat(AlertText.amount(new BigDecimal("12000"), null)).isEqualTo("12000");
    }

    @Test
    void anIndicatorWithoutAnyReportSaysSoInsteadOfANumber() {
        var silent = canteens(null, "1.5", null);

        assertThat(AlertText.title(silent))
                .isEqualTo("【进度滞后】5.6 新增社区长者食堂：尚未报送进展，序时应达 1.5 个（目标 2 个）");
        assertThat(AlertText.message(silent)).contains("截至 2021-09-30 尚未报送进展").doesNotContain("百分点");
    }

    @Test
    void theResolutionSaysWhatChanged() {
        var recovered = new IndicatorStatusChanged(2021, "5.6", "★新增社区长者食堂 2 个。", "5.6#1", "新增社区长者食堂",
                "behind-schedule", "2021-10", TrackingStatus.RED, TrackingStatus.GREEN, new BigDecimal("2"), "个",
                new BigDecimal("2"), new BigDecimal("1.67"), new BigDecimal("-16.5"), LocalDate.of(2021, 10, 31),
                null, CIVIL_AFFAIRS);

        assertThat(AlertText.resolvedReason(recovered))
                .isEqualTo("指标 5.6#1 截至 2021-10-31 完成 2 个，2021-10 期状态转为绿色（正常），预警解除。");
    }

    static final Responsibility CONSTRUCTION = new Responsibility("分管副区长（城建）", "区建管委", List.of("大宁路街道"));

    static MilestoneStatusChanged daning(String rule, String type, TrackingStatus previous, TrackingStatus current,
            String forecast, String reached) {
        return new MilestoneStatusChanged(2021, "9.8", "大宁中心广场五期项目竣工。", "9.8#1", "大宁中心广场五期项目", type,
                rule, "2021-12", previous, current, LocalDate.of(2021, 12, 31),
                forecast == null ? null : LocalDate.parse(forecast), reached == null ? null : LocalDate.parse(reached),
                LocalDate.of(2021, 12, 5), CONSTRUCTION);
    }

    @Test
    void aMilestoneNotStartedWhenDueSaysSinceWhenItShouldHaveStarted() {
        var notStarted = daning("milestone-not-started", "START", TrackingStatus.GREEN, TrackingStatus.RED, null,
                null);

        assertThat(AlertText.title(notStarted))
                .isEqualTo("【节点未开工】9.8 大宁中心广场五期项目：计划 2021-12-31 开工，至 2021-12-05 尚未开工");
    }

    @Test
    void aSlippingMilestoneComparesItsForecastWithThePlan() {
        var slip = daning("milestone-slip", "COMPLETION", TrackingStatus.GREEN, TrackingStatus.YELLOW, "2022-03-31",
                null);

        assertThat(AlertText.title(slip))
                .isEqualTo("【节点滞后】9.8 大宁中心广场五期项目：预计 2022-03-31 竣工，晚于计划 2021-12-31");
        assertThat(AlertText.message(slip)).isEqualTo("""
                事项 9.8「大宁中心广场五期项目竣工。」2021-12 期节点滞后，状态由绿色（正常）转为黄色（滞后）。
                节点 9.8#1「大宁中心广场五期项目」：计划 2021-12-31 竣工，最新预计 2022-03-31 竣工，截至 2021-12-05 尚未竣工。
                责任领导：分管副区长（城建）；牵头单位：区建管委；配合单位：大宁路街道。
                请督促牵头单位加快推进，并及时报送节点进展。""");
        assertThat(AlertText.title(daning("milestone-slip", "COMPLETION", TrackingStatus.GREEN,
                TrackingStatus.YELLOW, null, null)))
                .isEqualTo("【节点滞后】9.8 大宁中心广场五期项目：计划 2021-12-31 竣工，进度滞后");
    }

    @Test
    void anOverdueMilestoneSaysItIsOverdue() {
        var overdue = daning("milestone-overdue", "COMPLETION", TrackingStatus.YELLOW, TrackingStatus.RED, null,
                null);

        assertThat(AlertText.title(overdue))
                .isEqualTo("【节点逾期】9.8 大宁中心广场五期项目：计划 2021-12-31 竣工，已逾期未完成");
        assertThat(AlertText.message(overdue))
                .startsWith("事项 9.8「大宁中心广场五期项目竣工。」2021-12 期节点逾期，状态由黄色（滞后）转为红色（严重滞后）。")
                .contains("责任领导：分管副区长（城建）").doesNotContain("最新预计");
        assertThat(AlertText.title(daning("milestone-overdue", "START", TrackingStatus.YELLOW, TrackingStatus.RED,
                null, null))).endsWith("计划 2021-12-31 开工，已逾期未开工");
    }

    @Test
    void anUnscheduledMilestoneNotReachedInTheLastQuarterSaysSo() {
        var yearEnd = new MilestoneStatusChanged(2021, "9.8", "大宁中心广场五期项目开工。", "9.8#1", "大宁中心广场五期项目",
                "START", "milestone-year-end", "2021-10", TrackingStatus.NOT_STARTED, TrackingStatus.YELLOW,
                LocalDate.of(2021, 12, 31), null, null, LocalDate.of(2021, 10, 1), CONSTRUCTION);

        assertThat(AlertText.title(yearEnd)).startsWith("【临近年底未完成】9.8 大宁中心广场五期项目：计划")
                .endsWith("至 2021-10-01 已进入第四季度，尚未开工");
    }

    @Test
    void aMilestoneWithoutANameOrPlannedDateStillReads() {
        var bare = new MilestoneStatusChanged(2021, "9.3", null, "9.3#2", null, "OTHER", "milestone-overdue",
                "2021-12", null, TrackingStatus.RED, null, null, null, null, null);

        assertThat(AlertText.title(bare)).isEqualTo("【节点逾期】9.3 9.3#2：计划完成，已逾期未完成");
        assertThat(AlertText.message(bare)).isEqualTo("""
                事项 9.3 2021-12 期节点逾期，状态为红色（严重滞后）。
                节点 9.3#2：计划完成。
                请督促牵头单位加快推进，并及时报送节点进展。""");
    }

    @Test
    void aReachedMilestoneResolvesSayingWhenItWasReached() {
        var reached = daning("milestone-reached", "COMPLETION", TrackingStatus.RED, TrackingStatus.DONE, null,
                "2021-12-20");

        assertThat(AlertText.resolvedReason(reached))
                .isEqualTo("节点 9.8#1 已于 2021-12-20 竣工，2021-12 期状态转为已完成，预警解除。");
    }

    static ReportMissing canteenReportMissing(String lastReportAsOf) {
        return new ReportMissing(2021, "5.6", "★新增社区长者食堂 2 个。", "5.6#1", "新增社区长者食堂", "2021-09",
                LocalDate.of(2021, 10, 1), lastReportAsOf == null ? null : LocalDate.parse(lastReportAsOf),
                CIVIL_AFFAIRS);
    }

    @Test
    void aMissingReportNamesThePeriodAndTheDeadlineAndAsksTheLeadDepartment() {
        assertThat(AlertText.title(canteenReportMissing("2021-08-31")))
                .isEqualTo("【未按时填报】5.6 新增社区长者食堂：2021-09 月进展未在 2021-10-01 前报送");
        assertThat(AlertText.message(canteenReportMissing("2021-08-31"))).isEqualTo("""
                事项 5.6「★新增社区长者食堂 2 个。」2021-09 月进展未按时填报。
                目标 5.6#1「新增社区长者食堂」：报送截止 2021-10-01，最近一次报送截至 2021-08-31。
                责任领导：分管副区长（民生）；牵头单位：区民政局；配合单位：各街道办事处、区财政局。
                请区民政局尽快报送 2021-09 月进展。""");
        assertThat(AlertText.message(canteenReportMissing(null))).contains("报送截止 2021-10-01，尚无任何报送。");
    }

    @Test
    void aMissingReportWithoutDeadlineOrMonthlyPeriodStillReads() {
        var quarterly = new ReportMissing(2021, "9.26", null, "9.26#1", null, "2021-Q3", null, null, null);

        assertThat(AlertText.title(quarterly)).isEqualTo("【未按时填报】9.26 9.26#1：2021-Q3 期进展尚未报送");
        assertThat(AlertText.message(quarterly)).isEqualTo("""
                事项 9.26 2021-Q3 期进展未按时填报。
                目标 9.26#1：尚无任何报送。
                请牵头单位尽快报送 2021-Q3 期进展。""");
    }
}
