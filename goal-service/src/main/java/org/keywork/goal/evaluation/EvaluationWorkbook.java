package org.keywork.goal.evaluation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The evaluation as an Excel workbook (.xlsx), headed in Chinese: one sheet per grouping (按章节, 按牵头部门,
 * 按分管领导: targets and items counted), 汇总 (the totals and the scoring rules) and 逐项明细 (one row per item of the
 * plan). Values only, no formulas; the header row is frozen; printed landscape, one page wide.
 */
final class EvaluationWorkbook {

    static final String[] HEADER = {"分组", "事项数", "量化指标数", "已完成", "按期完成", "逾期完成", "红色（严重滞后）",
        "完成率（%）", "按期完成率（%）", "事项总数（含定性）", "评为完成", "评为基本完成", "评为按期推进", "评为未完成",
        "事项完成率（%）"};

    static final String[] DETAIL_HEADER = {"事项编号", "板块", "事项内容", "实事项目", "牵头单位", "责任领导", "类型",
        "目标", "实际完成", "状态", "评定结果", "评定理由"};

    private static final int[] DETAIL_WIDTHS = {10, 24, 60, 8, 20, 22, 10, 50, 50, 14, 12, 50};

    static final String SUMMARY = "汇总";
    static final String DETAIL = "逐项明细";

    private EvaluationWorkbook() {
    }

    static byte[] of(Evaluation evaluation) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle wrapped = workbook.createCellStyle();
            wrapped.setWrapText(true);
            wrapped.setVerticalAlignment(VerticalAlignment.TOP);
            sheet(workbook, bold, "按章节", evaluation, evaluation.bySection(), evaluation.itemsBySection());
            sheet(workbook, bold, "按牵头部门", evaluation, evaluation.byDepartment(), evaluation.itemsByDepartment());
            sheet(workbook, bold, "按分管领导", evaluation, evaluation.byLeader(), evaluation.itemsByLeader());
            summary(workbook, bold, wrapped, evaluation);
            detail(workbook, bold, wrapped, evaluation);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String title(Evaluation evaluation, String name) {
        return evaluation.planYear() + " 年区政府重点工作考核（" + name + "，截至 " + evaluation.asOf() + "；定性事项 "
                + evaluation.qualitativeItems() + " 项按报送状态评定）";
    }

    private static void sheet(XSSFWorkbook workbook, CellStyle bold, String name, Evaluation evaluation,
            List<Evaluation.Row> rows, List<Evaluation.ItemRow> itemRows) {
        Sheet sheet = workbook.createSheet(name);
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(title(evaluation, name));
        title.getCell(0).setCellStyle(bold);
        header(sheet.createRow(1), HEADER, bold);
        Map<String, Evaluation.ItemRow> byGroup = itemRows.stream()
                .collect(Collectors.toMap(Evaluation.ItemRow::group, Function.identity(), (a, b) -> a));
        int r = 2;
        for (Evaluation.Row row : rows) {
            write(sheet.createRow(r++), row, byGroup.get(row.group()));
        }
        write(sheet.createRow(r), evaluation.total(), evaluation.itemTotal());
        sheet.getRow(r).getCell(0).setCellStyle(bold);
        sheet.setColumnWidth(0, 30 * 256);
        for (int i = 1; i < HEADER.length; i++) {
            sheet.setColumnWidth(i, 14 * 256);
        }
        layout(sheet, 2);
    }

    private static void write(Row line, Evaluation.Row row, Evaluation.ItemRow items) {
        line.createCell(0).setCellValue(row.group());
        line.createCell(1).setCellValue(row.items());
        line.createCell(2).setCellValue(row.targets());
        line.createCell(3).setCellValue(row.met());
        line.createCell(4).setCellValue(row.metOnTime());
        line.createCell(5).setCellValue(row.late());
        line.createCell(6).setCellValue(row.red());
        if (row.completionRate() != null) {
            line.createCell(7).setCellValue(row.completionRate().doubleValue());
            line.createCell(8).setCellValue(row.onTimeRate().doubleValue());
        }
        if (items != null) {
            line.createCell(9).setCellValue(items.items());
            line.createCell(10).setCellValue(items.completed());
            line.createCell(11).setCellValue(items.basicallyCompleted());
            line.createCell(12).setCellValue(items.onTrack());
            line.createCell(13).setCellValue(items.unfinished());
            if (items.completionRate() != null) {
                line.createCell(14).setCellValue(items.completionRate().doubleValue());
            }
        }
    }

