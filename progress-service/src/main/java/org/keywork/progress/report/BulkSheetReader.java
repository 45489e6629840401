package org.keywork.progress.report;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.springframework.http.MediaType;

/**
 * Reads a bulk upload (CSV or the first sheet of an .xlsx) into rows keyed by column. The first non-blank row is
 * the header; blank rows are skipped; rows are numbered as a spreadsheet shows them (header = row 1 when it is the
 * first line). A file whose shape is wrong (unreadable, unknown or missing columns, too many rows) is refused here,
 * before any row is looked at.
 */
final class BulkSheetReader {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv";

    /** One data row: its number as the user sees it, and its cells (String, BigDecimal or LocalDate). */
    record SheetRow(int number, Map<BulkColumn, Object> cells) {
    }

    private final int maxRows;

    BulkSheetReader(int maxRows) {
        this.maxRows = maxRows;
    }

    List<SheetRow> read(byte[] body, MediaType type) {
        if (body == null || body.length == 0) {
            throw invalid(new FieldProblem("body", "required", "请求体为空：请上传 CSV 或 .xlsx 文件"));
        }
        List<RawRow> raw = MediaType.parseMediaType(XLSX).includes(type) ? xlsx(body) : csv(body, type);
        return rows(raw);
    }

    /** A non-blank row as read: its number and its cells by column index. */
    private record RawRow(int number, List<Object> cells) {
    }

