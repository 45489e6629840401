package org.keywork.project.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.keywork.events.Responsibility;
import org.springframework.core.io.Resource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The construction items of one plan year as shipped in {@code plan/<year>-construction.json}: section 九
 * transcribed from the document, until the document importer takes over. Responsibility in it is sample data when
 * {@link #sample()} says so: the document assigns items to the district leaders "by division of labour" without
 * naming positions or departments.
 */
record ConstructionPlanSeed(
        int planYear,
        String document,
        int section,
        String sectionTitle,
        int planVersion,
        String note,
        boolean sample,
        List<Item> items) {

    /** The seed that ships with the service: the 2021 plan. */
    static final String PLAN_2021 = "plan/2021-construction.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record Item(String itemId, boolean starred, String title, Responsibility responsibility,
            List<Milestone> milestones) {

        /** N of {@code S.N}, for ordering items as the document does. */
        int number() {
            return Integer.parseInt(itemId.substring(itemId.indexOf('.') + 1));
        }
    }

    /** Reads and checks a seed; a seed that breaks the identifier rules fails loudly instead of being published. */
    static ConstructionPlanSeed load(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return JSON.readValue(in, ConstructionPlanSeed.class).checked(resource.getDescription());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read construction seed " + resource.getDescription(), e);
        }
    }

    private ConstructionPlanSeed checked(String origin) {
        require(items != null && !items.isEmpty(), origin, "no items");
        require(sectionTitle != null && !sectionTitle.isBlank(), origin, "no section title");
        require(planVersion > 0, origin, "planVersion must be positive");
        Set<String> milestoneIds = new HashSet<>();
        int previous = 0;
        for (Item item : items) {
            String where = origin + " item " + item.itemId();
            require(item.itemId() != null && item.itemId().matches(section + "\\.\\d{1,3}"), where,
                    "id must be " + section + ".N");
            require(item.number() > previous, where, "items must be unique and in document order");
            previous = item.number();
            require(item.title() != null && !item.title().isBlank(), where, "no title");
            require(item.milestones() != null && !item.milestones().isEmpty(), where, "no milestones");
            for (int k = 0; k < item.milestones().size(); k++) {
                Milestone milestone = item.milestones().get(k);
                require((item.itemId() + "#" + (k + 1)).equals(milestone.id()), where,
                        "milestone " + (k + 1) + " must have id " + item.itemId() + "#" + (k + 1) + ", not "
                                + milestone.id());
                require(milestoneIds.add(milestone.id()), where, "duplicate milestone " + milestone.id());
                require(milestone.type() != null && milestone.name() != null && !milestone.name().isBlank()
                        && milestone.plannedDate() != null, where, milestone.id() + " needs type, name, plannedDate");
                require((milestone.value() == null) == (milestone.unit() == null), where,
                        milestone.id() + ": a value needs its unit and a unit its value");
                require(milestone.plannedDate().getYear() == planYear, where,
                        milestone.id() + " is planned outside " + planYear);
            }
        }
        return this;
    }

    private static void require(boolean condition, String where, String rule) {
        if (!condition) {
            throw new IllegalStateException("Invalid construction seed, " + where + ": " + rule);
        }
    }
}
