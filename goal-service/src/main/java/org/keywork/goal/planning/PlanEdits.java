package org.keywork.goal.planning;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.keywork.events.MilestoneDefinition;
import org.keywork.goal.plan.document.Direction;
import org.keywork.goal.plan.document.ParsedItem;
import org.keywork.goal.plan.document.PlanDocumentParser;
import org.keywork.goal.plan.document.Qualifier;
import org.keywork.goal.plan.document.SectionKind;
import org.keywork.goal.planning.PlanSnapshot.Item;
import org.keywork.goal.planning.PlanSnapshot.Section;
import org.keywork.goal.planning.PlanSnapshot.Target;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;

/**
 * The corrections a supervisor makes to a plan before publishing it: each {@link Op} is a small command that
 * changes a {@link PlanSnapshot} and says what it changed. After every change the plan is numbered again by
 * position, so ids stay {@code S.N} and {@code S.N#K} (CONTRACT.md) and a nested target's {@code partOf} follows its
 * parent. Bad commands are refused whole with a problem naming the field.
 */
final class PlanEdits {

    private PlanEdits() {
    }

    /** What one command did: the plan after it, and the record of the change (without who, when, why). */
    record Applied(PlanSnapshot plan, String subject, String before, String after) {
    }

    /** A correction; {@code op} in JSON names it (documented as one of the commands, each under its name). */
    @Schema(description = "一项修改：op 指明操作，其余字段为该操作的参数",
            oneOf = {EditHeading.class, AddSection.class, EditSection.class, RemoveSection.class, AddItem.class,
                    EditItem.class, RemoveItem.class, MoveItem.class, SplitItem.class, MergeItems.class,
                    ReparseItem.class, SetStars.class, AddTarget.class, EditTarget.class, RemoveTarget.class,
                    AddMilestone.class, EditMilestone.class, RemoveMilestone.class},
            discriminatorProperty = "op", discriminatorMapping = {
                    @DiscriminatorMapping(value = "EDIT_HEADING", schema = EditHeading.class),
                    @DiscriminatorMapping(value = "ADD_SECTION", schema = AddSection.class),
                    @DiscriminatorMapping(value = "EDIT_SECTION", schema = EditSection.class),
                    @DiscriminatorMapping(value = "REMOVE_SECTION", schema = RemoveSection.class),
                    @DiscriminatorMapping(value = "ADD_ITEM", schema = AddItem.class),
                    @DiscriminatorMapping(value = "EDIT_ITEM", schema = EditItem.class),
                    @DiscriminatorMapping(value = "REMOVE_ITEM", schema = RemoveItem.class),
                    @DiscriminatorMapping(value = "MOVE_ITEM", schema = MoveItem.class),
                    @DiscriminatorMapping(value = "SPLIT_ITEM", schema = SplitItem.class),
                    @DiscriminatorMapping(value = "MERGE_ITEMS", schema = MergeItems.class),
                    @DiscriminatorMapping(value = "REPARSE_ITEM", schema = ReparseItem.class),
                    @DiscriminatorMapping(value = "SET_STARS", schema = SetStars.class),
                    @DiscriminatorMapping(value = "ADD_TARGET", schema = AddTarget.class),
                    @DiscriminatorMapping(value = "EDIT_TARGET", schema = EditTarget.class),
                    @DiscriminatorMapping(value = "REMOVE_TARGET", schema = RemoveTarget.class),
                    @DiscriminatorMapping(value = "ADD_MILESTONE", schema = AddMilestone.class),
                    @DiscriminatorMapping(value = "EDIT_MILESTONE", schema = EditMilestone.class),
                    @DiscriminatorMapping(value = "REMOVE_MILESTONE", schema = RemoveMilestone.class)})
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = EditHeading.class, name = "EDIT_HEADING"),
            @JsonSubTypes.Type(value = AddSection.class, name = "ADD_SECTION"),
            @JsonSubTypes.Type(value = EditSection.class, name = "EDIT_SECTION"),
            @JsonSubTypes.Type(value = RemoveSection.class, name = "REMOVE_SECTION"),
            @JsonSubTypes.Type(value = AddItem.class, name = "ADD_ITEM"),
            @JsonSubTypes.Type(value = EditItem.class, name = "EDIT_ITEM"),
            @JsonSubTypes.Type(value = RemoveItem.class, name = "REMOVE_ITEM"),
            @JsonSubTypes.Type(value = MoveItem.class, name = "MOVE_ITEM"),
            @JsonSubTypes.Type(value = SplitItem.class, name = "SPLIT_ITEM"),
            @JsonSubTypes.Type(value = MergeItems.class, name = "MERGE_ITEMS"),
            @JsonSubTypes.Type(value = ReparseItem.class, name = "REPARSE_ITEM"),
            @JsonSubTypes.Type(value = SetStars.class, name = "SET_STARS"),
            @JsonSubTypes.Type(value = AddTarget.class, name = "ADD_TARGET"),
            @JsonSubTypes.Type(value = EditTarget.class, name = "EDIT_TARGET"),
            @JsonSubTypes.Type(value = RemoveTarget.class, name = "REMOVE_TARGET"),
            @JsonSubTypes.Type(value = AddMilestone.class, name = "ADD_MILESTONE"),
            @JsonSubTypes.Type(value = EditMilestone.class, name = "EDIT_MILESTONE"),
            @JsonSubTypes.Type(value = RemoveMilestone.class, name = "REMOVE_MILESTONE")})
    sealed interface Op permits EditHeading, AddSection, EditSection, RemoveSection, AddItem, EditItem, RemoveItem,
            MoveItem, SplitItem, MergeItems, ReparseItem, SetStars, AddTarget, EditTarget, RemoveTarget, AddMilestone,
            EditMilestone, RemoveMilestone {

        /** The command's name, as recorded with the change. */
        default String name() {
            return getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        }

        Applied apply(PlanSnapshot plan);
    }

    // ---- the heading and the sections -----------------------------------------------------------------------------

    /** The plan's title, issuer or document number. */
    record EditHeading(String title, String issuer, String documentNumber) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            PlanSnapshot.Heading h = plan.heading() == null ? new PlanSnapshot.Heading(null, null, null, null, null)
                    : plan.heading();
            PlanSnapshot.Heading after = new PlanSnapshot.Heading(optionalText(issuer, "issuer", 60, h.issuer()),
                    optionalText(documentNumber, "documentNumber", 60, h.documentNumber()), optionalText(title, "title", 100, h.title()),
                    h.issuedOn(), h.preamble());
            return new Applied(new PlanSnapshot(plan.planYear(), after, plan.sections(), plan.notes(), plan.copyTo()),
                    "heading", h.title(), after.title());
        }
    }

    /** A new section at {@code position} (1-based; the end when omitted). */
    record AddSection(Integer position, String title, String kind) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            String t = required(title, "title", 60);
            List<Section> sections = new ArrayList<>(plan.sections());
            int at = slot(position, sections.size() + 1, "position");
            sections.add(at - 1, new Section(at, null, t, sectionKind(kind), List.of()));
            return new Applied(with(plan, sections), String.valueOf(at), null, t);
        }
    }

    /** A section's title or kind (GOALS, CONSTRUCTION). */
    record EditSection(Integer section, String title, String kind) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Section s = findSection(plan, section);
            String newKind = kind == null ? s.kind() : sectionKind(kind);
            if (!newKind.equals(s.kind()) && s.items().stream().anyMatch(i -> newKind.equals(Section.GOALS)
                    ? !i.milestones().isEmpty() : !i.indicators().isEmpty())) {
                throw invalid("kind", "kind-has-content", "该章节的事项还有" + (newKind.equals(Section.GOALS) ? "里程碑"
                        : "指标") + "，请先删除后再修改章节类型");
            }
            Section after = new Section(s.number(), s.label(), optionalText(title, "title", 60, s.title()), newKind, s.items());
            return new Applied(replaceSection(plan, after), String.valueOf(s.number()), s.title() + " " + s.kind(),
                    after.title() + " " + after.kind());
        }
    }

    /** A section with all its items. */
    record RemoveSection(Integer section) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Section s = findSection(plan, section);
            List<Section> sections = new ArrayList<>(plan.sections());
            sections.remove(s);
            return new Applied(with(plan, sections), String.valueOf(s.number()), s.title() + "（" + s.items().size()
                    + " 项）", null);
        }
    }

    // ---- items ------------------------------------------------------------------------------------------------

    /** A new item in {@code section} at {@code position} (the end when omitted). */
    record AddItem(Integer section, Integer position, String text, Integer starCount, String group) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Section s = findSection(plan, section);
            String t = required(text, "text", 4000);
            List<Item> items = new ArrayList<>(s.items());
            int at = slot(position, items.size() + 1, "position");
            items.add(at - 1, new Item(s.number() + "." + at, s.number(), null, optionalText(group, "group", 100, null), t,
                    stars(starCount, t), List.of(), List.of(), null, false, null));
            return new Applied(replaceSection(plan, withItems(s, items)), s.number() + "." + at, null, t);
        }
    }

    /** An item's text, sub-heading, label or 完成时限 (deadline); targets stay (see {@link ReparseItem}). */
    record EditItem(String itemId, String text, String group, String label, LocalDate deadline) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = findItem(plan, itemId);
            Item after = new Item(item.itemId(), item.section(), optionalText(label, "label", 20, item.label()),
                    optionalText(group, "group", 100, item.group()), optionalText(text, "text", 4000, item.text()), item.starCount(),
                    item.indicators(), item.milestones(), item.responsibility(), item.sampleResponsibility(),
                    deadline == null ? item.deadline() : deadline);
            return new Applied(replaceItem(plan, item.itemId(), after), item.itemId(), describe(item),
                    describe(after));
        }
    }

    record RemoveItem(String itemId) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = findItem(plan, itemId);
            Section s = sectionOf(plan, item);
            List<Item> items = new ArrayList<>(s.items());
            items.remove(item);
            return new Applied(replaceSection(plan, withItems(s, items)), item.itemId(), item.text(), null);
        }
    }

    /** An item to {@code position} of {@code section} (its own section when omitted). */
    record MoveItem(String itemId, Integer section, Integer position) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = findItem(plan, itemId);
            Section from = sectionOf(plan, item);
            Section to = section == null ? from : findSection(plan, section);
            if (!from.kind().equals(to.kind()) && (!item.indicators().isEmpty() || !item.milestones().isEmpty())) {
                throw invalid("section", "kind-mismatch", "工程事项（里程碑）与目标事项（指标）不能互相移动，请先删除其指标或里程碑");
            }
            List<Section> sections = new ArrayList<>(plan.sections());
            List<Item> source = new ArrayList<>(from.items());
            source.remove(item);
            sections.set(sections.indexOf(from), withItems(from, source));
            Section target = sections.get(plan.sections().indexOf(to));
            List<Item> destination = new ArrayList<>(target.items());
            int at = slot(position, destination.size() + 1, "position");
            destination.add(at - 1, item);
            sections.set(plan.sections().indexOf(to), withItems(target, destination));
            return new Applied(with(plan, sections), item.itemId(), item.itemId(), to.number() + "." + at);
        }
    }

    /** An item cut in two at character {@code at} of its text; each target goes with the part holding its phrase. */
    record SplitItem(String itemId, Integer at) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = findItem(plan, itemId);
            String text = item.text();
            if (at == null || at <= 0 || at >= text.length()) {
                throw invalid("at", "out-of-range", "拆分位置须在 1 到 " + (text.length() - 1) + " 之间（事项文字共 "
                        + text.length() + " 个字）");
            }
            String first = text.substring(0, at).strip();
            String second = text.substring(at).strip();
            if (first.isEmpty() || second.isEmpty()) {
                throw invalid("at", "empty-part", "拆分后两部分都须有文字");
            }
            List<Target> firstTargets = new ArrayList<>();
            List<Target> secondTargets = new ArrayList<>();
            for (Target t : item.indicators()) {
                (inSecond(text, at, t.sourcePhrase()) ? secondTargets : firstTargets).add(t);
            }
            List<MilestoneDefinition> firstMilestones = new ArrayList<>();
            List<MilestoneDefinition> secondMilestones = new ArrayList<>();
            for (MilestoneDefinition m : item.milestones()) {
                (inSecond(text, at, m.sourcePhrase()) ? secondMilestones : firstMilestones).add(m);
            }
            Item one = new Item(item.itemId(), item.section(), item.label(), item.group(), first,
                    (int) first.chars().filter(c -> c == '★').count(), firstTargets, firstMilestones,
                    item.responsibility(), item.sampleResponsibility(), item.deadline());
            Item two = new Item(item.itemId() + "b", item.section(), null, item.group(), second,
                    (int) second.chars().filter(c -> c == '★').count(), secondTargets, secondMilestones,
                    item.responsibility(), item.sampleResponsibility(), item.deadline());
            Section s = sectionOf(plan, item);
            List<Item> items = new ArrayList<>(s.items());
            int index = items.indexOf(item);
            items.set(index, one);
            items.add(index + 1, two);
            return new Applied(replaceSection(plan, withItems(s, items)), item.itemId(), text, first + " ‖ " + second);
        }

        private static boolean inSecond(String text, int at, String phrase) {
            int found = phrase == null ? -1 : text.indexOf(phrase);
            return found >= at;
        }
    }

    /** An item joined with the next item of its section: texts, ★, targets and milestones together. */
    record MergeItems(String itemId) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = findItem(plan, itemId);
            Section s = sectionOf(plan, item);
            int index = s.items().indexOf(item);
            if (index + 1 >= s.items().size()) {
                throw invalid("itemId", "no-next-item", "事项 " + itemId + " 是本章节最后一项，没有可合并的下一项");
            }
            Item next = s.items().get(index + 1);
            List<Target> targets = new ArrayList<>(item.indicators());
            targets.addAll(next.indicators());
            List<MilestoneDefinition> milestones = new ArrayList<>(item.milestones());
            milestones.addAll(next.milestones());
            Item merged = new Item(item.itemId(), item.section(), item.label(), item.group(), item.text() + next.text(),
                    item.starCount() + next.starCount(), targets, milestones, item.responsibility(),
                    item.sampleResponsibility(), item.deadline());
            List<Item> items = new ArrayList<>(s.items());
            items.set(index, merged);
            items.remove(index + 1);
            return new Applied(replaceSection(plan, withItems(s, items)), item.itemId(),
                    item.itemId() + " + " + next.itemId(), merged.text());
        }
    }

    /** Reads the item's targets (or milestones) again from its text, replacing those it has. */
    record ReparseItem(String itemId) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = findItem(plan, itemId);
            Section s = sectionOf(plan, item);
            ParsedItem parsed = new PlanDocumentParser().parseItem(item.itemId(), item.text(),
                    s.construction() ? SectionKind.CONSTRUCTION : SectionKind.GOALS, plan.planYear());
            List<Target> targets = parsed.indicators().stream().map(PlanImporter::target).toList();
            List<MilestoneDefinition> milestones = parsed.milestones().stream().map(PlanImporter::milestone).toList();
            Item after = new Item(item.itemId(), item.section(), item.label(), item.group(), item.text(),
                    parsed.starCount(), targets, milestones, item.responsibility(), item.sampleResponsibility(),
                    item.deadline());
            return new Applied(replaceItem(plan, item.itemId(), after), item.itemId(), describe(item),
                    describe(after));
        }
    }

    /** How many ★ the item holds (0 takes it off the 实事项目 list). */
    record SetStars(String itemId, Integer starCount) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = findItem(plan, itemId);
            if (starCount == null || starCount < 0 || starCount > 20) {
                throw invalid("starCount", "out-of-range", "★ 数须在 0 到 20 之间");
            }
            List<Target> targets = starCount == 0 ? item.indicators().stream().map(t -> t.starred()
                    ? new Target(t.id(), t.name(), t.value(), t.unit(), t.direction(), t.qualifiers(), false,
                            t.partOf(), t.sourcePhrase()) : t).toList() : item.indicators();
            Item after = new Item(item.itemId(), item.section(), item.label(), item.group(), item.text(), starCount,
                    targets, item.milestones(), item.responsibility(), item.sampleResponsibility(), item.deadline());
            return new Applied(replaceItem(plan, item.itemId(), after), item.itemId(), "★" + item.starCount(),
                    "★" + starCount);
        }
    }

    // ---- targets and milestones -------------------------------------------------------------------------------

    /** A new quantitative target at the end of the item's targets. */
    record AddTarget(String itemId, String name, BigDecimal value, String unit, String direction,
            List<String> qualifiers, Boolean starred, String partOf) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = findItem(plan, itemId);
            if (sectionOf(plan, item).construction()) {
                throw invalid("itemId", "construction-item", "工程事项用里程碑（开工、竣工）跟踪，不能添加指标");
            }
            String id = item.itemId() + "#" + (item.indicators().size() + 1);
            if (partOf != null && item.indicators().stream().noneMatch(t -> t.id().equals(partOf))) {
                throw invalid("partOf", "unknown-target", "事项 " + item.itemId() + " 中没有指标 " + partOf);
            }
            Target target = new Target(id, required(name, "name", 100), targetValue(value), required(unit, "unit", 20),
                    directionOf(direction, Direction.AT_LEAST.name()), qualifiersOf(qualifiers, List.of()),
                    Boolean.TRUE.equals(starred), partOf, null);
            List<Target> targets = new ArrayList<>(item.indicators());
            targets.add(target);
            return new Applied(replaceItem(plan, item.itemId(), item.withIndicators(targets)), id, null,
                    PlanDiff.describe(target));
        }
    }

    /** A target's name, value, unit, direction, qualifiers or ★. */
    record EditTarget(String targetId, String name, BigDecimal value, String unit, String direction,
            List<String> qualifiers, Boolean starred) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = itemOf(plan, targetId, "targetId");
            Target t = targetOf(item, targetId);
            Target after = new Target(t.id(), optionalText(name, "name", 100, t.name()), value == null ? t.value()
                    : targetValue(value), optionalText(unit, "unit", 20, t.unit()), directionOf(direction, t.direction()),
                    qualifiersOf(qualifiers, t.qualifiers()), starred == null ? t.starred() : starred, t.partOf(),
                    t.sourcePhrase());
            return new Applied(replaceItem(plan, item.itemId(), item.withIndicators(item.indicators().stream()
                    .map(x -> x.id().equals(targetId) ? after : x).toList())), targetId, PlanDiff.describe(t),
                    PlanDiff.describe(after));
        }
    }

    record RemoveTarget(String targetId) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = itemOf(plan, targetId, "targetId");
            Target t = targetOf(item, targetId);
            List<Target> targets = item.indicators().stream().filter(x -> !x.id().equals(targetId))
                    .map(x -> targetId.equals(x.partOf()) ? new Target(x.id(), x.name(), x.value(), x.unit(),
                            x.direction(), x.qualifiers(), x.starred(), null, x.sourcePhrase()) : x)
                    .toList();
            return new Applied(replaceItem(plan, item.itemId(), item.withIndicators(targets)), targetId,
                    PlanDiff.describe(t), null);
        }
    }

    /** A new milestone (START 开工, COMPLETION 竣工, OTHER) with its planned date (none: unscheduled). */
    record AddMilestone(String itemId, String type, String name, LocalDate plannedDate, BigDecimal value,
            String unit) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = findItem(plan, itemId);
            if (!sectionOf(plan, item).construction()) {
                throw invalid("itemId", "goals-item", "目标事项用指标跟踪，里程碑只能加在工程事项上（可先把章节类型改为工程）");
            }
            String id = item.itemId() + "#" + (item.milestones().size() + 1);
            MilestoneDefinition milestone = new MilestoneDefinition(id, milestoneType(type, null),
                    required(name, "name", 200), value == null ? null : targetValue(value),
                    value == null ? null : required(unit, "unit", 20), dateIn(plan, plannedDate), null);
            List<MilestoneDefinition> milestones = new ArrayList<>(item.milestones());
            milestones.add(milestone);
            return new Applied(replaceItem(plan, item.itemId(), item.withMilestones(milestones)), id, null,
                    PlanDiff.describe(milestone));
        }
    }

    /** A milestone's type, name or planned date ({@code unscheduled: true} clears the date). */
    record EditMilestone(String milestoneId, String type, String name, LocalDate plannedDate, Boolean unscheduled)
            implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = itemOf(plan, milestoneId, "milestoneId");
            MilestoneDefinition m = milestoneOf(item, milestoneId);
            LocalDate date = Boolean.TRUE.equals(unscheduled) ? null
                    : plannedDate == null ? m.plannedDate() : dateIn(plan, plannedDate);
            MilestoneDefinition after = new MilestoneDefinition(m.id(), milestoneType(type, m.type()),
                    optionalText(name, "name", 200, m.name()), m.value(), m.unit(), date, m.sourcePhrase());
            return new Applied(replaceItem(plan, item.itemId(), item.withMilestones(item.milestones().stream()
                    .map(x -> x.id().equals(milestoneId) ? after : x).toList())), milestoneId, PlanDiff.describe(m),
                    PlanDiff.describe(after));
        }
    }

    record RemoveMilestone(String milestoneId) implements Op {
        @Override
        public Applied apply(PlanSnapshot plan) {
            Item item = itemOf(plan, milestoneId, "milestoneId");
            MilestoneDefinition m = milestoneOf(item, milestoneId);
            return new Applied(replaceItem(plan, item.itemId(), item.withMilestones(item.milestones().stream()
                    .filter(x -> !x.id().equals(milestoneId)).toList())), milestoneId, PlanDiff.describe(m), null);
        }
    }

    // ---- numbering ------------------------------------------------------------------------------------------------

    /**
     * The plan numbered by position: sections 1…, items {@code S.N}, targets and milestones {@code S.N#K}, with
     * {@code partOf} following its parent's new id.
     */
    static PlanSnapshot renumber(PlanSnapshot plan) {
        List<Section> sections = new ArrayList<>();
        for (int s = 0; s < plan.sections().size(); s++) {
            Section section = plan.sections().get(s);
            int number = s + 1;
            List<Item> items = new ArrayList<>();
            for (int n = 0; n < section.items().size(); n++) {
                Item item = section.items().get(n);
                String itemId = number + "." + (n + 1);
                Map<String, String> ids = new HashMap<>();
                List<Target> targets = new ArrayList<>();
                for (int k = 0; k < item.indicators().size(); k++) {
                    ids.put(item.indicators().get(k).id(), itemId + "#" + (k + 1));
                }
                for (Target t : item.indicators()) {
                    targets.add(new Target(ids.get(t.id()), t.name(), t.value(), t.unit(), t.direction(),
                            t.qualifiers(), t.starred(), t.partOf() == null ? null : ids.get(t.partOf()),
                            t.sourcePhrase()));
                }
                List<MilestoneDefinition> milestones = new ArrayList<>();
                for (int k = 0; k < item.milestones().size(); k++) {
                    MilestoneDefinition m = item.milestones().get(k);
                    milestones.add(new MilestoneDefinition(itemId + "#" + (k + 1), m.type(), m.name(), m.value(),
                            m.unit(), m.plannedDate(), m.sourcePhrase()));
                }
                items.add(new Item(itemId, number, item.label(), item.group(), item.text(), item.starCount(), targets,
                        milestones, item.responsibility(), item.sampleResponsibility(), item.deadline()));
            }
            sections.add(new Section(number, section.label(), section.title(), section.kind(), items));
        }
        return new PlanSnapshot(plan.planYear(), plan.heading(), sections, plan.notes(), plan.copyTo());
    }

    /** What keeps a plan from being published, each naming where: empty items, targets without value or unit. */
    static List<FieldProblem> problems(PlanSnapshot plan) {
        List<FieldProblem> problems = new ArrayList<>();
        if (plan.items().findAny().isEmpty()) {
            problems.add(new FieldProblem("plan", "no-items", "计划中还没有任何事项"));
        }
        for (Section section : plan.sections()) {
            if (section.title() == null || section.title().isBlank()) {
                problems.add(new FieldProblem("sections[" + section.number() + "].title", "required", "章节标题不能为空"));
            }
            for (Item item : section.items()) {
                if (item.text() == null || item.text().isBlank()) {
                    problems.add(new FieldProblem("items[" + item.itemId() + "].text", "required", "事项内容不能为空"));
                }
                for (Target t : item.indicators()) {
                    if (t.value() == null || t.unit() == null || t.unit().isBlank()) {
                        problems.add(new FieldProblem("targets[" + t.id() + "]", "incomplete", "指标 " + t.id()
                                + " 缺少目标值或单位"));
                    }
                }
            }
        }
        return problems;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static PlanSnapshot with(PlanSnapshot plan, List<Section> sections) {
        return new PlanSnapshot(plan.planYear(), plan.heading(), sections, plan.notes(), plan.copyTo());
    }

    private static PlanSnapshot replaceSection(PlanSnapshot plan, Section section) {
        return with(plan, plan.sections().stream().map(s -> s.number() == section.number() ? section : s).toList());
    }

    private static PlanSnapshot replaceItem(PlanSnapshot plan, String itemId, Item item) {
        UnaryOperator<Section> replace = s -> withItems(s, s.items().stream()
                .map(i -> i.itemId().equals(itemId) ? item : i).toList());
        return with(plan, plan.sections().stream().map(replace).toList());
    }

    private static Section withItems(Section section, List<Item> items) {
        return new Section(section.number(), section.label(), section.title(), section.kind(), items);
    }

    private static Section findSection(PlanSnapshot plan, Integer number) {
        if (number == null) {
            throw invalid("section", "required", "请指明章节（序号）");
        }
        return plan.sections().stream().filter(s -> s.number() == number).findFirst()
                .orElseThrow(() -> unknown("section", "没有第 " + number + " 章节（共 " + plan.sections().size() + " 个）"));
    }

    private static Section sectionOf(PlanSnapshot plan, Item item) {
        return plan.sections().stream().filter(s -> s.items().contains(item)).findFirst().orElseThrow();
    }

    private static Item findItem(PlanSnapshot plan, String itemId) {
        if (itemId == null || itemId.isBlank()) {
            throw invalid("itemId", "required", "请指明事项编号（如 5.6）");
        }
        return plan.item(itemId).orElseThrow(() -> unknown("itemId", "没有事项 " + itemId));
    }

    private static Item itemOf(PlanSnapshot plan, String id, String field) {
        if (id == null || !id.contains("#")) {
            throw invalid(field, "required", "请指明编号（如 5.6#1）");
        }
        return plan.item(id.substring(0, id.indexOf('#'))).orElseThrow(() -> unknown(field, "没有 " + id));
    }

    private static Target targetOf(Item item, String targetId) {
        return item.indicators().stream().filter(x -> x.id().equals(targetId)).findFirst()
                .orElseThrow(() -> unknown("targetId", "没有指标 " + targetId));
    }

    private static MilestoneDefinition milestoneOf(Item item, String milestoneId) {
        return item.milestones().stream().filter(x -> x.id().equals(milestoneId)).findFirst()
                .orElseThrow(() -> unknown("milestoneId", "没有里程碑 " + milestoneId));
    }

    private static int slot(Integer position, int last, String field) {
        if (position == null) {
            return last;
        }
        if (position < 1 || position > last) {
            throw invalid(field, "out-of-range", "位置须在 1 到 " + last + " 之间");
        }
        return position;
    }

    private static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "required", "不能为空");
        }
        return optionalText(value, field, max, null);
    }

    static String optionalText(String value, String field, int max, String otherwise) {
        if (value == null) {
            return otherwise;
        }
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > max) {
            throw invalid(field, "too-long", "最长 " + max + " 个字");
        }
        if (v.chars().anyMatch(c -> c < 0x20)) {
            throw invalid(field, "control-character", "含有控制字符");
        }
        return v.isEmpty() ? null : v;
    }

    private static int stars(Integer starCount, String text) {
        return starCount != null ? Math.max(0, starCount) : (int) text.chars().filter(c -> c == '★').count();
    }

    private static BigDecimal targetValue(BigDecimal value) {
        if (value == null) {
            throw invalid("value", "required", "目标值必填");
        }
        if (value.signum() < 0 || value.compareTo(new BigDecimal("1e15")) > 0 || value.scale() > 6) {
            throw invalid("value", "out-of-range", "目标值须在 0 到 10^15 之间，最多 6 位小数");
        }
        return value.stripTrailingZeros().scale() < 0 ? value.setScale(0) : value.stripTrailingZeros();
    }

    static String directionOf(String direction, String otherwise) {
        if (direction == null) {
            return otherwise;
        }
        try {
            return Direction.valueOf(direction.strip()).name();
        } catch (IllegalArgumentException e) {
            throw invalid("direction", "unknown-direction", "方向须为 " + List.of(Direction.values()));
        }
    }

    private static List<String> qualifiersOf(List<String> qualifiers, List<String> otherwise) {
        if (qualifiers == null) {
            return otherwise;
        }
        Set<Qualifier> set = EnumSet.noneOf(Qualifier.class);
        for (int i = 0; i < qualifiers.size(); i++) {
            try {
                set.add(Qualifier.valueOf(Objects.requireNonNull(qualifiers.get(i)).strip()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw invalid("qualifiers[" + i + "]", "unknown-qualifier", "限定词须为 " + List.of(Qualifier.values()));
            }
        }
        return set.stream().map(Enum::name).sorted().toList();
    }

    private static String milestoneType(String type, String otherwise) {
        if (type == null) {
            if (otherwise == null) {
                throw invalid("type", "required", "里程碑类型必填（START 开工、COMPLETION 竣工、OTHER 其他）");
            }
            return otherwise;
        }
        String t = type.strip();
        if (!List.of("START", "COMPLETION", "OTHER").contains(t)) {
            throw invalid("type", "unknown-type", "里程碑类型须为 START（开工）、COMPLETION（竣工）或 OTHER（其他）");
        }
        return t;
    }

    private static LocalDate dateIn(PlanSnapshot plan, LocalDate date) {
        if (date != null && (date.getYear() < plan.planYear() - 1 || date.getYear() > plan.planYear() + 5)) {
            throw invalid("plannedDate", "out-of-range", "计划日期须在 " + (plan.planYear() - 1) + " 到 "
                    + (plan.planYear() + 5) + " 年之间");
        }
        return date;
    }

    private static String sectionKind(String kind) {
        if (kind == null || kind.isBlank()) {
            return Section.GOALS;
        }
        if (!kind.equals(Section.GOALS) && !kind.equals(Section.CONSTRUCTION)) {
            throw invalid("kind", "unknown-kind", "章节类型须为 GOALS（目标）或 CONSTRUCTION（工程）");
        }
        return kind;
    }

    private static String describe(Item item) {
        return item.text() + (item.indicators().isEmpty() ? "" : " " + item.indicators().stream()
                .map(PlanDiff::describe).toList()) + (item.milestones().isEmpty() ? "" : " " + item.milestones()
                .stream().map(PlanDiff::describe).toList()) + (item.deadline() == null ? "" : " 完成时限 " + item.deadline());
    }

    static InvalidRequestException invalid(String field, String code, String message) {
        return InvalidRequestException.invalid(List.of(new FieldProblem(field, code, message)));
    }

    private static InvalidRequestException unknown(String field, String message) {
        return invalid(field, "unknown", message);
    }
}
