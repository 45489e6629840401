package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keywork.stack.PlanYearDemo.Target;

class PlanYearDemoTest {

    static Target indicator(String id, String name, String value, String direction) {
        return new Target(id.substring(0, id.indexOf('#')), id, name, new BigDecimal(value), direction, null, "区民政局", 0);
    }

    @Test
    void mostWorkKeepsPaceAndTheChosenItemsSlipClearly() {
        assertThat(PlanYearDemo.value(indicator("5.5#1", "存量资源改建养老床位", "400", "AT_LEAST"), 6))
                .isEqualByComparingTo("200");
        assertThat(PlanYearDemo.value(indicator("5.6#1", "新增社区长者食堂", "2", "AT_LEAST"), 11))
                .isEqualByComparingTo("0");
        assertThat(PlanYearDemo.value(indicator("3.9#5", "公共充电桩", "350", "AT_LEAST"), 12))
                .isEqualByComparingTo("140");
        assertThat(PlanYearDemo.value(indicator("4.6#3", "干垃圾处置量", "750", "AT_MOST"), 6))
                .isEqualByComparingTo("713");
        assertThat(PlanYearDemo.value(indicator("7.11#1", "新建社区市民健身中心", "1", "AT_LEAST"), 2))
                .isEqualByComparingTo("1");
        assertThat(PlanYearDemo.value(indicator("4.6#3", "干垃圾处置量", "750", "AT_MOST"), 7))
                .isEqualByComparingTo("780");
        assertThat(PlanYearDemo.value(indicator("2.3#1", "单位增加值能耗", "3.2", "REDUCE_BY"), 3))
                .isEqualByComparingTo("3.2");
        assertThat(PlanYearDemo.value(indicator("4.18#1", "工单实际解决率", "80", "KEEP_AT_LEAST"), 3))
                .isEqualByComparingTo("82");
    }

    @Test
    void theMonthlyFileCarriesEveryIndicatorAndTheMilestonesReachedThatMonth() {
        List<Target> targets = List.of(indicator("5.5#1", "存量资源改建养老床位", "400", "AT_LEAST"),
                new Target("9.2", "9.2#1", "闸北实验小学扩建", null, null, "START", "区教育局", 1),
                new Target("9.8", "9.8#1", "大宁中心广场五期", null, null, "START", "区建设管理委", 2),
                new Target("9.28", "9.28#1", "第三康复医院", null, null, "COMPLETION", "区卫生健康委", 3));

        String april = PlanYearDemo.csv(targets, YearMonth.of(2021, 4));
        String december = PlanYearDemo.csv(targets, YearMonth.of(2021, 12));

        assertThat(april.lines()).first().isEqualTo("reportId,itemId,targetId,value,reachedOn,asOf,department,note");
        assertThat(april).contains("demo-2021-04-5.5-1,5.5,5.5#1,134,,2021-04-30,区民政局,")
                .contains("demo-2021-04-9.2-1,9.2,9.2#1,,2021-04-15,2021-04-30,区教育局,")
                .doesNotContain("9.8#1");
        assertThat(december).contains("9.28#1,,2021-12-15").doesNotContain("9.8#1");
    }
}
