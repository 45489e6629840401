package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keywork.goal.plan.document.Outline.RawItem;

/**
 * Reads the official plan document (区政府重点工作目标安排, as plain text) into a {@link ParsedPlan}: heading,
 * sections, items with their ★ marks, the numeric targets of goals items, the milestones of construction items,
 * notes and copy-to line.
 *
 * <p>Pure: no I/O, no state (one instance can serve every thread), no Spring. It never throws for bad content: whatever it cannot read becomes an
 * {@link ImportWarning} pointing at the line, and the rest is still read. The steps, each in its own class:
 * <ol>
 * <li>{@link InputLines}: lines, unreadable characters, blank lines and page footers ("- 9 -") dropped;</li>
 * <li>{@link DocumentLayout}: heading, body (from the first numbered part), notes (注：), 抄送, signature, printing
 * line;</li>
 * <li>{@link HeaderReader}: issuer, document number, title, plan year, dates, preamble;</li>
 * <li>{@link Outline}: the body's lines joined ({@link SourceText}), its numbering found ({@link MarkerScanner}) and
 * given roles (sections, sub-headings, items) whatever the layout, and cut into sections and items;</li>
 * <li>the section's kind from its items' content (most items name 开工 / 竣工 / 建成: construction), then
 * {@link TargetExtractor} (goals) or {@link MilestoneExtractor} (construction) per item.</li>
 * </ol>
 */
public final class PlanDocumentParser {

    private static final Pattern NOTE_LABEL = Pattern.compile("^(?:附\\s*)?注\\s*[：:]\\s*");
    private static final Pattern NOTE_NUMBER = Pattern.compile("^(\\d{1,2})\\s*[.．、]\\s*");
    private static final Pattern COPY_TO_LABEL = Pattern.compile("^抄\\s*送\\s*[：:]\\s*");

    /** The plan the text holds, with a warning for everything that could not be read. Never throws. */
    public ParsedPlan parse(String text) {
        Warnings warnings = new Warnings();
        PlanHeader header = PlanHeader.empty();
        ParsedLayout layout = ParsedLayout.none();
        String preamble = null;
        List<ParsedSection> sections = new ArrayList<>();
        List<String> notes = List.of();
        String copyTo = null;
        try {
            List<SourceLine> lines = InputLines.read(text == null ? "" : text, warnings);
            if (lines.isEmpty()) {
                warnings.add(WarningCode.EMPTY_DOCUMENT, "文档为空，没有可导入的内容", 0, "");
                return new ParsedPlan(header, layout, null, sections, notes, copyTo, warnings.list());
            }
            DocumentLayout parts = DocumentLayout.read(lines, warnings);
            Warnings outlineWarnings = new Warnings();
            Outline.Result outline = Outline.read(SourceText.of(parts.body()), null, outlineWarnings);
            boolean anyItems = outline.sections().stream().anyMatch(s -> !s.items().isEmpty());
            HeaderReader.Heading heading = HeaderReader.read(parts, anyItems, warnings);
            header = heading.header();
            warnings.addAll(outlineWarnings);
            if (!anyItems) {
                warnings.add(WarningCode.NO_SECTIONS, "未找到任何章节（如“一、……”）或编号的事项（如“（一）……”“1.……”），无法读取条目",
                        0, lines.get(0).text());
            }
            layout = ParsedLayout.of(outline.layout());
            preamble = join(heading.preamble(), outline.preamble());
            for (Outline.RawSection raw : outline.sections()) {
                String title = raw.title() != null ? raw.title()
                        : header.title() != null ? header.title() : "全部事项";
                sections.add(section(raw, title, header.planYear(), warnings));
            }
            for (DocumentLayout.Attachment attachment : parts.attachments()) {
                Optional<Outline.RawSection> table = attachment(attachment, sections.size() + 1);
                if (table.isPresent()) {
                    sections.add(section(table.get(), table.get().title(), header.planYear(), warnings));
                } else {
                    warnings.add(WarningCode.UNRECOGNISED_TEXT, "附件“" + attachment.name() + "”不是项目表，未导入",
                            attachment.title().number(), attachment.title().text());
                }
            }
            notes = notes(parts.notes());
            copyTo = copyTo(parts.copyTo());
        } catch (RuntimeException | StackOverflowError e) {
            warnings.add(WarningCode.PARSER_FAILURE, "解析器内部错误（" + e.getClass().getSimpleName()
                    + "），只返回了已读取的部分，请联系系统管理员", 0, String.valueOf(e.getMessage()));
        }
        return new ParsedPlan(header, layout, preamble, sections, notes, copyTo, warnings.list());
    }

    /**
     * Reads one item's text on its own, as the editor needs after a correction: its targets (a goals item) or its
     * milestones (a construction item), with ids {@code itemId#K}.
     */
    public ParsedItem parseItem(String itemId, String text, SectionKind kind, int planYear) {
        Warnings warnings = new Warnings();
        String[] parts = itemId.split("\\.");
        int section = Integer.parseInt(parts[0]);
        int number = Integer.parseInt(parts[1]);
        SourceText source = SourceText.of(List.of(new SourceLine(1, text == null ? "" : text)));
        RawItem raw = new RawItem(section, number, null, null, source, 1);
        int stars = (int) source.text().chars().filter(c -> c == '★').count();
        return new ParsedItem(itemId, section, number, null, null, source.text(), stars,
                kind == SectionKind.GOALS ? TargetExtractor.extract(raw, warnings) : List.of(),
                kind == SectionKind.CONSTRUCTION ? MilestoneExtractor.extract(raw, planYear, warnings) : List.of());
    }

