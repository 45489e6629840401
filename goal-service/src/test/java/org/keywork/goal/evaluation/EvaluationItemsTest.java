package org.keywork.goal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.keywork.events.MilestoneDefinition;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.QualitativeProgress;
import org.keywork.goal.planning.PlanSnapshot;

/** Every item is scored, qualitative ones by their reported state, and every section has its rows and sheet lines. */
class EvaluationItemsTest {

    static PlanItem qualitative(String itemId, int section, String sectionTitle, String state, String department) {
        QualitativeProgress progress = state == null ? null
                : new QualitativeProgress(QualitativeProgress.statusOf(state), state, "note " + itemId,
                        LocalDate.of(2021, 12, 20), Instant.EPOCH, "r-" + itemId, List.of("r-" + itemId));
        return new PlanItem("2021/" + itemId, 2021, itemId, section, sectionTitle, "定性事项 " + itemId, false, 0,
                new Responsibility("副区长（分管发展改革）", department, List.of()), false, List.of(), 1, "2021/v1",
                List.of(), 0, List.of(), progress);
    }

    final List<PlanItem> items = List.of(
            qualitative("1.1", 1, "推动经济高质量发展", "DONE", "区发展改革委"),
            qualitative("1.2", 1, "推动经济高质量发展", "ON_TRACK", "区发展改革委"),
            qualitative("1.3", 1, "推动经济高质量发展", "AT_RISK", "区商务委"),
            EvaluationTest.item("5.5", 5, "区民政局", "副区长（分管民政）",
                    EvaluationTest.indicator("5.5#1", TrackingStatus.DONE, "2021-11-30")),
            EvaluationTest.item("5.6", 5, "区民政局", "副区长（分管民政）",
                    EvaluationTest.indicator("5.6#1", TrackingStatus.RED, "2021-12-31")),
            qualitative("8.1", 8, "加强政府自身建设", null, "区政府办公室"));

    @Test
    void everyItemAndEverySectionIsScoredQualitativeOnesByTheirReportedState() {
        Evaluation evaluation = Evaluation.of(2021, LocalDate.of(2022, 1, 10), items);

        assertThat(evaluation.items()).extracting(ItemResult::itemId, ItemResult::kind, ItemResult::result)
                .containsExactly(tuple("1.1", "QUALITATIVE", "完成"), tuple("1.2", "QUALITATIVE", "基本完成"),
                        tuple("1.3", "QUALITATIVE", "未完成"), tuple("5.5", "INDICATOR", "完成"),
                        tuple("5.6", "INDICATOR", "未完成"), tuple("8.1", "QUALITATIVE", "未完成"));
        assertThat(evaluation.items().get(2).reason()).contains("存在风险", "note 1.3");
        assertThat(evaluation.items().get(5).reason()).isEqualTo("尚未报送进展");
        assertThat(evaluation.items().get(3).target()).contains("5.5#1", "10个");
        // sections with qualitative items only are there, in both countings
        assertThat(evaluation.bySection()).extracting(Evaluation.Row::group)
                .containsExactly("1 推动经济高质量发展", "5 保障和改善民生", "8 加强政府自身建设");
        assertThat(evaluation.bySection().get(0).targets()).isZero();
        assertThat(evaluation.itemsBySection()).containsExactly(
                new Evaluation.ItemRow("1 推动经济高质量发展", 3, 1, 1, 0, 1, 3, new BigDecimal("66.7")),
                new Evaluation.ItemRow("5 保障和改善民生", 2, 1, 0, 0, 1, 0, new BigDecimal("50.0")),
                new Evaluation.ItemRow("8 加强政府自身建设", 1, 0, 0, 0, 1, 1, new BigDecimal("0.0")));
        assertThat(evaluation.itemTotal()).isEqualTo(
                new Evaluation.ItemRow("合计", 6, 2, 1, 0, 3, 4, new BigDecimal("50.0")));
        assertThat(evaluation.itemsByDepartment()).extracting(Evaluation.ItemRow::group)
                .contains("区发展改革委", "区商务委", "区民政局", "区政府办公室");
        assertThat(evaluation.rules()).isNotEmpty().allSatisfy(rule -> assertThat(rule).isNotBlank());
    }