    private static void summary(XSSFWorkbook workbook, CellStyle bold, CellStyle wrapped, Evaluation evaluation) {
        Sheet sheet = workbook.createSheet(SUMMARY);
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(title(evaluation, SUMMARY));
        title.getCell(0).setCellStyle(bold);
        header(sheet.createRow(1), new String[] {"项目", "数值"}, bold);
        Evaluation.Row total = evaluation.total();
        Evaluation.ItemRow items = evaluation.itemTotal();
        String[][] lines = {
            {"计划年度", String.valueOf(evaluation.planYear())},
            {"评定日期", String.valueOf(evaluation.asOf())},
            {"事项总数", String.valueOf(items.items())},
            {"其中定性事项", String.valueOf(items.qualitative())},
            {"评为完成", String.valueOf(items.completed())},
            {"评为基本完成", String.valueOf(items.basicallyCompleted())},
            {"评为按期推进", String.valueOf(items.onTrack())},
            {"评为未完成", String.valueOf(items.unfinished())},
            {"事项完成率（%）", percent(items.completionRate())},
            {"量化指标和节点数", String.valueOf(total.targets())},
            {"已完成", String.valueOf(total.met())},
            {"按期完成", String.valueOf(total.metOnTime())},
            {"逾期完成", String.valueOf(total.late())},
            {"红色（严重滞后）", String.valueOf(total.red())},
            {"完成率（%）", percent(total.completionRate())},
            {"按期完成率（%）", percent(total.onTimeRate())}};
        int r = 2;
        for (String[] line : lines) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(line[0]);
            row.createCell(1).setCellValue(line[1]);
        }
        r++;
        Row rulesHead = sheet.createRow(r++);
        rulesHead.createCell(0).setCellValue("评定规则");
        rulesHead.getCell(0).setCellStyle(bold);
        int n = 1;
        for (String rule : evaluation.rules()) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue("规则 " + n++);
            row.createCell(1).setCellValue(rule);
            row.getCell(1).setCellStyle(wrapped);
        }
        sheet.setColumnWidth(0, 22 * 256);
        sheet.setColumnWidth(1, 100 * 256);
        layout(sheet, 2);
    }

    private static void detail(XSSFWorkbook workbook, CellStyle bold, CellStyle wrapped, Evaluation evaluation) {
        Sheet sheet = workbook.createSheet(DETAIL);
        header(sheet.createRow(0), DETAIL_HEADER, bold);
        int r = 1;
        for (ItemResult item : evaluation.items()) {
            Row row = sheet.createRow(r++);
            String[] values = {item.itemId(), item.sectionKey(), item.title(), item.starred() ? "★" : "",
                text(item.department()), text(item.leader()), kindLabel(item.kind()), text(item.target()),
                text(item.actual()), Scoring.statusLabel(item.status()), item.result(), text(item.reason())};
            for (int i = 0; i < values.length; i++) {
                row.createCell(i).setCellValue(values[i]);
                if (DETAIL_WIDTHS[i] >= 24) {
                    row.getCell(i).setCellStyle(wrapped);
                }
            }
        }
        for (int i = 0; i < DETAIL_WIDTHS.length; i++) {
            sheet.setColumnWidth(i, DETAIL_WIDTHS[i] * 256);
        }
        layout(sheet, 1);
    }

    static String kindLabel(String kind) {
        return switch (kind) {
            case ItemResult.INDICATOR -> "量化指标";
            case ItemResult.QUALITATIVE -> "定性";
            case ItemResult.MILESTONE -> "工程节点";
            default -> kind;
        };
    }

    private static void header(Row row, String[] names, CellStyle bold) {
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
            row.getCell(i).setCellStyle(bold);
        }
    }

    /** Rows above {@code frozenRows} stay in view; printed landscape, one page wide. */
    private static void layout(Sheet sheet, int frozenRows) {
        sheet.createFreezePane(0, frozenRows);
        sheet.setFitToPage(true);
        sheet.setAutobreaks(true);
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
    }

    private static String percent(BigDecimal rate) {
        return rate == null ? "—" : rate.toPlainString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
