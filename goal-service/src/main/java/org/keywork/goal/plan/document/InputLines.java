package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits the input into lines (LF, CRLF or CR), drops unreadable characters (with a warning), blank lines and page
 * footers, and normalises the whitespace of what is left ({@link SourceText#keepSpace}).
 */
final class InputLines {

    /** A page footer: a page number alone on its line, possibly decorated: "- 9 -", "— 10 —", "第 3 页". */
    private static final Pattern DECORATED_FOOTER = Pattern.compile(
            "[-—–－―‐‑_~·]+\\s*[0-9０-９]{1,4}\\s*[-—–－―‐‑_~·]*|[-—–－―‐‑_~·]*\\s*[0-9０-９]{1,4}\\s*[-—–－―‐‑_~·]+"
                    + "|第\\s*[0-9０-９]{1,4}\\s*页(?:\\s*[/／]?\\s*共\\s*[0-9０-９]{1,4}\\s*页)?"
                    + "|[0-9０-９]{1,4}\\s*[/／]\\s*[0-9０-９]{1,4}");
    private static final Pattern BARE_NUMBER = Pattern.compile("[0-9０-９]{1,4}");
    /** A mark before a line's number (★1.新增…): moved after it, so that the number opens the line. */
    private static final Pattern MARK_BEFORE_NUMBER = Pattern.compile(
            "^(\\s*)([★☆◆●▲■※]+)\\s*([0-9０-９]{1,3}\\s*[.．、]|[（(]\\s*[" + ChineseNumerals.CHARACTERS
                    + "0-9０-９]{1,4}\\s*[）)]|[" + ChineseNumerals.CHARACTERS + "]{1,4}\\s*、)");
    /** A table row as text puts it (序号 名称 性质 投资 开工 竣工): at least four cells apart by whitespace. */
    private static final Pattern TABLE_ROW = Pattern.compile(
            "^\\s*([0-9０-９]{1,3}|序号)[ \\t\\u3000]+(\\S+(?:[ \\t\\u3000]+\\S+){2,})\\s*$");
    /** What stands between a table row's cells once it is read (kept through the whitespace rules). */
    static final String CELL = "|";

    private InputLines() {
    }

    static List<SourceLine> read(String input, Warnings warnings) {
        String[] raw = input.split("\r\n|\r|\n|\u2028|\u2029|\u000B|\f", -1);
        List<SourceLine> lines = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            String text = SourceText.normalise(cells(MARK_BEFORE_NUMBER.matcher(clean(raw[i], i + 1, warnings))
                    .replaceFirst("$1$3$2")));
            if (!text.isEmpty()) {
                lines.add(new SourceLine(i + 1, text));
            }
        }
        List<SourceLine> kept = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (!isFooter(lines, i)) {
                kept.add(lines.get(i));
            }
        }
        return kept;
    }

    /**
     * A table row (an attachment's 项目表, a sheet pasted as text) with its cells kept apart by {@link #CELL}: the
     * whitespace between Chinese words would otherwise vanish. Only rows whose cells hold no sentence punctuation.
     */
    private static String cells(String line) {
        java.util.regex.Matcher m = TABLE_ROW.matcher(line);
        if (!m.matches() || line.chars().anyMatch(c -> "。，；,;".indexOf(c) >= 0)) {
            return line;
        }
        String[] rest = m.group(2).strip().split("[ \\t\\u3000]+");
        if (rest[0].chars().filter(c -> SourceText.isHan((char) c)).count() < 2) {
            return line;
        }
        // a PDF's text spaces numbers apart (完成 80 个…和 7 个…); a table parts words too (新院区 新建)
        boolean wordsApart = false;
        for (int i = 0; i + 1 < rest.length && !wordsApart; i++) {
            String left = rest[i];
            wordsApart = SourceText.isHan(left.charAt(left.length() - 1)) && SourceText.isHan(rest[i + 1].charAt(0));
        }
        if (!wordsApart) {
            return line;
        }
        return m.group(1) + CELL + String.join(CELL, rest);
    }

    /** The line without unreadable characters (replaced by nothing); a warning when there were any. */
    private static String clean(String line, int number, Warnings warnings) {
        StringBuilder out = new StringBuilder(line.length());
        int dropped = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                out.append(' ');
                continue;
            }
            if (c == '\uFEFF' || c == '\u200B') {
                continue; // byte-order mark, zero-width space: harmless
            }
            if (Character.isHighSurrogate(c) && i + 1 < line.length() && Character.isLowSurrogate(line.charAt(i + 1))) {
                out.append(c).append(line.charAt(++i));
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.SURROGATE || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED || type == Character.FORMAT || c == '\uFFFD') {
                dropped++;
                continue;
            }
            out.append(c);
        }
        if (dropped > 0) {
            warnings.add(WarningCode.UNREADABLE_CHARACTERS,
                    "第 " + number + " 行含有 " + dropped + " 个无法识别的字符（控制字符或乱码），已忽略；请确认上传的是 UTF-8 编码的纯文本",
                    number, line);
        }
        return out.toString();
    }

    private static boolean isFooter(List<SourceLine> lines, int index) {
        String text = lines.get(index).text();
        if (DECORATED_FOOTER.matcher(text).matches()) {
            return true;
        }
        if (!BARE_NUMBER.matcher(text).matches()) {
            return false;
        }
        // a bare number is a page number unless the next line goes on with its unit (a number broken off its line)
        return index + 1 >= lines.size() || !Units.startsWithUnit(lines.get(index + 1).text());
    }
}
