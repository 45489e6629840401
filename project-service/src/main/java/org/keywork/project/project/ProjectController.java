package org.keywork.project.project;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/projects}: the construction items of a plan year with their milestones, or one of them. */
@RestController
@RequestMapping("/api/projects")
class ProjectController {

    /**
     * The plan year assumed when a request names none. Only the 2021 plan exists so far, so that is the year every
     * caller means; once the importer loads further years this becomes the latest imported year.
     */
    static final int DEFAULT_PLAN_YEAR = 2021;

    /** Rows per page of the milestone timeline when the request names none, and the most it may ask for. */
    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 200;
    /** The farthest {@code dueWithinDays} may look ahead. */
    static final int MAX_DUE_WITHIN_DAYS = 3660;
    private static final int MAX_TEXT = 200;

    private final StoredConstructionItems items;
    private final Clock clock;

    ProjectController(StoredConstructionItems items, Clock clock) {
        this.items = items;
        this.clock = clock;
    }

    @GetMapping
    List<ProjectView> list(@RequestParam(required = false) String year,
            @RequestParam(required = false) String starred) {
        LocalDate today = LocalDate.now(clock);
        return items.list(planYear(year), flag("starred", starred)).stream().map(i -> ProjectView.of(i, today))
                .toList();
    }

    @GetMapping("/{itemId}")
    ProjectView one(@PathVariable String itemId, @RequestParam(required = false) String year) {
        int planYear = planYear(year);
        return items.find(planYear, itemId).map(i -> ProjectView.of(i, LocalDate.now(clock)))
                .orElseThrow(() -> notFound(planYear, itemId));
    }

    /**
     * The milestone timeline of a plan year (see {@link MilestoneTimeline}); every parameter optional. {@code status}
     * and {@code type} take one value or several separated by commas; a bad parameter is a 400 naming it.
     */
    @GetMapping("/milestones")
    MilestoneTimeline.Page milestones(@RequestParam(required = false) String year,
            @RequestParam(required = false) String status, @RequestParam(required = false) String type,
            @RequestParam(required = false) String department, @RequestParam(required = false) String leader,
            @RequestParam(required = false) String dueWithinDays, @RequestParam(required = false) String overdue,
            @RequestParam(required = false) String scheduled, @RequestParam(required = false) String q,
            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        List<FieldProblem> problems = new ArrayList<>();
        Integer planYear = collect(problems, () -> planYear(year));
        MilestoneTimeline.Query query = new MilestoneTimeline.Query(planYear == null ? 0 : planYear,
                values(problems, "status", status, MilestoneStatus.class),
                values(problems, "type", type, MilestoneType.class),
                text(problems, "department", department), text(problems, "leader", leader),
                number(problems, "dueWithinDays", dueWithinDays, 0, MAX_DUE_WITHIN_DAYS, null),
                collect(problems, () -> flag("overdue", overdue)),
                collect(problems, () -> flag("scheduled", scheduled)),
                text(problems, "q", q),
                orZero(number(problems, "page", page, 0, Integer.MAX_VALUE, 0)),
                orZero(number(problems, "size", size, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)));
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        return MilestoneTimeline.of(items.list(query.year(), null), query, LocalDate.now(clock));
    }

    /** 404 naming {@code itemId}: the plan year holds no construction item of that number. */
    static InvalidRequestException notFound(int planYear, String itemId) {
        return new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这个建设项目",
                List.of(new FieldProblem("itemId", "not-found",
                        planYear + " 年计划中没有编号为 " + itemId + " 的建设项目")));
    }

    /** The plan year a request names, {@link #DEFAULT_PLAN_YEAR} when it names none; 400 naming {@code year}. */
    static int planYear(String year) {
        if (year == null || year.isBlank()) {
            return DEFAULT_PLAN_YEAR;
        }
        if (!year.strip().matches("\\d{4}")) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("year", "invalid-format",
                    "值 " + year + " 不是有效的年份（四位数字，如 2021）")));
        }
        return Integer.parseInt(year.strip());
    }

    /** Runs {@code parse}; a refusal adds its problems to {@code problems} and yields null. */
    private static <T> T collect(List<FieldProblem> problems, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidRequestException refused) {
            problems.addAll(refused.problems());
            return null;
        }
    }

    /** Comma-separated names of {@code type}'s constants (any case); null when none are given. */
    private static <E extends Enum<E>> Set<E> values(List<FieldProblem> problems, String name, String value,
            Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Set<E> values = EnumSet.noneOf(type);
        for (String part : value.split(",")) {
            try {
                values.add(Enum.valueOf(type, part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException unknown) {
                problems.add(new FieldProblem(name, "invalid-value", "值 " + part.strip() + " 无效，可选："
                        + EnumSet.allOf(type).stream().map(Enum::name).collect(Collectors.joining("、"))));
                return null;
            }
        }
        return values;
    }

    /** A whole number in {@code min..max}; {@code absent} when none is given. */
    private static Integer number(List<FieldProblem> problems, String name, String value, int min, int max,
            Integer absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
            problems.add(new FieldProblem(name, "out-of-range", "须在 " + min + " 到 " + max + " 之间"));
        } catch (NumberFormatException notANumber) {
            problems.add(new FieldProblem(name, "invalid-format", "值 " + value + " 不是整数"));
        }
        return absent;
    }

    private static int orZero(Integer number) {
        return number == null ? 0 : number;
    }

    /** Stripped text of at most {@value #MAX_TEXT} characters, without control characters; null when blank. */
    private static String text(List<FieldProblem> problems, String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            problems.add(new FieldProblem(name, "too-long", "最长 " + MAX_TEXT + " 个字符"));
            return null;
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem(name, "invalid-format", "不能含控制字符"));
            return null;
        }
        return value.strip();
    }

    private static Boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw InvalidRequestException.invalid(List.of(new FieldProblem(name, "invalid-format",
                    "值 " + value + " 不是有效的布尔值（true 或 false）")));
        };
    }
}
