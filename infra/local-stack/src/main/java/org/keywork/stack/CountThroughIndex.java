package org.keywork.stack;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The Java driver's {@code countDocuments} as the wire server's {@code count} command, so that it is served by an index.
 *
 * <p>The driver counts with an aggregation, {@code [{$match: q}, {$skip: s}?, {$limit: l}?, {$group: {_id: 1, n:
 * {$sum: 1}}}]}. MongoDB answers its leading {@code $match} from an index; mongo-java-server streams every document of
 * the collection through the pipeline, so every count (a page's total, say) read the whole collection. Its
 * {@code count} command plans the query like a find (an index, else a scan): the same number, read through the index.
 */
final class CountThroughIndex {

    private CountThroughIndex() {
    }

    /** The {@code count} command for an {@code aggregate} command that only counts; null for any other. */
    static Document countCommand(String command, Document aggregate) {
        if (!"aggregate".equals(command) || !(aggregate.get("pipeline") instanceof List<?> pipeline)
                || pipeline.size() < 2 || pipeline.size() > 4) {
            return null;
        }
        for (String key : aggregate.keySet()) {
            if (!List.of("aggregate", "pipeline", "cursor", "$db", "lsid", "$readPreference", "maxTimeMS", "comment",
                    "$clusterTime", "txnNumber", "autocommit").contains(key)) {
                return null; // a hint, a collation, …: left to the aggregation
            }
        }
        if (!(pipeline.get(0) instanceof Document first) || first.size() != 1
                || !(first.get("$match") instanceof Document match) || !isCountGroup(pipeline.get(pipeline.size() - 1))) {
            return null;
        }
        Document count = new Document("count", aggregate.get("aggregate")).append("query", match);
        for (Object stage : pipeline.subList(1, pipeline.size() - 1)) {
            if (!(stage instanceof Document step) || step.size() != 1) {
                return null;
            }
            String name = step.keySet().iterator().next();
            if (!(step.get(name) instanceof Number number) || !(name.equals("$skip") || name.equals("$limit"))
                    || count.containsKey(name.substring(1))) {
                return null;
            }
            count.append(name.substring(1), number.intValue());
        }
        return count;
    }

    /** {@code {$group: {_id: 1, n: {$sum: 1}}}}: the driver's counting stage. */
    private static boolean isCountGroup(Object stage) {
        if (!(stage instanceof Document step) || step.size() != 1 || !(step.get("$group") instanceof Document group)
                || group.size() != 2 || !(group.get("_id") instanceof Number id) || id.intValue() != 1
                || !(group.get("n") instanceof Document sum) || sum.size() != 1
                || !(sum.get("$sum") instanceof Number one)) {
            return false;
        }
        return one.intValue() == 1;
    }

    /** The aggregation's answer for the {@code count} command's {@code reply}: one group, none when nothing matched. */
    static Document cursorReply(String database, Object collection, Document reply) {
        long n = ((Number) reply.get("n")).longValue();
        List<Document> batch = n == 0 ? List.of() : List.of(new Document("_id", 1).append("n", (int) n));
        Document cursor = new Document("id", 0L).append("ns", database + "." + collection).append("firstBatch", batch);
        return new Document("cursor", cursor).append("ok", 1.0);
    }
}
