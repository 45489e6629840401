package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The current definition of one plan item: its targets and its responsibility. Produced by the service owning the
 * item (goal-service for sections 一 to 八, project-service for construction items) whenever the definition is
 * loaded or changes; the latest record per item is the truth (the topic is compacted by key).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanItemPublished(
        int planYear,
        String itemId,
        int section,
        String sectionTitle,
        String title,
        boolean starred,
        List<PlanTarget> targets,
        Responsibility responsibility,
        int planVersion) implements ItemEvent {

    public static final String TYPE = "plan.item-published";
    public static final int VERSION = 1;

    public PlanItemPublished {
        targets = targets == null ? List.of() : List.copyOf(targets);
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
