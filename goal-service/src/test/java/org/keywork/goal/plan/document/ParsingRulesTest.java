package org.keywork.goal.plan.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The parser's rules on small documents, for wordings the 2021 plan does not use. */
class ParsingRulesTest {

    private static final String HEADING = """
            上海市静安区人民政府文件
            静府发〔2022〕3号
            关于印发《2022 年区政府重点工作目标安排》的通知
            上海市静安区人民政府
            2022 年 2 月 28 日
            2022 年区政府重点工作目标安排
            """;

    private static ParsedPlan parse(String body) {
        return PlanDocuments.parse(HEADING + body);
    }

    private static ParsedIndicator only(ParsedPlan plan) {
        assertThat(plan.indicators()).hasSize(1);
        return plan.indicators().get(0);
    }

    @Test
    void aNestedPartAfterACommaBelongsToTheTargetBeforeIt() {
        ParsedPlan plan = parse("一、民生\n（一）新增就业岗位 5.5 万个，其中青年岗位 2 万个。帮扶 300 人。\n");

        assertThat(plan.indicators()).extracting(ParsedIndicator::id, ParsedIndicator::name, ParsedIndicator::value,
                ParsedIndicator::unit, ParsedIndicator::partOf).containsExactly(
                        tuple("1.1#1", "新增就业岗位", new BigDecimal("5.5"), "万个", null),
                        tuple("1.1#2", "青年岗位", new BigDecimal("2"), "万个", "1.1#1"),
                        tuple("1.1#3", "帮扶", new BigDecimal("300"), "人", null));
    }