    /**
     * An attachment holding a table of projects (附件：2023年区重大工程项目表, one row per project: 序号 名称 性质 投资
     * 开工 竣工) as one more section, an item per row in the order of its numbers.
     */
    private static Optional<Outline.RawSection> attachment(DocumentLayout.Attachment attachment, int number) {
        List<RawItem> items = new ArrayList<>();
        for (SourceLine line : attachment.lines()) {
            String text = line.text();
            String first = text.contains(InputLines.CELL) ? text.substring(0, text.indexOf(InputLines.CELL)) : "";
            if (first.matches("[0-9０-９]{1,3}") && MarkerScanner.arabic(first) == items.size() + 1) {
                SourceText row = SourceText.of(List.of(new SourceLine(line.number(),
                        DocumentLayout.rowText(text, false))));
                items.add(new RawItem(number, items.size() + 1, first, null, row, line.number()));
            } else if (!items.isEmpty() && !text.contains(InputLines.CELL)) {
                // a row's text wrapped onto the next line
                RawItem last = items.remove(items.size() - 1);
                String joined = last.text().text().replaceFirst("。$", "") + text;
                items.add(new RawItem(number, last.number(), last.label(), null,
                        SourceText.of(List.of(new SourceLine(last.line(), joined))), last.line()));
            }
        }
        return items.isEmpty() ? Optional.empty() : Optional.of(new Outline.RawSection(number, "附件",
                attachment.name(), attachment.title().number(), null, items));
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b == null || b.isBlank() ? null : b;
        }
        return b == null || b.isBlank() ? a : a + b;
    }

    private static ParsedSection section(Outline.RawSection raw, String title, int planYear, Warnings warnings) {
        List<RawItem> rawItems = raw.items();
        SectionKind kind = kindOf(title, rawItems);
        List<ParsedItem> items = new ArrayList<>();
        for (RawItem item : rawItems) {
            String text = item.text().text();
            warnUnknownMarks(item, warnings);
            int stars = (int) text.chars().filter(c -> c == '★').count();
            items.add(new ParsedItem(item.id(), item.section(), item.number(), item.label(), item.group(), text,
                    stars, kind == SectionKind.GOALS ? TargetExtractor.extract(item, warnings) : List.of(),
                    kind == SectionKind.CONSTRUCTION ? MilestoneExtractor.extract(item, planYear, warnings)
                            : List.of()));
        }
        return new ParsedSection(raw.number(), raw.label(), title, raw.intro(), kind, items);
    }

    /** Section titles that name building work: 重点工程, 重大项目, 项目建设 … */
    private static final Pattern CONSTRUCTION_TITLE = Pattern.compile(".*(工程|重大项目|重点项目|项目建设|建设项目).*");

    /**
     * A section is a construction section when most of its items name a milestone (开工, 竣工, 完工, 建成) and its
     * title names building work (推进区域重点工程建设, 重大工程), or when nearly all of its items do (four in five)
     * whatever the title: a goals section may mention some (开工建设保障性租赁住房 3000 套), not nearly all.
     */
    static SectionKind kindOf(String title, List<RawItem> items) {
        long withMilestones = items.stream()
                .filter(i -> MilestoneExtractor.MILESTONE_WORD.matcher(i.text().text()).find())
                .count();
        if (items.isEmpty()) {
            return SectionKind.GOALS;
        }
        boolean most = withMilestones * 2 > items.size();
        boolean nearlyAll = withMilestones * 5 >= items.size() * 4L;
        boolean titled = title != null && CONSTRUCTION_TITLE.matcher(title).matches();
        return most && titled || nearlyAll ? SectionKind.CONSTRUCTION : SectionKind.GOALS;
    }

    /** A symbol other than ★ in an item (◆, ☆, ●): a mark the parser does not know, so its meaning is lost. */
    private static void warnUnknownMarks(RawItem item, Warnings warnings) {
        String text = item.text().text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '★' && Character.getType(c) == Character.OTHER_SYMBOL) {
                warnings.add(WarningCode.UNKNOWN_MARK, "条目 " + item.id() + " 中有无法识别的标记“" + c
                        + "”（只识别★），其含义未导入", item.text().lineAt(i), item.text().around(i, i + 1, 12));
            }
        }
    }

    /** The notes' texts: 注：1.… 2.… 3.…, each note's lines joined, without the label and the numbers. */
    private static List<String> notes(List<SourceLine> lines) {
        List<List<SourceLine>> notes = new ArrayList<>();
        int expected = 1;
        for (int i = 0; i < lines.size(); i++) {
            SourceLine line = lines.get(i);
            String text = i == 0 ? NOTE_LABEL.matcher(line.text()).replaceFirst("") : line.text();
            Matcher number = NOTE_NUMBER.matcher(text);
            if (number.find() && Integer.parseInt(number.group(1)) == expected) {
                notes.add(new ArrayList<>());
                text = text.substring(number.end());
                expected++;
            } else if (notes.isEmpty()) {
                notes.add(new ArrayList<>()); // an unnumbered note
                expected = 2;
            }
            if (!text.isBlank()) {
                notes.get(notes.size() - 1).add(new SourceLine(line.number(), text));
            }
        }
        return notes.stream().map(n -> SourceText.of(n).text()).filter(n -> !n.isEmpty()).toList();
    }

    private static String copyTo(List<SourceLine> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        String text = COPY_TO_LABEL.matcher(SourceText.of(lines).text()).replaceFirst("").strip();
        while (text.endsWith("。") || text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
