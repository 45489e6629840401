package org.keywork.goal.plan.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every numeric target of sections 一 to 八 of the 2021 plan, read off the document item by item. The parser's list
 * must be exactly this one: each row is checked, and so are the ids, so that a missing or an extra target fails.
 *
 * <p>Decisions pinned here: 4.18 "工单实际解决率和市民满意率保持在 80%以上" is two targets, one per rate; 4.14 counts
 * the 32 老旧小区 as well as the 133 and 30 台; 5.10 "约 4 万名" keeps the document's unit (4 万名, APPROXIMATE);
 * 2.9 "全年累计实现" is CUMULATIVE like 2.8; 6.6 is one target (265 个居村（社区）) — "各配备 1 名" is a rate per
 * 居村 and "每月…不少于 6 小时", "每次…不少于 3 小时" are service standards, none of them a target.
 */
class Jingan2021IndicatorsTest {

    static final String TABLE = """
            # id      | name                                                         | value | unit     | direction     | qualifiers         | starred | partOf
            2.1#1     | 区级一般公共预算收入                                          | 5     | %        | INCREASE_BY   | YEAR_ON_YEAR       | false   |
            2.2#1     | 社会消费品零售总额                                            | 1300  | 亿元     | AT_LEAST      |                    | false   |
            2.3#1     | 单位增加值能耗                                                | 3.2   | %        | REDUCE_BY     |                    | false   |
            2.3#2     | 能耗总量增长率                                                | 3.5   | %        | AT_MOST       | STRIVE AT_MOST      | false   |
            2.8#1     | 高新技术企业数                                                | 400   | 家       | AT_LEAST      | CUMULATIVE         | false   |
            2.8#2     | 申报上海市高新技术成果转化项目                                | 20    | 项       | AT_LEAST      |                    | false   |
            2.9#1     | 外贸进出口总额                                                | 390   | 亿元     | AT_LEAST      | CUMULATIVE         | false   |
            2.21#1    | 引进相关企业                                                  | 50    | 家       | AT_LEAST      |                    | false   |
            2.22#1    | 引进文创企业                                                  | 12    | 家       | AT_LEAST      |                    | false   |
            2.23#1    | 引进电竞企业                                                  | 6     | 家       | AT_LEAST      |                    | false   |
            2.24#1    | 引进影视企业                                                  | 10    | 家       | AT_LEAST      |                    | false   |
            3.9#1     | 停车难综合治理项目                                            | 3     | 个       | AT_LEAST      |                    | false   |
            3.9#2     | 公共停车泊位建设                                              | 350   | 个       | AT_LEAST      |                    | false   |
            3.9#3     | 新接入公共停车场（库）的电子支付功能                          | 80    | 个       | AT_LEAST      |                    | false   |
            3.9#4     | 新接入停车共享项目的电子签约功能                              | 7     | 个       | AT_LEAST      |                    | false   |
            3.9#5     | 新建公共充电桩                                                | 350   | 个       | AT_LEAST      |                    | false   |
            3.9#6     | 新建出租车候客站                                              | 15    | 个       | AT_LEAST      |                    | false   |
            3.12#1    | 修理和维护智能回收箱                                          | 49    | 台       | AT_LEAST      |                    | false   |
            3.13#1    | 老旧小区、售后公房安置集中充电设施                            | 113   | 个       | AT_LEAST      |                    | true    |
            4.2#1     | 屋面及相关设施改造、多（高）层住宅综合整治                    | 10    | 万平方米 | AT_LEAST      |                    | true    |
            4.2#2     | 里弄全项目修缮（含厨卫改造）                                  | 0.5   | 万平方米 | AT_LEAST      |                    | true    |
            4.2#3     | 开工建设既有多层住宅加装电梯                                  | 200   | 台       | AT_LEAST      |                    | true    |
            4.3#1     | 道路大、中修及道路积水改善和道路架空线入地工程                | 20    | 条       | AT_LEAST      |                    | true    |
            4.4#1     | 创建市级“美丽街区”                                            | 3     | 个       | AT_LEAST      |                    | false   |
            4.5#1     | 建成各类绿地                                                  | 5     | 万平方米 | AT_LEAST      |                    | true    |
            4.5#2     | 立体绿化                                                      | 2     | 万平方米 | AT_LEAST      |                    | true    |
            4.5#3     | 绿道                                                          | 2     | 公里     | AT_LEAST      |                    | true    |
            4.6#1     | 湿垃圾（含餐厨垃圾）处置量                                    | 472   | 吨/日    | AT_LEAST      |                    | true    |
            4.6#2     | 可回收物回收量                                                | 296   | 吨/日    | AT_LEAST      |                    | true    |
            4.6#3     | 干垃圾处置量                                                  | 750   | 吨/日    | AT_MOST       | AT_MOST             | true    |
            4.9#1     | 老旧公用民防工程治理                                          | 5     | 个       | AT_LEAST      |                    | false   |
            4.9#2     | 密封工程物探                                                  | 50    | 处       | AT_LEAST      |                    | false   |
            4.12#1    | 老旧小区、售后公房增配或改造消防设施                          | 10    | 个       | AT_LEAST      |                    | true    |
            4.12#2    | 老旧小区、售后公房埋设消防空管                                | 10    | 个       | AT_LEAST      |                    | true    |
            4.14#1    | 老旧小区安装智能门禁设备                                      | 32    | 个       | AT_LEAST      |                    | true    |
            4.14#2    | 安装智能门禁设备                                              | 133   | 台       | AT_LEAST      |                    | true    |
            4.14#3    | 维修更新已安装使用设备                                        | 30    | 台       | AT_LEAST      |                    | true    |
            4.14#4    | 安装简易防盗装置                                              | 4500  | 个       | AT_LEAST      |                    | true    |
            4.18#1    | 工单实际解决率                                                | 80    | %        | KEEP_AT_LEAST | AT_LEAST              | false   |
            4.18#2    | 市民满意率                                                    | 80    | %        | KEEP_AT_LEAST | AT_LEAST              | false   |
            5.1#1     | 启动零改项目                                                  | 8     | 个       | AT_LEAST      |                    | false   |
            5.1#2     | 基地收尾                                                      | 8     | 个       | AT_LEAST      |                    | false   |
            5.1#3     | 旧改受益居民                                                  | 800   | 户       | AT_LEAST      |                    | false   |
            5.3#1     | 廉租住房申请受理                                              | 420   | 户       | AT_LEAST      |                    | false   |
            5.4#1     | 集中式租赁住房项目建设和供应                                  | 800   | 套       | AT_LEAST      |                    | false   |
            5.5#1     | 存量资源改建养老床位                                          | 400   | 张       | AT_LEAST      |                    | true    |
            5.5#2     | 改建认知障碍照护床位                                          | 100   | 张       | AT_LEAST      |                    | true    |
            5.6#1     | 新增社区长者食堂                                              | 2     | 个       | AT_LEAST      |                    | true    |
            5.7#1     | 老年人居家环境适老化改造                                      | 150   | 户       | AT_LEAST      |                    | false   |
            5.8#1     | 帮助长期失业青年就业                                          | 620   | 人       | AT_LEAST      |                    | true    |
            5.8#2     | 帮扶引领创业                                                  | 800   | 人       | AT_LEAST      |                    | true    |
            5.8#3     | 帮扶青年大学生创业                                            | 480   | 人       | AT_LEAST      |                    | true    | 5.8#2
            5.8#4     | 培训新型学徒制技能人才                                        | 500   | 名       | AT_LEAST      |                    | true    |
            5.10#1    | 有需求且符合条件的残疾人家庭实施无障碍改造                    | 400   | 户       | AT_LEAST      |                    | true    |
            5.10#2    | 老旧小区改造无障碍坡道                                        | 200   | 条       | AT_LEAST      |                    | true    |
            5.10#3    | 持证残疾人开展“静安区残疾人综合保险项目”                      | 4     | 万名     | AT_LEAST      | APPROXIMATE        | false   |
            5.12#1    | 菜市场标准化建设                                              | 3     | 家       | AT_LEAST      |                    | true    |
            5.13#1    | 标准化菜市场                                                  | 35    | 家       | AT_LEAST      |                    | true    |
            5.13#2    | 食品大卖场产生的“不可食用猪肉”回收处置                        | 7     | 家       | AT_LEAST      |                    | true    |
            5.14#1    | 优化布局早餐网点单位                                          | 30    | 家       | AT_LEAST      |                    | true    |
            5.14#2    | 新增白领午餐网点单位                                          | 2     | 家       | AT_LEAST      |                    | true    |
            5.15#1    | 开展“老字号服务进社区”活动                                    | 30    | 场       | AT_LEAST      |                    | true    |
            6.6#1     | 居村（社区）各配备 1 名法律顾问、1 名心理顾问                 | 265   | 个       | AT_LEAST      |                    | false   |
            7.2#1     | 街镇实现托幼一体园所全覆盖                                    | 1     | 个       | AT_LEAST      |                    | false   |
            7.3#1     | 开设小学生“爱心暑托班”                                        | 70    | 个       | AT_LEAST      |                    | true    |
            7.4#1     | 组织社区大型义诊                                              | 6     | 次       | AT_LEAST      |                    | true    |
            7.8#1     | 提供低价电影票                                                | 20    | 万张     | AT_LEAST      |                    | true    |
            7.8#2     | 建设旅游服务中心                                              | 2     | 个       | AT_LEAST      |                    | true    |
            7.8#3     | 建设文旅融合服务点                                            | 3     | 个       | AT_LEAST      |                    | true    |
            7.8#4     | 新增“乐游移动驿站”                                            | 6     | 个       | AT_LEAST      |                    | false   |
            7.10#1    | 区属公共体育场馆游泳、羽毛球、乒乓球等项目向市民优惠开放      | 10    | 万人次   | AT_LEAST      |                    | true    |
            7.10#2    | 开展“体育公益配送”服务                                        | 10    | 万人次   | AT_LEAST      |                    | true    |
            7.10#3    | 免费为市民提供体质测试服务                                    | 1.3   | 万人次   | AT_LEAST      |                    | true    |
            7.11#1    | 新建市民健身步道                                              | 2     | 条       | AT_LEAST      |                    | true    |
            7.11#2    | 翻建市民健身步道                                              | 1     | 条       | AT_LEAST      |                    | true    |
            7.11#3    | 翻建公共运动场                                                | 1     | 个       | AT_LEAST      |                    | true    |
            7.11#4    | 新建社区市民健身中心                                          | 1     | 个       | AT_LEAST      |                    | true    |
            7.11#5    | 新建益智健身苑点                                              | 20    | 处       | AT_LEAST      |                    | true    |
            7.12#1    | 开展各级各类群众性体育赛事活动                                | 300   | 场       | AT_LEAST      | AT_LEAST              | false   |
            """;

