package org.keywork.goal.planning;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.keywork.events.MilestoneDefinition;
import org.keywork.events.Responsibility;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.PlanItems;
import org.keywork.goal.plan.ResponsibilityAssignments;
import org.keywork.goal.planning.PlanSnapshot.Item;
import org.keywork.goal.planning.PlanSnapshot.Section;
import org.keywork.support.sheet.SheetFile;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * The 任务分解表: who answers for each item of a year's plan (责任领导, 牵头单位, 配合单位), by when (完成时限), and
 * when each construction milestone is planned (计划开工, 计划竣工). The template is the plan itself, one row per item
 * and one per milestone, with drop-down lists from the {@link Organisation}; a filled sheet (.xlsx, or CSV in UTF-8
 * or GB18030) is applied whole or not at all, each bad cell named by row and column. Applying it assigns
 * responsibility as {@code PUT …/responsibility} does (recorded, the sample replaced) and publishes the plan's next
 * version (source BREAKDOWN) with the planned dates, every change in its edits.
 */
@Service
class Breakdown {

    static final String XLSX = SheetFile.XLSX;
    static final String SOURCE = "BREAKDOWN";
    static final int MAX_ROWS = 5000;

    /** The sheet's columns; a header cell may carry any of the names. */
    enum Column {
        ID("事项编号", "编号", "itemId"),
        CONTENT("工作内容", "事项内容", "内容"),
        LEADER("责任领导", "责任领导（职务）", "分管领导", "leaderPosition"),
        LEAD("牵头单位", "牵头部门", "责任单位", "leadDepartment"),
        COOPERATING("配合单位", "配合部门", "cooperatingDepartments"),
        DEADLINE("完成时限", "完成时间", "deadline"),
        START("计划开工", "计划开工日期", "plannedStart"),
        COMPLETION("计划竣工", "计划竣工日期", "计划完工", "plannedCompletion"),
        SAMPLE("当前分工（示例，仅供参考）");

        final List<String> names;

        Column(String... names) {
            this.names = List.of(names);
        }

        String label() {
            return names.get(0);
        }

