package org.keywork.progress.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.keywork.progress.report.BulkUpload.Status;
import org.keywork.support.store.DocumentStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Bulk uploads (collection {@value BulkUpload#COLLECTION}), each stored whole before its reports are written.
 *
 * <p>An upload not yet expanded carries the marker {@value #PENDING} (unique, sparse), so recovery reads only those;
 * an accepted upload is kept for {@code keywork.progress.bulk-retention} (90 days by default: a retry of the same file
 * within that time is answered as before; later, its reports are recognised by their ids) and then purged.
 */
@Component
class BulkUploadStore extends DocumentStore {

    static final String PENDING = "pendingSince";
    static final String ACCEPTED_AT = "acceptedAt";
    /** Real time, whatever the business clock says: when the accepted upload may go. */
    static final String PURGE_AFTER = "purgeAfter";

    private final Duration retention;

    BulkUploadStore(MongoTemplate mongo, @Value("${keywork.progress.bulk-retention:90d}") Duration retention) {
        super(mongo, BulkUpload.COLLECTION);
        this.retention = retention;
    }

    @Override
    public List<IndexDefinition> indexes() {
        return List.of(new Index(PENDING, Sort.Direction.ASC).unique().sparse().named(PENDING),
                new Index(PURGE_AFTER, Sort.Direction.ASC).named(PURGE_AFTER));
    }

    /** Stores a new upload as pending. @throws org.springframework.dao.DuplicateKeyException if its id is taken */
    void insert(BulkUpload upload) {
        Document document = new Document();
        mongo.getConverter().write(upload, document);
        document.put(PENDING, upload.receivedAt() + "|" + upload.uploadId());
        mongo.insert(document, collection());
    }

    Optional<BulkUpload> find(String uploadId) {
        return Optional.ofNullable(mongo.findById(uploadId, BulkUpload.class, collection()));
    }

    /** Uploads still pending that were received before {@code before}: read through the pending marker alone. */
    List<BulkUpload> pending(Instant before) {
        return mongo.find(Query.query(Criteria.where(PENDING).regex("^")), BulkUpload.class, collection()).stream()
                .filter(upload -> upload.status() == Status.PENDING && !upload.receivedAt().isAfter(before))
                .toList();
    }

    /** Marks the upload accepted (once), with the report ids another report had taken. */
    void accepted(String uploadId, Instant at, List<String> conflicts) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(uploadId).and("status").is(Status.PENDING.name())),
                new Update().set("status", Status.ACCEPTED.name()).set(ACCEPTED_AT, at).set("conflicts", conflicts)
                        .set(PURGE_AFTER, Instant.now().plus(retention)).unset(PENDING),
                collection());
    }

    @Override
    public long purgeExpired(Instant now, int limit) {
        return deleteBatch(Query.query(Criteria.where(PURGE_AFTER).lt(now)), limit);
    }
}
