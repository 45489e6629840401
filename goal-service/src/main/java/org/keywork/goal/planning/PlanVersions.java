package org.keywork.goal.planning;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keywork.events.ConstructionItemDefined;
import org.keywork.events.Topics;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.PlanItems;
import org.keywork.goal.planning.PlanSnapshot.Item;
import org.keywork.goal.planning.PlanSnapshot.Section;
import org.keywork.goal.planning.PlanSnapshot.Target;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The versions of each year's plan. Committing a plan that differs from the latest version creates the next version
 * with its changes, and brings every goal item to it; construction items are announced to project-service by the
 * events stored in the version itself. Committing an identical plan changes nothing.
 */
@Service
public class PlanVersions {

    private static final Logger log = LoggerFactory.getLogger(PlanVersions.class);

    private final MongoTemplate mongo;
    private final PlanItems items;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;

    PlanVersions(MongoTemplate mongo, PlanItems items, EventCodec codec, OutboxRelay relay, Clock clock) {
        this.mongo = mongo;
        this.items = items;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
    }

    Optional<PlanVersion> latest(int planYear) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("planYear").is(planYear))
                .with(Sort.by(Sort.Direction.DESC, "version")).limit(1), PlanVersion.class));
    }

    /** The latest version's plan of a year, for readers outside plan management. */
    public Optional<PlanSnapshot> latestPlan(int planYear) {
        return latest(planYear).map(PlanVersion::plan);
    }

    Optional<PlanVersion> get(int planYear, int version) {
        return Optional.ofNullable(mongo.findById(PlanVersion.id(planYear, version), PlanVersion.class));
    }

    List<PlanVersion> all(int planYear) {
        return mongo.find(Query.query(Criteria.where("planYear").is(planYear)).with(Sort.by("version")),
                PlanVersion.class);
    }

    /** Hears how far applying a version has come. */
    @FunctionalInterface
    interface Progress {
        void done(int items, int of);
    }

    /** The outcome of a commit: the version that now stands, and whether this commit created it. */
    record Committed(PlanVersion version, boolean created) {
    }

    Committed commit(PlanSnapshot plan, String source, String by, String reason, List<PlanVersion.Warning> warnings,
            List<PlanEdit> edits) {
        return commit(plan, source, by, reason, warnings, edits, (done, of) -> {
        });
    }

    /** As above, telling {@code progress} how far applying the new version to the plan items has come. */
    Committed commit(PlanSnapshot plan, String source, String by, String reason, List<PlanVersion.Warning> warnings,
            List<PlanEdit> edits, Progress progress) {
        PlanVersion latest = latest(plan.planYear()).orElse(null);
        String fingerprint = plan.definitionFingerprint();
        if (latest != null && latest.fingerprint().equals(fingerprint)) {
            return new Committed(latest, false);
        }
        int number = latest == null ? 1 : latest.version() + 1;
        List<PlanChange> changes = latest == null ? List.of() : PlanDiff.between(latest.plan(), plan);
        PlanVersion version = new PlanVersion(PlanVersion.id(plan.planYear(), number), plan.planYear(), number,
                fingerprint, source, by, reason, clock.instant(), plan, changes, warnings, edits, false,
                constructionEvents(plan, number, edits));
        try {
            mongo.insert(version);
        } catch (DuplicateKeyException concurrent) {
            throw new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "计划正在被同时修改",
                    List.of(new FieldProblem("planYear", "concurrent-change",
                            plan.planYear() + " 年计划的第 " + number + " 版刚由另一请求生成，请刷新后重试")));
        }
        relay.publishSoon(PlanVersion.COLLECTION, version.id());
        apply(version, progress);
        log.info("Plan {} version {} ({}, by {}): {} items, {} changes", plan.planYear(), number, source, by,
                plan.items().count(), changes.size());
        return new Committed(mongo.findById(version.id(), PlanVersion.class), true);
    }

    /** Brings every goal item to the version (idempotent), then marks the version applied. */
    void apply(PlanVersion version) {
        apply(version, (done, total) -> {
        });
    }

    /** As {@link #apply(PlanVersion)}, telling {@code progress} how many of how many items are done. */
    void apply(PlanVersion version, Progress progress) {
        List<PlanItems.Definition> definitions = new ArrayList<>();
        for (Section section : version.plan().sections()) {
            if (section.construction()) {
                continue;
            }
            for (Item item : section.items()) {
                PlanItem definition = definition(version, section, item);
                definitions.add(new PlanItems.Definition(definition, codec.outboxEntry(Topics.PLAN_ITEMS,
                        eventId("plan-item", version, item), definition.published())));
            }
        }
        int total = definitions.size();
        progress.done(0, total);
        items.defineAll(definitions, done -> progress.done(done, total));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(version.id())), Update.update("applied", true),
                PlanVersion.class);
    }

    /** Finishes versions that a crash left half-applied. */
    void applyUnfinished() {
        for (PlanVersion version : mongo.find(Query.query(Criteria.where("applied").is(false)),
                PlanVersion.class)) {
            log.warn("Plan {} version {} was not fully applied; applying it now", version.planYear(),
                    version.version());
            apply(version);
        }
    }

    private static PlanItem definition(PlanVersion version, Section section, Item item) {
        List<Indicator> indicators = item.indicators().stream()
                .map(target -> Indicator.planned(target.id(), target.name(), target.value(), target.unit(),
                        target.direction(), target.starred()))
                .toList();
        return new PlanItem(PlanItem.id(version.planYear(), item.itemId()), version.planYear(), item.itemId(),
                section.number(), section.title(), item.text(), item.starred(), item.starCount(),
                item.responsibility(), item.sampleResponsibility(), List.of(), version.version(), version.id(),
                indicators, 0, List.of());
    }

    private List<OutboxEntry> constructionEvents(PlanSnapshot plan, int number, List<PlanEdit> edits) {
        List<OutboxEntry> events = new ArrayList<>();
        for (Section section : plan.sections()) {
            if (!section.construction()) {
                continue;
            }
            for (Item item : section.items()) {
                // a responsibility assigned with this version (the 任务分解表) outranks edits made in project-service
                PlanEdit assignment = edits.stream().filter(e -> "SET_RESPONSIBILITY".equals(e.op())
                        && item.itemId().equals(e.subject())).reduce((a, b) -> b).orElse(null);
                ConstructionItemDefined defined = new ConstructionItemDefined(plan.planYear(), number,
                        item.itemId(), section.number(), section.title(), item.text(), item.starCount(),
                        item.milestones(), item.responsibility(), item.sampleResponsibility(),
                        plan.heading() == null ? null : plan.heading().documentNumber(),
                        assignment == null ? null : assignment.by(), assignment == null ? null : assignment.reason());
                events.add(codec.outboxEntry(Topics.CONSTRUCTION_ITEMS,
                        UUID.nameUUIDFromBytes(("construction-item:" + plan.planYear() + "/" + item.itemId() + ":v"
                                + number).getBytes(StandardCharsets.UTF_8)), defined));
            }
        }
        return events;
    }

    private static UUID eventId(String kind, PlanVersion version, Item item) {
        return UUID.nameUUIDFromBytes((kind + ":" + version.planYear() + "/" + item.itemId() + ":v"
                + version.version()).getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the plan with one target changed, for an edit. */
    static PlanSnapshot withTarget(PlanSnapshot plan, String targetId, Target changed) {
        List<Section> sections = plan.sections().stream().map(section -> new Section(section.number(),
                section.label(), section.title(), section.kind(), section.items().stream()
                        .map(item -> item.indicators().stream().anyMatch(t -> t.id().equals(targetId))
                                ? item.withIndicators(item.indicators().stream()
                                        .map(t -> t.id().equals(targetId) ? changed : t).toList())
                                : item)
                        .toList()))
                .toList();
        return new PlanSnapshot(plan.planYear(), plan.heading(), sections, plan.notes(), plan.copyTo());
    }
}
