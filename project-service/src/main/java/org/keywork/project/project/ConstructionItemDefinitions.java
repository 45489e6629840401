package org.keywork.project.project;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bson.Document;
import org.keywork.events.ConstructionItemDefined;
import org.keywork.events.MilestoneDefinition;
import org.keywork.events.Topics;
import org.keywork.events.TrackingStatus;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.store.CompareAndSet;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.events.PoisonEventException;
import org.keywork.support.store.DueMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Takes in the construction items the plan import defines ({@link ConstructionItemDefined}). Each item keeps the
 * definition of the highest plan version it was given: a definition of the same or a lower version than the stored
 * one changes nothing (redeliveries, replays, old versions arriving late). A higher one replaces the definition,
 * keeps the tracking fields of the milestones whose id persists, and appends the item's {@code PlanItemPublished}
 * event to its outbox in the same write; the relay then publishes it.
 *
 * <p>Two instances (or a redelivery racing the first delivery) cannot both store the same version: a new item is
 * inserted (the second insert fails on the key), a stored one is replaced only while it still holds the version this
 * instance read (compare-and-set on {@code planVersion}). The loser re-reads and finds nothing left to do. The event
 * id is derived from item and version, so even a duplicate would be recognised downstream. The replacement also
 * checks the item's {@code revision}, so it cannot overwrite a responsibility change made meanwhile.
 *
 * <p>Responsibility: a definition carries the responsibility goal-service holds for the item (which goal-service
 * takes from the item's previous version). Once the responsibility was changed here ({@code PUT
 * /api/projects/{itemId}/responsibility}, recorded in {@code responsibilityChanges}), that edit outranks every later
 * definition: a newer plan version keeps the stored responsibility (assigned, not sample) and the change history,
 * ignores the definition's responsibility, and publishes the kept one. Without recorded changes the definition's
 * responsibility is taken as it comes.
 */
@Service
class ConstructionItemDefinitions {

    /** What applying one definition did. */
    enum Outcome {
        /** A new item was stored and its definition queued for publication. */
        STORED,
        /** A stored item got a higher plan version and its new definition was queued for publication. */
        UPDATED,
        /** The stored item already holds this plan version or a higher one: nothing changed. */
        STALE
    }

    static final String METER = "keywork.construction-items.definitions";

    private static final Logger log = LoggerFactory.getLogger(ConstructionItemDefinitions.class);
    private static final Pattern ITEM_ID = Pattern.compile("(\\d{1,2})\\.(\\d{1,3})");
    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;
    private final MeterRegistry meters;

