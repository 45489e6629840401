package org.keywork.project.project;

import java.util.List;
import org.keywork.events.Responsibility;

/**
 * A construction item as {@code /api/projects} shows it.
 *
 * @param sampleResponsibility true while {@code responsibility} is sample data, not the document's own
 */
record ProjectView(
        int planYear,
        String itemId,
        int section,
        String sectionTitle,
        String title,
        boolean starred,
        Responsibility responsibility,
        boolean sampleResponsibility,
        int planVersion,
        List<MilestoneView> milestones) {

    static ProjectView of(ConstructionItem item) {
        return new ProjectView(item.planYear(), item.itemId(), item.section(), item.sectionTitle(), item.title(),
                item.starred(), item.responsibility(), item.sampleResponsibility(), item.planVersion(),
                item.milestones().stream().map(MilestoneView::of).toList());
    }
}
