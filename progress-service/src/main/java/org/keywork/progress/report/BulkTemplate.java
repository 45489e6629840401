package org.keywork.progress.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.keywork.events.PlanTarget;
import org.keywork.events.Responsibility;
import org.keywork.events.TargetKind;
import org.keywork.progress.catalog.CatalogItem;
import org.keywork.progress.catalog.PlanCatalog;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The bulk upload template ({@code GET /api/progress/bulk/template?year=}): one row per target the caller reports on
 * (a department: the items it leads or cooperates on; anyone else: the whole plan), with the target, its unit and
 * the last value reported, and empty columns to fill, in the column layout {@link BulkSheetReader} reads back: a
 * filled template uploads as it is (rows left unfilled are skipped). Every cell is text, so that Excel keeps ids such
 * as 5.10 and dates as typed; a second sheet (填写说明) explains the columns.
 */
@Component
class BulkTemplate {

    static final String CONTENT_TYPE = BulkSheetReader.XLSX;
    static final String GUIDE_SHEET = "填写说明";

    /** The template's columns, left to right. */
    static final List<BulkColumn> LAYOUT = List.of(BulkColumn.PLAN_YEAR, BulkColumn.ITEM_ID, BulkColumn.ITEM_TITLE,
            BulkColumn.TARGET_ID, BulkColumn.TARGET_TEXT, BulkColumn.UNIT, BulkColumn.LAST_VALUE,
            BulkColumn.LAST_AS_OF, BulkColumn.VALUE, BulkColumn.REACHED_ON, BulkColumn.AS_OF, BulkColumn.STATE,
            BulkColumn.NOTE, BulkColumn.CONFIRMED, BulkColumn.DEPARTMENT, BulkColumn.REPORT_ID,
            BulkColumn.SUPERSEDES);

    private static final Set<BulkColumn> TO_FILL = Set.of(BulkColumn.VALUE, BulkColumn.REACHED_ON, BulkColumn.AS_OF,
            BulkColumn.STATE, BulkColumn.NOTE, BulkColumn.CONFIRMED, BulkColumn.SUPERSEDES);

    private final PlanCatalog catalog;
    private final ReportStore reports;
    private final Clock clock;

    BulkTemplate(PlanCatalog catalog, ReportStore reports, Clock clock) {
        this.catalog = catalog;
        this.reports = reports;
        this.clock = clock;
    }

    /** The file, and the name to offer it under. */
    record File(String fileName, String asciiFileName, byte[] content) {
    }