        static Optional<Column> named(String text) {
            String t = text.strip().replace(" ", "");
            for (Column column : values()) {
                if (column.names.stream().anyMatch(n -> n.equalsIgnoreCase(t))) {
                    return Optional.of(column);
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern ITEM = Pattern.compile("(\\d{1,2})\\.(\\d{1,3})");
    private static final Pattern MILESTONE = Pattern.compile("(\\d{1,2}\\.\\d{1,3})#(\\d{1,3})");
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*(?:[-/.月]\\s*(\\d{1,2})?\\s*日?|月)?\\s*(底|末)?\\s*(?:前)?");
    private static final Pattern SEPARATORS = Pattern.compile("[、，,；;/\\s]+");

    private final PlanVersions versions;
    private final PlanItems items;
    private final ResponsibilityAssignments assignments;
    private final Organisation organisation;
    private final Clock clock;

    Breakdown(PlanVersions versions, PlanItems items, ResponsibilityAssignments assignments,
            Organisation organisation, Clock clock) {
        this.versions = versions;
        this.items = items;
        this.assignments = assignments;
        this.organisation = organisation;
        this.clock = clock;
    }

    // ---- the template -----------------------------------------------------------------------------------------

    byte[] template(int year) {
        PlanVersion latest = latest(year);
        Map<String, PlanItem> current = items.ofYear(year).stream()
                .collect(Collectors.toMap(PlanItem::itemId, Function.identity()));
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("任务分解表");
            Styles styles = new Styles(workbook);
            Row title = sheet.createRow(0);
            title.createCell(0).setCellValue(year + " 年" + (latest.plan().heading() == null
                    || latest.plan().heading().title() == null ? "区政府重点工作" : latest.plan().heading().title())
                    + "任务分解表");
            title.getCell(0).setCellStyle(styles.title);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, Column.values().length - 1));
            Row note = sheet.createRow(1);
            note.createCell(0).setCellValue("填写说明：每个事项一行，工程里程碑另起一行（编号带 #）。责任领导、牵头单位请从下拉列表选择；"
                    + "配合单位多个时用“、”分隔；日期写作 2021-06-30。留空的单元格表示不作修改。上传：工作台“计划管理”或 "
                    + "POST /api/plans/" + year + "/breakdown。");
            note.getCell(0).setCellStyle(styles.note);
            note.setHeightInPoints(32);
            sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, Column.values().length - 1));
            Row header = sheet.createRow(2);
            for (Column column : Column.values()) {
                header.createCell(column.ordinal()).setCellValue(column.label());
                header.getCell(column.ordinal()).setCellStyle(styles.header);
            }
            int r = 3;
            for (Section section : latest.plan().sections()) {
                for (Item item : section.items()) {
                    Row row = sheet.createRow(r++);
                    Responsibility responsibility = Optional.ofNullable(current.get(item.itemId()))
                            .map(PlanItem::responsibility).orElse(item.responsibility());
                    boolean sample = Optional.ofNullable(current.get(item.itemId()))
                            .map(PlanItem::sampleResponsibility).orElse(item.sampleResponsibility());
                    cell(row, Column.ID, item.itemId(), styles.text);
                    cell(row, Column.CONTENT, item.text(), styles.wrap);
                    if (responsibility != null && !sample) {
                        cell(row, Column.LEADER, responsibility.leaderPosition(), styles.text);
                        cell(row, Column.LEAD, responsibility.leadDepartment(), styles.text);
                        cell(row, Column.COOPERATING, String.join("、", responsibility.cooperatingDepartments()),
                                styles.text);
                    } else {
                        cell(row, Column.LEADER, null, styles.text);
                        cell(row, Column.LEAD, null, styles.text);
                        cell(row, Column.COOPERATING, null, styles.text);
                    }
                    date(row, Column.DEADLINE, item.deadline(), styles);
                    cell(row, Column.START, null, styles.text);
                    cell(row, Column.COMPLETION, null, styles.text);
                    cell(row, Column.SAMPLE, responsibility != null && sample ? describe(responsibility) : null,
                            styles.sample);
                    for (MilestoneDefinition m : item.milestones()) {
                        Row mr = sheet.createRow(r++);
                        cell(mr, Column.ID, m.id(), styles.text);
                        cell(mr, Column.CONTENT, "　└ " + typeName(m.type()) + "：" + m.name(), styles.wrap);
                        for (Column column : List.of(Column.LEADER, Column.LEAD, Column.COOPERATING, Column.SAMPLE)) {
                            cell(mr, column, null, styles.text);
                        }
                        date(mr, Column.DEADLINE, "OTHER".equals(m.type()) ? m.plannedDate() : null, styles);
                        date(mr, Column.START, "START".equals(m.type()) ? m.plannedDate() : null, styles);
                        date(mr, Column.COMPLETION, "COMPLETION".equals(m.type()) ? m.plannedDate() : null, styles);
                    }
                }
            }
            int[] widths = {10, 60, 26, 22, 30, 13, 13, 13, 40};
            for (int i = 0; i < widths.length; i++) {
                sheet.setColumnWidth(i, widths[i] * 256);
            }
            sheet.createFreezePane(2, 3);
            sheet.setAutoFilter(new CellRangeAddress(2, Math.max(3, r - 1), 0, Column.values().length - 1));
            lists(workbook, sheet, r);
            PrintSetup print = sheet.getPrintSetup();
            print.setLandscape(true);
            print.setPaperSize(PrintSetup.A4_PAPERSIZE);
            print.setFitWidth((short) 1);
            print.setFitHeight((short) 0);
            sheet.setFitToPage(true);
            sheet.setRepeatingRows(CellRangeAddress.valueOf("3:3"));
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drop-down lists for 责任领导 and 牵头单位 from a hidden sheet of the register. */
    private void lists(XSSFWorkbook workbook, Sheet sheet, int lastRow) {
        Sheet names = workbook.createSheet("名录");
        Organisation.Register register = organisation.register();
        int rows = Math.max(register.leaders().size(), register.departments().size());
        for (int i = 0; i < rows; i++) {
            Row row = names.createRow(i);
            if (i < register.leaders().size()) {
                row.createCell(0).setCellValue(register.leaders().get(i));
            }
            if (i < register.departments().size()) {
                row.createCell(1).setCellValue(register.departments().get(i));
            }
        }
        workbook.setSheetHidden(workbook.getSheetIndex(names), true);
        DataValidationHelper helper = sheet.getDataValidationHelper();
        int last = Math.min(Math.max(lastRow + 200, 300), SpreadsheetVersion.EXCEL2007.getLastRowIndex());
        validation(sheet, helper, "名录!$A$1:$A$" + Math.max(1, register.leaders().size()), Column.LEADER, last);
        validation(sheet, helper, "名录!$B$1:$B$" + Math.max(1, register.departments().size()), Column.LEAD, last);
    }

