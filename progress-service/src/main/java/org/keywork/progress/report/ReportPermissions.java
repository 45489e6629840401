package org.keywork.progress.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keywork.events.Responsibility;
import org.keywork.progress.catalog.PlanCatalog;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may report on what: a department reports (and corrects) only for items where it is the lead or a cooperating
 * department, and only in its own name; an admin may report for anyone; leaders and supervisors read, they do not
 * report. The responsibility is the plan's, as its owner last published it (responsibility edits included).
 * Without a verified identity (the check is off in a service's own tests) nothing is restricted here.
 */
@Component
class ReportPermissions {

    static final String FORBIDDEN = "forbidden";

    private final PlanCatalog catalog;

    ReportPermissions(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    /** The reasons {@code identity} may not file {@code request} (empty: it may), fields named bare. */
    List<FieldProblem> problems(Optional<KeyworkIdentity> identity, ReportRequest request, int planYear) {
        return problems(identity, request, planYear, new HashMap<>());
    }

    /**
     * As {@link #problems(Optional, ReportRequest, int)} for one of many reports by the same caller (the rows of a
     * bulk upload): each item's responsibility is read once into {@code responsibilities}.
     */
    List<FieldProblem> problems(Optional<KeyworkIdentity> identity, ReportRequest request, int planYear,
            Map<String, Optional<Responsibility>> responsibilities) {
        if (identity.isEmpty() || identity.get().hasRole(KeyworkIdentity.ADMIN)) {
            return List.of();
        }
        KeyworkIdentity caller = identity.get();
        if (!caller.hasRole(KeyworkIdentity.DEPARTMENT) || caller.department() == null) {
            return List.of(new FieldProblem("role", "may-not-report", "只有责任部门（或管理员）可以填报进度；"
                    + caller.user() + " 的角色是 " + String.join("、", caller.roles())));
        }
        List<FieldProblem> problems = new ArrayList<>();
        String department = caller.department();
        if (request.department() != null && !department.equals(request.department().strip())) {
            problems.add(new FieldProblem("department", "not-your-department", "只能以本部门（" + department
                    + "）名义填报，不能代 " + request.department().strip() + " 填报"));
        }
        Optional<Responsibility> duty = responsibilities.computeIfAbsent(planYear + "/" + request.itemId(),
                key -> catalog.responsibility(planYear, request.itemId()));
        boolean responsible = duty.map(d -> department.equals(d.leadDepartment())
                || d.cooperatingDepartments() != null && d.cooperatingDepartments().contains(department))
                .orElse(false);
        if (!responsible) {
            problems.add(new FieldProblem("itemId", "not-responsible", department + " 不是事项 " + request.itemId()
                    + " 的牵头或配合部门" + duty.map(d -> "（牵头部门：" + d.leadDepartment() + "）").orElse("")));
        }
        return problems;
    }

    static InvalidRequestException forbidden(List<FieldProblem> problems) {
        return new InvalidRequestException(HttpStatus.FORBIDDEN, FORBIDDEN, "无权填报", problems);
    }
}
