package org.keywork.goal.planning;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Turns the file a user uploads into the plan's text: plain text (UTF-8, UTF-16 with its byte-order mark, or
 * GB18030 as Chinese Windows saves it), Word {@code .docx} (paragraphs in order with Word's automatic numbering
 * written out, tables row by row) or a PDF with a text layer. The kind is sniffed from the bytes; the declared
 * content type only decides when the bytes cannot. Whatever it is, the answer says what was read.
 */
@Component
public class PlanDocumentReader {

    /** The most text a plan may hold, whatever file it came in. */
    public static final DataSize MAX_TEXT = DataSize.ofMegabytes(2);

    /** What was read: the kind of file, its size, its encoding or pages, and how much text it gave. */
    public record DocumentSource(String format, String contentType, long bytes, String encoding, Integer pages,
            int characters) {

        public static final String TEXT = "TEXT";
        public static final String DOCX = "DOCX";
        public static final String PDF = "PDF";
        /** A plan built in the editor, from no file. */
        public static final String NONE = "NONE";
    }

    /** The text and where it came from. */
    public record ReadDocument(String text, DocumentSource source) {
    }

    public ReadDocument read(byte[] upload, String contentType) {
        if (upload == null || upload.length == 0) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("body", "empty", "上传的文件为空")));
        }
        ReadDocument read;
        if (startsWith(upload, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            read = pdf(upload, contentType);
        } else if (startsWith(upload, new byte[] {'P', 'K', 3, 4})) {
            read = docx(upload, contentType);
        } else if (startsWith(upload, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0})) {
            throw unsupported("legacy-office", "这是旧版 Word/Excel 文件（.doc/.xls），请在 Word 中“另存为” .docx 后上传，"
                    + "或上传 PDF、纯文本");
        } else {
            read = text(upload, contentType);
        }
        long textBytes = read.text().getBytes(StandardCharsets.UTF_8).length;
        if (textBytes > MAX_TEXT.toBytes()) {
            throw new InvalidRequestException(HttpStatus.PAYLOAD_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE, "文字过多",
                    List.of(new FieldProblem("body", "too-large", "文件中的文字超过 " + MAX_TEXT.toMegabytes()
                            + " MB（" + read.text().length() + " 个字符），不像一份重点工作计划")));
        }
        if (read.text().isBlank()) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("body", "empty", "上传的文件只有空白")));
        }
        return read;
    }

    // ---- plain text ---------------------------------------------------------------------------------------------

    private static ReadDocument text(byte[] upload, String contentType) {
        String encoding;
        String text;
        if (startsWith(upload, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
            encoding = "UTF-8";
            text = strict(upload, 3, StandardCharsets.UTF_8);
        } else if (startsWith(upload, new byte[] {(byte) 0xFF, (byte) 0xFE})) {
            encoding = "UTF-16LE";
            text = strict(upload, 2, StandardCharsets.UTF_16LE);
        } else if (startsWith(upload, new byte[] {(byte) 0xFE, (byte) 0xFF})) {
            encoding = "UTF-16BE";
            text = strict(upload, 2, StandardCharsets.UTF_16BE);
        } else {
            for (byte b : upload) {
                if (b == 0) {
                    throw notText();
                }
            }
            encoding = "UTF-8";
            text = strict(upload, 0, StandardCharsets.UTF_8);
            if (text == null) {
                // Chinese Windows (记事本 "ANSI", Excel's CSV) writes GB18030, of which GBK and GB2312 are subsets
                encoding = "GB18030";
                text = strict(upload, 0, Charset.forName("GB18030"));
            }
        }
        if (text == null || !plausible(text)) {
            throw notText();
        }
        return new ReadDocument(text, new DocumentSource(DocumentSource.TEXT, contentType, upload.length, encoding,
                null, text.length()));
    }

    private static String strict(byte[] bytes, int offset, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Text, not a binary file that happens to decode: few control characters. */
    private static boolean plausible(String text) {
        long control = text.chars().filter(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
                .count();
        return control * 100 <= Math.max(1, text.length());
    }

    // ---- Word ---------------------------------------------------------------------------------------------------

    private static ReadDocument docx(byte[] upload, String contentType) {
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(upload))) {
            StringBuilder out = new StringBuilder();
            Numbering numbering = new Numbering();
            for (IBodyElement element : document.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    out.append(numbering.label(paragraph)).append(paragraph.getText()).append('\n');
                } else if (element instanceof XWPFTable table) {
                    for (XWPFTableRow row : table.getRows()) {
                        out.append(row(row)).append('\n');
                    }
                }
                if (out.length() > MAX_TEXT.toBytes()) {
                    break;
                }
            }
            String text = out.toString();
            return new ReadDocument(text, new DocumentSource(DocumentSource.DOCX, contentType, upload.length, null,
                    null, text.length()));
        } catch (IOException | RuntimeException e) {
            if (e.getMessage() != null && e.getMessage().contains("[Content_Types].xml")) {
                throw unsupported("not-a-document", "这是一个压缩包或其他 Office 文件，不是 Word 文档（.docx）");
            }
            throw unreadable("Word 文档无法打开（" + e.getClass().getSimpleName() + "），文件可能已损坏，请另存后重新上传");
        }
    }

    private static String row(XWPFTableRow row) {
        List<XWPFTableCell> cells = row.getTableCells();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i).getText().strip().replace('\n', ' ');
            if (cell.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                // a numbered row (序号 | 工作内容) reads as a numbered item
                out.append(i == 1 && out.toString().matches("\\d{1,3}") ? ". " : "　");
            }
            out.append(cell);
        }
        return out.toString();
    }

    /**
     * Word's automatic numbering (编号) is not in the paragraphs' text: each numbered paragraph gets its number
     * written out the way Word shows it ("%1、" in 一、二、三 … for chineseCounting), counted per list and level.
     */
    private static final class Numbering {
        private final Map<String, int[]> counters = new HashMap<>();

        String label(XWPFParagraph paragraph) {
            if (paragraph.getNumID() == null || paragraph.getNumFmt() == null
                    || "bullet".equals(paragraph.getNumFmt()) || "none".equals(paragraph.getNumFmt())) {
                return "";
            }
            int level = paragraph.getNumIlvl() == null ? 0 : Math.min(8, paragraph.getNumIlvl().intValue());
            int[] counter = counters.computeIfAbsent(paragraph.getNumID().toString(), id -> new int[9]);
            counter[level]++;
            for (int deeper = level + 1; deeper < counter.length; deeper++) {
                counter[deeper] = 0;
            }
            String pattern = paragraph.getNumLevelText() == null ? "%" + (level + 1) + "." : paragraph.getNumLevelText();
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '%' && i + 1 < pattern.length() && Character.isDigit(pattern.charAt(i + 1))) {
                    int of = pattern.charAt(++i) - '1';
                    int value = of >= 0 && of < counter.length ? Math.max(1, counter[of]) : 1;
                    out.append(format(value, of == level ? paragraph.getNumFmt() : "decimal"));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }

        private static String format(int value, String numFmt) {
            return switch (numFmt) {
                case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
                        "ideographTraditional", "taiwaneseCounting", "taiwaneseCountingThousand" -> chinese(value);
                case "decimalFullWidth", "decimalFullWidth2" -> fullWidth(value);
                case "decimalEnclosedCircle", "decimalEnclosedCircleChinese" ->
                        value <= 20 ? String.valueOf((char) ('①' + value - 1)) : String.valueOf(value);
                case "decimalEnclosedParen" -> value <= 20 ? String.valueOf((char) ('⑴' + value - 1)) : "(" + value + ")";
                case "decimalEnclosedFullstop" -> value <= 20 ? String.valueOf((char) ('⒈' + value - 1)) : value + ".";
                case "upperLetter" -> String.valueOf((char) ('A' + (value - 1) % 26));
                case "lowerLetter" -> String.valueOf((char) ('a' + (value - 1) % 26));
                default -> String.valueOf(value);
            };
        }

        private static String chinese(int value) {
            String digits = "零一二三四五六七八九";
            if (value < 10) {
                return String.valueOf(digits.charAt(value));
            }
            if (value < 100) {
                return (value / 10 == 1 ? "" : String.valueOf(digits.charAt(value / 10))) + "十"
                        + (value % 10 == 0 ? "" : String.valueOf(digits.charAt(value % 10)));
            }
            return String.valueOf(value);
        }

        private static String fullWidth(int value) {
            StringBuilder out = new StringBuilder();
            for (char c : String.valueOf(value).toCharArray()) {
                out.append((char) ('０' + c - '0'));
            }
            return out.toString();
        }
    }

    // ---- PDF ----------------------------------------------------------------------------------------------------

    private static ReadDocument pdf(byte[] upload, String contentType) {
        try (PDDocument document = Loader.loadPDF(upload)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setPageEnd("\f");
            String text = stripper.getText(document);
            int pages = document.getNumberOfPages();
            long letters = text.codePoints().filter(Character::isLetterOrDigit).count();
            if (letters < Math.max(20, pages * 10L)) {
                throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION,
                        "PDF 没有文字", List.of(new FieldProblem("body", "scanned-pdf", "这份 PDF（" + pages
                                + " 页）没有可读取的文字层，可能是扫描件或图片。请上传 Word 文档、带文字的 PDF 或纯文本；"
                                + "扫描件需先经文字识别（OCR）")));
            }
            return new ReadDocument(text, new DocumentSource(DocumentSource.PDF, contentType, upload.length, null,
                    pages, text.length()));
        } catch (InvalidPasswordException e) {
            throw unreadable("PDF 设置了打开密码，请上传未加密的文件");
        } catch (IOException e) {
            throw unreadable("PDF 无法打开（" + e.getClass().getSimpleName() + "），文件可能已损坏");
        }
    }

    // ---- problems -----------------------------------------------------------------------------------------------

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InvalidRequestException notText() {
        return unsupported("not-text", "无法识别的文件：请上传计划原文的 Word 文档（.docx）、带文字的 PDF 或纯文本（.txt，UTF-8 或 GB18030）");
    }

    private static InvalidRequestException unsupported(String code, String message) {
        return new InvalidRequestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "不支持的文件", List.of(new FieldProblem("body", code, message)));
    }

    private static InvalidRequestException unreadable(String message) {
        return new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION, "文件无法读取",
                List.of(new FieldProblem("body", "unreadable-file", message)));
    }
}
