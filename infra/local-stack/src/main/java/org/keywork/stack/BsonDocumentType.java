package org.keywork.stack;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Stores the documents of a collection as BSON instead of Java serialization.
 *
 * <p>Why: the H2 backend keeps documents with MVStore's default {@link ObjectDataType}, which Java-serializes every
 * document each time its page is written (at every commit that touches it) and deserializes it on every page read.
 * That was most of the wire server's CPU, and a serialized document is about twice its BSON size. BSON is what the
 * documents arrived as and what every reply encodes them to again, so it loses nothing.
 *
 * <p>Compatible both ways with files written before: a BSON value starts with a tag byte that {@link ObjectDataType}
 * never writes, and every other value is read and written by {@link ObjectDataType} exactly as before. Old documents
 * become BSON when their page is next written. A value BSON cannot hold (a type the wire protocol has no encoding
 * for) is stored Java-serialized, as before, rather than failing the commit.
 */
final class BsonDocumentType extends BasicDataType<Object> {

    static final BsonDocumentType INSTANCE = new BsonDocumentType();

    /** Tag of a BSON value; {@link ObjectDataType} writes tags 0 to 119 only. */
    private static final byte BSON_TAG = (byte) 0xB5;
    /** A deserialized document takes roughly this many times its BSON size on the heap (page split, cache). */
    private static final int MEMORY_PER_BSON_BYTE = 3;

    /** Encodings kept by identity between a document's log write and its page write (a few MB at most). */
    private static final int MAX_KEPT_ENCODINGS = 20_000;
    private static final int MAX_KEPT_BUFFER = 1024 * 1024;
    private static final ThreadLocal<ByteBuf> ENCODER_BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

    private final ObjectDataType legacy = new ObjectDataType();
    private final Map<IdentityKey, byte[]> recentlyEncoded = new ConcurrentHashMap<>();
    /** Moving average of the memory a document takes; estimates without encoding each one again. */
    private volatile int averageMemory = 3 * 1024;

    private BsonDocumentType() {
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageMemory : legacy.getMemory(value);
    }

    /** Writes a page's value: the encoding the log just made of this document if there is one, else a new one. */
    @Override
    public void write(WriteBuffer buffer, Object value) {
        byte[] bson = value instanceof Document document ? remembered(document) : null;
        write(buffer, value, bson);
    }

    /**
     * Writes a value into the write-ahead log: always encoded afresh (the backend changes a stored document in place
     * before storing it again), and remembered for the page write at the next checkpoint.
     */
    void writeForLog(WriteBuffer buffer, Object value) {
        byte[] bson = null;
        if (value instanceof Document document) {
            bson = encode(document);
            IdentityKey key = new IdentityKey(document);
            if (bson != null && recentlyEncoded.size() < MAX_KEPT_ENCODINGS) {
                recentlyEncoded.put(key, bson);
            } else {
                recentlyEncoded.remove(key); // never leave an encoding of what the document was before
            }
        }
        write(buffer, value, bson);
    }

    private void write(WriteBuffer buffer, Object value, byte[] bson) {
        if (bson == null) {
            legacy.write(buffer, value);
            return;
        }
        buffer.put(BSON_TAG).putVarInt(bson.length).put(bson);
        adjustAverage(bson.length);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON_TAG) {
            return legacy.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        ByteBuf bson;
        if (buffer.hasArray()) {
            bson = Unpooled.wrappedBuffer(buffer.array(), buffer.arrayOffset() + buffer.position(), length);
            buffer.position(buffer.position() + length);
        } else {
            byte[] copy = new byte[length];
            buffer.get(copy);
            bson = Unpooled.wrappedBuffer(copy);
        }
        adjustAverage(length);
        return BsonDecoder.decodeBson(bson);
    }

    @Override
    public int compare(Object a, Object b) {
        return legacy.compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }

    /**
     * Forgets the encodings kept for the next page write; called after each checkpoint, which wrote the pages of
     * every document the log recorded since the previous one. (Kept by identity: a document is encoded once for the
     * log when stored and its page written at the next checkpoint; the page write reuses that encoding.)
     */
    void forgetEncodings() {
        recentlyEncoded.clear();
    }

    /** The document as BSON: as the log last encoded it, or encoded now; null if BSON cannot hold a value in it. */
    private byte[] remembered(Document document) {
        byte[] bson = recentlyEncoded.remove(new IdentityKey(document));
        return bson != null ? bson : encode(document);
    }

    /** The document as BSON, or null if it holds a value BSON has no encoding for. */
    private static byte[] encode(Document document) {
        ByteBuf out = ENCODER_BUFFER.get().clear();
        try {
            BsonEncoder.encodeDocument(document, out);
        } catch (IllegalArgumentException | ClassCastException unencodable) {
            return null;
        }
        byte[] bson = new byte[out.readableBytes()];
        out.readBytes(bson);
        if (out.capacity() > MAX_KEPT_BUFFER) {
            ENCODER_BUFFER.remove();
        }
        return bson;
    }

    /** A map key that is the document itself, not its contents. */
    private record IdentityKey(Document document) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityKey key && key.document == document;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(document);
        }
    }

    private void adjustAverage(int bsonLength) {
        averageMemory = (int) ((MEMORY_PER_BSON_BYTE * (long) bsonLength + 15L * averageMemory) / 16);
    }
}
