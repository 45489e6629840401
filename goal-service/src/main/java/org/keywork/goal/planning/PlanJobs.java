package org.keywork.goal.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.keywork.support.store.DocumentStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Long plan operations (an import of a large document) as jobs (collection {@value #COLLECTION}): where they stand,
 * readable from any instance at {@code GET /api/plans/jobs/{id}} while the work goes on. A job's record is written a
 * few times (started, every 500 items, finished) and kept {@code keywork.plans.job-retention} (7 days) after.
 * The work itself is durable without it: a plan version is stored before its items, and a version a crash left
 * half-applied is finished at the next start.
 */
@Component
class PlanJobs extends DocumentStore {

    static final String COLLECTION = "plan_jobs";
    static final String PURGE_AFTER = "purgeAfter";

    enum State {
        RUNNING, DONE, FAILED
    }

    /**
     * @param itemsDone   plan items stored so far
     * @param itemsTotal  plan items to store (0 until the document is read)
     * @param outcome     CREATED or UNCHANGED once done
     * @param version     the plan version created (or standing), once known
     * @param problem     why it failed (the problem's title and detail)
     */
    @Document(COLLECTION)
    record PlanJob(@Id String id, String kind, String by, State state, Instant startedAt, Instant finishedAt,
            int itemsDone, int itemsTotal, Integer planYear, Integer version, String outcome, String problem,
            Instant purgeAfter) {
    }

    private final Duration retention;

    PlanJobs(MongoTemplate mongo, @Value("${keywork.plans.job-retention:7d}") Duration retention) {
        super(mongo, COLLECTION);
        this.retention = retention;
    }

    @Override
    public List<IndexDefinition> indexes() {
        return List.of(new Index(PURGE_AFTER, Sort.Direction.ASC).named(PURGE_AFTER));
    }

    PlanJob start(String kind, String by) {
        PlanJob job = new PlanJob(UUID.randomUUID().toString(), kind, by, State.RUNNING, Instant.now(), null, 0, 0,
                null, null, null, null, null);
        mongo.insert(job);
        return job;
    }

    Optional<PlanJob> find(String id) {
        return Optional.ofNullable(mongo.findById(id, PlanJob.class));
    }

    void progress(String id, int done, int total) {
        mongo.updateFirst(running(id), new Update().set("itemsDone", done).set("itemsTotal", total), PlanJob.class);
    }

    void done(String id, int planYear, Integer version, String outcome) {
        mongo.updateFirst(running(id), finished(State.DONE).set("planYear", planYear).set("version", version)
                .set("outcome", outcome), PlanJob.class);
    }

    void failed(String id, String problem) {
        mongo.updateFirst(running(id), finished(State.FAILED).set("problem", problem), PlanJob.class);
    }

    private Update finished(State state) {
        Instant now = Instant.now();
        return new Update().set("state", state).set("finishedAt", now).set(PURGE_AFTER, now.plus(retention));
    }

    private static Query running(String id) {
        return Query.query(Criteria.where("_id").is(id).and("state").is(State.RUNNING));
    }

    @Override
    public long purgeExpired(Instant now, int limit) {
        return deleteBatch(Query.query(Criteria.where(PURGE_AFTER).lt(now)), limit);
    }
}
