package org.keywork.goal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;

class EvaluationTest {

    static Indicator indicator(String id, TrackingStatus status, String asOf) {
        Indicator planned = Indicator.planned(id, "指标 " + id, BigDecimal.TEN, "个", "AT_LEAST", false);
        return new Indicator(planned.id(), planned.name(), planned.target(), planned.unit(), planned.direction(),
                false, BigDecimal.TEN, asOf == null ? null : LocalDate.parse(asOf), Instant.EPOCH, "r", status, null,
                null, List.of());
    }

    static PlanItem item(String itemId, int section, String department, String leader, Indicator... indicators) {
        return new PlanItem("2021/" + itemId, 2021, itemId, section, section == 5 ? "保障和改善民生" : "提高城区治理现代化水平",
                "事项 " + itemId, false, 0, new Responsibility(leader, department, List.of()), true, List.of(), 1,
                "2021/v1", List.of(indicators), 0, List.of());
    }

    final List<PlanItem> items = List.of(
            item("5.5", 5, "区民政局", "副区长（分管民政）", indicator("5.5#1", TrackingStatus.DONE, "2021-11-30"),
                    indicator("5.5#2", TrackingStatus.DONE, "2022-01-20")),
            item("5.6", 5, "区民政局", "副区长（分管民政）", indicator("5.6#1", TrackingStatus.RED, "2021-12-31")),
            item("4.2", 4, "区房管局", "副区长（分管城市建设）", indicator("4.2#1", TrackingStatus.DONE, "2021-12-31")),
            item("5.9", 5, "区民政局", "副区长（分管民政）"));

    @Test
    void countsMetOnTimeAndLateTargetsPerSectionDepartmentAndLeader() {
        Evaluation evaluation = Evaluation.of(2021, LocalDate.of(2022, 1, 31), items);

        assertThat(evaluation.total()).isEqualTo(new Evaluation.Row("合计", 3, 4, 3, 2, 1, 1,
                new BigDecimal("75.0"), new BigDecimal("50.0")));
        assertThat(evaluation.qualitativeItems()).isEqualTo(1);
        assertThat(evaluation.bySection()).extracting(Evaluation.Row::group)
                .containsExactly("5 保障和改善民生", "4 提高城区治理现代化水平");
        // departments and leaders: weakest completion first, so the evaluation shows where to look
        assertThat(evaluation.byDepartment()).extracting(Evaluation.Row::group, Evaluation.Row::completionRate)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("区民政局", new BigDecimal("66.7")),
                        org.assertj.core.groups.Tuple.tuple("区房管局", new BigDecimal("100.0")));
        assertThat(evaluation.byLeader().get(0).onTimeRate()).isEqualByComparingTo("33.3");
    }

    @Test
    void constructionMilestonesCountInTheirSectionMetOnTimeByTheirPlannedDate() {
        Responsibility construction = new Responsibility("副区长（分管城市建设）", "区建设管理委", List.of());
        List<Evaluation.Scored> milestones = List.of(
                new Evaluation.Scored("9.2", "9 推进区域重点工程建设", construction, true, true, false),
                new Evaluation.Scored("9.8", "9 推进区域重点工程建设", construction, false, false, true),
                new Evaluation.Scored("9.36", "9 推进区域重点工程建设", construction, true, false, false));

        Evaluation evaluation = Evaluation.of(2021, LocalDate.of(2022, 1, 31), items, milestones);

        assertThat(evaluation.bySection()).last().isEqualTo(new Evaluation.Row("9 推进区域重点工程建设", 3, 3, 2, 1, 1, 1,
                new BigDecimal("66.7"), new BigDecimal("33.3")));
        assertThat(evaluation.total().targets()).isEqualTo(7);
        assertThat(evaluation.byDepartment()).extracting(Evaluation.Row::group).contains("区建设管理委");
    }

    @Test
    void theWorkbookHasOneChineseSheetPerGroupingWithTheTotals() throws Exception {
        byte[] bytes = EvaluationWorkbook.of(Evaluation.of(2021, LocalDate.of(2022, 1, 31), items));

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("按章节");
            assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("按牵头部门");
            assertThat(workbook.getSheetAt(2).getSheetName()).isEqualTo("按分管领导");
            Sheet departments = workbook.getSheetAt(1);
            assertThat(departments.getRow(0).getCell(0).getStringCellValue()).contains("2021 年", "定性事项 1 项");
            assertThat(departments.getRow(1).getCell(7).getStringCellValue()).isEqualTo("完成率（%）");
            assertThat(departments.getRow(2).getCell(0).getStringCellValue()).isEqualTo("区民政局");
            assertThat(departments.getRow(2).getCell(7).getNumericCellValue()).isEqualTo(66.7);
            assertThat(departments.getRow(4).getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(departments.getRow(4).getCell(4).getNumericCellValue()).isEqualTo(2);
        }
    }
}
