package org.keywork.testing;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * What a real MongoDB does with a store's query: the stages of its winning plan, from {@code explain()}. A store's
 * Testcontainers test asserts that each of its queries scans an index and never the collection.
 */
public final class IndexUsage {

    private IndexUsage() {
    }

    /** The stages of the winning plan of {@code filter} on {@code collection} (e.g. FETCH, IXSCAN, COLLSCAN). */
    public static List<String> stages(MongoCollection<Document> collection, Bson filter) {
        Document plan = collection.find(filter).explain();
        List<String> stages = new ArrayList<>();
        collect(plan.get("queryPlanner", Document.class).get("winningPlan"), stages);
        return stages;
    }

    private static void collect(Object node, List<String> stages) {
        if (node instanceof Document document) {
            if (document.get("stage") instanceof String stage) {
                stages.add(stage);
            }
            document.values().forEach(value -> collect(value, stages));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collect(value, stages));
        }
    }
}
