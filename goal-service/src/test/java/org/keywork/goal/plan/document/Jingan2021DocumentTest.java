package org.keywork.goal.plan.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The 2021 plan of Jing'an (静府发〔2021〕5号) read in full: everything but the indicator table. */
class Jingan2021DocumentTest {

    private static final ParsedPlan PLAN = PlanDocuments.parse(PlanDocuments.jingan2021());

    @Test
    void theClasspathCopyIsTheSharedOriginal() throws IOException {
        assumeThat(Files.exists(PlanDocuments.SHARED_ORIGINAL)).as("shared original present").isTrue();
        String original = Files.readString(PlanDocuments.SHARED_ORIGINAL, StandardCharsets.UTF_8);
        assertThat(PlanDocuments.jingan2021()).isEqualTo(original);
        assertThat(PlanDocuments.parse(original)).isEqualTo(PLAN);
    }

    @Test
    void readsWithoutAWarning() {
        assertThat(PLAN.warnings()).isEmpty();
        assertThat(PLAN.clean()).isTrue();
    }

    @Test
    void header() {
        assertThat(PLAN.header()).isEqualTo(new PlanHeader("上海市静安区人民政府", "静府发〔2021〕5号",
                "2021 年区政府重点工作目标安排", 2021, LocalDate.of(2021, 3, 18), "上海市静安区人民政府办公室",
                LocalDate.of(2021, 3, 18), "关于印发《2021 年区政府重点工作目标安排》的通知"));
    }

    @Test
    void nineSectionsWithTheirTitlesKindsAndItemCounts() {
        assertThat(PLAN.sections()).extracting(ParsedSection::number, ParsedSection::title, ParsedSection::kind,
                s -> s.items().size()).containsExactly(
                        tuple(1, "推动区域战略规划实施", SectionKind.GOALS, 8),
                        tuple(2, "提升区域经济规模和效益", SectionKind.GOALS, 26),
                        tuple(3, "深化重点领域改革创新", SectionKind.GOALS, 16),
                        tuple(4, "提高城区治理现代化水平", SectionKind.GOALS, 18),
                        tuple(5, "保障和改善民生", SectionKind.GOALS, 15),
                        tuple(6, "加强和创新社会治理", SectionKind.GOALS, 9),
                        tuple(7, "促进社会事业协调发展", SectionKind.GOALS, 12),
                        tuple(8, "加强政府自身建设", SectionKind.GOALS, 7),
                        tuple(9, "推进区域重点工程建设", SectionKind.CONSTRUCTION, 47));
        assertThat(PLAN.items()).hasSize(158);
    }

    @Test
    void theLayoutAndTheDocumentsOwnLabels() {
        assertThat(PLAN.layout()).isEqualTo(new ParsedLayout("一、", List.of(), "（一）", ParsedLayout.PER_SECTION));
        assertThat(PLAN.section(9).orElseThrow().label()).isEqualTo("九、");
        assertThat(item("5.8").label()).isEqualTo("（八）");
        assertThat(item("9.26").label()).isEqualTo("（二十六）");
        assertThat(PLAN.preamble()).isNull();
        assertThat(PLAN.items()).allMatch(i -> i.group() == null);
    }

    @Test
    void itemsAreNumberedInSequenceWithArabicIds() {
        for (ParsedSection section : PLAN.sections()) {
            for (int n = 1; n <= section.items().size(); n++) {
                ParsedItem item = section.items().get(n - 1);
                assertThat(item.id()).isEqualTo(section.number() + "." + n);
                assertThat(item.section()).isEqualTo(section.number());
                assertThat(item.number()).isEqualTo(n);
                assertThat(item.text()).isNotBlank().doesNotStartWith("（").doesNotContain("\n");
            }
        }
        assertThat(PLAN.item("5.8")).isPresent();
        assertThat(PLAN.item("9.47")).isPresent();
        assertThat(PLAN.item("9.48")).isEmpty();
    }

