package org.keywork.goal.planning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.keywork.events.MilestoneDefinition;
import org.keywork.events.Responsibility;

/**
 * The whole plan of a year as one version defines it: heading, sections, items with their targets and milestones,
 * and responsibility. Stored with each {@link PlanVersion}; the first version is the baseline.
 */
public record PlanSnapshot(int planYear, Heading heading, List<Section> sections, List<String> notes,
        String copyTo) {

    public PlanSnapshot {
        sections = sections == null ? List.of() : List.copyOf(sections);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public Stream<Item> items() {
        return sections.stream().flatMap(section -> section.items().stream());
    }

    public Optional<Item> item(String itemId) {
        return items().filter(item -> item.itemId().equals(itemId)).findFirst();
    }

    /**
     * What a commit compares to decide whether anything changed: the whole plan, responsibility included (a
     * 任务分解表 that only assigns work is a new version too, so that project-service learns the assignment).
     */
    String definitionFingerprint() {
        StringBuilder text = new StringBuilder().append(planYear).append('|').append(heading).append('|');
        for (Section section : sections) {
            text.append(section.number()).append(section.label()).append(section.title()).append(section.kind())
                    .append('\n');
            for (Item item : section.items()) {
                text.append(item.itemId()).append('|').append(item.label()).append('|').append(item.group())
                        .append('|').append(item.text()).append('|').append(item.starCount()).append('|')
                        .append(item.deadline()).append('|').append(item.indicators()).append('|')
                        .append(item.milestones()).append('|').append(item.responsibility()).append('|')
                        .append(item.sampleResponsibility()).append('\n');
            }
        }
        return Fingerprints.sha256(text.toString());
    }

    /** How the document heads the plan; {@code preamble} is the text before its first section (根据……如下：). */
    public record Heading(String issuer, String documentNumber, String title, LocalDate issuedOn, String preamble) {
    }

    /**
     * A section; {@code number} is its position, {@code label} the document's own mark (三、, 第二部分) or null;
     * {@code kind} is GOALS or CONSTRUCTION (recognised by content, not by number).
     */
    public record Section(int number, String label, String title, String kind, List<Item> items) {

        public static final String GOALS = "GOALS";
        public static final String CONSTRUCTION = "CONSTRUCTION";

        public Section {
            items = items == null ? List.of() : List.copyOf(items);
        }

        public boolean construction() {
            return CONSTRUCTION.equals(kind);
        }
    }

    /**
     * An item: its text, its ★ marks, its quantitative targets or milestones, who answers for it and by when.
     *
     * @param label    the document's own mark (（三）, 8．), or null
     * @param group    the sub-heading it stands under, or null
     * @param deadline the 完成时限 set in the 任务分解表 or the editor, or null (the year's end)
     */
    public record Item(String itemId, int section, String label, String group, String text, int starCount,
            List<Target> indicators, List<MilestoneDefinition> milestones, Responsibility responsibility,
            boolean sampleResponsibility, LocalDate deadline) {

        public Item {
            indicators = indicators == null ? List.of() : List.copyOf(indicators);
            milestones = milestones == null ? List.of() : List.copyOf(milestones);
        }

        public boolean starred() {
            return starCount > 0;
        }

        Item withIndicators(List<Target> newIndicators) {
            return new Item(itemId, section, label, group, text, starCount, newIndicators, milestones,
                    responsibility, sampleResponsibility, deadline);
        }

        Item withResponsibility(Responsibility newResponsibility, boolean sample) {
            return new Item(itemId, section, label, group, text, starCount, indicators, milestones,
                    newResponsibility, sample, deadline);
        }

        Item withMilestones(List<MilestoneDefinition> newMilestones) {
            return new Item(itemId, section, label, group, text, starCount, indicators, newMilestones,
                    responsibility, sampleResponsibility, deadline);
        }

        Item withDeadline(LocalDate newDeadline) {
            return new Item(itemId, section, label, group, text, starCount, indicators, milestones,
                    responsibility, sampleResponsibility, newDeadline);
        }
    }

    /**
     * A quantitative target {@code S.N#K}.
     *
     * @param direction  AT_LEAST, INCREASE_BY, REDUCE_BY, AT_MOST or KEEP_AT_LEAST
     * @param qualifiers e.g. STRIVE (力争), CUMULATIVE (累计), YEAR_ON_YEAR (同比)
     * @param partOf     the enclosing target of a nested part (其中 …), else null
     */
    public record Target(String id, String name, BigDecimal value, String unit, String direction,
            List<String> qualifiers, boolean starred, String partOf, String sourcePhrase) {

        public Target {
            qualifiers = qualifiers == null ? List.of() : List.copyOf(qualifiers);
        }

        Target withTarget(BigDecimal newValue, String newUnit, String newDirection) {
            return new Target(id, name, newValue, newUnit, newDirection, qualifiers, starred, partOf, sourcePhrase);
        }
    }
}