    private static final ParsedPlan PLAN = PlanDocuments.parse(PlanDocuments.jingan2021());

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(delimiter = '|', textBlock = TABLE)
    void eachTargetAsTheDocumentStatesIt(String id, String name, BigDecimal value, String unit, Direction direction,
            String qualifiers, boolean starred, String partOf) {
        ParsedIndicator indicator = PLAN.indicator(id).orElseThrow(() -> new AssertionError("no indicator " + id));

        assertThat(indicator.name()).as("name").isEqualTo(name);
        assertThat(indicator.value()).as("value").isEqualByComparingTo(value);
        assertThat(indicator.unit()).as("unit").isEqualTo(unit);
        assertThat(indicator.direction()).as("direction").isEqualTo(direction);
        assertThat(indicator.qualifiers()).as("qualifiers").isEqualTo(qualifiers(qualifiers));
        assertThat(indicator.starred()).as("starred").isEqualTo(starred);
        assertThat(indicator.partOf()).as("partOf").isEqualTo(partOf);
        assertThat(PLAN.item(id.substring(0, id.indexOf('#'))).orElseThrow().text())
                .as("the source phrase is the item's text").contains(indicator.sourcePhrase());
    }

    @Test
    void theTableIsTheWholeListInReadingOrder() {
        assertThat(PLAN.indicators()).extracting(ParsedIndicator::id).containsExactlyElementsOf(tableIds());
        assertThat(PLAN.indicators()).hasSize(79);
    }

