package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outline of a plan's body: which numbering marks its sections, which (if any) its sub-headings, which its items,
 * and the text of each, whatever layout the document uses.
 *
 * <p>How the roles are chosen, from the markers {@link MarkerScanner} finds:
 * <ol>
 * <li>A marker counts only where its style may stand ({@link Marker#wellPlaced()}) and in sequence: the next number,
 * or 1 again after a marker of a higher level.</li>
 * <li>Levels follow the standard order of {@link MarkerStyle} (一、 above （一） above 1. above （1）); a document
 * may skip any of them.</li>
 * <li>The highest level present is the <em>sections</em> when its markers are headings (a short title alone on its
 * line, with markers of a lower level after it) and its style is one sections use (第一部分, 一、, （一）); below it,
 * further heading levels are <em>sub-headings</em> (kept as each item's {@code group}); the next level that holds
 * content is the <em>items</em>. Without a heading level the whole document is one list of items (section 1).</li>
 * <li>Lower levels inside an item ((1) ① …) are the item's own text.</li>
 * <li>Item numbers may restart in each section or sub-heading, or continue across them; ids are positions
 * ({@code S.N}), the document's own marker is the item's {@code label}.</li>
 * <li>A section or sub-heading without numbered items has one item per paragraph (with a warning), so that
 * nothing is lost.</li>
 * </ol>
 */
final class Outline {

    /** A section as found: its position, the document's marker, its title, intro text, items. */
    record RawSection(int number, String label, String title, int line, String intro, List<RawItem> items) {
    }

    /** An item as found: section position, position inside the section, marker, sub-heading, text, line. */
    record RawItem(int section, int number, String label, String group, SourceText text, int line) {
        String id() {
            return section + "." + number;
        }
    }

    /**
     * The layout the document was read with.
     *
     * @param sections   the sections' marker style, or {@code null} for a list without sections
     * @param groups     the sub-heading levels between sections and items, highest first
     * @param items      the items' marker style, or {@code null} when items are paragraphs
     * @param continuous whether item numbers continue across sections rather than restart
     */
    record Layout(MarkerStyle sections, List<MarkerStyle> groups, MarkerStyle items, boolean continuous) {
    }

    record Result(Layout layout, List<RawSection> sections, String preamble) {
    }

    private static final Set<MarkerStyle> SECTION_STYLES = EnumSet.of(MarkerStyle.PART, MarkerStyle.CHINESE_COMMA,
            MarkerStyle.CHINESE_PAREN);
    private static final int MAX_TITLE = 40;
    private static final String TITLE_BREAKERS = "。；;！？!?";
    private static final String PARAGRAPH_END = "。！？!?";

    private enum Role { SECTION, GROUP, ITEM }

    private final SourceText body;
    private final String text;
    private final Warnings warnings;

    private Outline(SourceText body, Warnings warnings) {
        this.body = body;
        this.text = body.text();
        this.warnings = warnings;
    }

    /**
     * Reads the body of a plan (everything from its first numbered part to its notes).
     *
     * @param implicitTitle the title of the one section of a list without sections
     */
    static Result read(SourceText body, String implicitTitle, Warnings warnings) {
        return new Outline(body, warnings).read(implicitTitle);
    }

    private Result read(String implicitTitle) {
        List<Marker> candidates = MarkerScanner.scan(body).stream().filter(Marker::wellPlaced).toList();
        Map<MarkerStyle, List<Marker>> kept = inSequence(candidates);
        Layout layout = layout(kept);
        if (layout == null) {
            return new Result(new Layout(null, List.of(), null, false), List.of(), null);
        }
        return build(layout, candidates, implicitTitle);
    }

    // ---- which style plays which role -------------------------------------------------------------------------

    /** Per style, its markers that follow in sequence (1 again only after a higher level), highest levels first. */
    private Map<MarkerStyle, List<Marker>> inSequence(List<Marker> candidates) {
        Map<MarkerStyle, List<Marker>> kept = new EnumMap<>(MarkerStyle.class);
        for (MarkerStyle style : MarkerStyle.values()) {
            List<Marker> run = new ArrayList<>();
            int last = 0;
            boolean higherSince = true;
            int higherIndex = 0;
            List<Marker> higher = new ArrayList<>();
            kept.forEach((s, markers) -> higher.addAll(markers));
            higher.sort((a, b) -> Integer.compare(a.start(), b.start()));
            for (Marker marker : candidates) {
                while (higherIndex < higher.size() && higher.get(higherIndex).start() < marker.start()) {
                    higherIndex++;
                    higherSince = true;
                }
                if (marker.style() != style) {
                    continue;
                }
                if (marker.number() == last + 1 || marker.number() == 1 && higherSince) {
                    run.add(marker);
                    last = marker.number();
                    higherSince = false;
                }
            }
            if (!run.isEmpty()) {
                kept.put(style, run);
            }
        }
        return kept;
    }

    private Layout layout(Map<MarkerStyle, List<Marker>> kept) {
        List<MarkerStyle> present = new ArrayList<>(kept.keySet());
        if (present.isEmpty()) {
            return null;
        }
        List<Marker> all = new ArrayList<>();
        kept.values().forEach(all::addAll);
        all.sort((a, b) -> Integer.compare(a.start(), b.start()));

        MarkerStyle sections = null;
        List<MarkerStyle> groups = new ArrayList<>();
        int next = 0;
        MarkerStyle top = present.get(0);
        if (SECTION_STYLES.contains(top) && headings(kept.get(top), all)) {
            sections = top;
            next = 1;
            while (next < present.size() - 1 && SECTION_STYLES.contains(present.get(next))
                    && headings(kept.get(present.get(next)), all)) {
                groups.add(present.get(next));
                next++;
            }
        }
        MarkerStyle items = null;
        List<MarkerStyle> below = present.subList(next, present.size());
        for (MarkerStyle style : below) {
            // a stray (一) in a text is no level: items are the highest level that occurs more than once
            if (kept.get(style).size() >= 2 || below.size() == 1) {
                items = style;
                break;
            }
        }
        if (items == null && !below.isEmpty()) {
            items = below.get(0);
        }
        return new Layout(sections, List.copyOf(groups), items, false);
    }

    /** Whether most markers of a style head a part: a short title on its line, a body or lower levels after it. */
    private boolean headings(List<Marker> markers, List<Marker> all) {
        int headings = 0;
        for (Marker marker : markers) {
            int index = all.indexOf(marker);
            Marker following = index + 1 < all.size() ? all.get(index + 1) : null;
            boolean children = following != null && following.style().ordinal() > marker.style().ordinal();
            String title = ownText(marker, following);
            if (!titleLike(title)) {
                continue;
            }
            // a title on its own line with a body under it (paragraphs, or numbered parts of a lower level)
            int titleEnd = titleEnd(marker.end(), title);
            int limit = following == null ? text.length() : following.start();
            boolean body = titleEnd < limit && !text.substring(titleEnd, limit).isBlank();
            if (children || body) {
                headings++;
            }
        }
        return headings * 2 >= markers.size() && headings > 0;
    }

    /** The text on a marker's line after it (the next line's when the number stands alone), up to the next marker. */
    private String ownText(Marker marker, Marker following) {
        int from = marker.end();
        int limit = following == null ? text.length() : following.start();
        if (from >= limit) {
            return "";
        }
        String rest = body.restOfLine(from);
        if (rest.length() > limit - from) {
            rest = text.substring(from, limit).strip();
        }
        return rest;
    }

    static boolean titleLike(String title) {
        String t = title.strip();
        while (t.endsWith("：") || t.endsWith(":")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return !t.isEmpty() && t.codePointCount(0, t.length()) <= MAX_TITLE
                && t.chars().noneMatch(c -> TITLE_BREAKERS.indexOf(c) >= 0)
                && t.charAt(0) != '（' && t.charAt(0) != '(';
    }

    // ---- the parts ----------------------------------------------------------------------------------------------

    /** An accepted marker and the role it opens. */
    private record Opened(Marker marker, Role role, int level) {
    }

    private Result build(Layout layout, List<Marker> candidates, String implicitTitle) {
        List<Opened> opened = accept(layout, candidates);
        boolean continuous = false;

        List<RawSection> sections = new ArrayList<>();
        String preamble = null;
        int firstIndex = opened.isEmpty() ? text.length() : opened.get(0).marker().start();
        if (layout.sections() == null) {
            // one list: everything before the first item is the list's lead-in
            String lead = text.substring(0, firstIndex).strip();
            preamble = lead.isEmpty() ? null : lead;
            List<RawItem> items = new ArrayList<>();
            SectionBuilder section = new SectionBuilder(1, null, implicitTitle, body.lineAt(firstIndex), null);
            collect(opened, 0, opened.size(), section, null, items);
            sections.add(section.build(items));
            return new Result(layout, sections, preamble);
        }
        if (firstIndex > 0 && !text.substring(0, firstIndex).isBlank()) {
            preamble = text.substring(0, firstIndex).strip();
        }
        int lastItemNumber = 0;
        for (int i = 0; i < opened.size(); i++) {
            Opened s = opened.get(i);
            if (s.role() != Role.SECTION) {
                continue;
            }
            int end = i + 1;
            while (end < opened.size() && opened.get(end).role() != Role.SECTION) {
                end++;
            }
            Marker marker = s.marker();
            int limit = i + 1 < opened.size() ? opened.get(i + 1).marker().start() : text.length();
            String title = ownText(marker, i + 1 < opened.size() ? opened.get(i + 1).marker() : null);
            int titleEnd = Math.min(limit, titleEnd(marker.end(), title));
            String intro = text.substring(titleEnd, limit).strip();
            SectionBuilder section = new SectionBuilder(sections.size() + 1, marker.label(), stripColon(title),
                    body.lineAt(marker.start()), intro.isEmpty() ? null : intro);
            List<RawItem> items = new ArrayList<>();
            collect(opened, i + 1, end, section, null, items);
            if (items.isEmpty() && !intro.isEmpty()) {
                // no numbered items: the intro's paragraphs are the items
                items.addAll(paragraphs(section, titleEnd, limit, null));
                section.intro = null;
            }
            if (items.isEmpty()) {
                warnings.add(WarningCode.EMPTY_SECTION, "“" + marker.label() + section.title + "”中没有找到任何事项",
                        section.line, section.title);
            }
            RawSection built = section.build(items);
            int firstNumber = firstItemNumber(opened, i + 1, end);
            if (sections.size() > 0 && firstNumber > 1 && firstNumber == lastItemNumber + 1) {
                continuous = true;
            }
            int lastNumber = lastItemNumber(opened, i + 1, end);
            if (lastNumber > 0) {
                lastItemNumber = lastNumber;
            }
            sections.add(built);
        }
        return new Result(new Layout(layout.sections(), layout.groups(), layout.items(), continuous), sections,
                preamble);
    }

    /** The items between {@code from} and {@code to}, with the sub-headings they stand under. */
    private void collect(List<Opened> opened, int from, int to, SectionBuilder section, String group,
            List<RawItem> items) {
        String currentGroup = group;
        for (int i = from; i < to; i++) {
            Opened o = opened.get(i);
            int limit = i + 1 < opened.size() ? opened.get(i + 1).marker().start() : text.length();
            Marker marker = o.marker();
            if (o.role() == Role.GROUP) {
                Marker following = i + 1 < opened.size() ? opened.get(i + 1).marker() : null;
                String title = ownText(marker, following);
                boolean hasItems = i + 1 < to && opened.get(i + 1).role() == Role.ITEM;
                if (!hasItems && !titleLike(title)) {
                    // a sub-heading level mark holding content and no items: it is an item itself
                    items.add(item(section, marker, marker.end(), limit, group));
                    continue;
                }
                currentGroup = marker.label() + stripColon(title);
                int titleEnd = Math.min(limit, titleEnd(marker.end(), title));
                if (!hasItems) {
                    List<RawItem> paragraphs = paragraphs(section, titleEnd, limit, currentGroup);
                    if (paragraphs.isEmpty()) {
                        items.add(item(section, marker, marker.end(), limit, group));
                    } else {
                        items.addAll(paragraphs);
                    }
                } else if (!text.substring(titleEnd, limit).isBlank()) {
                    warnings.add(WarningCode.TEXT_OUTSIDE_ITEM, "“" + currentGroup
                            + "”与其第一个事项之间的文字不属于任何事项，已忽略", body.lineAt(titleEnd),
                            text.substring(titleEnd, limit));
                }
                continue;
            }
            items.add(item(section, marker, marker.end(), limit, currentGroup));
        }
    }

    private RawItem item(SectionBuilder section, Marker marker, int from, int to, String group) {
        SourceText itemText = body.slice(Math.min(from, to), to).strip();
        int number = section.nextItem();
        if (itemText.length() == 0) {
            warnings.add(WarningCode.EMPTY_ITEM, "事项“" + section.number + "." + number + "”（" + marker.label()
                    + "）没有内容", body.lineAt(marker.start()), marker.label());
        }
        return new RawItem(section.number, number, marker.label(), group, itemText, body.lineAt(marker.start()));
    }

    /** Items made of the paragraphs in {@code [from, to)}: a paragraph ends with 。！？ at the end of a line. */
    private List<RawItem> paragraphs(SectionBuilder section, int from, int to, String group) {
        List<RawItem> items = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            boolean end = i == to || body.startsLine(i) && i > start && endsParagraph(i);
            if (!end) {
                continue;
            }
            SourceText paragraph = body.slice(start, i).strip();
            if (paragraph.length() > 0) {
                items.add(new RawItem(section.number, section.nextItem(), null, group, paragraph,
                        paragraph.lineAt(0)));
            }
            start = i;
        }
        if (!items.isEmpty()) {
            warnings.add(WarningCode.UNNUMBERED_ITEMS, "第 " + section.number + " 部分的事项没有编号，已按段落拆分为 "
                    + items.size() + " 项，请核对", items.get(0).line(), items.get(0).text().text());
        }
        return items;
    }

    private boolean endsParagraph(int at) {
        int i = at - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && PARAGRAPH_END.indexOf(text.charAt(i)) >= 0;
    }

    /** Where a title that starts at {@code from} ends in the text. */
    private int titleEnd(int from, String title) {
        if (title.isEmpty()) {
            return from;
        }
        int at = text.indexOf(title, from);
        return at < 0 ? from : at + title.length();
    }

    private static String stripColon(String title) {
        String t = title.strip();
        while (t.endsWith("：") || t.endsWith(":")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    private static int firstItemNumber(List<Opened> opened, int from, int to) {
        for (int i = from; i < to; i++) {
            if (opened.get(i).role() == Role.ITEM) {
                return opened.get(i).marker().number();
            }
        }
        return 0;
    }

    private static int lastItemNumber(List<Opened> opened, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (opened.get(i).role() == Role.ITEM) {
                return opened.get(i).marker().number();
            }
        }
        return 0;
    }

    // ---- which markers open a part ----------------------------------------------------------------------------

    /** The markers that open a section, a sub-heading or an item, checked for sequence; the rest are text. */
    private List<Opened> accept(Layout layout, List<Marker> candidates) {
        List<Opened> opened = new ArrayList<>();
        int lastSection = 0;
        int[] lastGroup = new int[layout.groups().size()];
        int[] lastGroupGlobal = new int[layout.groups().size()];
        boolean[] groupsInParent = new boolean[layout.groups().size()];
        int lastItemInScope = 0;
        int lastItemInSection = 0;
        int lastItemGlobal = 0;
        int itemsInScope = 0;
        int itemsInSection = 0;
        for (int c = 0; c < candidates.size(); c++) {
            Marker m = candidates.get(c);
            Marker following = c + 1 < candidates.size() ? candidates.get(c + 1) : null;
            int n = m.number();
            if (m.style() == layout.sections()) {
                boolean title = titleLike(ownText(m, following));
                if (title && (n == lastSection + 1 || n > lastSection + 1 && m.afterSentence())) {
                    if (n != lastSection + 1) {
                        warnings.add(WarningCode.UNEXPECTED_SECTION_NUMBER, lastSection == 0
                                ? "第一个章节的编号是“" + m.label() + "”而不是“" + m.style().format(1) + "”"
                                : "章节编号不连续：“" + m.label() + "”紧接在“" + m.style().format(lastSection) + "”之后",
                                body.lineAt(m.start()), body.restOfLine(m.start()));
                    }
                    opened.add(new Opened(m, Role.SECTION, 0));
                    lastSection = n;
                    Arrays.fill(lastGroup, 0);
                    Arrays.fill(groupsInParent, false);
                    lastItemInScope = 0;
                    lastItemInSection = 0;
                    itemsInScope = 0;
                    itemsInSection = 0;
                } else if (title && m.afterSentence() && lastSection > 0) {
                    warnings.add(WarningCode.UNEXPECTED_SECTION_NUMBER, "疑似章节标题“" + m.label() + "”的编号不在“"
                            + m.style().format(lastSection) + "”之后，按正文处理", body.lineAt(m.start()),
                            body.restOfLine(m.start()));
                }
                continue;
            }
            int level = layout.groups().indexOf(m.style());
            if (level >= 0) {
                boolean first = !groupsInParent[level];
                if (n == lastGroup[level] + 1 || first && (n == 1 || n == lastGroupGlobal[level] + 1)) {
                    opened.add(new Opened(m, Role.GROUP, level + 1));
                    lastGroup[level] = n;
                    lastGroupGlobal[level] = n;
                    groupsInParent[level] = true;
                    for (int deeper = level + 1; deeper < lastGroup.length; deeper++) {
                        lastGroup[deeper] = 0;
                        groupsInParent[deeper] = false;
                    }
                    lastItemInScope = 0;
                    itemsInScope = 0;
                } else {
                    unexpected(m, lastGroup[level] + 1);
                }
                continue;
            }
            if (m.style() == layout.items()) {
                boolean accepted = n == lastItemInScope + 1
                        || n == 1 && itemsInScope == 0
                        || itemsInSection == 0 && n == lastItemGlobal + 1
                        || n == lastItemInSection + 1 && itemsInSection > 0;
                if (accepted) {
                    opened.add(new Opened(m, Role.ITEM, layout.groups().size() + 1));
                    lastItemInScope = n;
                    lastItemInSection = n;
                    lastItemGlobal = n;
                    itemsInScope++;
                    itemsInSection++;
                } else {
                    unexpected(m, lastItemInScope + 1);
                }
            }
        }
        return opened;
    }

    private void unexpected(Marker m, int expected) {
        if (m.style().lineLevel() && !m.startsLine()) {
            return; // "。2." inside a sentence is far more often text than a misnumbered item
        }
        warnings.add(WarningCode.UNEXPECTED_ITEM_NUMBER, "编号“" + m.label() + "”不是预期的“"
                + m.style().format(expected) + "”，按正文处理", body.lineAt(m.start()),
                body.around(m.start(), m.end(), 12));
    }

    /** A section being built: numbers its items by position. */
    private static final class SectionBuilder {
        final int number;
        final String label;
        final String title;
        final int line;
        String intro;
        int items;

        SectionBuilder(int number, String label, String title, int line, String intro) {
            this.number = number;
            this.label = label;
            this.title = title;
            this.line = line;
            this.intro = intro;
        }

        int nextItem() {
            return ++items;
        }

        RawSection build(List<RawItem> built) {
            return new RawSection(number, label, title, line, intro, List.copyOf(built));
        }
    }
}
