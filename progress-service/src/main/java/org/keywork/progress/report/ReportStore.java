package org.keywork.progress.report;

import com.mongodb.MongoBulkWriteException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.keywork.support.events.EventOutbox;
import org.keywork.support.store.DocumentStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The accepted reports (collection {@value ProgressReport#COLLECTION}, {@code _id} = the client's report id), each
 * stored with its event in one insert. Reports are kept: they are the record of the year (the 考核 rests on them).
 *
 * <p>Indexes: {@value #HISTORY_KEY} ({@code itemId/planYear/reportId}, unique) serves an item's history as a prefix
 * range; {@value #SUPERSEDES} (unique, sparse) finds the report correcting another and makes a second correction of
 * the same report impossible, also between concurrent requests; the outbox's pending marker serves the relay.
 * Both are unique so that the embedded wire server, which builds only unique indexes, serves them too.
 */
@Component
class ReportStore extends DocumentStore {

    static final String HISTORY_KEY = "historyKey";
    static final String SUPERSEDES = "supersedes";
    private static final int DUPLICATE_KEY = 11000;

    ReportStore(MongoTemplate mongo) {
        super(mongo, ProgressReport.COLLECTION);
    }

    @Override
    public List<IndexDefinition> indexes() {
        return List.of(new Index(HISTORY_KEY, Sort.Direction.ASC).unique().named(HISTORY_KEY),
                new Index(SUPERSEDES, Sort.Direction.ASC).unique().sparse().named(SUPERSEDES));
    }

    /**
     * Stores a new report.
     *
     * @throws DuplicateKeyException when its id is taken, or the report it corrects is corrected already
     */
    void insert(ProgressReport report) {
        mongo.insert(document(report), collection());
    }

    /**
     * Stores new reports in one write; returns the positions (in {@code reports}) of those that could not be stored
     * because their id or the report they correct was taken (by an earlier copy of the same report, by another
     * report, or by one earlier in the same list).
     */
    Set<Integer> insertAll(List<ProgressReport> reports) {
        if (reports.isEmpty()) {
            return Set.of();
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection());
        reports.forEach(report -> bulk.insert(document(report)));
        try {
            bulk.execute();
            return Set.of();
        } catch (RuntimeException e) {
            MongoBulkWriteException failure = bulkFailure(e);
            if (failure == null) {
                throw e;
            }
            Set<Integer> taken = new TreeSet<>();
            failure.getWriteErrors().forEach(error -> {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
                taken.add(error.getIndex());
            });
            return taken;
        }
    }

    Optional<ProgressReport> find(String reportId) {
        return Optional.ofNullable(mongo.findById(reportId, ProgressReport.class, collection()));
    }

    /** The stored reports among {@code reportIds}, by id. */
    Map<String, ProgressReport> findAll(List<String> reportIds) {
        Map<String, ProgressReport> found = new HashMap<>();
        for (int from = 0; from < reportIds.size(); from += 500) {
            List<String> chunk = reportIds.subList(from, Math.min(reportIds.size(), from + 500));
            mongo.find(Query.query(Criteria.where("_id").in(chunk)), ProgressReport.class, collection())
                    .forEach(report -> found.put(report.reportId(), report));
        }
        return found;
    }

    /** An item's reports (of one plan year, or all), by as-of date and then arrival. */
    List<ProgressReport> history(String itemId, Integer planYear) {
        List<ProgressReport> reports = new ArrayList<>(mongo.find(historyQuery(itemId, planYear),
                ProgressReport.class, collection()));
        reports.sort(Comparator.comparing(ProgressReport::asOf).thenComparing(ProgressReport::acceptedAt));
        return reports;
    }

    static Query historyQuery(String itemId, Integer planYear) {
        String prefix = itemId + "/" + (planYear == null ? "" : planYear + "/");
        return Query.query(Criteria.where(HISTORY_KEY).regex("^" + literal(prefix)));
    }

    static Query supersededByQuery(String reportId) {
        Query query = Query.query(Criteria.where(SUPERSEDES).is(reportId));
        query.fields().include("_id");
        return query;
    }

    /** The report correcting {@code reportId}, if any (at most one: the index is unique). */
    Optional<String> supersededBy(String reportId) {
        Query query = supersededByQuery(reportId);
        return Optional.ofNullable(mongo.findOne(query, Document.class, collection()))
                .map(document -> document.getString("_id"));
    }

    private Document document(ProgressReport report) {
        Document document = new Document();
        mongo.getConverter().write(report, document);
        document.put(HISTORY_KEY, report.itemId() + "/" + report.planYear() + "/" + report.reportId());
        if (report.supersedes() == null) {
            document.remove(SUPERSEDES); // sparse: only corrections are in the index
        }
        EventOutbox.mark(document);
        return document;
    }

    /** A regular expression matching {@code text} literally, kept a plain prefix so that MongoDB ranges the index. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static MongoBulkWriteException bulkFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoBulkWriteException bulk) {
                return bulk;
            }
        }
        return null;
    }
}
