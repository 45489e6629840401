package org.keywork.progress.report;

import com.mongodb.MongoBulkWriteException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
 * {@value #DEPARTMENT_KEY} ({@code department/planYear/asOf/reportId}, unique, sparse) serves a department's reports
 * (of a year) as a prefix range, newest first by walking it backwards; {@value #YEAR_KEY} ({@code planYear/asOf/reportId},
 * unique, sparse) does the same for a year's reports; {@value #VALUE_KEY} ({@code targetId/planYear/asOf/acceptedAt/reportId},
 * unique, sparse: only reports with a value) serves a target's latest values, newest first, by walking its range
 * backwards as far as the limit. All are unique so that the embedded wire server, which builds
 * only unique indexes, serves them too.
 */
@Component
class ReportStore extends DocumentStore {

    static final String HISTORY_KEY = "historyKey";
    static final String SUPERSEDES = "supersedes";
    static final String DEPARTMENT_KEY = "departmentKey";
    static final String YEAR_KEY = "yearKey";
    static final String VALUE_KEY = "valueKey";
    static final int MAX_PAGE_SIZE = 200;
    private static final int DUPLICATE_KEY = 11000;

    ReportStore(MongoTemplate mongo) {
        super(mongo, ProgressReport.COLLECTION);
    }

    @Override
    public List<IndexDefinition> indexes() {
        return List.of(new Index(HISTORY_KEY, Sort.Direction.ASC).unique().named(HISTORY_KEY),
                new Index(SUPERSEDES, Sort.Direction.ASC).unique().sparse().named(SUPERSEDES),
                new Index(DEPARTMENT_KEY, Sort.Direction.ASC).unique().sparse().named(DEPARTMENT_KEY),
                new Index(YEAR_KEY, Sort.Direction.ASC).unique().sparse().named(YEAR_KEY),
                new Index(VALUE_KEY, Sort.Direction.ASC).unique().sparse().named(VALUE_KEY));
    }

    /**
     * What a list of reports asks for: an item (or a target, which names its item), a department, a plan year, in
     * any combination with at least one of them.
     */
    record Filter(String itemId, String targetId, Integer planYear, String department) {

        boolean isEmpty() {
            return itemId == null && targetId == null && planYear == null && department == null;
        }

        /** The item: as given, or the {@code S.N} of the target. */
        String item() {
            if (itemId != null || targetId == null) {
                return itemId;
            }
            int hash = targetId.indexOf('#');
            return hash < 0 ? targetId : targetId.substring(0, hash);
        }
    }

    /** One page of reports (newest as-of date first, then report id descending), and how many match in all. */
    record Page(List<ProgressReport> content, long total) {
    }

    /**
     * The reports matching {@code filter}, by as-of date and then arrival. Served by {@value #HISTORY_KEY} when an item
     * or target is named, else by {@value #DEPARTMENT_KEY}, else by {@value #YEAR_KEY}.
     */
    List<ProgressReport> list(Filter filter) {
        List<ProgressReport> reports = new ArrayList<>(mongo.find(listQuery(filter), ProgressReport.class,
                collection()));
        reports.sort(Comparator.comparing(ProgressReport::asOf).thenComparing(ProgressReport::acceptedAt));
        return reports;
    }

    /** Page {@code number} (from 0) of {@code size} reports matching {@code filter}, newest as-of date first. */
    Page page(Filter filter, int number, int size) {
        Query query = listQuery(filter);
        long total = mongo.count(query, collection());
        Query page = listQuery(filter).with(newestFirst(filter)).skip((long) number * size).limit(size);
        return new Page(mongo.find(page, ProgressReport.class, collection()), total);
    }

    /** A department's reports of a plan year (the bulk template's "last reported"). */
    List<ProgressReport> ofDepartment(String department, int planYear) {
        return list(new Filter(null, null, planYear, department));
    }

    /** Every report of a plan year. */
    List<ProgressReport> ofYear(int planYear) {
        return list(new Filter(null, null, planYear, null));
    }

