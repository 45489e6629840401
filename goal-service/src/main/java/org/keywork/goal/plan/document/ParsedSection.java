package org.keywork.goal.plan.document;

import java.util.List;

/**
 * A section of the plan (一、… of the document; the whole list in a document without sections).
 *
 * @param number its position in the document (1 for the first section, whatever its label)
 * @param label  the document's own marker, e.g. 三、 or 第二部分; {@code null} for the one section of a list
 * @param title  its title, e.g. 推动区域战略规划实施
 * @param intro  text between its title and its first item, or {@code null}
 * @param kind   goals or construction, recognised from the items' content
 * @param items  its items in document order
 */
public record ParsedSection(int number, String label, String title, String intro, SectionKind kind,
        List<ParsedItem> items) {

    public ParsedSection {
        items = List.copyOf(items);
    }
}