    @Test
    void anOnTrackQualitativeItemIsOnTrackWithinTheYear() {
        Evaluation evaluation = Evaluation.of(2021, LocalDate.of(2021, 10, 10), items);

        assertThat(evaluation.items().get(1).result()).isEqualTo("按期推进");
        assertThat(evaluation.items().get(3).result()).isEqualTo("完成");
    }

    @Test
    void constructionItemsAreScoredByTheirMilestones() {
        PlanSnapshot.Section section = new PlanSnapshot.Section(9, "九", "推进区域重点工程建设",
                PlanSnapshot.Section.CONSTRUCTION, List.of());
        PlanSnapshot.Item item = new PlanSnapshot.Item("9.2", 9, "（二）", null, "★校区扩建项目开工", 1, List.of(),
                List.of(new MilestoneDefinition("9.2#1", "START", "校区扩建项目", null, null,
                        LocalDate.of(2021, 12, 31), "开工")),
                new Responsibility("副区长（分管教育）", "区教育局", List.of()), false, null);
        MilestoneOutcome reached = new MilestoneOutcome("2021/9.2#1", 2021, "9.2", "9.2#1", TrackingStatus.DONE,
                LocalDate.of(2021, 12, 31), LocalDate.of(2021, 11, 15), LocalDate.of(2021, 11, 15));

        ItemResult result = Scoring.construction(2021, LocalDate.of(2022, 1, 10), section, item,
                java.util.Map.of("9.2#1", reached));

        assertThat(result.kind()).isEqualTo("MILESTONE");
        assertThat(result.result()).isEqualTo("完成");
        assertThat(result.actual()).contains("2021-11-15 已开工");
        assertThat(result.target()).contains("计划 2021-12-31 开工");
        assertThat(Scoring.construction(2021, LocalDate.of(2022, 1, 10), section, item, java.util.Map.of()).result())
                .isEqualTo("未完成");
    }

    @Test
    void theWorkbookHasASummaryAndOneDetailRowPerItem() throws Exception {
        byte[] bytes = EvaluationWorkbook.of(Evaluation.of(2021, LocalDate.of(2022, 1, 10), items));

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(5);
            assertThat(workbook.getSheetName(3)).isEqualTo("汇总");
            assertThat(workbook.getSheetName(4)).isEqualTo("逐项明细");
            Sheet detail = workbook.getSheet("逐项明细");
            assertThat(detail.getRow(0).getCell(0).getStringCellValue()).isEqualTo("事项编号");
            assertThat(detail.getRow(0).getCell(10).getStringCellValue()).isEqualTo("评定结果");
            assertThat(detail.getLastRowNum()).isEqualTo(6);
            assertThat(detail.getRow(1).getCell(0).getStringCellValue()).isEqualTo("1.1");
            assertThat(detail.getRow(1).getCell(6).getStringCellValue()).isEqualTo("定性");
            assertThat(detail.getRow(2).getCell(10).getStringCellValue()).isEqualTo("基本完成");
            assertThat(detail.getRow(6).getCell(0).getStringCellValue()).isEqualTo("8.1");
            assertThat(detail.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(detail.getPrintSetup().getLandscape()).isTrue();
            assertThat(detail.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(detail.getColumnWidth(2)).isGreaterThan(detail.getColumnWidth(0));

            Sheet sections = workbook.getSheet("按章节");
            assertThat(sections.getRow(2).getCell(0).getStringCellValue()).isEqualTo("1 推动经济高质量发展");
            assertThat(sections.getRow(2).getCell(9).getNumericCellValue()).isEqualTo(3);
            assertThat(sections.getRow(0).getCell(0).getStringCellValue()).doesNotContain("另行评定");

            Sheet summary = workbook.getSheet("汇总");
            assertThat(summary.getRow(4).getCell(0).getStringCellValue()).isEqualTo("事项总数");
            assertThat(summary.getRow(4).getCell(1).getStringCellValue()).isEqualTo("6");
        }
    }
}