    @Test
    void twentyFiveStarredItemsHoldFortyTwoStars() {
        Map<String, Integer> stars = PLAN.items().stream().filter(ParsedItem::starred)
                .collect(Collectors.toMap(ParsedItem::id, ParsedItem::starCount));
        assertThat(stars).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("3.13", 1), Map.entry("4.2", 3), Map.entry("4.3", 1), Map.entry("4.5", 2),
                Map.entry("4.6", 1), Map.entry("4.12", 2), Map.entry("4.14", 2), Map.entry("5.5", 2),
                Map.entry("5.6", 1), Map.entry("5.7", 1), Map.entry("5.8", 3), Map.entry("5.10", 3),
                Map.entry("5.12", 1), Map.entry("5.13", 1), Map.entry("5.14", 2), Map.entry("5.15", 1),
                Map.entry("7.3", 1), Map.entry("7.4", 1), Map.entry("7.8", 2), Map.entry("7.10", 3),
                Map.entry("7.11", 4), Map.entry("9.2", 1), Map.entry("9.26", 1), Map.entry("9.27", 1),
                Map.entry("9.28", 1)));
        assertThat(stars.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(42);
    }

    @Test
    void itemTextsAreJoinedAcrossLinesAndFooters() {
        // （一）…。（二） on one line, and 高质量… on the next
        assertThat(item("1.2").text()).isEqualTo("高质量推进落实“一轴三带”发展战略。");
        // runs across the page footer "- 9 -"
        assertThat(item("4.10").text()).isEqualTo("持续深化隐患排查治理与重大隐患挂牌督办，坚决遏制重特大安全事故发生。");
        // a marker broken across lines: （二 / 十四）
        assertThat(item("2.24").text()).startsWith("承办第二十四届上海国际电影节");
        // a number broken from its unit across lines keeps one space: 完成 10 / 万平方米
        assertThat(item("4.2").text()).contains("完成 10 万平方米屋面", "加装电梯 200 台");
        assertThat(item("3.9").text()).contains("新接入 80 个公共停车场（库）");
        // stray parentheses are text
        assertThat(item("2.3").text()).endsWith("3.5%以下。（以市政府正式下达为准）");
        assertThat(item("5.8").text()).contains("（其中帮扶青年大学生创业 480 人）");
        assertThat(item("7.6").text()).contains("平型关路院区（暂名）工程");
        assertThat(item("9.14").text()).isEqualTo("实现南西社区C050401 单元 077-10 地块（科创投总部办公楼）项目开工。");
        // the section after 八 starts its own items: 8.7 does not swallow 九、
        assertThat(item("8.7").text()).endsWith("有效促进区政府重点工作的顺利推进。");
        assertThat(item("9.47").text()).isEqualTo("开展北郊站转型研究。");
    }

    @Test
    void qualitativeItemsHaveNoIndicators() {
        assertThat(PLAN.section(1).orElseThrow().items()).allMatch(ParsedItem::qualitative);
        assertThat(PLAN.section(8).orElseThrow().items()).allMatch(ParsedItem::qualitative);
        assertThat(item("5.2").indicators()).as("中华新路 817 弄 1-18 号 is an address").isEmpty();
        assertThat(item("6.4").indicators()).as("“1+X+14” is a name").isEmpty();
        assertThat(item("2.22").indicators()).extracting(ParsedIndicator::value).as("“文创 50 条” is a name")
                .containsExactly(new BigDecimal("12"));
    }

    @Test
    void goalsItemsHaveNoMilestonesAndConstructionItemsNoIndicators() {
        assertThat(PLAN.sections().subList(0, 8)).flatMap(ParsedSection::items)
                .allMatch(i -> i.milestones().isEmpty());
        assertThat(PLAN.section(9).orElseThrow().items()).allMatch(i -> i.indicators().isEmpty())
                .allMatch(i -> !i.milestones().isEmpty());
    }

    @Test
    void constructionItemsStartAndComplete() {
        List<ParsedItem> construction = PLAN.section(9).orElseThrow().items();
        assertThat(withMilestone(construction, MilestoneType.START)).hasSize(26)
                .containsAll(range(1, 25)).contains("9.44");
        assertThat(withMilestone(construction, MilestoneType.COMPLETION)).hasSize(20)
                .containsAll(range(26, 43)).contains("9.1", "9.44");
        assertThat(withMilestone(construction, MilestoneType.OTHER)).containsExactly("9.44", "9.45", "9.46", "9.47");
        for (String id : List.of("9.45", "9.46", "9.47")) {
            assertThat(item(id).milestones()).extracting(ParsedMilestone::type).containsOnly(MilestoneType.OTHER);
        }
        // the document gives no dates: every milestone is unscheduled (未排期) until the breakdown sets one
        assertThat(PLAN.milestones()).hasSize(53).allMatch(m -> m.plannedDate() == null);
    }

    @Test
    void theBuildingProgrammeStartsAndCompletesOneMillionSquareMetres() {
        assertThat(item("9.1").milestones()).containsExactly(
                new ParsedMilestone("9.1#1", MilestoneType.START, "区重大工程房建项目", new BigDecimal("100"), "万平方米",
                        null, "实现区重大工程房建项目开工 100 万平方米"),
                new ParsedMilestone("9.1#2", MilestoneType.COMPLETION, "区重大工程房建项目", new BigDecimal("100"),
                        "万平方米", null, "竣工 100 万平方米"));
    }

    @Test
    void milestoneNamesAreTheProjects() {
        assertThat(item("9.2").milestones()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("9.2#1");
            assertThat(m.type()).isEqualTo(MilestoneType.START);
            assertThat(m.name()).isEqualTo("静安区闸北实验小学（明德）校区扩建项目");
            assertThat(m.value()).isNull();
            assertThat(m.unit()).isNull();
            assertThat(m.sourcePhrase()).isEqualTo("★实现静安区闸北实验小学（明德）校区扩建项目开工");
        });
        assertThat(item("9.26").milestones()).extracting(ParsedMilestone::type, ParsedMilestone::name)
                .containsExactly(tuple(MilestoneType.COMPLETION, "久隆模范中学扩建项目"));
        assertThat(item("9.28").milestones()).extracting(ParsedMilestone::name).containsExactly("第三康复医院");
        assertThat(item("9.13").milestones()).extracting(ParsedMilestone::name)
                .containsExactly("市北园区 N070501单元22-02地块项目");
        // a 、 inside parentheses does not list several projects
        assertThat(item("9.39").milestones()).extracting(ParsedMilestone::name)
                .containsExactly("北广场金融街 C1 地块（B、C、D 楼）项目");
    }

    @Test
    void roadsAdvanceCompleteAndStartOnePerRoad() {
        assertThat(item("9.44").milestones()).extracting(ParsedMilestone::id, ParsedMilestone::type,
                ParsedMilestone::name).containsExactly(
                        tuple("9.44#1", MilestoneType.OTHER, "推进南北二期（中山北路-中华新路）道路建设"),
                        tuple("9.44#2", MilestoneType.COMPLETION, "平陆路（永和路-汶水路）道路新建工程"),
                        tuple("9.44#3", MilestoneType.START, "云飞东路（共和新路-寿阳路）新建工程"),
                        tuple("9.44#4", MilestoneType.START, "国庆路（乌镇路-晋元路）道路改建工程"));
    }

    @Test
    void otherStepsKeepTheirVerbAndLeadClausesAreNoMilestones() {
        assertThat(item("9.45").milestones()).extracting(ParsedMilestone::name).containsExactly(
                "开展苏州河两岸公共空间品质提升工程", "启动苏州河防汛墙迎水面改造项目", "推进苏州河沿线第一立面品质提升工程");
        assertThat(item("9.46").milestones()).extracting(ParsedMilestone::name)
                .containsExactly("启动愚园路历史风貌保护区街区更新及活化利用");
        assertThat(item("9.47").milestones()).extracting(ParsedMilestone::name).containsExactly("开展北郊站转型研究");
    }

    @Test
    void notesAndCopyToAreMetadataNotItems() {
        assertThat(PLAN.notes()).containsExactly(
                "标★号项目同时被列为 2021 年度区政府要完成的与人民生活密切相关的实事项目。",
                "各项重点工作由区政府分管领导按照分工牵头实施。",
                "区政府分管领导、牵头部门和配合部门责任人职务如有变动，由继任者自然替补。");
        assertThat(PLAN.copyTo()).startsWith("区委各部门").isEqualTo(
                "区委各部门，区人大常委会办公室，区政协办公室，区法院，区检察院，区各人民团体");
        assertThat(PLAN.items()).noneMatch(i -> i.text().contains("注：") || i.text().contains("抄送")
                || i.text().contains("印发") || i.text().contains("继任者"));
        assertThat(item("9.47").starCount()).as("the ★ in note 1 is no item's").isZero();
    }

    @Test
    void aCommaInsideASentenceIsNoSectionBreak() {
        // "区政府各委、办、局" in the heading and "大、中修" in 4.3 hold a 、 inside a sentence
        assertThat(PLAN.sections()).hasSize(9);
        assertThat(item("4.3").text()).contains("道路大、中修");
    }

    private static ParsedItem item(String id) {
        return PLAN.item(id).orElseThrow(() -> new AssertionError("no item " + id));
    }

    private static List<String> withMilestone(List<ParsedItem> items, MilestoneType type) {
        return items.stream().filter(i -> i.milestones().stream().anyMatch(m -> m.type() == type))
                .map(ParsedItem::id).toList();
    }

    private static List<String> range(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> "9." + n).toList();
    }
}