    private List<SheetRow> rows(List<RawRow> raw) {
        if (raw.isEmpty()) {
            throw invalid(new FieldProblem("body", "empty", "文件中没有内容：第一行应为列名，其后每行一份报告"));
        }
        RawRow header = raw.get(0);
        List<FieldProblem> problems = new ArrayList<>();
        Map<Integer, BulkColumn> columns = new java.util.HashMap<>();
        Map<BulkColumn, Integer> seen = new EnumMap<>(BulkColumn.class);
        for (int index = 0; index < header.cells().size(); index++) {
            String name = text(header.cells().get(index));
            if (name == null) {
                continue;
            }
            Optional<BulkColumn> column = BulkColumn.named(name);
            if (column.isEmpty()) {
                problems.add(new FieldProblem("columns[" + letter(index) + "]", "unknown-column",
                        "无法识别的列名“" + name + "”（第 " + header.number() + " 行 " + letter(index)
                                + " 列）；可用的列名：" + BulkColumn.allLabels()));
            } else if (seen.containsKey(column.get())) {
                problems.add(new FieldProblem("columns[" + letter(index) + "]", "duplicate-column",
                        "列“" + name + "”与 " + letter(seen.get(column.get())) + " 列重复"));
            } else {
                seen.put(column.get(), index);
                columns.put(index, column.get());
            }
        }
        for (BulkColumn column : BulkColumn.values()) {
            if (column.required() && !seen.containsKey(column)) {
                problems.add(new FieldProblem("columns", "missing-column", "缺少必需的列 " + column.label()));
            }
        }
        if (!seen.containsKey(BulkColumn.VALUE) && !seen.containsKey(BulkColumn.REACHED_ON)
                && !seen.containsKey(BulkColumn.STATE)) {
            problems.add(new FieldProblem("columns", "missing-column",
                    "缺少列 " + BulkColumn.VALUE.label() + "、" + BulkColumn.REACHED_ON.label() + " 或 "
                            + BulkColumn.STATE.label() + "（至少需要其一）"));
        }
        if (raw.size() - 1 > maxRows) {
            problems.add(new FieldProblem("rows", "too-many",
                    "一次最多上传 " + maxRows + " 行报告，此文件有 " + (raw.size() - 1) + " 行以上；请分批上传"));
        }
        if (raw.size() == 1) {
            problems.add(new FieldProblem("rows", "empty", "文件只有列名，没有报告"));
        }
        List<SheetRow> rows = new ArrayList<>();
        for (RawRow row : raw.subList(1, raw.size())) {
            Map<BulkColumn, Object> cells = new EnumMap<>(BulkColumn.class);
            for (int index = 0; index < row.cells().size(); index++) {
                Object cell = row.cells().get(index);
                BulkColumn column = columns.get(index);
                if (column != null) {
                    if (cell != null) {
                        cells.put(column, cell);
                    }
                } else if (cell != null) {
                    String field = "columns[" + letter(index) + "]";
                    if (problems.stream().noneMatch(p -> p.field().equals(field))) {
                        problems.add(new FieldProblem(field, "unnamed-column", letter(index)
                                + " 列没有列名却有内容（第 " + row.number() + " 行起）；请填写列名或删除该列"));
                    }
                }
            }
            rows.add(new SheetRow(row.number(), cells));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        return rows;
    }

    // ---- CSV

    private List<RawRow> csv(byte[] body, MediaType type) {
        Charset charset = type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
        String text;
        try {
            text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw invalid(new FieldProblem("body", "invalid-encoding",
                    "文件不是有效的 " + charset.name() + " 文本；请以 UTF-8 编码保存 CSV（或在 Content-Type 中声明 charset）"));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<RawRow> rows = new ArrayList<>();
        List<Object> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int recordStart = 1; // the record's row number in a spreadsheet (a quoted line break stays in its row)
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(cell(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                fields.add(cell(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
                addRow(rows, recordStart, fields);
                fields = new ArrayList<>();
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                recordStart++;
                if (rows.size() > maxRows + 1) {
                    return rows;
                }
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw invalid(new FieldProblem("rows[" + recordStart + "]", "unterminated-quote",
                    "第 " + recordStart + " 行的引号没有闭合"));
        }
        fields.add(cell(field, wasQuoted));
        addRow(rows, recordStart, fields);
        return rows;
    }

    private static Object cell(StringBuilder field, boolean quoted) {
        String value = quoted ? field.toString() : field.toString().strip();
        return value.isBlank() ? null : value;
    }

    private static void addRow(List<RawRow> rows, int number, List<Object> cells) {
        if (cells.stream().anyMatch(cell -> cell != null)) {
            rows.add(new RawRow(number, cells));
        }
    }

    // ---- xlsx

    private List<RawRow> xlsx(byte[] body) {
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            if (workbook.getNumberOfSheets() == 0) {
                return List.of();
            }
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            List<RawRow> rows = new ArrayList<>();
            for (Row row : sheet) {
                int width = Math.max(row.getLastCellNum(), 0);
                List<Object> cells = new ArrayList<>(width);
                for (int index = 0; index < width; index++) {
                    cells.add(value(row.getCell(index), formatter));
                }
                addRow(rows, row.getRowNum() + 1, cells);
                if (rows.size() > maxRows + 1) {
                    break;
                }
            }
            return rows;
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw invalid(new FieldProblem("body", "unreadable-file",
                    "无法读取 .xlsx 文件（" + e.getClass().getSimpleName() + "）；请用 Excel 另存为 .xlsx 后重试"));
        }
    }

    /** A date cell as its date, another number as a number (text columns turn it back to the text shown). */
    private static Object value(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType()
                : cell.getCellType();
        return switch (type) {
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate()
                    : new NumberCell(BigDecimal.valueOf(cell.getNumericCellValue()),
                            formatter.formatCellValue(cell));
            case STRING -> blankToNull(cell.getStringCellValue());
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> null;
        };
    }

    /** A numeric cell: its number, and the text Excel shows for it (for text columns such as 报告编号). */
    record NumberCell(BigDecimal number, String shown) {
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A header cell's text, whatever its cell type. */
    private static String text(Object cell) {
        if (cell == null) {
            return null;
        }
        if (cell instanceof NumberCell number) {
            return number.shown();
        }
        return blankToNull(cell.toString());
    }

    static String letter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    private static InvalidRequestException invalid(FieldProblem problem) {
        return InvalidRequestException.invalid(List.of(problem));
    }

    /** For messages: the value of a LocalDate or number cell as the user typed it. */
    static String shown(Object cell) {
        if (cell instanceof NumberCell number) {
            return number.shown();
        }
        if (cell instanceof LocalDate date) {
            return date.toString();
        }
        return String.valueOf(cell);
    }
}
