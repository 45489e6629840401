package org.keywork.goal.planning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The store of plan drafts ({@code plan_drafts}): the only class that touches the collection. A draft changes
 * only by compare-and-set on its revision, so two supervisors correcting the same draft cannot overwrite each
 * other's work; the loser is told to reload.
 */
@Component
class PlanDrafts {

    static final String PLAN_YEAR = "planYear";
    static final String STATUS = "status";
    static final String UPDATED_AT = "updatedAt";

    private final MongoTemplate mongo;

    PlanDrafts(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(PlanDraft.class).createIndex(new Index().on(STATUS, Sort.Direction.ASC)
                .on(PLAN_YEAR, Sort.Direction.ASC).on(UPDATED_AT, Sort.Direction.DESC).named("status_year_updated"));
    }

    PlanDraft insert(PlanDraft draft) {
        return mongo.insert(draft);
    }

    Optional<PlanDraft> find(String id) {
        return Optional.ofNullable(mongo.findById(id, PlanDraft.class));
    }

    /** The open drafts, newest first, of one year or of all (at most 100). */
    List<PlanDraft> open(Integer planYear) {
        Criteria criteria = Criteria.where(STATUS).is(PlanDraft.OPEN);
        if (planYear != null) {
            criteria = criteria.and(PLAN_YEAR).is(planYear);
        }
        Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, UPDATED_AT)).limit(100);
        query.fields().exclude("sourceText", "plan.sections");
        return mongo.find(query, PlanDraft.class);
    }

    /** Replaces the draft if it still holds {@code expected}'s revision; false when someone changed it meanwhile. */
    boolean replace(PlanDraft expected, PlanDraft next) {
        Query stillAsRead = Query.query(Criteria.where("_id").is(expected.id()).and("revision")
                .is(expected.revision()).and(STATUS).is(PlanDraft.OPEN));
        return mongo.findAndReplace(stillAsRead, next) != null;
    }

    /** Closes the draft (PUBLISHED with its version, or DISCARDED) if it is still open at that revision. */
    boolean close(PlanDraft expected, String status, Integer version, Instant at) {
        Query stillAsRead = Query.query(Criteria.where("_id").is(expected.id()).and("revision")
                .is(expected.revision()).and(STATUS).is(PlanDraft.OPEN));
        Update update = new Update().set(STATUS, status).set("published", version).set(UPDATED_AT, at)
                .inc("revision", 1);
        return mongo.updateFirst(stillAsRead, update, PlanDraft.class).getModifiedCount() == 1;
    }
}