    File build(int year, Optional<KeyworkIdentity> caller) {
        List<CatalogItem> items = catalog.items(year);
        if (items.isEmpty()) {
            throw new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有该年度的计划",
                    List.of(new FieldProblem("year", "unknown-year", "没有 " + year + " 年度的计划（尚未导入或已删除）")));
        }
        String department = caller.filter(c -> c.hasRole(KeyworkIdentity.DEPARTMENT) && !c.hasRole(
                KeyworkIdentity.ADMIN)).map(KeyworkIdentity::department).orElse(null);
        List<CatalogItem> own = items.stream().filter(item -> department == null || responsible(item, department))
                .toList();
        Map<String, ProgressReport> last = lastReports(department == null ? reports.ofYear(year)
                : reports.ofDepartment(department, year));
        String stamp = LocalDate.now(clock).format(DateTimeFormatter.BASIC_ISO_DATE);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            Sheet sheet = workbook.createSheet(year + "年进度填报");
            Row header = sheet.createRow(0);
            for (int col = 0; col < LAYOUT.size(); col++) {
                BulkColumn column = LAYOUT.get(col);
                sheet.setDefaultColumnStyle(col, styles.text);
                sheet.setColumnWidth(col, width(column) * 256);
                text(header, col, column.chinese(), TO_FILL.contains(column) ? styles.toFill : styles.header);
            }
            sheet.createFreezePane(0, 1);
            int rowNumber = 1;
            for (CatalogItem item : own) {
                String reporter = department != null ? department : leadDepartment(item);
                for (PlanTarget target : item.targets() == null ? List.<PlanTarget>of() : item.targets()) {
                    Row row = sheet.createRow(rowNumber++);
                    ProgressReport previous = last.get(target.id());
                    Map<BulkColumn, String> cells = new HashMap<>();
                    cells.put(BulkColumn.PLAN_YEAR, String.valueOf(year));
                    cells.put(BulkColumn.ITEM_ID, item.itemId());
                    cells.put(BulkColumn.ITEM_TITLE, item.title());
                    cells.put(BulkColumn.TARGET_ID, target.id());
                    cells.put(BulkColumn.TARGET_TEXT, targetText(target));
                    cells.put(BulkColumn.UNIT, target.unit());
                    if (previous != null) {
                        cells.put(BulkColumn.LAST_VALUE, shown(previous));
                        cells.put(BulkColumn.LAST_AS_OF, previous.asOf().toString());
                    }
                    cells.put(BulkColumn.DEPARTMENT, reporter);
                    cells.put(BulkColumn.REPORT_ID, reportId(stamp, reporter, target.id()));
                    for (int col = 0; col < LAYOUT.size(); col++) {
                        text(row, col, cells.get(LAYOUT.get(col)), styles.text);
                    }
                }
            }
            guide(workbook.createSheet(GUIDE_SHEET), styles);
            workbook.write(out);
            String name = year + "年进度填报模板" + (department == null ? "" : "-" + department) + ".xlsx";
            return new File(name, "progress-template-" + year + ".xlsx", out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A suggested report id, unique per day, reporting department and target: {@code R20211030-3fa2b1-5.6-1}
     * (date of the template, 6 hex digits of the department, the target with # as -). Any other id may be used.
     */
    static String reportId(String stamp, String department, String targetId) {
        return "R" + stamp + "-" + sha256(department == null ? "" : department).substring(0, 6) + "-"
                + targetId.replace('#', '-');
    }

    private static boolean responsible(CatalogItem item, String department) {
        Responsibility duty = item.responsibility();
        return duty != null && (department.equals(duty.leadDepartment())
                || duty.cooperatingDepartments().contains(department));
    }

    private static String leadDepartment(CatalogItem item) {
        return item.responsibility() == null ? null : item.responsibility().leadDepartment();
    }

    /** The latest report of each target that no other report corrects (by as-of date, then arrival). */
    private static Map<String, ProgressReport> lastReports(List<ProgressReport> reports) {
        Set<String> corrected = reports.stream().map(ProgressReport::supersedes).filter(id -> id != null)
                .collect(Collectors.toSet());
        Map<String, ProgressReport> last = new HashMap<>();
        Comparator<ProgressReport> order = Comparator.comparing(ProgressReport::asOf)
                .thenComparing(ProgressReport::acceptedAt);
        for (ProgressReport report : reports) {
            if (!corrected.contains(report.reportId())) {
                last.merge(report.targetId(), report, (a, b) -> order.compare(a, b) >= 0 ? a : b);
            }
        }
        return last;
    }

    private static String shown(ProgressReport report) {
        if (report.value() != null) {
            return report.value().stripTrailingZeros().toPlainString();
        }
        if (report.reachedOn() != null) {
            return report.reachedOn().toString();
        }
        if (report.state() != null) {
            try {
                return QualitativeState.valueOf(report.state()).label();
            } catch (IllegalArgumentException e) {
                return report.state();
            }
        }
        return null;
    }

    /** E.g. 新增社区长者食堂 不少于 2 个; a milestone or a qualitative goal: its name. */
    static String targetText(PlanTarget target) {
        String name = target.name() == null ? "" : target.name();
        if (target.kind() != TargetKind.INDICATOR || target.value() == null) {
            return name;
        }
        String direction = target.direction() == null ? "" : switch (target.direction()) {
            case "AT_LEAST" -> "不少于 ";
            case "AT_MOST" -> "不超过 ";
            case "REDUCE_BY" -> "下降 ";
            case "INCREASE_BY" -> "增长 ";
            case "KEEP_AT_LEAST" -> "保持不低于 ";
            default -> "";
        };
        return (name + " " + direction + plain(target.value()) + " " + (target.unit() == null ? "" : target.unit()))
                .strip();
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    private static int width(BulkColumn column) {
        return switch (column) {
            case ITEM_TITLE, TARGET_TEXT, NOTE -> 36;
            case REPORT_ID -> 26;
            case DEPARTMENT, SUPERSEDES, LAST_AS_OF, AS_OF, REACHED_ON -> 14;
            default -> 10;
        };
    }

    private static void guide(Sheet sheet, Styles styles) {
        sheet.setColumnWidth(0, 20 * 256);
        sheet.setColumnWidth(1, 90 * 256);
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"列", "填写说明"});
        lines.add(new String[] {"（总则）", "每行一个指标、节点或定性目标。只填写本月要报告的行：数值、达成日期、状态、截至日期等均未填写的行不会上传。"
                + "填好后直接上传本文件（.xlsx），也可另存为 CSV（UTF-8 或 GBK/GB18030 均可）。请勿修改第一行列名。"});
        for (BulkColumn column : LAYOUT) {
            lines.add(new String[] {column.chinese(), explanation(column)});
        }
        lines.add(new String[] {"状态可填", QualitativeState.allLabels()});
        for (int i = 0; i < lines.size(); i++) {
            Row row = sheet.createRow(i);
            text(row, 0, lines.get(i)[0], i == 0 ? styles.header : styles.text);
            text(row, 1, lines.get(i)[1], i == 0 ? styles.header : styles.wrapped);
        }
        sheet.createFreezePane(0, 1);
    }

    private static String explanation(BulkColumn column) {
        return switch (column) {
            case PLAN_YEAR -> "计划年度（已填好，请勿修改）";
            case ITEM_ID -> "事项编号 S.N（已填好，请勿修改）";
            case ITEM_TITLE -> "事项名称，仅供参考，上传时不读取";
            case TARGET_ID -> "指标、节点编号 S.N#K；定性目标为事项本身 S.N（已填好，请勿修改）";
            case TARGET_TEXT -> "目标内容，仅供参考，上传时不读取";
            case UNIT -> "数值的单位，仅供参考，上传时不读取";
            case LAST_VALUE -> "本部门上次填报的数值、达成日期或状态，仅供参考，上传时不读取";
            case LAST_AS_OF -> "上次填报的截至日期，仅供参考，上传时不读取";
            case VALUE -> "指标行必填：截至日期时的数值（累计数填累计总数，不是本月增量），只填数字，不带单位";
            case REACHED_ON -> "节点行必填：节点实际达成的日期，格式 yyyy-MM-dd，如 2021-09-15";
            case AS_OF -> "每个填报行必填：本报告所截至的日期，格式 yyyy-MM-dd，如 2021-09-30，不能晚于今天";
            case STATE -> "定性目标行必填：" + QualitativeState.allLabels() + "；指标和节点行不填";
            case NOTE -> "选填：进展说明，最长 2000 字";
            case CONFIRMED -> "选填：数值超过目标值的 150%，或累计数低于上次填报值时，上传会被要求确认；确认无误请填“是”";
            case DEPARTMENT -> "填报部门（已填好；部门用户只能以本部门名义填报）";
            case REPORT_ID -> "报告编号（已按日期生成，可修改）：每份报告一个编号，字母、数字和 . _ : -；重复上传同一编号同一内容不会重复记录";
            case SUPERSEDES -> "选填：更正以前的某份报告时，填写被更正报告的编号（同一指标）";
        };
    }

    private static void text(Row row, int col, String value, CellStyle style) {
        var cell = row.createCell(col);
        cell.setCellStyle(style);
        if (value != null) {
            cell.setCellValue(value);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text cells (format @): Excel keeps what is typed as typed. */
    private static final class Styles {
        final CellStyle text;
        final CellStyle wrapped;
        final CellStyle header;
        final CellStyle toFill;

        Styles(XSSFWorkbook workbook) {
            short textFormat = workbook.createDataFormat().getFormat("@");
            text = workbook.createCellStyle();
            text.setDataFormat(textFormat);
            wrapped = workbook.createCellStyle();
            wrapped.cloneStyleFrom(text);
            wrapped.setWrapText(true);
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.cloneStyleFrom(text);
            header.setFont(bold);
            header.setBorderBottom(BorderStyle.THIN);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            toFill = workbook.createCellStyle();
            toFill.cloneStyleFrom(header);
            toFill.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
        }
    }
}