    private static void validation(Sheet sheet, DataValidationHelper helper, String range, Column column, int last) {
        DataValidation validation = helper.createValidation(helper.createFormulaListConstraint(range),
                new CellRangeAddressList(3, last, column.ordinal(), column.ordinal()));
        validation.setShowErrorBox(true);
        validation.createErrorBox("不在名录中", "请从下拉列表中选择；名录之外的" + column.label() + "请联系管理员添加");
        sheet.addValidationData(validation);
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle note;
        final CellStyle header;
        final CellStyle text;
        final CellStyle wrap;
        final CellStyle date;
        final CellStyle sample;

        Styles(XSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            Font grey = workbook.createFont();
            grey.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
            title = workbook.createCellStyle();
            title.setFont(big);
            note = workbook.createCellStyle();
            note.setWrapText(true);
            note.setVerticalAlignment(VerticalAlignment.TOP);
            header = bordered(workbook);
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            text = bordered(workbook);
            text.setVerticalAlignment(VerticalAlignment.TOP);
            // a text cell: what a user types stays text (no formula, no date conversion)
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            wrap = bordered(workbook);
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            date = bordered(workbook);
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            date.setVerticalAlignment(VerticalAlignment.TOP);
            sample = bordered(workbook);
            sample.setFont(grey);
            sample.setWrapText(true);
            sample.setVerticalAlignment(VerticalAlignment.TOP);
        }

        private static CellStyle bordered(XSSFWorkbook workbook) {
            CellStyle style = workbook.createCellStyle();
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
            return style;
        }
    }

    private static void cell(Row row, Column column, String value, CellStyle style) {
        var cell = row.createCell(column.ordinal());
        if (value != null) {
            // text as text: a leading = + - @ is never a formula in what this sheet exports
            cell.setCellValue(value);
        }
        cell.setCellStyle(style);
    }

    private static void date(Row row, Column column, LocalDate date, Styles styles) {
        var cell = row.createCell(column.ordinal());
        if (date != null) {
            cell.setCellValue(date);
        }
        cell.setCellStyle(styles.date);
    }

    private static String describe(Responsibility r) {
        return r.leaderPosition() + "；" + r.leadDepartment()
                + (r.cooperatingDepartments().isEmpty() ? "" : "；" + String.join("、", r.cooperatingDepartments()));
    }

    static String typeName(String type) {
        return switch (type) {
            case "START" -> "开工";
            case "COMPLETION" -> "竣工";
            default -> "节点";
        };
    }

    // ---- applying a filled sheet ------------------------------------------------------------------------------

    /** What applying a sheet did. */
    record Applied(String outcome, Integer version, int rows, int responsibilityChanges, int dateChanges,
            List<PlanEdit> edits) {
    }

    /** One row's wishes, checked. */
    private record Wish(int row, String id, Responsibility responsibility, LocalDate deadline, LocalDate start,
            LocalDate completion) {
    }

