package org.keywork.progress.report;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keywork.support.sheet.SheetFile;
import org.keywork.support.sheet.SheetFile.RawRow;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.springframework.http.MediaType;


/**
 * Reads a bulk upload (CSV or the first sheet of an .xlsx) into rows keyed by column. The first non-blank row is
 * the header; blank rows are skipped; rows are numbered as a spreadsheet shows them (header = row 1 when it is the
 * first line). A file made from the template ({@link BulkTemplate}, recognised by its informational columns) may keep
 * rows nobody filled in: those are skipped. A file whose shape is wrong (unreadable, unknown or missing columns, too many rows) is refused here,
 * before any row is looked at.
 */
final class BulkSheetReader {

    static final String XLSX = SheetFile.XLSX;
    static final String CSV = SheetFile.CSV;
    /** What a browser on Windows with Excel installed names a .csv file (and an old .xls, refused by its bytes). */
    static final String EXCEL_CSV = "application/vnd.ms-excel";
    static final Charset GB18030 = Charset.forName("GB18030");

    /** The columns a department fills in; a template row with none of them filled is not a report. */
    private static final Set<BulkColumn> FILLED_IN = EnumSet.of(BulkColumn.VALUE, BulkColumn.REACHED_ON,
            BulkColumn.AS_OF, BulkColumn.STATE, BulkColumn.NOTE, BulkColumn.SUPERSEDES, BulkColumn.CONFIRMED);

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
        if (isOle2(body)) {
            throw invalid(new FieldProblem("body", "unsupported-format",
                    "不支持旧版 .xls 文件；请在 Excel 中另存为 .xlsx 或 CSV 后上传"));
        }
        boolean xlsx = isZip(body) || MediaType.parseMediaType(XLSX).includes(type);
        List<RawRow> raw = SheetFile.read(body, xlsx ? type : new MediaType("text", "csv", charset(body, type)),
                maxRows);
        return rows(raw);
    }

    /**
     * The CSV's character set, no parameter needed: the declared one if any (a file not valid in it is refused); else
     * UTF-8 when the bytes start with its byte-order mark or are valid UTF-8 throughout; else GB18030 (a superset of
     * GBK and GB2312: what Excel on Chinese Windows saves as "CSV"). An unknown declared name is ignored.
     */
    static Charset charset(byte[] body, MediaType type) {
        String declared = type == null ? null : type.getParameter("charset");
        if (declared != null) {
            try {
                return Charset.forName(declared.replace("\"", "").strip()); // bytes not valid in it: refused
            } catch (IllegalArgumentException unknown) {
                // detect below
            }
        }
        boolean bom = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB
                && (body[2] & 0xFF) == 0xBF;
        return bom || decodes(body, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8 : GB18030;
    }

    private static boolean decodes(byte[] body, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isZip(byte[] body) {
        return body.length >= 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4;
    }

    private static boolean isOle2(byte[] body) {
        return body.length >= 4 && (body[0] & 0xFF) == 0xD0 && (body[1] & 0xFF) == 0xCF && (body[2] & 0xFF) == 0x11
                && (body[3] & 0xFF) == 0xE0;
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
            String name = SheetFile.text(header.cells().get(index));
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
        boolean template = seen.keySet().stream().anyMatch(BulkColumn::informational);
        List<SheetRow> rows = new ArrayList<>();
        for (RawRow row : raw.subList(1, raw.size())) {
            Map<BulkColumn, Object> cells = new EnumMap<>(BulkColumn.class);
            for (int index = 0; index < row.cells().size(); index++) {
                Object cell = row.cells().get(index);
                BulkColumn column = columns.get(index);
                if (column != null) {
                    if (cell != null && !column.informational()) {
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
            if (!template || cells.keySet().stream().anyMatch(FILLED_IN::contains)) {
                rows.add(new SheetRow(row.number(), cells));
            }
        }
        if (template && rows.isEmpty() && raw.size() > 1) {
            problems.add(new FieldProblem("rows", "empty", "模板中没有填写任何报告：请在要填报的行填写"
                    + BulkColumn.VALUE.chinese() + "、" + BulkColumn.REACHED_ON.chinese() + " 或 "
                    + BulkColumn.STATE.chinese() + "，以及" + BulkColumn.AS_OF.chinese() + "；未填写的行不会上传"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        return rows;
    }

    private static InvalidRequestException invalid(FieldProblem problem) {
        return InvalidRequestException.invalid(List.of(problem));
    }

    /** For messages: the value of a LocalDate or number cell as the user typed it. */
    static String shown(Object cell) {
        return SheetFile.shown(cell);
    }

    static String letter(int index) {
        return SheetFile.letter(index);
    }
}
