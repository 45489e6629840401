package org.keywork.goal.plan.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The 2021 document as other offices, editors and uploads might deliver it. */
class SyntheticVariantsTest {

    private static final String ORIGINAL = PlanDocuments.jingan2021();
    private static final ParsedPlan EXPECTED = PlanDocuments.parse(ORIGINAL);

    @Test
    void asciiParenthesesAroundItemNumbers() {
        String ascii = ORIGINAL.replaceAll("（([一二三四五六七八九十]+)）", "($1)");
        assertThat(ascii).contains("(一)", "(四十七)").doesNotContain("（一）");

        ParsedPlan plan = PlanDocuments.parse(ascii);
        // the same plan; only the labels keep the document's own parentheses
        assertThat(plan.item("9.47").orElseThrow().label()).isEqualTo("(四十七)");
        assertThat(withoutLabels(plan)).isEqualTo(withoutLabels(EXPECTED));
    }

    private static List<ParsedSection> withoutLabels(ParsedPlan plan) {
        return plan.sections().stream().map(s -> new ParsedSection(s.number(), s.label(), s.title(), s.intro(),
                s.kind(), s.items().stream().map(i -> new ParsedItem(i.id(), i.section(), i.number(), null, i.group(),
                        i.text(), i.starCount(), i.indicators(), i.milestones())).toList())).toList();
    }

