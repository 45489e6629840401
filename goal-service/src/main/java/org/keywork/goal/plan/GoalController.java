package org.keywork.goal.plan;

import java.text.Collator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/goals}: the goals of the plan (sections 一 to 八) with their indicators and status, from the in-memory
 * read model ({@link PlanItems#ofYear}). Without {@code page} and {@code size} the list is a JSON array, as it always
 * was; with either, one page of it with the page's numbers and the status counts of everything the filters kept.
 */
@RestController
class GoalController {

    /** The plan year asked for when a request names none: the only plan loaded so far. */
    static final int DEFAULT_YEAR = GoalApi.DEFAULT_YEAR;

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    static final int MAX_QUERY_LENGTH = 100;

    private final PlanItems items;

    private final PlannedCurves curves;

    private final ReportDeadlines deadlines;

    GoalController(PlanItems items, PlannedCurves curves, ReportDeadlines deadlines) {
        this.items = items;
        this.curves = curves;
        this.deadlines = deadlines;
    }

    /** One page of goals: the items, where the page stands, and the counts by status of the whole filtered list. */
    record GoalPage(List<ItemView> content, PageInfo page, Map<TrackingStatus, Integer> counts) {
    }

    /** {@code number} is 0-based. */
    record PageInfo(int size, int number, int totalElements, int totalPages) {
    }

    /** The values the list's filters take in a plan year: departments (lead or cooperating) and leaders. */
    record Facets(List<String> departments, List<String> leaders) {
    }

    @GetMapping("/api/goals")
    Object goals(@RequestParam(defaultValue = "" + DEFAULT_YEAR) int year,
            @RequestParam(required = false) Integer section, @RequestParam(required = false) Boolean starred,
            @RequestParam(required = false) TrackingStatus status,
            @RequestParam(required = false) String department, @RequestParam(required = false) String leader,
            @RequestParam(required = false) String q, @RequestParam(required = false) Boolean unreported,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        List<FieldProblem> problems = new ArrayList<>();
        if (page != null && page < 0) {
            problems.add(new FieldProblem("page", "negative", "页码从 0 开始，不能为负数"));
        }
        if (size != null && (size < 1 || size > MAX_PAGE_SIZE)) {
            problems.add(new FieldProblem("size", "out-of-range", "每页条数应在 1 到 " + MAX_PAGE_SIZE + " 之间"));
        }
        String text = blankToNull(q);
        if (text != null && text.length() > MAX_QUERY_LENGTH) {
            problems.add(new FieldProblem("q", "too-long", "搜索内容最长 " + MAX_QUERY_LENGTH + " 个字符"));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        String departmentName = blankToNull(department);
        String leaderName = blankToNull(leader);
        Predicate<PlanItem> kept = item -> (section == null || item.section() == section)
                && (starred == null || item.starred() == starred)
                && (status == null || item.status() == status)
                && (departmentName == null || hasDepartment(item.responsibility(), departmentName))
                && (leaderName == null || hasLeader(item.responsibility(), leaderName))
                && (text == null || matches(item, text));
        List<ItemView> views = items.ofYear(year).stream().filter(kept)
                .map(item -> ItemView.of(item, deadlines))
                .filter(view -> unreported == null || view.unreported() == unreported)
                .toList();
        if (page == null && size == null) {
            return views;
        }
        int pageSize = size == null ? DEFAULT_PAGE_SIZE : size;
        int number = page == null ? 0 : page;
        Map<TrackingStatus, Integer> counts = new EnumMap<>(TrackingStatus.class);
        for (TrackingStatus each : TrackingStatus.values()) {
            counts.put(each, 0);
        }
        views.forEach(view -> counts.merge(view.status(), 1, Integer::sum));
        long from = Math.min((long) number * pageSize, views.size());
        int to = (int) Math.min(from + pageSize, views.size());
        return new GoalPage(views.subList((int) from, to), new PageInfo(pageSize, number, views.size(),
                (views.size() + pageSize - 1) / pageSize), counts);
    }

    @GetMapping("/api/goals/facets")
    Facets facets(@RequestParam(defaultValue = "" + DEFAULT_YEAR) int year) {
        Collator chinese = Collator.getInstance(Locale.SIMPLIFIED_CHINESE);
        TreeSet<String> departments = new TreeSet<>(chinese);
        TreeSet<String> leaders = new TreeSet<>(chinese);
        for (PlanItem item : items.ofYear(year)) {
            Responsibility duty = item.responsibility();
            if (duty == null) {
                continue;
            }
            addName(departments, duty.leadDepartment());
            duty.cooperatingDepartments().forEach(name -> addName(departments, name));
            addName(leaders, duty.leaderPosition());
        }
        return new Facets(List.copyOf(departments), List.copyOf(leaders));
    }

    @GetMapping("/api/goals/{itemId}")
    ItemView goal(@PathVariable String itemId, @RequestParam(defaultValue = "" + DEFAULT_YEAR) int year) {
        return items.find(year, itemId).map(item -> ItemView.of(item, curves, deadlines))
                .orElseThrow(() -> GoalApi.unknownItem(year, itemId));
    }

    /** The lead department or a cooperating one, exactly. */
    private static boolean hasDepartment(Responsibility duty, String name) {
        return duty != null && (name.equals(strip(duty.leadDepartment()))
                || duty.cooperatingDepartments().stream().anyMatch(d -> name.equals(strip(d))));
    }

    /** The responsible leader, exactly: the plan names leaders by position (分管副区长…). */
    private static boolean hasLeader(Responsibility duty, String name) {
        return duty != null && name.equals(strip(duty.leaderPosition()));
    }

    /** An item id starting with the text ({@code 5.8}, {@code 5.}), or the item's text containing it. */
    private static boolean matches(PlanItem item, String text) {
        return item.itemId().startsWith(text)
                || item.title() != null && item.title().toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
    }

    private static void addName(TreeSet<String> names, String name) {
        String stripped = strip(name);
        if (stripped != null && !stripped.isEmpty()) {
            names.add(stripped);
        }
    }

    private static String strip(String text) {
        return text == null ? null : text.strip();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
