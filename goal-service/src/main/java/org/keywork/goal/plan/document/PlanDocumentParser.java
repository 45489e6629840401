package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keywork.goal.plan.document.DocumentLayout.RawSection;
import org.keywork.goal.plan.document.ItemSplitter.RawItem;

/**
 * Reads the official plan document (区政府重点工作目标安排, as plain text) into a {@link ParsedPlan}: heading,
 * sections, items with their ★ marks, the numeric targets of goals items, the milestones of construction items,
 * notes and copy-to line.
 *
 * <p>Pure: no I/O, no state (one instance can serve every thread), no Spring. It never throws for bad content: whatever it cannot read becomes an
 * {@link ImportWarning} pointing at the line, and the rest is still read. The steps, each in its own class:
 * <ol>
 * <li>{@link InputLines}: lines, unreadable characters, blank lines and page footers ("- 9 -") dropped;</li>
 * <li>{@link DocumentLayout}: heading, sections (一、 at the start of a line), notes (注：), 抄送, printing line;</li>
 * <li>{@link HeaderReader}: issuer, document number, title, plan year, dates;</li>
 * <li>{@link ItemSplitter}: a section's lines joined ({@link SourceText}) and cut at （一）（二）… in sequence;</li>
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
        List<ParsedSection> sections = new ArrayList<>();
        List<String> notes = List.of();
        String copyTo = null;
        try {
            List<SourceLine> lines = InputLines.read(text == null ? "" : text, warnings);
            if (lines.isEmpty()) {
                warnings.add(WarningCode.EMPTY_DOCUMENT, "文档为空，没有可导入的内容", 0, "");
                return new ParsedPlan(header, sections, notes, copyTo, warnings.list());
            }
            DocumentLayout layout = DocumentLayout.read(lines, warnings);
            header = HeaderReader.read(layout.heading(), layout.printLine(), !layout.sections().isEmpty(), warnings);
            for (RawSection raw : layout.sections()) {
                sections.add(section(raw, header.planYear(), warnings));
            }
            notes = notes(layout.notes());
            copyTo = copyTo(layout.copyTo());
        } catch (RuntimeException | StackOverflowError e) {
            warnings.add(WarningCode.PARSER_FAILURE, "解析器内部错误（" + e.getClass().getSimpleName()
                    + "），只返回了已读取的部分，请联系系统管理员", 0, String.valueOf(e.getMessage()));
        }
        return new ParsedPlan(header, sections, notes, copyTo, warnings.list());
    }

    private static ParsedSection section(RawSection raw, int planYear, Warnings warnings) {
        List<RawItem> rawItems = ItemSplitter.split(raw, warnings);
        SectionKind kind = kindOf(rawItems);
        List<ParsedItem> items = new ArrayList<>();
        for (RawItem item : rawItems) {
            String text = item.text().text();
            warnUnknownMarks(item, warnings);
            int stars = (int) text.chars().filter(c -> c == '★').count();
            items.add(new ParsedItem(item.id(), item.section(), item.number(), text, stars,
                    kind == SectionKind.GOALS ? TargetExtractor.extract(item, warnings) : List.of(),
                    kind == SectionKind.CONSTRUCTION ? MilestoneExtractor.extract(item, planYear, warnings) : List.of()));
        }
        return new ParsedSection(raw.number(), raw.title(), kind, items);
    }

    /**
     * A section is a construction section when more than half of its items name a milestone (开工, 竣工, 完工,
     * 建成), whatever its number or title: a goals section may mention one (开工建设既有多层住宅加装电梯), not most.
     */
    static SectionKind kindOf(List<RawItem> items) {
        long withMilestones = items.stream()
                .filter(i -> MilestoneExtractor.MILESTONE_WORD.matcher(i.text().text()).find())
                .count();
        return !items.isEmpty() && withMilestones * 2 > items.size() ? SectionKind.CONSTRUCTION : SectionKind.GOALS;
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
