package org.keywork.goal.plan.document;

import java.util.List;

/**
 * A section of the plan (一、… of the document).
 *
 * @param number its number in Arabic numerals (一 is 1)
 * @param title  its title, e.g. 推动区域战略规划实施
 * @param kind   goals or construction, recognised from the items' content
 * @param items  its items in document order
 */
public record ParsedSection(int number, String title, SectionKind kind, List<ParsedItem> items) {

    public ParsedSection {
        items = List.copyOf(items);
    }
}