    ConstructionItemDefinitions(MongoTemplate mongo, EventCodec codec, OutboxRelay relay, Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Stores the definition unless the item already holds this plan version or a higher one.
     *
     * @throws PoisonEventException when the definition breaks the identifier rules or lacks what an item needs
     */
    Outcome apply(ConstructionItemDefined event) {
        int itemNumber = validate(event);
        String id = ConstructionItem.id(event.planYear(), event.itemId());
        return CompareAndSet.retry(MAX_ATTEMPTS, attempt -> {
            ConstructionItem current = mongo.findById(id, ConstructionItem.class);
            if (current != null && current.planVersion() >= event.planVersion()) {
                log.info("Construction item {} of {} holds plan version {}; definition v{} changes nothing",
                        event.itemId(), event.planYear(), current.planVersion(), event.planVersion());
                return CompareAndSet.done(counted(Outcome.STALE));
            }
            ConstructionItem next = define(event, itemNumber, current);
            OutboxEntry entry = codec.outboxEntry(Topics.PLAN_ITEMS,
                    eventId(event.planYear(), event.itemId(), event.planVersion()), next.published());
            if (!(current == null ? insert(next, entry) : replace(current, next, entry))) {
                log.debug("Construction item {} changed while v{} was applied; reading it again", id,
                        event.planVersion());
                return CompareAndSet.lost();
            }
            relay.publishSoon(ConstructionItem.COLLECTION, id);
            Outcome outcome = current == null ? Outcome.STORED : Outcome.UPDATED;
            log.info("Construction item {} of {}: plan version {} {} ({} milestones)", event.itemId(),
                    event.planYear(), event.planVersion(), outcome == Outcome.STORED ? "stored" : "replaces v"
                            + current.planVersion(), next.milestones().size());
            return CompareAndSet.done(counted(outcome));
        }, () -> new IllegalStateException("Construction item " + id + " kept changing while plan version "
                + event.planVersion() + " was applied; the message will be retried"));
    }

    /** The event id of a plan item's definition: the same for the same item and plan version, every time. */
    static UUID eventId(int planYear, String itemId, int planVersion) {
        return UUID.nameUUIDFromBytes(("plan-item:" + ConstructionItem.id(planYear, itemId) + ":v" + planVersion)
                .getBytes(StandardCharsets.UTF_8));
    }

    private boolean insert(ConstructionItem next, OutboxEntry entry) {
        try {
            mongo.insert(next.withOutbox(List.of(entry)));
            return true;
        } catch (DuplicateKeyException storedMeanwhile) {
            return false;
        }
    }

    /**
     * Replaces the definition of {@code current} with {@code next} and appends {@code entry} to the outbox, if the
     * stored item still holds the plan version and revision read. Pending outbox entries stay (the relay may be
     * removing them at the same moment), so the definition fields are set one by one, in the form an insert would
     * store them.
     */
    private boolean replace(ConstructionItem current, ConstructionItem next, OutboxEntry entry) {
        MongoConverter converter = mongo.getConverter();
        Document fields = new Document();
        converter.write(next, fields);
        fields.remove("_id");
        fields.remove(EventOutbox.FIELD);
        Document outboxEntry = new Document();
        converter.write(entry, outboxEntry);
        outboxEntry.remove("_class");

        Update update = new Update();
        fields.forEach(update::set);
        // a field the new definition leaves empty (no responsibility, no document number) is empty afterwards
        converter.getMappingContext().getRequiredPersistentEntity(ConstructionItem.class).forEach(property -> {
            String field = property.getFieldName();
            if (!property.isIdProperty() && !EventOutbox.FIELD.equals(field) && !fields.containsKey(field)) {
                update.unset(field);
            }
        });
        EventOutbox.append(update, current.id(), outboxEntry);
        Query stillAsRead = Query.query(current.stillAsRead().and("planVersion").is(current.planVersion()));
        return mongo.updateFirst(stillAsRead, update, ConstructionItem.COLLECTION).getMatchedCount() == 1;
    }

    private ConstructionItem define(ConstructionItemDefined event, int itemNumber, ConstructionItem current) {
        Map<String, Milestone> tracked = current == null ? Map.of()
                : current.milestones().stream().collect(Collectors.toMap(Milestone::id, Function.identity(),
                        (first, second) -> first));
        List<Milestone> milestones = event.milestones().stream()
                .map(definition -> milestone(definition, event.planYear(), tracked.get(definition.id())))
                .toList();
        // an edit made here outranks the responsibility a definition sends, unless the definition assigns it (the
        // 任务分解表, see the class comment); an assignment is recorded like an edit
        boolean assigned = event.assignedBy() != null && event.responsibility() != null;
        boolean keepEdited = current != null && current.responsibilityEdited() && !assigned;
        List<ResponsibilityChange> changes = current == null ? List.of() : current.responsibilityChanges();
        if (assigned && (current == null || !event.responsibility().equals(current.responsibility())
                || current.sampleResponsibility())) {
            changes = new java.util.ArrayList<>(changes);
            changes.add(new ResponsibilityChange(clock.instant().truncatedTo(ChronoUnit.MILLIS), event.assignedBy(),
                    event.assignmentReason(), current == null ? null : current.responsibility(),
                    event.responsibility()));
        }
        return new ConstructionItem(ConstructionItem.id(event.planYear(), event.itemId()), event.planYear(),
                event.itemId(), itemNumber, event.section(), event.sectionTitle(), event.title().strip(),
                event.starred(), event.starCount(), milestones,
                keepEdited ? current.responsibility() : event.responsibility(),
                keepEdited ? current.sampleResponsibility() : event.sampleResponsibility(),
                changes, event.planVersion(),
                event.documentNumber(), clock.instant().truncatedTo(ChronoUnit.MILLIS),
                current == null ? 0 : current.revision() + 1,
                // a new or changed definition is judged by the next sweep
                DueMarker.mark(LocalDate.now(clock), ConstructionItem.id(event.planYear(), event.itemId())),
                List.of());
    }

    /** An unscheduled milestone (no planned date yet) is judged against the plan year's end. */
    private static Milestone milestone(MilestoneDefinition definition, int planYear, Milestone previous) {
        boolean scheduled = definition.plannedDate() != null;
        return new Milestone(definition.id(), type(definition), definition.name().strip(),
                scheduled ? definition.plannedDate() : LocalDate.of(planYear, 12, 31), definition.value(),
                definition.unit(), definition.sourcePhrase(), null, TrackingStatus.NOT_STARTED, null, null, List.of(),
                scheduled).withTrackingOf(previous);
    }

    private static MilestoneType type(MilestoneDefinition definition) {
        try {
            return MilestoneType.valueOf(definition.type().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            // the contract may grow new types; project-service tracks any step it does not know as OTHER
            log.warn("Milestone {} has type {}, which project-service does not know; tracked as OTHER",
                    definition.id(), definition.type());
            return MilestoneType.OTHER;
        }
    }

    /** Checks what the identifiers and the stored item rely on; returns N of {@code S.N}. */
    private static int validate(ConstructionItemDefined event) {
        String itemId = event.itemId();
        Matcher matcher = itemId == null ? null : ITEM_ID.matcher(itemId);
        if (matcher == null || !matcher.matches()) {
            throw poison(event, "item id " + itemId + " is not S.N");
        }
        if (Integer.parseInt(matcher.group(1)) != event.section()) {
            throw poison(event, "item " + itemId + " does not belong to section " + event.section());
        }
        if (event.planYear() < 1000 || event.planYear() > 9999) {
            throw poison(event, "plan year " + event.planYear() + " is not a year");
        }
        if (event.planVersion() < 1) {
            throw poison(event, "plan version " + event.planVersion() + " is below 1");
        }
        if (event.starCount() < 0) {
            throw poison(event, "star count " + event.starCount() + " is negative");
        }
        if (blank(event.title())) {
            throw poison(event, "no title");
        }
        Set<String> ids = new HashSet<>();
        for (MilestoneDefinition milestone : event.milestones()) {
            if (milestone == null || milestone.id() == null || !milestone.id().startsWith(itemId + "#")
                    || !milestone.id().substring(itemId.length() + 1).matches("[1-9]\\d*")) {
                throw poison(event, "milestone id " + (milestone == null ? null : milestone.id()) + " is not "
                        + itemId + "#K");
            }
            if (!ids.add(milestone.id())) {
                throw poison(event, "milestone " + milestone.id() + " is defined twice");
            }
            if (blank(milestone.name()) || blank(milestone.type())) {
                throw poison(event, "milestone " + milestone.id() + " needs a type and a name");
            }
        }
        return Integer.parseInt(matcher.group(2));
    }

    private static PoisonEventException poison(ConstructionItemDefined event, String rule) {
        return new PoisonEventException("construction item definition " + event.itemId() + " of "
                + event.planYear() + " v" + event.planVersion() + " refused: " + rule);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private Outcome counted(Outcome outcome) {
        meters.counter(METER, "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
        return outcome;
    }
}
