package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The document cut into its parts, line by line: the heading (everything before the first numbered part: red head,
 * document number, covering notice, title, preamble), the body (the numbered parts), the notes (注：), the copy-to
 * lines (抄送：), a signature at the end of the body (issuer and date, as documents published online end), and the
 * printing line (… 年 … 月 … 日印发).
 */
record DocumentLayout(List<SourceLine> heading, List<SourceLine> body, List<SourceLine> notes,
        List<SourceLine> copyTo, List<SourceLine> signature, SourceLine printLine, List<Attachment> attachments) {

    /** An attachment (附件：2023年区重大工程项目表) and its lines. */
    record Attachment(SourceLine title, List<SourceLine> lines) {

        String name() {
            Matcher m = ATTACHMENT.matcher(title.text());
            return m.matches() ? m.group(1).strip() : title.text();
        }
    }

    static final Pattern ATTACHMENT = Pattern.compile("附\\s*[件表]\\s*[0-9０-９]*\\s*[：:]?\\s*(\\S.{1,40})");

    private static final Pattern NOTES = Pattern.compile("(?:附\\s*)?注\\s*[：:]\\s*(.*)");
    private static final Pattern COPY_TO = Pattern.compile("抄\\s*送\\s*[：:]\\s*(.*)");
    static final Pattern PRINT_LINE = Pattern.compile(
            "(.*?)\\s*(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日\\s*印\\s*发");
    /** "（此件公开发布）", "（此件主动公开）": a publication note closing the document. */
    private static final Pattern PUBLICATION_NOTE = Pattern.compile("[（(]\\s*此件.{0,12}[）)]");
    static final Pattern DATE_LINE = Pattern.compile("(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
    static final Pattern AUTHORITY = Pattern.compile(".*(政府|委员会|办公室|办公厅|局|委|办|管委会)");
    /** The first numbered part at the start of a line: 第一部分, 一、, （一）, 1., （1）, ①. */
    private static final Pattern FIRST_PART = Pattern.compile(
            "(?:第\\s*一\\s*(?:部分|章|篇)|一\\s*[、．.]|[（(]\\s*一\\s*[）)]|[1１]\\s*[.．、](?!\\s*[0-9０-９])"
                    + "|[（(]\\s*[1１]\\s*[）)]|[①⑴⒈]).*");

    private enum Part { HEADING, BODY, NOTES, ATTACHMENT, COPY_TO, TAIL }

    static DocumentLayout read(List<SourceLine> lines, Warnings warnings) {
        List<SourceLine> heading = new ArrayList<>();
        List<SourceLine> body = new ArrayList<>();
        List<SourceLine> notes = new ArrayList<>();
        List<SourceLine> copyTo = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        SourceLine printLine = null;
        Part part = Part.HEADING;
        for (SourceLine line : lines) {
            String text = line.text();
            if (text.startsWith("序号" + InputLines.CELL)) {
                continue; // a table's header row: the columns are known by position
            }
            if (part != Part.HEADING && part != Part.TAIL && PRINT_LINE.matcher(text).matches()) {
                printLine = line;
                part = Part.TAIL;
                continue;
            }
            switch (part) {
                case HEADING -> {
                    if (FIRST_PART.matcher(text).matches() && !DATE_LINE.matcher(text).find()) {
                        body.add(line);
                        part = Part.BODY;
                    } else {
                        heading.add(line);
                    }
                }
                case BODY, NOTES, ATTACHMENT -> {
                    if (ATTACHMENT.matcher(text).matches() && !text.contains("。")) {
                        attachments.add(new Attachment(line, new ArrayList<>()));
                        part = Part.ATTACHMENT;
                    } else if (part == Part.ATTACHMENT) {
                        if (COPY_TO.matcher(text).matches()) {
                            copyTo.add(line);
                            part = Part.COPY_TO;
                        } else {
                            attachments.get(attachments.size() - 1).lines().add(line);
                        }
                    } else if (part == Part.NOTES) {
                        if (COPY_TO.matcher(text).matches()) {
                            copyTo.add(line);
                            part = Part.COPY_TO;
                        } else {
                            notes.add(line);
                        }
                    } else if (NOTES.matcher(text).matches()) {
                        notes.add(line);
                        part = Part.NOTES;
                    } else if (COPY_TO.matcher(text).matches()) {
                        copyTo.add(line);
                        part = Part.COPY_TO;
                    } else {
                        body.add(text.contains(InputLines.CELL) ? new SourceLine(line.number(), rowText(text, true))
                                : line);
                    }
                }
                case COPY_TO -> copyTo.add(line);
                case TAIL -> warnings.add(WarningCode.UNRECOGNISED_TEXT, "印发行之后的文字无法归入计划的任何部分，已忽略",
                        line.number(), text);
                default -> throw new IllegalStateException(part.name());
            }
        }
        List<SourceLine> signature = signature(body);
        return new DocumentLayout(heading, body, notes, copyTo, signature, printLine, attachments);
    }

    /**
     * A table row read as an item's text: "1|区人民医院新院区|新建|2023年3月开工" reads "区人民医院新院区：新建，2023年3月开工。"
     * (the project named once for its steps), with its number as "1." when {@code numbered}.
     */
    static String rowText(String row, boolean numbered) {
        String[] cells = row.split(Pattern.quote(InputLines.CELL));
        StringBuilder out = new StringBuilder();
        int from = 0;
        if (cells[0].matches("[0-9０-９]{1,3}")) {
            if (numbered) {
                out.append(cells[0]).append('.');
            }
            from = 1;
        }
        for (int i = from; i < cells.length; i++) {
            out.append(cells[i]).append(i == from ? "：" : i + 1 < cells.length ? "，" : "");
        }
        return out.append('。').toString();
    }

    /**
     * Takes the closing lines off the body: a publication note, a date alone on its line and the authority above
     * it (a document published online ends with its signature, not with its last item).
     */
    private static List<SourceLine> signature(List<SourceLine> body) {
        List<SourceLine> signature = new ArrayList<>();
        int end = body.size();
        while (end > 0 && PUBLICATION_NOTE.matcher(body.get(end - 1).text()).matches()) {
            end--;
        }
        if (end > 1 && DATE_LINE.matcher(body.get(end - 1).text()).matches()) {
            int from = end - 1;
            String above = body.get(from - 1).text();
            if (AUTHORITY.matcher(above).matches() && above.length() <= 30 && !above.contains("。")) {
                from--;
            }
            signature.addAll(body.subList(from, body.size()));
            body.subList(from, body.size()).clear();
        } else if (end < body.size()) {
            signature.addAll(body.subList(end, body.size()));
            body.subList(end, body.size()).clear();
        }
        return signature;
    }
}
