package org.keywork.goal.planning;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.keywork.events.MilestoneDefinition;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.planning.PlanSnapshot.Heading;
import org.keywork.goal.planning.PlanSnapshot.Item;
import org.keywork.goal.planning.PlanSnapshot.Section;
import org.keywork.goal.planning.PlanSnapshot.Target;

/**
 * A plan as {@code GET /api/plans/{year}} shows it: heading, counts, sections, items with their targets or milestones
 * and responsibility; for the latest version, each goal item's current status too.
 */
record PlanView(int planYear, Integer version, String source, Instant createdAt, Heading heading, List<String> notes,
        String copyTo, Counts counts, List<SectionView> sections) {

    static PlanView of(PlanSnapshot plan, PlanVersion version, List<PlanItem> current) {
        Map<String, PlanItem> state = current.stream().collect(Collectors.toMap(PlanItem::itemId, Function.identity()));
        List<SectionView> sections = plan.sections().stream().map(section -> new SectionView(section.number(),
                section.label(), section.title(), section.kind(), section.items().stream()
                        .map(item -> ItemView.of(item, section, Optional.ofNullable(state.get(item.itemId()))))
                        .toList()))
                .toList();
        return new PlanView(plan.planYear(), version == null ? null : version.version(),
                version == null ? null : version.source(), version == null ? null : version.createdAt(),
                plan.heading(), plan.notes(), plan.copyTo(), Counts.of(plan), sections);
    }

    /** What the plan holds, for a reader to check at a glance. */
    record Counts(int sections, int items, int starredItems, int stars, int indicators, int constructionItems,
            int itemsWithStart, int itemsWithCompletion, int milestones, boolean sampleResponsibility,
            int sampleItems, int unscheduledMilestones) {

        static Counts of(PlanSnapshot plan) {
            List<Item> items = plan.items().toList();
            List<Item> construction = plan.sections().stream().filter(Section::construction)
                    .flatMap(s -> s.items().stream()).toList();
            return new Counts(plan.sections().size(), items.size(), (int) items.stream().filter(Item::starred).count(),
                    items.stream().mapToInt(Item::starCount).sum(),
                    items.stream().mapToInt(i -> i.indicators().size()).sum(), construction.size(),
                    (int) construction.stream().filter(i -> has(i, "START")).count(),
                    (int) construction.stream().filter(i -> has(i, "COMPLETION")).count(),
                    construction.stream().mapToInt(i -> i.milestones().size()).sum(),
                    items.stream().anyMatch(Item::sampleResponsibility),
                    (int) items.stream().filter(i -> i.sampleResponsibility() || i.responsibility() == null).count(),
                    (int) items.stream().flatMap(i -> i.milestones().stream()).filter(m -> m.plannedDate() == null)
                            .count());
        }

        private static boolean has(Item item, String type) {
            return item.milestones().stream().anyMatch(m -> m.type().equals(type));
        }
    }

    record SectionView(int section, String label, String title, String kind, List<ItemView> items) {
    }

    /**
     * An item; {@code unscheduled} counts its milestones without a planned date (未排期: judged against the year's
     * end until one is set).
     */
    record ItemView(String itemId, String label, String group, String text, boolean starred, int starCount,
            boolean qualitative, TrackingStatus status, Responsibility responsibility, boolean sampleResponsibility,
            LocalDate deadline, List<TargetView> indicators, List<MilestoneDefinition> milestones, int unscheduled) {

        static ItemView of(Item item, Section section, Optional<PlanItem> current) {
            TrackingStatus status = section.construction() ? null
                    : current.map(PlanItem::status).orElse(TrackingStatus.NOT_STARTED);
            Responsibility responsibility = current.map(PlanItem::responsibility).orElse(item.responsibility());
            boolean sample = current.map(PlanItem::sampleResponsibility).orElse(item.sampleResponsibility());
            return new ItemView(item.itemId(), item.label(), item.group(), item.text(), item.starred(),
                    item.starCount(), item.indicators().isEmpty() && item.milestones().isEmpty(), status,
                    responsibility, sample, item.deadline(), item.indicators().stream().map(t -> TargetView.of(t,
                            current.flatMap(c -> c.indicator(t.id())))).toList(),
                    item.milestones(), (int) item.milestones().stream().filter(m -> m.plannedDate() == null).count());
        }
    }

    record TargetView(String id, String name, BigDecimal value, String unit, String direction,
            List<String> qualifiers, boolean starred, String partOf, String sourcePhrase, TrackingStatus status,
            BigDecimal actual, LocalDate asOf) {

        static TargetView of(Target target, Optional<Indicator> state) {
            return new TargetView(target.id(), target.name(), target.value(), target.unit(), target.direction(),
                    target.qualifiers(), target.starred(), target.partOf(), target.sourcePhrase(),
                    state.map(Indicator::status).orElse(TrackingStatus.NOT_STARTED),
                    state.map(Indicator::actual).orElse(null), state.map(Indicator::asOf).orElse(null));
        }
    }
}
