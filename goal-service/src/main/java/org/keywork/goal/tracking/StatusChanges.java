package org.keywork.goal.tracking;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.keywork.support.store.DocumentStore;
import org.springframework.stereotype.Component;

/**
 * The latest status changes (collection {@value StatusChange#COLLECTION}, {@code _id} = the status event's id): the
 * one store of 最新变化. Written where a status event is produced, before the item's compare-and-set that carries
 * the event, by id: a retry or a redelivered report that produces the same event stores the same document again.
 * Read newest first per plan year (index {@code planYear+at}). Kept: the newest {@value #KEPT_PER_YEAR} per plan year
 * (purged by {@link #purgeExpired}, whatever the clock says: a replayed year is not lost to real time).
 */
@Component
public class StatusChanges extends DocumentStore {

    /** Changes kept per plan year; older ones are purged. */
    static final int KEPT_PER_YEAR = 2000;

    static final int MAX_LIMIT = 200;

    StatusChanges(MongoTemplate mongo) {
        super(mongo, StatusChange.COLLECTION);
    }

    @Override
    public List<IndexDefinition> indexes() {
        return List.of(new Index().on("planYear", Sort.Direction.ASC).on("at", Sort.Direction.DESC)
                .named("planYear_at"));
    }

    /** Stores the change (again: same id, same document). */
    void record(StatusChange change) {
        mongo.save(change, collection());
    }

    /** The newest {@code limit} changes of a plan year, newest first. */
    List<StatusChange> latest(int planYear, int limit) {
        return mongo.find(newestFirst(planYear).limit(limit), StatusChange.class, collection());
    }

    @Override
    public long purgeExpired(Instant now, int limit) {
        long deleted = 0;
        for (Integer year : mongo.findDistinct(new Query(), "planYear", collection(), Integer.class)) {
            if (deleted >= limit) {
                break;
            }
            Query beyond = newestFirst(year).skip(KEPT_PER_YEAR);
            deleted += deleteBatch(beyond, (int) (limit - deleted));
        }
        return deleted;
    }

    private static Query newestFirst(int planYear) {
        return Query.query(Criteria.where("planYear").is(planYear))
                .with(Sort.by(Sort.Order.desc("at")));
    }
}