    @Test
    void asciiParenthesesEverywhere() {
        ParsedPlan plan = PlanDocuments.parse(ORIGINAL.replace('（', '(').replace('）', ')'));

        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.items()).hasSize(158);
        assertThat(plan.indicators()).extracting(ParsedIndicator::id, ParsedIndicator::value)
                .containsExactlyElementsOf(EXPECTED.indicators().stream()
                        .map(i -> tuple(i.id(), i.value())).toList());
        assertThat(plan.indicator("5.8#3").orElseThrow().partOf()).isEqualTo("5.8#2");
        assertThat(plan.milestones()).hasSameSizeAs(EXPECTED.milestones());
    }

    @Test
    void withoutPageFooters() {
        String noFooters = ORIGINAL.replace("- 9 -", "");
        assertThat(noFooters).isNotEqualTo(ORIGINAL);

        assertThat(PlanDocuments.parse(noFooters)).isEqualTo(EXPECTED);
    }

    @Test
    void withOtherPageFooters() {
        String footers = ORIGINAL.replace("- 9 -", "— 9 —").replace("市北功能区营商环境，打造生态、智慧、安全园区。",
                "市北功能区营商环境，打造生态、\n\n2\n\n智慧、安全园区。").replace("（十八）依托“立静安，",
                        "（十八）依托“立静安，\n第 5 页\n");

        assertThat(PlanDocuments.parse(footers)).isEqualTo(EXPECTED);
    }

    @Test
    void extraWhitespaceAndBlankLinesEverywhere() {
        Random random = new Random(20210318);
        StringBuilder out = new StringBuilder();
        for (String line : ORIGINAL.split("\n", -1)) {
            out.append(" \t\u3000".charAt(random.nextInt(3))).append("\n".repeat(random.nextInt(3)));
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                out.append(c == ' ' ? "  \t " : String.valueOf(c));
                boolean betweenChinese = i + 1 < line.length() && SourceText.isHan(c) && SourceText.isHan(line.charAt(i + 1));
                if (betweenChinese && random.nextInt(4) == 0) {
                    out.append(random.nextBoolean() ? " " : "\u3000 ");
                }
            }
            out.append("   \n").append(random.nextBoolean() ? " \n\n" : "");
        }

        assertThat(PlanDocuments.parse(out.toString())).isEqualTo(EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\r"})
    void windowsAndOldMacLineEnds(String lineEnd) {
        assertThat(PlanDocuments.parse(ORIGINAL.replace("\n", lineEnd))).isEqualTo(EXPECTED);
    }

    @Test
    void aByteOrderMarkIsHarmless() {
        assertThat(PlanDocuments.parse("\uFEFF" + ORIGINAL)).isEqualTo(EXPECTED);
    }

    @Test
    void theConstructionSectionRenumberedIsRecognisedByItsContent() {
        // 九 becomes 四, 四…八 become 五…九
        String moved = PlanDocuments.reorderSections(ORIGINAL, 1, 2, 3, 9, 4, 5, 6, 7, 8);
        ParsedPlan plan = PlanDocuments.parse(moved);

        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.sections()).extracting(ParsedSection::number, ParsedSection::title, ParsedSection::kind)
                .containsExactly(
                        tuple(1, "推动区域战略规划实施", SectionKind.GOALS),
                        tuple(2, "提升区域经济规模和效益", SectionKind.GOALS),
                        tuple(3, "深化重点领域改革创新", SectionKind.GOALS),
                        tuple(4, "推进区域重点工程建设", SectionKind.CONSTRUCTION),
                        tuple(5, "提高城区治理现代化水平", SectionKind.GOALS),
                        tuple(6, "保障和改善民生", SectionKind.GOALS),
                        tuple(7, "加强和创新社会治理", SectionKind.GOALS),
                        tuple(8, "促进社会事业协调发展", SectionKind.GOALS),
                        tuple(9, "加强政府自身建设", SectionKind.GOALS));
        List<ParsedItem> construction = plan.section(4).orElseThrow().items();
        assertThat(construction).hasSize(47);
        assertThat(construction).filteredOn(has(MilestoneType.START)).hasSize(26);
        assertThat(construction).filteredOn(has(MilestoneType.COMPLETION)).hasSize(20);
        assertThat(construction.subList(44, 47)).allMatch(i -> i.milestones().stream()
                .allMatch(m -> m.type() == MilestoneType.OTHER));
        assertThat(plan.item("4.44").orElseThrow().milestones()).hasSize(4);
        assertThat(plan.milestones()).extracting(ParsedMilestone::name)
                .containsExactlyElementsOf(EXPECTED.milestones().stream().map(ParsedMilestone::name).toList());
        // the goals keep their targets under their new numbers: 五（八） is now 六（八）
        assertThat(plan.indicators()).hasSize(79);
        assertThat(plan.indicator("6.8#3").orElseThrow().partOf()).isEqualTo("6.8#2");
        assertThat(plan.indicator("5.6#3").orElseThrow().unit()).isEqualTo("吨/日");
    }

    @Test
    void theConstructionSectionLastButNumberedTen() {
        String ten = ORIGINAL.replace("九、推进区域重点工程建设", "十、推进区域重点工程建设");
        ParsedPlan plan = PlanDocuments.parse(ten);

        // S is the section's position: the ninth section, whatever its label says
        assertThat(plan.section(9).orElseThrow().kind()).isEqualTo(SectionKind.CONSTRUCTION);
        assertThat(plan.section(9).orElseThrow().label()).isEqualTo("十、");
        assertThat(plan.item("9.44").orElseThrow().milestones()).hasSize(4);
        assertThat(plan.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(WarningCode.UNEXPECTED_SECTION_NUMBER);
            assertThat(w.excerpt()).isEqualTo("十、推进区域重点工程建设");
            assertThat(ORIGINAL.lines().toList().get(w.line() - 1)).isEqualTo("九、推进区域重点工程建设");
        });
    }

    @Test
    void anItemNumberOutOfSequenceIsTextWithAWarning() {
        String text = ORIGINAL.replace("（四十七）开展北郊站转型研究。", "（四十七）开展北郊站转型研究。（四十九）启动试点项目。");
        int line = lineOf(text, "（四十九）");
        ParsedPlan plan = PlanDocuments.parse(text);

        assertThat(plan.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(WarningCode.UNEXPECTED_ITEM_NUMBER);
            assertThat(w.line()).isEqualTo(line);
            assertThat(w.excerpt()).contains("（四十九）");
            assertThat(w.message()).contains("（四十九）", "（四十八）");
        });
        assertThat(plan.section(9).orElseThrow().items()).hasSize(47);
        assertThat(plan.item("9.47").orElseThrow().text()).isEqualTo("开展北郊站转型研究。（四十九）启动试点项目。");
    }

    @Test
    void aSkippedItemNumberIsReportedAndNothingInventedFromIt() {
        String text = ORIGINAL.replace("（十）持续深化隐患排查", "（十一）持续深化隐患排查");
        ParsedPlan plan = PlanDocuments.parse(text);

        assertThat(plan.warnings()).extracting(ImportWarning::code).isNotEmpty()
                .containsOnly(WarningCode.UNEXPECTED_ITEM_NUMBER);
        assertThat(plan.warnings().get(0).excerpt()).contains("（十一）持续深化");
        assertThat(plan.items()).hasSizeLessThan(158);
    }

    @Test
    void anUnknownMarkIsReportedWithItsLine() {
        String text = ORIGINAL.replace("（六）★新增社区长者食堂 2 个。", "（六）◆新增社区长者食堂 2 个。");
        int line = lineOf(text, "◆");
        ParsedPlan plan = PlanDocuments.parse(text);

        assertThat(plan.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(WarningCode.UNKNOWN_MARK);
            assertThat(w.line()).isEqualTo(line);
            assertThat(w.excerpt()).contains("◆新增社区长者食堂");
            assertThat(w.message()).contains("5.6", "◆");
        });
        assertThat(plan.item("5.6").orElseThrow().starCount()).isZero();
        assertThat(plan.indicator("5.6#1").orElseThrow().starred()).isFalse();
    }

    @Test
    void controlCharactersInALineAreDroppedWithAWarning() {
        String text = ORIGINAL.replace("（九）全年累计实现外贸进出口总额 390 亿元。", "（九）全年累计\u0000实现外贸进\u0007出口总额 390 亿元。");
        int line = lineOf(text, "\u0007");
        ParsedPlan plan = PlanDocuments.parse(text);

        assertThat(plan.warnings()).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo(WarningCode.UNREADABLE_CHARACTERS);
            assertThat(w.line()).isEqualTo(line);
            assertThat(w.excerpt()).contains("全年累计?实现");
        });
        assertThat(plan.sections()).isEqualTo(EXPECTED.sections());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n\n\r\n", "\u3000\t"})
    void anEmptyTextYieldsNoSectionsAndOneWarning(String empty) {
        ParsedPlan plan = PlanDocuments.parse(empty);

        assertThat(plan.sections()).isEmpty();
        assertThat(plan.notes()).isEmpty();
        assertThat(plan.copyTo()).isNull();
        assertThat(plan.header()).isEqualTo(new PlanHeader(null, null, null, 0, null, null, null, null));
        assertThat(plan.warnings()).extracting(ImportWarning::code).containsExactly(WarningCode.EMPTY_DOCUMENT);
    }

    @Test
    void nullIsAnEmptyText() {
        assertThat(PlanDocuments.parse(null).warnings()).extracting(ImportWarning::code)
                .containsExactly(WarningCode.EMPTY_DOCUMENT);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomBinaryGarbageGivesWarningsNotExceptions(long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[64 * 1024];
        random.nextBytes(bytes);
        for (String text : List.of(new String(bytes, StandardCharsets.UTF_8), new String(bytes, StandardCharsets.ISO_8859_1),
                new String(bytes, StandardCharsets.UTF_16LE))) {
            ParsedPlan[] plan = new ParsedPlan[1];
            assertThatCode(() -> plan[0] = PlanDocuments.parse(text)).doesNotThrowAnyException();

            assertThat(plan[0].sections()).isEmpty();
            assertThat(plan[0].warnings()).isNotEmpty().hasSizeLessThanOrEqualTo(Warnings.LIMIT + 1)
                    .extracting(ImportWarning::code).contains(WarningCode.NO_SECTIONS)
                    .doesNotContain(WarningCode.PARSER_FAILURE);
            assertThat(plan[0].warnings()).allSatisfy(w -> assertThat(w.excerpt()).hasSizeLessThanOrEqualTo(
                    ImportWarning.MAX_EXCERPT).doesNotContainPattern("\\p{Cc}"));
        }
    }

    @Test
    void garbageInsideTheDocumentStillReadsTheRest() {
        Random random = new Random(7);
        byte[] bytes = new byte[4000];
        random.nextBytes(bytes);
        String garbage = new String(bytes, StandardCharsets.ISO_8859_1);
        ParsedPlan plan = PlanDocuments.parse(ORIGINAL.replace("\n八、加强政府自身建设", "\n" + garbage + "\n八、加强政府自身建设"));

        assertThat(plan.items()).hasSize(158);
        assertThat(plan.warnings()).isNotEmpty().doesNotContainNull()
                .extracting(ImportWarning::code).doesNotContain(WarningCode.PARSER_FAILURE);
    }

    @Test
    void hugeItemsAreReadInReasonableTime() {
        String large = ORIGINAL
                .replace("\n九、推进区域重点工程建设", "（八）" + "新建 5 个公共厕所，".repeat(20_000) + "\n九、推进区域重点工程建设")
                .replace("\n注：", "（四十八）" + "实现某某项目开工。".repeat(20_000) + "\n注：");

        ParsedPlan plan = PlanDocuments.parse(large);

        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.item("8.8").orElseThrow().indicators()).hasSize(20_000);
        assertThat(plan.item("9.48").orElseThrow().milestones()).hasSize(20_000);
    }

    private static Predicate<ParsedItem> has(MilestoneType type) {
        return item -> item.milestones().stream().anyMatch(m -> m.type() == type);
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(needle + " not found");
    }
}
