package org.keywork.project.project;

import java.time.LocalDate;
import java.util.List;
import org.keywork.events.Responsibility;

/**
 * A construction item as {@code /api/projects} shows it.
 *
 * @param starCount             how many ★ the item carries (★ = 实事项目)
 * @param sampleResponsibility  true while {@code responsibility} is sample data, not an assignment
 * @param responsibilityChanges every change of the responsibility made here (who, when, why, from what to what),
 *                              oldest first
 * @param documentNumber        the number of the plan document that defines the item, e.g. 静府发〔2021〕5号
 */
record ProjectView(
        int planYear,
        String itemId,
        int section,
        String sectionTitle,
        String title,
        boolean starred,
        int starCount,
        Responsibility responsibility,
        boolean sampleResponsibility,
        List<ResponsibilityChange> responsibilityChanges,
        int planVersion,
        String documentNumber,
        List<MilestoneView> milestones) {

    /** The item with its milestones as they stand on the business date {@code today}. */
    static ProjectView of(ConstructionItem item, LocalDate today) {
        return new ProjectView(item.planYear(), item.itemId(), item.section(), item.sectionTitle(), item.title(),
                item.starred(), item.shownStarCount(), item.responsibility(), item.sampleResponsibility(),
                item.responsibilityChanges(), item.planVersion(), item.documentNumber(),
                item.milestones().stream().map(m -> MilestoneView.of(m, today)).toList());
    }
}
