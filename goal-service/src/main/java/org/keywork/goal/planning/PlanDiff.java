package org.keywork.goal.planning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.keywork.events.MilestoneDefinition;
import org.keywork.goal.planning.PlanSnapshot.Item;
import org.keywork.goal.planning.PlanSnapshot.Target;

/** What changed from one plan version to the next, item by item and target by target. */
final class PlanDiff {

    private PlanDiff() {
    }

    static List<PlanChange> between(PlanSnapshot before, PlanSnapshot after) {
        List<PlanChange> changes = new ArrayList<>();
        Map<String, Item> old = byId(before.items().toList(), Item::itemId);
        Map<String, Item> now = byId(after.items().toList(), Item::itemId);
        for (Item item : now.values()) {
            Item previous = old.get(item.itemId());
            if (previous == null) {
                changes.add(new PlanChange("ITEM_ADDED", item.itemId(), null, null, item.text()));
                continue;
            }
            if (!previous.text().equals(item.text())) {
                changes.add(new PlanChange("TEXT_CHANGED", item.itemId(), null, previous.text(), item.text()));
            }
            compare(changes, item.itemId(), "TARGET", byId(previous.indicators(), Target::id),
                    byId(item.indicators(), Target::id), PlanDiff::describe);
            compare(changes, item.itemId(), "MILESTONE", byId(previous.milestones(), MilestoneDefinition::id),
                    byId(item.milestones(), MilestoneDefinition::id), PlanDiff::describe);
            if (!Objects.equals(previous.responsibility(), item.responsibility())) {
                changes.add(new PlanChange("RESPONSIBILITY_CHANGED", item.itemId(), null,
                        String.valueOf(previous.responsibility()), String.valueOf(item.responsibility())));
            }
        }
        for (Item item : old.values()) {
            if (!now.containsKey(item.itemId())) {
                changes.add(new PlanChange("ITEM_REMOVED", item.itemId(), null, item.text(), null));
            }
        }
        return changes;
    }

    private static <T> void compare(List<PlanChange> changes, String itemId, String kind, Map<String, T> before,
            Map<String, T> after, Function<T, String> describe) {
        for (Map.Entry<String, T> entry : after.entrySet()) {
            T previous = before.get(entry.getKey());
            if (previous == null) {
                changes.add(new PlanChange(kind + "_ADDED", itemId, entry.getKey(), null,
                        describe.apply(entry.getValue())));
            } else if (!describe.apply(previous).equals(describe.apply(entry.getValue()))) {
                changes.add(new PlanChange(kind + "_CHANGED", itemId, entry.getKey(), describe.apply(previous),
                        describe.apply(entry.getValue())));
            }
        }
        for (Map.Entry<String, T> entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey())) {
                changes.add(new PlanChange(kind + "_REMOVED", itemId, entry.getKey(),
                        describe.apply(entry.getValue()), null));
            }
        }
    }

    static String describe(Target target) {
        return target.name() + " " + target.direction() + " " + target.value().stripTrailingZeros().toPlainString()
                + " " + target.unit() + (target.qualifiers().isEmpty() ? "" : " " + target.qualifiers());
    }

    static String describe(MilestoneDefinition milestone) {
        return milestone.type() + " " + milestone.name()
                + (milestone.value() == null ? "" : " " + milestone.value().stripTrailingZeros().toPlainString()
                        + " " + milestone.unit())
                + " " + milestone.plannedDate();
    }

    private static <T> Map<String, T> byId(List<T> values, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        values.forEach(value -> map.put(id.apply(value), value));
        return map;
    }
}
