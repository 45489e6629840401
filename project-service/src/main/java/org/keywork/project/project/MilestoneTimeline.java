package org.keywork.project.project;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The 重点工程 timeline: every milestone of a plan year's construction items as one list, filtered, ordered by planned
 * date (unscheduled last, then by milestone id in document order) and paged, with the count of each status. It is
 * computed from the year's items as {@link StoredConstructionItems#list} reads them (one query, served by the
 * {@code planYear+section+itemNumber} index): a plan year holds a few dozen items, so filtering happens in memory.
 */
final class MilestoneTimeline {

    /**
     * What to list; a null filter does not filter.
     *
     * @param department    the lead or a cooperating department, as written
     * @param leader        the responsible leader's position, as written
     * @param dueWithinDays due within so many days of the business date (0 to N days ahead) and not reached
     * @param q             text found (case-insensitive) in the item's id or title or the milestone's id or name
     * @param page          0-based page number
     * @param size          rows per page
     */
    record Query(int year, Set<MilestoneStatus> statuses, Set<MilestoneType> types, String department, String leader,
            Integer dueWithinDays, Boolean overdue, Boolean scheduled, String q, int page, int size) {
    }

    /** One milestone on the timeline with its item. */
    record Row(String itemId, String title, boolean starred, String milestoneId, MilestoneType type, String name,
            LocalDate plannedDate, boolean scheduled, Long dueInDays, boolean overdue, MilestoneStatus status,
            LocalDate reachedDate, LocalDate forecastDate, String department, String leader) {
    }

    /** The page asked for: {@code size} and {@code number} as asked, the totals of all matching rows. */
    record PageInfo(int size, int number, long totalElements, int totalPages) {
    }

    /**
     * @param counts how many milestones match every filter but {@code status}, by status (every status, 0 too)
     */
    record Page(List<Row> content, PageInfo page, Map<MilestoneStatus, Long> counts) {
    }

    private record Entry(ConstructionItem item, Milestone milestone, int number) {
    }

    private static final Comparator<Entry> ORDER = Comparator
            .comparing((Entry e) -> e.milestone().unscheduled())
            .thenComparing(e -> e.milestone().plannedDate(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(e -> e.item().section())
            .thenComparingInt(e -> e.item().itemNumber())
            .thenComparingInt(Entry::number);

    private MilestoneTimeline() {
    }

    static Page of(List<ConstructionItem> items, Query query, LocalDate today) {
        List<Entry> matching = items.stream()
                .flatMap(item -> item.milestones().stream().map(m -> new Entry(item, m, number(m.id()))))
                .filter(filters(query, today))
                .toList();
        Map<MilestoneStatus, Long> counts = new EnumMap<>(MilestoneStatus.class);
        for (MilestoneStatus status : MilestoneStatus.values()) {
            counts.put(status, 0L);
        }
        matching.forEach(e -> counts.merge(MilestoneStatus.of(e.milestone()), 1L, Long::sum));
        List<Entry> listed = matching.stream()
                .filter(e -> query.statuses() == null || query.statuses().contains(MilestoneStatus.of(e.milestone())))
                .sorted(ORDER).toList();
        List<Row> content = listed.stream().skip((long) query.page() * query.size()).limit(query.size())
                .map(e -> row(e, today)).toList();
        int totalPages = (int) ((listed.size() + (long) query.size() - 1) / query.size());
        return new Page(content, new PageInfo(query.size(), query.page(), listed.size(), totalPages), counts);
    }

    /** Every filter of {@code query} but the status. */
    private static Predicate<Entry> filters(Query query, LocalDate today) {
        Stream.Builder<Predicate<Entry>> all = Stream.builder();
        if (query.types() != null) {
            all.add(e -> query.types().contains(e.milestone().type()));
        }
        if (query.scheduled() != null) {
            all.add(e -> query.scheduled() != e.milestone().unscheduled());
        }
        if (query.overdue() != null) {
            all.add(e -> query.overdue() == e.milestone().overdue(today));
        }
        if (query.dueWithinDays() != null) {
            all.add(e -> {
                Long days = e.milestone().dueInDays(today);
                return days != null && days >= 0 && days <= query.dueWithinDays()
                        && !e.milestone().reachedBy(today);
            });
        }
        if (query.department() != null) {
            all.add(e -> e.item().responsibility() != null
                    && (query.department().equals(e.item().responsibility().leadDepartment())
                            || e.item().responsibility().cooperatingDepartments().contains(query.department())));
        }
        if (query.leader() != null) {
            all.add(e -> e.item().responsibility() != null
                    && query.leader().equals(e.item().responsibility().leaderPosition()));
        }
        if (query.q() != null) {
            String q = query.q().toLowerCase(Locale.ROOT);
            all.add(e -> Stream.of(e.item().itemId(), e.item().title(), e.milestone().id(), e.milestone().name())
                    .anyMatch(text -> text != null && text.toLowerCase(Locale.ROOT).contains(q)));
        }
        return all.build().reduce(e -> true, Predicate::and);
    }

    private static Row row(Entry e, LocalDate today) {
        Milestone m = e.milestone();
        ConstructionItem item = e.item();
        return new Row(item.itemId(), item.title(), item.starred(), m.id(), m.type(), m.name(),
                m.unscheduled() ? null : m.plannedDate(), !m.unscheduled(), m.dueInDays(today), m.overdue(today),
                MilestoneStatus.of(m), m.reachedOn(), m.forecastDate(),
                item.responsibility() == null ? null : item.responsibility().leadDepartment(),
                item.responsibility() == null ? null : item.responsibility().leaderPosition());
    }

    /** K of {@code S.N#K}, to keep an item's milestones in reading order. */
    private static int number(String milestoneId) {
        try {
            return Integer.parseInt(milestoneId.substring(milestoneId.indexOf('#') + 1));
        } catch (RuntimeException unexpected) {
            return Integer.MAX_VALUE;
        }
    }
}
