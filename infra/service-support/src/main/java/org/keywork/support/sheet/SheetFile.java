package org.keywork.support.sheet;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * A spreadsheet upload read into its non-blank rows: the first sheet of an .xlsx (by content type, or by its
 * bytes), or a CSV in UTF-8 (with or without a byte-order mark) or GB18030 (what Excel on Chinese Windows saves as
 * "CSV"). Rows are numbered as the spreadsheet shows them; cells are {@code String}, {@link NumberCell} or
 * {@link LocalDate}. Needs Apache POI on the class path (an optional dependency of service-support).
 */
public final class SheetFile {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv";

    /** A non-blank row as read: its number and its cells by column index. */
    public record RawRow(int number, List<Object> cells) {
    }

    private SheetFile() {
    }

    /** At most {@code maxRows} + 2 rows are read: enough to tell that there are too many. */
    public static List<RawRow> read(byte[] body, MediaType type, int maxRows) {
        boolean zip = body.length >= 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4;
        return zip || type != null && MediaType.parseMediaType(XLSX).includes(type) ? xlsx(body, maxRows)
                : csv(body, type == null ? MediaType.parseMediaType(CSV) : type, maxRows);
    }

    /** The CSV's text: the declared charset, else UTF-8, else GB18030. */
    private static String decode(byte[] body, MediaType type) {
        List<Charset> charsets = type.getCharset() != null ? List.of(type.getCharset())
                : List.of(StandardCharsets.UTF_8, Charset.forName("GB18030"));
        for (Charset charset : charsets) {
            try {
                String text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
                return text.startsWith("\uFEFF") ? text.substring(1) : text;
            } catch (CharacterCodingException e) {
                // the next one
            }
        }
        throw invalid(new FieldProblem("body", "invalid-encoding", "文件不是有效的 "
                + (type.getCharset() != null ? type.getCharset().name() : "UTF-8 或 GB18030")
                + " 文本；请以 UTF-8 或 GB18030（Excel 默认）保存 CSV，或上传 .xlsx"));
    }

    // ---- CSV

    private static List<RawRow> csv(byte[] body, MediaType type, int maxRows) {
        String text = decode(body, type);
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

    private static List<RawRow> xlsx(byte[] body, int maxRows) {
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
    public record NumberCell(BigDecimal number, String shown) {
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * Whether a text cell would be taken for a formula by Excel or WPS if it were written back into a CSV (it starts
     * with {@code = + - @}, or with a tab or carriage return before one): such text is refused on import, so that no
     * export ever carries {@code =cmd|' /C calc'!A0} into someone's spreadsheet. (Exports write .xlsx text cells,
     * which are never evaluated.)
     */
    public static boolean looksLikeFormula(String text) {
        if (text == null) {
            return false;
        }
        String start = text.stripLeading();
        if (start.isEmpty()) {
            return false;
        }
        char first = start.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@'
                || text.charAt(0) == '\t' || text.charAt(0) == '\r';
    }

    private static final Pattern DAY = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");

    /**
     * A day as a sheet holds it: a date cell, or text as people and Excel write one (2021-09-30, 2021/9/30 as Chinese
     * Excel saves a date into CSV, 2021.9.30, 2021年9月30日); null when it is none of these or no such day exists.
     */
    public static LocalDate day(Object cell) {
        if (cell instanceof LocalDate date) {
            return date;
        }
        String text = text(cell);
        Matcher m = text == null ? null : DAY.matcher(text.strip());
        if (m == null || !m.matches()) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A header cell's text, whatever its cell type. */
    public static String text(Object cell) {
        if (cell == null) {
            return null;
        }
        if (cell instanceof NumberCell number) {
            return number.shown();
        }
        return blankToNull(cell.toString());
    }

    public static String letter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            letters.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return letters.toString();
    }

    private static InvalidRequestException invalid(FieldProblem problem) {
        return InvalidRequestException.invalid(List.of(problem));
    }

    /** For messages: the value of a date or number cell as the user typed it. */
    public static String shown(Object cell) {
        if (cell instanceof NumberCell number) {
            return number.shown();
        }
        if (cell instanceof LocalDate date) {
            return date.toString();
        }
        return String.valueOf(cell);
    }
}
