package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A plan import (or an edit) defined a construction item: its milestones and its responsibility. Produced by
 * goal-service, which imports the plan document; project-service owns construction items and takes them in. One
 * event per item and plan version; a consumer keeps the highest {@code planVersion} it has seen.
 *
 * @param planYear             the plan year
 * @param planVersion          the plan version this definition belongs to (1 = the baseline)
 * @param itemId               {@code S.N}
 * @param section              the section number (the construction section, whatever its number)
 * @param sectionTitle         its title
 * @param title                the item's text
 * @param starCount            how many ★ marks the item holds (★ = 实事项目)
 * @param milestones           the milestones in reading order
 * @param responsibility       who answers for the item
 * @param sampleResponsibility whether the responsibility is shipped sample data rather than an assignment
 * @param documentNumber       the plan document's number, e.g. 静府发〔2021〕5号
 * @param assignedBy           who assigned {@code responsibility} with this version (the 任务分解表), else null: an
 *                             assignment outranks an earlier edit in project-service, a plain definition does not
 * @param assignmentReason     why, with {@code assignedBy}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConstructionItemDefined(
        int planYear,
        int planVersion,
        String itemId,
        int section,
        String sectionTitle,
        String title,
        int starCount,
        List<MilestoneDefinition> milestones,
        Responsibility responsibility,
        boolean sampleResponsibility,
        String documentNumber,
        String assignedBy,
        String assignmentReason) implements ItemEvent {

    public static final String TYPE = "plan.construction-item-defined";
    public static final int VERSION = 1;

    public ConstructionItemDefined {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    /** A definition without an assignment of responsibility (an import, a correction). */
    public ConstructionItemDefined(int planYear, int planVersion, String itemId, int section, String sectionTitle,
            String title, int starCount, List<MilestoneDefinition> milestones, Responsibility responsibility,
            boolean sampleResponsibility, String documentNumber) {
        this(planYear, planVersion, itemId, section, sectionTitle, title, starCount, milestones, responsibility,
                sampleResponsibility, documentNumber, null, null);
    }

    public boolean starred() {
        return starCount > 0;
    }

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public int eventVersion() {
        return VERSION;
    }
}
