package org.keywork.stack;

import java.util.List;
import java.util.stream.Collectors;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;

/**
 * How each of the H2 backend's maps is opened: which data types it uses and that its changes are recorded in the
 * {@link WriteAheadLog}. One policy for the backend and for replaying the log, so a map always has the same types.
 *
 * <p>The H2 backend names its maps {@code databases.<db>.<collection>} (documents), {@code meta.<db>.<collection>}
 * (collection metadata) and {@code <db>.<collection>._index_<index>} (unique indexes). Documents are kept as BSON
 * ({@link BsonDocumentType}), unique-index keys ordered by value ({@link IndexKeyType}). A name is classified by its
 * prefix first, so a database or collection whose name looks like another kind of map costs speed, never data.
 *
 * <p>A file of the plain H2 backend (MVStore's default types) cannot be read with these types: the store records its
 * format in a map of its own and refuses a file with the backend's maps but without that record
 * ({@link #checkFormat()}).
 */
final class StoreMaps {

    private static final String INDEX_INFIX = "._index_";
    private static final String DOCUMENTS_PREFIX = "databases.";
    private static final String COLLECTION_META_PREFIX = "meta.";
    /** The store's format: {@link #FORMAT_KEY} to {@link #FORMAT}. */
    private static final String FORMAT_MAP = "keywork.format";
    private static final String FORMAT_KEY = "maps";
    private static final String FORMAT = "bson-documents,value-ordered-index-keys";

    private final MVStore store;
    private final WriteAheadLog log;
    private final CommandGate gate;

    StoreMaps(MVStore store, WriteAheadLog log, CommandGate gate) {
        this.store = store;
        this.log = log;
        this.gate = gate;
    }

    /** Documents of a collection ({@code <db>.<collection>}). */
    static String documentsMap(String namespace) {
        return DOCUMENTS_PREFIX + namespace;
    }

    /** Metadata of a collection (its data size). */
    static String collectionMetaMap(String namespace) {
        return COLLECTION_META_PREFIX + namespace;
    }

    /** An index of a collection (unique or not). */
    static String indexMap(String namespace, String indexName) {
        return namespace + INDEX_INFIX + indexName;
    }

    private enum Kind { DOCUMENTS, COLLECTION_META, INDEX, OTHER }

    private static Kind kind(String name) {
        if (name.startsWith(DOCUMENTS_PREFIX)) {
            return Kind.DOCUMENTS;
        } else if (name.startsWith(COLLECTION_META_PREFIX)) {
            return Kind.COLLECTION_META;
        } else if (name.contains(INDEX_INFIX)) {
            return Kind.INDEX;
        }
        return Kind.OTHER;
    }

    /** Opens the map (or returns it, if open): a {@link LoggedMVMap} for the backend's maps. */
    synchronized MVMap<Object, Object> open(String name) {
        return store.openMap(name, builder(name));
    }

    /**
     * Records the format in a new store; refuses a store whose backend maps were written in another format (by the
     * plain H2 backend, or an earlier build of this one), which these types would misread.
     */
    void checkFormat() {
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        String found = format.get(FORMAT_KEY);
        if (found == null && store.getMapNames().stream().noneMatch(name -> kind(name) != Kind.OTHER)) {
            format.put(FORMAT_KEY, FORMAT);
        } else if (!FORMAT.equals(found)) {
            throw new IllegalStateException("The data file " + store.getFileStore().getFileName()
                    + " was written in another format (" + (found == null ? "the plain H2 backend's" : found)
                    + ") and cannot be read by this build; for local data, delete it and its .wal to start afresh");
        }
    }

    /**
     * Opens every map of the backend's kinds that the store holds, so that the backend, opening the existing
     * collections and indexes, finds them open with the right types and logging.
     */
    void openAll() {
        for (String name : store.getMapNames()) {
            if (kind(name) != Kind.OTHER) {
                open(name);
            }
        }
    }

    /** The map with this id, opened if need be; null if the store has no such map (it was dropped). */
    MVMap<Object, Object> byId(int id) {
        String name = store.getMapName(id);
        return name == null ? null : open(name);
    }

    /**
     * Open maps whose changes are not recorded in the log (opened by someone else, or of a kind this class does
     * not know): while there are any, every change must be committed to the store itself.
     */
    List<String> unloggedOpenMaps() {
        MVMap<String, String> meta = store.getMetaMap();
        return store.getMapNames().stream()
                .filter(name -> !name.equals(FORMAT_MAP))
                .filter(name -> {
                    String id = meta.get(DataUtils.META_NAME + name);
                    MVMap<?, ?> map = id == null ? null : store.getMap(Integer.parseInt(id, 16));
                    return map != null && !(map instanceof LoggedMVMap);
                })
                .collect(Collectors.toList());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private MVMap.MapBuilder<MVMap<Object, Object>, Object, Object> builder(String name) {
        Kind kind = kind(name);
        if (kind == Kind.OTHER) {
            return new MVMap.Builder<>();
        }
        LoggedMVMap.Builder<Object, Object> builder = new LoggedMVMap.Builder<>(log, gate);
        if (kind == Kind.INDEX) {
            builder.keyType((DataType) IndexKeyType.INSTANCE);
        } else if (kind == Kind.DOCUMENTS) {
            builder.valueType(BsonDocumentType.INSTANCE);
        }
        return (MVMap.MapBuilder) builder;
    }
}
