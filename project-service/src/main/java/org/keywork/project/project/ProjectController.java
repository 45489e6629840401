package org.keywork.project.project;

import java.util.List;
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

    private final StoredConstructionItems items;

    ProjectController(StoredConstructionItems items) {
        this.items = items;
    }

    @GetMapping
    List<ProjectView> list(@RequestParam(required = false) String year,
            @RequestParam(required = false) String starred) {
        return items.list(planYear(year), flag("starred", starred)).stream().map(ProjectView::of).toList();
    }

    @GetMapping("/{itemId}")
    ProjectView one(@PathVariable String itemId, @RequestParam(required = false) String year) {
        int planYear = planYear(year);
        return items.find(planYear, itemId).map(ProjectView::of).orElseThrow(() -> notFound(planYear, itemId));
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
