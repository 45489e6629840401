package org.keywork.goal.evaluation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The evaluation as an Excel workbook (.xlsx): one sheet per grouping, headed in Chinese. */
final class EvaluationWorkbook {

    static final String[] HEADER = {"分组", "事项数", "量化指标数", "已完成", "按期完成", "逾期完成", "红色（严重滞后）",
        "完成率（%）", "按期完成率（%）"};

    private EvaluationWorkbook() {
    }

    static byte[] of(Evaluation evaluation) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            sheet(workbook, bold, "按章节", evaluation, evaluation.bySection());
            sheet(workbook, bold, "按牵头部门", evaluation, evaluation.byDepartment());
            sheet(workbook, bold, "按分管领导", evaluation, evaluation.byLeader());
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sheet(XSSFWorkbook workbook, CellStyle bold, String name, Evaluation evaluation,
            List<Evaluation.Row> rows) {
        Sheet sheet = workbook.createSheet(name);
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(evaluation.planYear() + " 年区政府重点工作考核（" + name + "，截至 "
                + evaluation.asOf() + "；定性事项 " + evaluation.qualitativeItems() + " 项另行评定）");
        title.getCell(0).setCellStyle(bold);
        Row header = sheet.createRow(1);
        for (int i = 0; i < HEADER.length; i++) {
            header.createCell(i).setCellValue(HEADER[i]);
            header.getCell(i).setCellStyle(bold);
        }
        int r = 2;
        for (Evaluation.Row row : rows) {
            write(sheet.createRow(r++), row);
        }
        write(sheet.createRow(r), evaluation.total());
        sheet.getRow(r).getCell(0).setCellStyle(bold);
        sheet.setColumnWidth(0, 30 * 256);
        for (int i = 1; i < HEADER.length; i++) {
            sheet.setColumnWidth(i, 14 * 256);
        }
    }

    private static void write(Row line, Evaluation.Row row) {
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
    }
}
