package org.keywork.support.store;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;

/**
 * Creates every store's declared indexes at start-up, before any consumer or web request runs: creating an index
 * that exists is a no-op on MongoDB, so every instance of a service does it on every start.
 */
public class StoreIndexes implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StoreIndexes.class);

    private final MongoTemplate mongo;
    private final ObjectProvider<DocumentStore> stores;

    public StoreIndexes(MongoTemplate mongo, ObjectProvider<DocumentStore> stores) {
        this.mongo = mongo;
        this.stores = stores;
    }

    @Override
    public void afterSingletonsInstantiated() {
        int created = 0;
        for (DocumentStore store : stores.orderedStream().toList()) {
            List<IndexDefinition> indexes = store.indexes();
            for (IndexDefinition index : indexes) {
                mongo.indexOps(store.collection()).createIndex(index);
                created++;
            }
            log.debug("{}: indexes {}", store.collection(), indexes);
        }
        log.info("Store indexes in place: {}", created);
    }
}