    Applied apply(int year, byte[] body, MediaType type, String by) {
        PlanVersion latest = latest(year);
        if (body == null || body.length == 0) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("body", "empty",
                    "上传的文件为空：请上传从“下载任务分解表”得到的 .xlsx，或同样列名的 CSV")));
        }
        List<SheetFile.RawRow> raw = SheetFile.read(body, type, MAX_ROWS);
        int headerIndex = -1;
        for (int i = 0; i < Math.min(raw.size(), 10) && headerIndex < 0; i++) {
            if (raw.get(i).cells().stream().anyMatch(c -> c != null
                    && Column.named(SheetFile.text(c)).filter(col -> col == Column.ID).isPresent())) {
                headerIndex = i;
            }
        }
        if (raw.isEmpty() || headerIndex < 0) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("columns", "missing-column", raw.isEmpty()
                    ? "文件中没有内容：应有列名行（事项编号、责任领导、牵头单位……）和每个事项一行"
                    : "前 10 行中没有“事项编号”列，请使用下载的任务分解表模板")));
        }
        SheetFile.RawRow header = raw.get(headerIndex);
        Map<Integer, Column> columns = new HashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int index = 0; index < header.cells().size(); index++) {
            String name = SheetFile.text(header.cells().get(index));
            if (name == null) {
                continue;
            }
            Optional<Column> column = Column.named(name);
            if (column.isPresent() && columns.containsValue(column.get())) {
                problems.add(new FieldProblem("columns[" + SheetFile.letter(index) + "]", "duplicate-column",
                        "列“" + name + "”出现了两次"));
            } else {
                int at = index;
                column.ifPresent(c -> columns.put(at, c));
            }
        }
        List<SheetFile.RawRow> data = raw.subList(headerIndex + 1, raw.size());
        if (data.isEmpty()) {
            problems.add(new FieldProblem("rows", "empty", "文件只有列名，没有事项行"));
        }
        if (data.size() > MAX_ROWS) {
            problems.add(new FieldProblem("rows", "too-many", "一次最多 " + MAX_ROWS + " 行"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }

        PlanSnapshot plan = latest.plan();
        Map<String, Item> itemsById = plan.items().collect(Collectors.toMap(Item::itemId, Function.identity()));
        Map<String, MilestoneDefinition> milestonesById = plan.items().flatMap(i -> i.milestones().stream())
                .collect(Collectors.toMap(MilestoneDefinition::id, Function.identity()));
        Set<String> construction = plan.sections().stream().filter(Section::construction)
                .flatMap(s -> s.items().stream()).map(Item::itemId).collect(Collectors.toSet());
        Map<String, Integer> seen = new HashMap<>();
        List<Wish> wishes = new ArrayList<>();
        for (SheetFile.RawRow row : data) {
            Map<Column, Object> cells = new LinkedHashMap<>();
            for (Map.Entry<Integer, Column> e : columns.entrySet()) {
                Object cell = e.getKey() < row.cells().size() ? row.cells().get(e.getKey()) : null;
                if (cell != null) {
                    cells.put(e.getValue(), cell);
                }
            }
            Wish wish = check(row.number(), cells, year, itemsById, milestonesById, construction, seen, problems);
            if (wish != null) {
                wishes.add(wish);
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems.size() > 200 ? problems.subList(0, 200) : problems);
        }
        return commit(year, latest, wishes, data.size(), by);
    }

    private Wish check(int row, Map<Column, Object> cells, int year, Map<String, Item> itemsById,
            Map<String, MilestoneDefinition> milestonesById, Set<String> construction, Map<String, Integer> seen,
            List<FieldProblem> problems) {
        int before = problems.size();
        for (Map.Entry<Column, Object> e : cells.entrySet()) {
            if (e.getValue() instanceof String s && SheetFile.looksLikeFormula(s)
                    && e.getKey() != Column.CONTENT && e.getKey() != Column.SAMPLE) {
                problems.add(problem(row, e.getKey(), "formula", "“" + s + "”以 " + s.charAt(0)
                        + " 开头，像是公式；请填写文字或日期"));
            }
        }
        String id = cells.containsKey(Column.ID) ? SheetFile.text(cells.get(Column.ID)) : null;
        boolean anything = cells.keySet().stream().anyMatch(c -> c != Column.CONTENT && c != Column.SAMPLE);
        if (id == null) {
            if (anything) {
                problems.add(problem(row, Column.ID, "required", "有内容却没有事项编号"));
            }
            return null;
        }
        id = id.strip();
        boolean milestone = MILESTONE.matcher(id).matches();
        if (milestone ? !milestonesById.containsKey(id) : !ITEM.matcher(id).matches() || !itemsById.containsKey(id)) {
            problems.add(problem(row, Column.ID, "unknown-item", year + " 年计划中没有" + (milestone ? "里程碑 " : "事项 ")
                    + id));
            return null;
        }
        Integer first = seen.putIfAbsent(id, row);
        if (first != null) {
            problems.add(problem(row, Column.ID, "duplicate-row", "事项 " + id + " 在第 " + first + " 行已出现"));
            return null;
        }
        String leader = text(cells.get(Column.LEADER));
        String lead = text(cells.get(Column.LEAD));
        String cooperating = text(cells.get(Column.COOPERATING));
        Responsibility responsibility = null;
        if (milestone && (leader != null || lead != null || cooperating != null)) {
            problems.add(problem(row, leader != null ? Column.LEADER : lead != null ? Column.LEAD : Column.COOPERATING,
                    "milestone-row", "里程碑行不填责任分工（由所属事项 " + id.substring(0, id.indexOf('#')) + " 负责）"));
        } else if (leader != null || lead != null || cooperating != null) {
            if (leader == null) {
                problems.add(problem(row, Column.LEADER, "required", "填写分工时责任领导必填"));
            } else if (!organisation.leader(leader)) {
                problems.add(problem(row, Column.LEADER, "unknown-position", "“" + leader
                        + "”不在领导职务名录中，请从下拉列表选择"));
            }
            if (lead == null) {
                problems.add(problem(row, Column.LEAD, "required", "填写分工时牵头单位必填"));
            } else if (!organisation.department(lead)) {
                problems.add(problem(row, Column.LEAD, "unknown-department", "“" + lead
                        + "”不在单位名录中，请从下拉列表选择"));
            }
            List<String> others = new ArrayList<>();
            if (cooperating != null) {
                for (String name : SEPARATORS.split(cooperating)) {
                    if (name.isBlank() || others.contains(name) || name.equals(lead)) {
                        continue;
                    }
                    if (!organisation.department(name)) {
                        problems.add(problem(row, Column.COOPERATING, "unknown-department", "“" + name
                                + "”不在单位名录中"));
                    }
                    others.add(name);
                }
            }
            responsibility = new Responsibility(leader, lead, others);
        }
        LocalDate deadline = date(row, Column.DEADLINE, cells.get(Column.DEADLINE), year, problems);
        LocalDate start = date(row, Column.START, cells.get(Column.START), year, problems);
        LocalDate completion = date(row, Column.COMPLETION, cells.get(Column.COMPLETION), year, problems);
        if (milestone) {
            String type = milestonesById.get(id).type();
            if (start != null && !"START".equals(type) || completion != null && !"COMPLETION".equals(type)) {
                problems.add(problem(row, start != null ? Column.START : Column.COMPLETION, "wrong-milestone-type",
                        "里程碑 " + id + " 是“" + typeName(type) + "”，日期请填在“"
                                + ("START".equals(type) ? "计划开工" : "COMPLETION".equals(type) ? "计划竣工" : "完成时限")
                                + "”列"));
            }
        } else if ((start != null || completion != null) && !construction.contains(id)) {
            problems.add(problem(row, start != null ? Column.START : Column.COMPLETION, "no-milestones",
                    "事项 " + id + " 不是工程事项，没有开工、竣工节点"));
        } else if (start != null || completion != null) {
            Item item = itemsById.get(id);
            for (Column column : List.of(Column.START, Column.COMPLETION)) {
                LocalDate value = column == Column.START ? start : completion;
                String type = column == Column.START ? "START" : "COMPLETION";
                if (value != null && item.milestones().stream().filter(m -> m.type().equals(type)).count() != 1) {
                    problems.add(problem(row, column, "ambiguous-milestone", "事项 " + id + " 的“" + typeName(type)
                            + "”节点不止一个（或没有），请在其里程碑行（" + id + "#K）填写"));
                }
            }
        }
        return problems.size() > before ? null : new Wish(row, id, responsibility, deadline, start, completion);
    }

    private static String text(Object cell) {
        String text = cell == null ? null : SheetFile.text(cell);
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static LocalDate date(int row, Column column, Object cell, int year, List<FieldProblem> problems) {
        if (cell == null) {
            return null;
        }
        LocalDate date = null;
        if (cell instanceof LocalDate d) {
            date = d;
        } else {
            Matcher m = DATE.matcher(SheetFile.text(cell).strip());
            if (m.matches()) {
                try {
                    YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                    date = m.group(3) == null ? month.atEndOfMonth() : month.atDay(Integer.parseInt(m.group(3)));
                } catch (DateTimeException | NumberFormatException e) {
                    date = null;
                }
            }
        }
        if (date == null) {
            problems.add(problem(row, column, "invalid-date", "“" + SheetFile.shown(cell)
                    + "”不是日期，请写作 " + year + "-06-30"));
            return null;
        }
        if (date.getYear() < year - 1 || date.getYear() > year + 5) {
            problems.add(problem(row, column, "out-of-range", date + " 不在 " + (year - 1) + "–" + (year + 5)
                    + " 年之间"));
            return null;
        }
        return date;
    }

    private static FieldProblem problem(int row, Column column, String code, String message) {
        return new FieldProblem("rows[" + row + "]." + column.label(), code, "第 " + row + " 行“" + column.label()
                + "”：" + message);
    }

    private Applied commit(int year, PlanVersion latest, List<Wish> wishes, int rows, String by) {
        Instant now = clock.instant();
        String reason = "任务分解表";
        Map<String, Wish> byId = wishes.stream().collect(Collectors.toMap(Wish::id, Function.identity()));
        Map<String, PlanItem> current = items.ofYear(year).stream()
                .collect(Collectors.toMap(PlanItem::itemId, Function.identity()));
        List<PlanEdit> edits = new ArrayList<>();
        Set<String> assigned = new HashSet<>();
        List<Section> sections = new ArrayList<>();
        for (Section section : latest.plan().sections()) {
            List<Item> newItems = new ArrayList<>();
            for (Item item : section.items()) {
                Item next = item;
                Wish wish = byId.get(item.itemId());
                if (wish != null && wish.responsibility() != null) {
                    Responsibility assignedNow = Optional.ofNullable(current.get(item.itemId()))
                            .map(PlanItem::responsibility).orElse(item.responsibility());
                    boolean sample = Optional.ofNullable(current.get(item.itemId()))
                            .map(PlanItem::sampleResponsibility).orElse(item.sampleResponsibility());
                    if (!wish.responsibility().equals(assignedNow) || sample) {
                        edits.add(new PlanEdit(now, by, "SET_RESPONSIBILITY", item.itemId(),
                                assignedNow == null ? null : describe(assignedNow) + (sample ? "（示例）" : ""),
                                describe(wish.responsibility()), reason));
                        assigned.add(item.itemId());
                    }
                    next = next.withResponsibility(wish.responsibility(), false);
                }
                if (wish != null && wish.deadline() != null && !wish.deadline().equals(item.deadline())) {
                    edits.add(new PlanEdit(now, by, "SET_DEADLINE", item.itemId(), Objects.toString(item.deadline(),
                            null), wish.deadline().toString(), reason));
                    next = next.withDeadline(wish.deadline());
                }
                List<MilestoneDefinition> milestones = new ArrayList<>();
                for (MilestoneDefinition m : next.milestones()) {
                    LocalDate planned = plannedFor(m, byId.get(m.id()), wish);
                    if (planned != null && !planned.equals(m.plannedDate())) {
                        edits.add(new PlanEdit(now, by, "SET_PLANNED_DATE", m.id(),
                                Objects.toString(m.plannedDate(), "未排期"), planned.toString(), reason));
                        milestones.add(new MilestoneDefinition(m.id(), m.type(), m.name(), m.value(), m.unit(),
                                planned, m.sourcePhrase()));
                    } else {
                        milestones.add(m);
                    }
                }
                newItems.add(next.withMilestones(milestones));
            }
            sections.add(new Section(section.number(), section.label(), section.title(), section.kind(), newItems));
        }
        long responsibilityChanges = edits.stream().filter(e -> e.op().equals("SET_RESPONSIBILITY")).count();
        if (edits.isEmpty()) {
            return new Applied("UNCHANGED", latest.version(), rows, 0, 0, List.of());
        }
        // goal items: recorded and announced as PUT …/responsibility records them
        Set<String> goalItems = latest.plan().sections().stream().filter(s -> !s.construction())
                .flatMap(s -> s.items().stream()).map(Item::itemId).collect(Collectors.toSet());
        for (String itemId : assigned) {
            if (goalItems.contains(itemId)) {
                assignments.assign(year, itemId, byId.get(itemId).responsibility(), by, reason);
            }
        }
        PlanSnapshot next = new PlanSnapshot(latest.plan().planYear(), latest.plan().heading(), sections,
                latest.plan().notes(), latest.plan().copyTo());
        PlanVersions.Committed committed = versions.commit(next, SOURCE, by, reason, List.of(), edits);
        return new Applied(committed.created() ? "CREATED" : "UNCHANGED", committed.version().version(), rows,
                (int) responsibilityChanges, (int) (edits.size() - responsibilityChanges), edits);
    }

    /** A milestone's date from its own row, else from its item's row when the item has one milestone of that kind. */
    private static LocalDate plannedFor(MilestoneDefinition m, Wish own, Wish item) {
        LocalDate date = own == null ? null : switch (m.type()) {
            case "START" -> own.start();
            case "COMPLETION" -> own.completion();
            default -> own.deadline();
        };
        if (date == null && item != null) {
            date = "START".equals(m.type()) ? item.start() : "COMPLETION".equals(m.type()) ? item.completion() : null;
        }
        return date;
    }

    private PlanVersion latest(int year) {
        return versions.latest(year).orElseThrow(() -> new InvalidRequestException(HttpStatus.NOT_FOUND,
                Problems.NOT_FOUND, "没有这一年的计划", List.of(new FieldProblem("year", "unknown-plan",
                        "没有 " + year + " 年的计划，请先导入计划文件"))));
    }
}