    @Test
    void indicatorsPerSection() {
        Map<Integer, Long> perSection = PLAN.sections().stream().collect(Collectors.toMap(ParsedSection::number,
                s -> s.items().stream().mapToLong(i -> i.indicators().size()).sum(), (a, b) -> a, LinkedHashMap::new));
        assertThat(perSection).containsExactly(Map.entry(1, 0L), Map.entry(2, 11L), Map.entry(3, 8L),
                Map.entry(4, 21L), Map.entry(5, 22L), Map.entry(6, 1L), Map.entry(7, 16L), Map.entry(8, 0L),
                Map.entry(9, 0L));
    }

    @Test
    void theExamplesOfTheBrief() {
        assertThat(PLAN.indicator("2.1#1").orElseThrow().sourcePhrase()).isEqualTo("实现全年区级一般公共预算收入同比增长 5%");
        assertThat(PLAN.indicator("2.3#1").orElseThrow().sourcePhrase()).isEqualTo("实现单位增加值能耗下降 3.2％");
        assertThat(PLAN.indicator("2.3#2").orElseThrow().sourcePhrase()).isEqualTo("能耗总量增长率力争控制在 3.5%以下");
        assertThat(PLAN.indicator("4.6#3").orElseThrow().sourcePhrase()).isEqualTo("干垃圾处置量控制在 750 吨以内/日");
        assertThat(PLAN.indicator("5.8#3").orElseThrow().sourcePhrase())
                .isEqualTo("★帮扶引领创业 800 人（其中帮扶青年大学生创业 480 人）");
        assertThat(PLAN.indicator("4.18#1").orElseThrow().sourcePhrase())
                .isEqualTo(PLAN.indicator("4.18#2").orElseThrow().sourcePhrase());
        assertThat(PLAN.item("5.8").orElseThrow().indicators()).allMatch(ParsedIndicator::starred).hasSize(4);
        assertThat(PLAN.item("7.10").orElseThrow().indicators()).extracting(ParsedIndicator::value)
                .containsExactly(new BigDecimal("10"), new BigDecimal("10"), new BigDecimal("1.3"));
    }

    @Test
    void onlyTheStarredSentenceIsStarred() {
        // 5.7: ★实施…全覆盖。为 150 户老年人…: the ★ ends at the 。
        assertThat(PLAN.item("5.7").orElseThrow().starred()).isTrue();
        assertThat(PLAN.indicator("5.7#1").orElseThrow().starred()).isFalse();
        // 7.8: 新增 6 个“乐游移动驿站” follows the two ★ sentences
        assertThat(PLAN.indicator("7.8#4").orElseThrow().starred()).isFalse();
        assertThat(PLAN.indicators()).filteredOn(ParsedIndicator::starred).hasSize(45);
    }

    private static List<String> tableIds() {
        return TABLE.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.substring(0, l.indexOf('|')).strip()).toList();
    }

    private static Set<Qualifier> qualifiers(String names) {
        Set<Qualifier> set = EnumSet.noneOf(Qualifier.class);
        if (names != null) {
            Arrays.stream(names.split("\\s+")).filter(n -> !n.isEmpty()).map(Qualifier::valueOf).forEach(set::add);
        }
        return set;
    }
}
