package org.keywork.project.project;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.keywork.events.ProgressReportAccepted;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Milestone reports that arrived before the construction item (or the milestone) they name. Reports and item
 * definitions come on two topics, read by two consumers: on a replay from the beginning, or when the plan is imported
 * while departments report, a report can overtake its item's definition. Such a report is parked here, under its
 * report id (parking it twice keeps one), and applied when the definition arrives.
 */
@Component
class ParkedMilestoneReports {

    @Document(Parked.COLLECTION)
    record Parked(@Id String reportId, int planYear, String itemId, ProgressReportAccepted report, Instant parkedAt) {
        static final String COLLECTION = "parked_milestone_reports";
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    ParkedMilestoneReports(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Parks the report; returns false when it was parked before. */
    boolean park(ProgressReportAccepted report) {
        try {
            mongo.insert(new Parked(report.reportId(), report.planYear(), report.itemId(), report, clock.instant()));
            return true;
        } catch (DuplicateKeyException parkedBefore) {
            return false;
        }
    }

    List<Parked> of(int planYear, String itemId) {
        return mongo.find(Query.query(Criteria.where("planYear").is(planYear).and("itemId").is(itemId)),
                Parked.class);
    }

    void release(String reportId) {
        mongo.remove(Query.query(Criteria.where("_id").is(reportId)), Parked.class);
    }

    long count() {
        return mongo.count(new Query(), Parked.class);
    }
}
