package org.keywork.goal.plan.document;

import java.util.List;
import java.util.Optional;

/**
 * A plan document as read by {@link PlanDocumentParser}: heading, sections with their items, the notes (注), the
 * copy-to line (抄送) and whatever could not be read.
 *
 * @param header   the heading and printing line
 * @param layout   how the document numbers its sections and items
 * @param preamble the text between the title and the first section (根据……具体安排如下：), or {@code null}
 * @param sections the sections in document order
 * @param notes    the notes' texts, without 注： and their numbers
 * @param copyTo   the 抄送 line without its label, or {@code null}
 * @param warnings everything the parser could not read, in document order (a clean document has none)
 */
public record ParsedPlan(PlanHeader header, ParsedLayout layout, String preamble, List<ParsedSection> sections, List<String> notes, String copyTo,
        List<ImportWarning> warnings) {

    public ParsedPlan {
        sections = List.copyOf(sections);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /** Every item of every section, in document order. */
    public List<ParsedItem> items() {
        return sections.stream().flatMap(s -> s.items().stream()).toList();
    }

    /** The item {@code S.N}. */
    public Optional<ParsedItem> item(String id) {
        return items().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The section numbered {@code number}. */
    public Optional<ParsedSection> section(int number) {
        return sections.stream().filter(s -> s.number() == number).findFirst();
    }

    /** Every indicator of every goals item, in document order. */
    public List<ParsedIndicator> indicators() {
        return items().stream().flatMap(i -> i.indicators().stream()).toList();
    }

    /** The indicator {@code S.N#K}. */
    public Optional<ParsedIndicator> indicator(String id) {
        return indicators().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** Every milestone of every construction item, in document order. */
    public List<ParsedMilestone> milestones() {
        return items().stream().flatMap(i -> i.milestones().stream()).toList();
    }

    /** Whether the whole document was read without a warning. */
    public boolean clean() {
        return warnings.isEmpty();
    }
}
