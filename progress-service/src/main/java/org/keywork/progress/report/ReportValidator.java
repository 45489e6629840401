package org.keywork.progress.report;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keywork.events.TargetKind;
import org.keywork.progress.catalog.KnownTarget;
import org.keywork.progress.catalog.PlanCatalog;
import org.keywork.support.web.FieldProblem;
import org.springframework.stereotype.Component;

/**
 * The one set of rules a report must pass, whether it is posted alone or arrives as a row of a bulk upload: the
 * field constraints declared on {@link ReportRequest}, then the checks against the plan (known item and target, the
 * shape a target's kind requires, no date in the future). A qualitative goal is named by its item ({@code targetId}
 * = {@code itemId}) and needs a {@code state}. Problems name bare fields ({@code value}); a bulk upload
 * prefixes them with its row.
 */
@Component
class ReportValidator {

    private final Validator constraints;
    private final PlanCatalog catalog;
    private final Clock clock;

    ReportValidator(Validator constraints, PlanCatalog catalog, Clock clock) {
        this.constraints = constraints;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The outcome for one report: its target when every rule passed, otherwise every problem found. */
    record Checked(KnownTarget target, List<FieldProblem> problems) {

        boolean valid() {
            return problems.isEmpty();
        }
    }

    /** A view of the plan for one validation run; a bulk upload reuses one, so each item is read once. */
    final class Plan {

        private final Map<String, Boolean> items = new HashMap<>();
        private final Map<String, Optional<KnownTarget>> targets = new HashMap<>();

        boolean hasItem(int year, String itemId) {
            return items.computeIfAbsent(year + "/" + itemId, key -> catalog.hasItem(year, itemId));
        }

        Optional<KnownTarget> target(int year, String itemId, String targetId) {
            return targets.computeIfAbsent(year + "/" + targetId, key -> catalog.target(year, itemId, targetId));
        }
    }

    Plan plan() {
        return new Plan();
    }

    Checked check(ReportRequest request) {
        return check(request, plan());
    }

    Checked check(ReportRequest request, Plan plan) {
        List<FieldProblem> problems = new ArrayList<>(constraintProblems(request));
        LocalDate today = LocalDate.now(clock);
        if (request.asOf() != null && request.asOf().isAfter(today)) {
            problems.add(new FieldProblem("asOf", "in-future", "截至日期 " + request.asOf() + " 晚于今天"));
        }
        boolean idsWellFormed = problems.stream().noneMatch(p -> p.field().equals("itemId")
                || p.field().equals("targetId"));
        if (!idsWellFormed || (request.planYear() == null && request.asOf() == null)) {
            return new Checked(null, List.copyOf(problems));
        }
        if (!request.targetId().equals(request.itemId()) && !request.targetId().startsWith(request.itemId() + "#")) {
            problems.add(new FieldProblem("targetId", "not-in-item",
                    "指标 " + request.targetId() + " 不属于事项 " + request.itemId()));
        }
        int year = request.effectivePlanYear();
        KnownTarget target = null;
        if (!plan.hasItem(year, request.itemId())) {
            problems.add(new FieldProblem("itemId", "unknown-item", year + " 年计划中没有事项 " + request.itemId()));
        } else if (problems.stream().noneMatch(p -> p.field().equals("targetId"))) {
            target = plan.target(year, request.itemId(), request.targetId()).orElse(null);
            if (target == null) {
                problems.add(new FieldProblem("targetId", "unknown-target",
                        "事项 " + request.itemId() + " 中没有指标或节点 " + request.targetId()));
            }
        }
        if (target != null) {
            checkShape(request, target, problems);
        }
        return new Checked(problems.isEmpty() ? target : null, List.copyOf(problems));
    }

    private List<FieldProblem> constraintProblems(ReportRequest request) {
        return constraints.validate(request).stream()
                .map(ReportValidator::fieldProblem)
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::code))
                .toList();
    }

    /** The same codes the single-report endpoint has always answered with. */
    private static FieldProblem fieldProblem(ConstraintViolation<ReportRequest> violation) {
        String name = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        String code = switch (name) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "PositiveOrZero", "Positive" -> "negative";
            case "Size" -> "size";
            case "Pattern" -> "format";
            default -> name.toLowerCase();
        };
        return new FieldProblem(violation.getPropertyPath().toString(), code, violation.getMessage());
    }

    private static void checkShape(ReportRequest request, KnownTarget target, List<FieldProblem> problems) {
        if (target.kind() == TargetKind.GOAL) {
            if (request.state() == null) {
                problems.add(new FieldProblem("state", "required",
                        "定性目标报告必须填写状态：NOT_STARTED、ON_TRACK、AT_RISK、BLOCKED 或 DONE"));
            }
            if (request.value() != null) {
                problems.add(new FieldProblem("value", "not-applicable", "定性目标报告不填写数值"));
            }
            if (request.reachedOn() != null) {
                problems.add(new FieldProblem("reachedOn", "not-applicable", "定性目标报告不填写达成日期"));
            }
            return;
        }
        if (request.state() != null) {
            problems.add(new FieldProblem("state", "not-applicable", "只有定性目标的报告填写状态"));
        }
        if (target.kind() == TargetKind.INDICATOR) {
            if (request.value() == null) {
                problems.add(new FieldProblem("value", "required", "指标报告必须填写数值（单位：" + target.unit() + "）"));
            }
            if (request.reachedOn() != null) {
                problems.add(new FieldProblem("reachedOn", "not-applicable", "指标报告不填写达成日期"));
            }
        } else if (target.kind() == TargetKind.MILESTONE && request.reachedOn() == null && request.value() == null) {
            problems.add(new FieldProblem("reachedOn", "required", "节点报告必须填写达成日期"));
        }
    }
}