    @Test
    void ceilingsFloorsAndChanges() {
        ParsedPlan plan = parse("""
                一、环境
                （一）PM2.5 年均浓度控制在 35 微克/立方米以下。（二）生产安全事故起数不超过 3 起。（三）单位 GDP 能耗
                下降 0.5 个百分点。（四）地方财政收入同比增长 5%左右。（五）城镇登记失业率降至 4%以内。（六）垃圾回收利用率
                保持在 40%以上。（七）开展培训不少于 20 场。（八）力争新增市场主体约 2 万家。
                """);

        assertThat(plan.indicators()).extracting(ParsedIndicator::id, ParsedIndicator::name, ParsedIndicator::value,
                ParsedIndicator::unit, ParsedIndicator::direction, ParsedIndicator::qualifiers).containsExactly(
                        tuple("1.1#1", "PM2.5 年均浓度", new BigDecimal("35"), "微克/立方米", Direction.AT_MOST,
                                EnumSet.of(Qualifier.AT_MOST)),
                        tuple("1.2#1", "生产安全事故起数", new BigDecimal("3"), "起", Direction.AT_MOST,
                                EnumSet.of(Qualifier.AT_MOST)),
                        tuple("1.3#1", "单位 GDP 能耗", new BigDecimal("0.5"), "个百分点", Direction.REDUCE_BY,
                                EnumSet.noneOf(Qualifier.class)),
                        tuple("1.4#1", "地方财政收入", new BigDecimal("5"), "%", Direction.INCREASE_BY,
                                EnumSet.of(Qualifier.YEAR_ON_YEAR, Qualifier.APPROXIMATE)),
                        tuple("1.5#1", "城镇登记失业率", new BigDecimal("4"), "%", Direction.AT_MOST,
                                EnumSet.of(Qualifier.AT_MOST)),
                        tuple("1.6#1", "垃圾回收利用率", new BigDecimal("40"), "%", Direction.KEEP_AT_LEAST,
                                EnumSet.of(Qualifier.AT_LEAST)),
                        tuple("1.7#1", "开展培训", new BigDecimal("20"), "场", Direction.AT_LEAST,
                                EnumSet.of(Qualifier.AT_LEAST)),
                        tuple("1.8#1", "新增市场主体", new BigDecimal("2"), "万家", Direction.AT_LEAST,
                                EnumSet.of(Qualifier.STRIVE, Qualifier.APPROXIMATE)));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void numbersThatAreNoTargets() {
        ParsedPlan plan = parse("""
                一、其他
                （一）2022 年起实施第 3 批试点，落实“十四五”规划和“3+5+X”方案，推进 5G 基站和 4.0 版平台，
                服务时间 24 小时，每个街道配备 2 名专员，为 14 个街道各配备 1 名顾问，推进长宁路 1-18 号和 110KV 站。
                """);

        assertThat(plan.indicators()).extracting(ParsedIndicator::value, ParsedIndicator::unit, ParsedIndicator::name)
                .containsExactly(tuple(new BigDecimal("14"), "个", "街道各配备 1 名顾问"));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aNumberWithoutAKnownUnitIsReported() {
        ParsedPlan plan = parse("一、环境\n（一）空气质量优良天数达到 300 天。\n");

        assertThat(plan.indicators()).isEmpty();
        assertThat(plan.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(WarningCode.UNCLASSIFIED_NUMBER);
            assertThat(w.line()).isEqualTo(8);
            assertThat(w.message()).contains("1.1", "300");
            assertThat(w.excerpt()).contains("300 天");
        });
    }

    @Test
    void fullWidthDigitsAndPercent() {
        ParsedPlan plan = parse("一、民生\n（一）新建 １２ 个社区食堂，覆盖率达到 ９５％。\n");

        assertThat(plan.indicators()).extracting(ParsedIndicator::name, ParsedIndicator::value, ParsedIndicator::unit)
                .containsExactly(tuple("新建社区食堂", new BigDecimal("12"), "个"),
                        tuple("覆盖率", new BigDecimal("95"), "%"));
    }

    @Test
    void anIncreaseOfACountIsACountToReachAndOfARateAChange() {
        ParsedPlan plan = parse("一、民生\n（一）增加 3 个社区食堂。（二）覆盖率增加 2 个百分点。\n");

        assertThat(plan.indicators()).extracting(ParsedIndicator::id, ParsedIndicator::direction).containsExactly(
                tuple("1.1#1", Direction.AT_LEAST), tuple("1.2#1", Direction.INCREASE_BY));
    }

    @Test
    void listNumbersInsideAnItemAreNoTargets() {
        ParsedPlan plan = parse("一、民生\n（一）重点做好：1.新建 3 个食堂；2、改造 5 条道路；（3）其他工作。\n");

        assertThat(plan.indicators()).extracting(ParsedIndicator::value).containsExactly(new BigDecimal("3"),
                new BigDecimal("5"));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void sectionsUpToTwentyAndItemsUpToNinetyNine() {
        StringBuilder body = new StringBuilder();
        for (int s = 1; s <= 20; s++) {
            body.append(ChineseNumerals.format(s)).append("、第").append(s).append("部分\n");
            int items = s == 20 ? 99 : 1;
            for (int n = 1; n <= items; n++) {
                body.append(n % 2 == 0 ? "(" : "（").append(ChineseNumerals.format(n)).append(n % 2 == 0 ? ")" : "）")
                        .append("完成第 ").append(n).append(" 项工作。");
            }
            body.append('\n');
        }
        ParsedPlan plan = parse(body.toString());

        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.sections()).hasSize(20).extracting(ParsedSection::number)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(plan.section(20).orElseThrow().items()).hasSize(99);
        assertThat(plan.item("20.99").orElseThrow().text()).isEqualTo("完成第 99 项工作。");
        assertThat(plan.indicators()).as("第 N 项 is an ordinal").isEmpty();
    }

    @Test
    void aSectionNumberGoingBackwardsIsText() {
        ParsedPlan plan = parse("一、甲\n（一）推进甲。\n二、乙\n（一）推进乙。\n一、丙\n（二）推进丙。\n");

        assertThat(plan.sections()).extracting(ParsedSection::title).containsExactly("甲", "乙");
        assertThat(plan.item("2.1").orElseThrow().text()).isEqualTo("推进乙。一、丙");
        assertThat(plan.item("2.2").orElseThrow().text()).isEqualTo("推进丙。");
        assertThat(plan.warnings()).extracting(ImportWarning::code, ImportWarning::line)
                .containsExactly(tuple(WarningCode.UNEXPECTED_SECTION_NUMBER, 11));
    }

    @Test
    void aListBrokenAcrossLinesIsNoSectionHeading() {
        ParsedPlan plan = parse("一、甲\n（一）推进一、二、\n三、四期工程建设。\n二、乙\n（一）推进乙。\n");

        assertThat(plan.sections()).extracting(ParsedSection::title).containsExactly("甲", "乙");
        assertThat(plan.item("1.1").orElseThrow().text()).isEqualTo("推进一、二、三、四期工程建设。");
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void milestoneDates() {
        ParsedPlan plan = parse("""
                一、推进区域重点工程建设
                （一）6 月底前实现甲项目开工。（二）上半年实现乙项目竣工。（三）三季度实现丙项目完工。
                （四）2022 年 10 月 15 日前实现丁项目开工。（五）开工建设戊项目。（六）年底前基本建成己工程。
                （七）实现庚项目开工，13 月底前竣工。
                """);

        assertThat(plan.section(1).orElseThrow().kind()).isEqualTo(SectionKind.CONSTRUCTION);
        assertThat(plan.milestones()).extracting(ParsedMilestone::id, ParsedMilestone::type, ParsedMilestone::name,
                ParsedMilestone::plannedDate).containsExactly(
                        tuple("1.1#1", MilestoneType.START, "甲项目", LocalDate.of(2022, 6, 30)),
                        tuple("1.2#1", MilestoneType.COMPLETION, "乙项目", LocalDate.of(2022, 6, 30)),
                        tuple("1.3#1", MilestoneType.COMPLETION, "丙项目", LocalDate.of(2022, 9, 30)),
                        tuple("1.4#1", MilestoneType.START, "丁项目", LocalDate.of(2022, 10, 15)),
                        // no date in the document: unscheduled (未排期) until one is set
                        tuple("1.5#1", MilestoneType.START, "戊项目", null),
                        tuple("1.6#1", MilestoneType.COMPLETION, "己工程", LocalDate.of(2022, 12, 31)),
                        tuple("1.7#1", MilestoneType.START, "庚项目", null),
                        tuple("1.7#2", MilestoneType.COMPLETION, "庚项目", null));
        assertThat(plan.warnings()).extracting(ImportWarning::code).containsExactly(WarningCode.INVALID_DATE);
    }

    @Test
    void aConstructionItemWithoutMilestoneIsReported() {
        ParsedPlan plan = parse("一、工程\n（一）实现甲项目开工。（二）实现乙项目竣工。（三）研究丙地块规划。\n");

        assertThat(plan.item("1.3").orElseThrow().milestones()).isEmpty();
        assertThat(plan.warnings()).extracting(ImportWarning::code).containsExactly(WarningCode.NO_MILESTONE);
    }

    @Test
    void aGoalsSectionMayMentionAMilestoneWord() {
        ParsedPlan plan = parse("一、民生\n（一）开工建设加装电梯 200 台。（二）新建 3 个食堂。（三）推进养老服务。\n");

        assertThat(plan.section(1).orElseThrow().kind()).isEqualTo(SectionKind.GOALS);
        assertThat(plan.indicators()).hasSize(2);
    }

    @Test
    void aDocumentWithoutHeadingIsReadWithWarnings() {
        ParsedPlan plan = PlanDocuments.parse("一、民生\n（一）新建 3 个食堂。\n");

        assertThat(plan.items()).hasSize(1);
        assertThat(plan.header().planYear()).isZero();
        // no title, no issuer, no document number or date
        assertThat(plan.warnings()).extracting(ImportWarning::code).containsOnly(WarningCode.MISSING_HEADER_FIELD)
                .hasSize(3);
        assertThat(plan.milestones()).isEmpty();
    }

    @Test
    void thePlanYearFallsBackToTheDocumentNumber() {
        ParsedPlan plan = PlanDocuments.parse("""
                上海市静安区人民政府文件
                静府发〔2023〕1号
                区政府重点工作目标安排
                一、民生
                （一）新建 3 个食堂。
                """);

        assertThat(plan.header().planYear()).isEqualTo(2023);
        assertThat(plan.header().issuer()).isEqualTo("上海市静安区人民政府");
        assertThat(plan.warnings()).extracting(ImportWarning::code).containsOnly(WarningCode.MISSING_HEADER_FIELD);
    }

    @Test
    void aSectionsIntroUnnumberedItemsAndTextAfterThePrintingLine() {
        ParsedPlan plan = parse("""
                一、民生
                总体要求：保障民生。
                （一）新建 3 个食堂。
                二、治理
                推进治理。
                三、安全
                上海市静安区人民政府办公室 2022 年 2 月 28 日印发
                共印 50 份
                """);

        // text before a section's first item is its intro; a section without numbered items has one per paragraph
        assertThat(plan.section(1).orElseThrow().intro()).isEqualTo("总体要求：保障民生。");
        assertThat(plan.section(2).orElseThrow().items()).extracting(ParsedItem::id, ParsedItem::label,
                ParsedItem::text).containsExactly(tuple("2.1", null, "推进治理。"));
        assertThat(plan.warnings()).extracting(ImportWarning::code, ImportWarning::line).containsExactly(
                tuple(WarningCode.UNNUMBERED_ITEMS, 11),
                tuple(WarningCode.EMPTY_SECTION, 12),
                tuple(WarningCode.UNRECOGNISED_TEXT, 14));
        assertThat(plan.header().printedOn()).isEqualTo(LocalDate.of(2022, 2, 28));
    }

    @Test
    void anUnnumberedNote() {
        ParsedPlan plan = parse("一、民生\n（一）新建 3 个食堂。\n注：标★号项目为实事项目。\n抄送：区委各部门。\n");

        assertThat(plan.notes()).containsExactly("标★号项目为实事项目。");
        assertThat(plan.copyTo()).isEqualTo("区委各部门");
        assertThat(plan.item("1.1").orElseThrow().starCount()).isZero();
    }

    @Test
    void warningsOfOneKindAreCapped() {
        String body = IntStream.rangeClosed(1, 50).mapToObj(n -> "（一）推进第" + n + "项。\n")
                .collect(Collectors.joining("", "一、民生\n（一）推进。\n", ""));
        List<ImportWarning> warnings = parse(body).warnings();

        assertThat(warnings).hasSize(Warnings.PER_CODE + 1);
        assertThat(warnings.get(warnings.size() - 1).code()).isEqualTo(WarningCode.TOO_MANY_WARNINGS);
        assertThat(warnings.get(warnings.size() - 1).message()).contains("30");
    }
}
