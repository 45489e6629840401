package org.keywork.notification.alert;

import java.util.List;
import org.keywork.support.store.DocumentStore;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.stereotype.Component;

/**
 * The alerts collection ({@value Alert#COLLECTION}): the indexes its queries use, created at start-up.
 *
 * <ul>
 * <li>{@value Alert#ESCALATION_CHECK} and {@value Alert#DIGEST_PENDING}, unique and sparse: the escalation sweep and
 * the digest dispatch read only the alerts that have work due (on the embedded wire server too, which serves them from
 * the index alone);</li>
 * <li>{@code planYear, targetId, status}: the unresolved alerts of one target, resolved when it recovers;</li>
 * <li>{@code recipients.position, raisedAt}: an inbox, newest first.</li>
 * </ul>
 * Alerts are kept: they are the record of who was told what and when (the 考核 and the 督查 rest on them).
 */
@Component
class AlertStore extends DocumentStore {

    AlertStore(MongoTemplate mongo) {
        super(mongo, Alert.COLLECTION);
    }

    @Override
    public List<IndexDefinition> indexes() {
        return List.of(
                new Index(Alert.ESCALATION_CHECK, Sort.Direction.ASC).unique().sparse().named(Alert.ESCALATION_CHECK),
                new Index(Alert.DIGEST_PENDING, Sort.Direction.ASC).unique().sparse().named(Alert.DIGEST_PENDING),
                new CompoundIndexDefinition(new org.bson.Document("planYear", 1).append("targetId", 1)
                        .append("status", 1)).named("target-status"),
                new CompoundIndexDefinition(new org.bson.Document("recipients.position", 1).append("raisedAt", -1))
                        .named("inbox"));
    }
}