    static Query listQuery(Filter filter) {
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("a list of reports needs an item, target, department or year");
        }
        String item = filter.item();
        Criteria criteria;
        if (item != null) {
            criteria = historyCriteria(item, filter.planYear());
            if (filter.department() != null) {
                criteria = criteria.and("department").is(filter.department());
            }
        } else if (filter.department() != null) {
            criteria = Criteria.where(DEPARTMENT_KEY).regex("^" + literal(filter.department() + "/"
                    + (filter.planYear() == null ? "" : filter.planYear() + "/")));
        } else {
            criteria = Criteria.where(YEAR_KEY).regex("^" + literal(filter.planYear() + "/"));
        }
        if (filter.targetId() != null) {
            criteria = criteria.and("targetId").is(filter.targetId());
        }
        return Query.query(criteria);
    }

    private static Sort newestFirst(Filter filter) {
        if (filter.item() != null) {
            return Sort.by(Sort.Order.desc("asOf"), Sort.Order.desc("_id"));
        }
        return Sort.by(Sort.Direction.DESC, filter.department() != null ? DEPARTMENT_KEY : YEAR_KEY);
    }

    private static String yearKey(int planYear, String asOf, String reportId) {
        return planYear + "/" + asOf + "/" + reportId;
    }

    private static String departmentKey(String department, int planYear, String asOf, String reportId) {
        return department + "/" + yearKey(planYear, asOf, reportId);
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

    /**
     * Up to {@code limit} reports of one target that carry a value, as of {@code asOf} or earlier (any date when null),
     * latest first: by as-of date, then arrival. Read through {@value #VALUE_KEY} from the end of the target's range, so
     * a target's long history costs no more than a short one.
     */
    List<ProgressReport> latestValues(int planYear, String targetId, LocalDate asOf, int limit) {
        return mongo.find(latestValuesQuery(planYear, targetId, asOf, limit), ProgressReport.class, collection());
    }

    static Query latestValuesQuery(int planYear, String targetId, LocalDate asOf, int limit) {
        Criteria criteria = Criteria.where(VALUE_KEY).regex("^" + literal(targetId + "/" + planYear + "/"));
        if (asOf != null) {
            criteria = criteria.and("asOf").lte(asOf);
        }
        return Query.query(criteria).with(Sort.by(Sort.Direction.DESC, VALUE_KEY)).limit(limit);
    }

    /** Orders a target's values as their latest value is chosen: by as-of date, then arrival (to the millisecond). */
    private static String valueKey(ProgressReport report) {
        return report.targetId() + "/" + report.planYear() + "/" + report.asOf() + "/"
                + String.format(Locale.ROOT, "%015d", report.acceptedAt().toEpochMilli()) + "/"
                + report.reportId();
    }

    static Query historyQuery(String itemId, Integer planYear) {
        return Query.query(historyCriteria(itemId, planYear));
    }

    private static Criteria historyCriteria(String itemId, Integer planYear) {
        String prefix = itemId + "/" + (planYear == null ? "" : planYear + "/");
        return Criteria.where(HISTORY_KEY).regex("^" + literal(prefix));
    }

    static Query supersededByQuery(String reportId) {
        Query query = Query.query(Criteria.where(SUPERSEDES).is(reportId));
        query.fields().include("_id");
        return query;
    }

    static Query correctionsQuery(List<String> reportIds) {
        Query query = Query.query(Criteria.where(SUPERSEDES).in(reportIds));
        query.fields().include("_id", SUPERSEDES);
        return query;
    }

    /** For each of {@code reportIds} that another report corrects: that report's id (through {@value #SUPERSEDES}). */
    Map<String, String> corrections(List<String> reportIds) {
        Map<String, String> found = new HashMap<>();
        for (int from = 0; from < reportIds.size(); from += 500) {
            List<String> chunk = reportIds.subList(from, Math.min(reportIds.size(), from + 500));
            mongo.find(correctionsQuery(chunk), Document.class, collection())
                    .forEach(document -> found.put(document.getString(SUPERSEDES), document.getString("_id")));
        }
        return found;
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
        document.put(YEAR_KEY, yearKey(report.planYear(), report.asOf().toString(), report.reportId()));
        document.put(DEPARTMENT_KEY, departmentKey(report.department(), report.planYear(), report.asOf().toString(),
                report.reportId()));
        if (report.value() != null) {
            document.put(VALUE_KEY, valueKey(report)); // sparse: only reports with a value are in the index
        }
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
