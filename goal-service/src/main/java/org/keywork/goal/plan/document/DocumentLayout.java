package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document cut into its parts, line by line: the heading (everything before the first section), the sections
 * with their body lines, the notes (注：), the copy-to lines (抄送：) and the printing line (… 年 … 月 … 日印发).
 */
record DocumentLayout(List<SourceLine> heading, List<RawSection> sections, List<SourceLine> notes,
        List<SourceLine> copyTo, SourceLine printLine) {

    /** A section as found: its number, its title and the lines of its body. */
    record RawSection(int number, String title, int line, List<SourceLine> body) {
    }

    private static final Pattern SECTION_HEADING = Pattern.compile(
            "([" + ChineseNumerals.CHARACTERS + "]{1,6})\\s*、\\s*(.+)");
    private static final Pattern NOTES = Pattern.compile("(?:附\\s*)?注\\s*[：:]\\s*(.*)");
    private static final Pattern COPY_TO = Pattern.compile("抄\\s*送\\s*[：:]\\s*(.*)");
    static final Pattern PRINT_LINE = Pattern.compile(
            "(.*?)\\s*(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*印\\s*发");
    private static final String SENTENCE_END = "。！？；;!?”’」』）)";
    private static final int MAX_TITLE = 40;

    private enum Part { HEADING, BODY, NOTES, COPY_TO, TAIL }

    static DocumentLayout read(List<SourceLine> lines, Warnings warnings) {
        List<SourceLine> heading = new ArrayList<>();
        List<RawSection> sections = new ArrayList<>();
        List<SourceLine> notes = new ArrayList<>();
        List<SourceLine> copyTo = new ArrayList<>();
        SourceLine printLine = null;
        List<SourceLine> body = null;
        Part part = Part.HEADING;
        for (SourceLine line : lines) {
            String text = line.text();
            if (part != Part.HEADING && part != Part.TAIL && PRINT_LINE.matcher(text).matches()) {
                printLine = line;
                part = Part.TAIL;
                continue;
            }
            switch (part) {
                case HEADING -> {
                    Matcher m = SECTION_HEADING.matcher(text);
                    int number = m.matches() && titleLike(m.group(2)) ? ChineseNumerals.parse(m.group(1)) : -1;
                    if (number > 0) {
                        if (number != 1) {
                            warnings.add(WarningCode.UNEXPECTED_SECTION_NUMBER,
                                    "第一个章节的编号是“" + m.group(1) + "、”而不是“一、”", line.number(), text);
                        }
                        body = new ArrayList<>();
                        sections.add(new RawSection(number, m.group(2).strip(), line.number(), body));
                        part = Part.BODY;
                    } else {
                        heading.add(line);
                    }
                }
                case BODY -> {
                    if (NOTES.matcher(text).matches()) {
                        notes.add(line);
                        part = Part.NOTES;
                    } else if (COPY_TO.matcher(text).matches()) {
                        copyTo.add(line);
                        part = Part.COPY_TO;
                    } else {
                        RawSection next = nextSection(line, sections.get(sections.size() - 1), body, warnings);
                        if (next != null) {
                            sections.add(next);
                            body = next.body();
                        } else {
                            body.add(line);
                        }
                    }
                }
                case NOTES -> {
                    if (COPY_TO.matcher(text).matches()) {
                        copyTo.add(line);
                        part = Part.COPY_TO;
                    } else {
                        notes.add(line);
                    }
                }
                case COPY_TO -> copyTo.add(line);
                case TAIL -> warnings.add(WarningCode.UNRECOGNISED_TEXT, "印发行之后的文字无法归入计划的任何部分，已忽略",
                        line.number(), text);
                default -> throw new IllegalStateException(part.name());
            }
        }
        if (sections.isEmpty()) {
            warnings.add(WarningCode.NO_SECTIONS, "未找到任何章节标题（如“一、推动区域战略规划实施”），无法读取条目", 0,
                    lines.isEmpty() ? "" : lines.get(0).text());
        }
        return new DocumentLayout(heading, sections, notes, copyTo, printLine);
    }

    /**
     * The section this line opens, or {@code null} when it is body text. A heading is a numeral and 、 at the start
     * of a short line without sentence punctuation. The next number in sequence always opens a section; another
     * number only after a finished sentence (with a warning), never a number going backwards (a 、 list broken
     * across lines, such as "三、四期").
     */
    private static RawSection nextSection(SourceLine line, RawSection current, List<SourceLine> body,
            Warnings warnings) {
        Matcher m = SECTION_HEADING.matcher(line.text());
        if (!m.matches() || !titleLike(m.group(2))) {
            return null;
        }
        int number = ChineseNumerals.parse(m.group(1));
        if (number < 1) {
            return null;
        }
        boolean afterSentence = body.isEmpty() || endsSentence(body.get(body.size() - 1).text());
        if (number == current.number() + 1) {
            return new RawSection(number, m.group(2).strip(), line.number(), new ArrayList<>());
        }
        if (number > current.number() && afterSentence) {
            warnings.add(WarningCode.UNEXPECTED_SECTION_NUMBER, "章节编号不连续：“" + m.group(1) + "、”紧接在“"
                    + ChineseNumerals.format(current.number()) + "、”之后", line.number(), line.text());
            return new RawSection(number, m.group(2).strip(), line.number(), new ArrayList<>());
        }
        if (afterSentence) {
            warnings.add(WarningCode.UNEXPECTED_SECTION_NUMBER, "疑似章节标题“" + m.group(1) + "、”的编号不在“"
                    + ChineseNumerals.format(current.number()) + "、”之后，按正文处理", line.number(), line.text());
        }
        return null;
    }

    private static boolean titleLike(String title) {
        String t = title.strip();
        return !t.isEmpty() && t.length() <= MAX_TITLE && t.chars().noneMatch(c -> "。，；,;：:".indexOf(c) >= 0)
                && t.charAt(0) != '（' && t.charAt(0) != '(';
    }

    private static boolean endsSentence(String text) {
        return !text.isEmpty() && SENTENCE_END.indexOf(text.charAt(text.length() - 1)) >= 0;
    }
}
