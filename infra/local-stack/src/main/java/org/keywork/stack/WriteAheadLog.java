package org.keywork.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntFunction;
import java.util.zip.CRC32C;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;

/**
 * A redo log of the store's map changes since the store was last committed: what makes a write durable between
 * MVStore commits.
 *
 * <p>Why: an MVStore commit writes a new chunk holding every changed page and the path above it plus the store's
 * chunk layout; a small write costs several kilobytes and most of the server's CPU, and the file fills with chunks
 * that hold a few live pages each. Appending the change itself (the document as BSON, an index key) to this log costs
 * a fraction of that, and the store is committed (a "checkpoint") only about once a second, which amortizes the tree
 * and layout writes over thousands of changes.
 *
 * <p>Format: a sequence of records, each {@code [payload length: int][CRC32C of payload: int][payload]}; a payload
 * is a sequence of operations {@code PUT map-id key value} or {@code REMOVE map-id key}, keys and values each after
 * their length and written by the map's own {@link DataType}s, so they read back as the store would read them. A
 * record is written with one {@code write} call after every change it holds was applied in memory: a process kill
 * leaves whole records, and a torn or garbled tail (a power cut) ends the replay.
 *
 * <p>Replaying puts and removes in their original order onto any state the store was committed in since the log was
 * last reset ends in the state the log describes, whatever part of the log that commit already held: so a crash
 * between a commit and the reset that follows it does no harm.
 *
 * <p>Thread safety: {@link #put}, {@link #remove}, {@link #hasPending} and {@link #takePending} may be called by any
 * thread; {@link #write}, {@link #reset} and {@link #replay} by one thread at a time (the one committing).
 */
final class WriteAheadLog implements AutoCloseable {

    private static final byte PUT = 1;
    private static final byte REMOVE = 2;
    private static final int HEADER_LENGTH = 8;
    /** An operation is encoded here, outside the lock (a document takes a while), and appended under it. */
    private static final ThreadLocal<WriteBuffer> OPERATION = ThreadLocal.withInitial(() -> new WriteBuffer(16 * 1024));

    private final Path path;
    private final FileChannel file;
    /** Changes applied in memory and not yet written (guarded by {@code this}). */
    private final WriteBuffer pending = new WriteBuffer(64 * 1024);
    /** Whether changes are recorded; off while replaying and during store maintenance. */
    private volatile boolean recording = true;
    /** Bytes in the file (written by the committing thread only). */
    private volatile long size;

    private WriteAheadLog(Path path, FileChannel file, long size) {
        this.path = path;
        this.file = file;
        this.size = size;
    }

    /** Opens (or creates) the log of the store in {@code storeFile}: a file beside it, named {@code <store>.wal}. */
    static WriteAheadLog open(Path storeFile) {
        Path path = storeFile.resolveSibling(storeFile.getFileName() + ".wal");
        try {
            FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            return new WriteAheadLog(path, file, file.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the write-ahead log " + path, e);
        }
    }

    Path path() {
        return path;
    }

    boolean isRecording() {
        return recording;
    }

    /** Stops or resumes recording; only while no command can change the store. */
    void setRecording(boolean recording) {
        this.recording = recording;
    }

    /** Records that {@code key} of map {@code mapId} now holds {@code value}. */
    <K, V> void put(int mapId, DataType<K> keyType, K key, DataType<V> valueType, V value) {
        WriteBuffer operation = OPERATION.get().clear();
        operation.put(PUT).putVarInt(mapId);
        putSized(operation, keyType, key);
        putSized(operation, valueType, value);
        append(operation);
    }

    /** Records that {@code key} was removed from map {@code mapId}. */
    <K> void remove(int mapId, DataType<K> keyType, K key) {
        WriteBuffer operation = OPERATION.get().clear();
        operation.put(REMOVE).putVarInt(mapId);
        putSized(operation, keyType, key);
        append(operation);
    }

    /** Writes {@code value} after its length, so that replay can skip it (its map was dropped since). */
    private static <T> void putSized(WriteBuffer buffer, DataType<T> type, T value) {
        int lengthAt = buffer.position();
        buffer.putInt(0);
        if (type instanceof BsonDocumentType documents) {
            documents.writeForLog(buffer, value);
        } else {
            type.write(buffer, value);
        }
        buffer.putInt(lengthAt, buffer.position() - lengthAt - Integer.BYTES);
    }

    private synchronized void append(WriteBuffer operation) {
        pending.put(operation.getBuffer().flip());
    }

    synchronized boolean hasPending() {
        return pending.position() > 0;
    }

    /** The changes recorded since the last call, as one record's payload; empty if none. */
    synchronized ByteBuffer takePending() {
        ByteBuffer payload = pending.getBuffer().flip();
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
        pending.clear();
        return copy;
    }

    /** Bytes in the log file. */
    long size() {
        return size;
    }

    /** Appends {@code payload} as one record (one write call: a kill leaves all of it or none). */
    void write(ByteBuffer payload) {
        if (!payload.hasRemaining()) {
            return;
        }
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        ByteBuffer record = ByteBuffer.allocate(HEADER_LENGTH + payload.remaining());
        record.putInt(payload.remaining()).putInt((int) crc.getValue()).put(payload).flip();
        try {
            long at = size;
            while (record.hasRemaining()) {
                at += file.write(record, at);
            }
            size = at;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the write-ahead log " + path, e);
        }
    }

    /** Empties the log, once the store holds everything in it (after a commit). */
    void reset() {
        synchronized (this) {
            pending.clear();
        }
        try {
            file.truncate(0);
            size = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the write-ahead log " + path, e);
        }
    }

    /**
     * Applies the log to the maps ({@code maps} gives the open map of an id, or null if the store has no such map
     * any more); stops at the first torn or garbled record. Recording is off meanwhile. Returns the number of changes
     * applied.
     */
    long replay(IntFunction<MVMap<Object, Object>> maps) {
        ByteBuffer log = readAll();
        long applied = 0;
        boolean wasRecording = recording;
        recording = false;
        try {
            while (log.remaining() >= HEADER_LENGTH) {
                int length = log.getInt();
                int checksum = log.getInt();
                if (length <= 0 || length > log.remaining()) {
                    break;
                }
                ByteBuffer payload = log.slice(log.position(), length);
                CRC32C crc = new CRC32C();
                crc.update(payload.duplicate());
                if ((int) crc.getValue() != checksum) {
                    break;
                }
                log.position(log.position() + length);
                while (payload.hasRemaining()) {
                    byte operation = payload.get();
                    MVMap<Object, Object> map = maps.apply(DataUtils.readVarInt(payload));
                    if (operation != PUT && operation != REMOVE) {
                        throw new IllegalStateException("unknown operation " + operation + " in " + path);
                    }
                    ByteBuffer key = sized(payload);
                    ByteBuffer value = operation == PUT ? sized(payload) : null;
                    if (map == null) {
                        continue; // its map was dropped after this change, and the drop is in the store
                    }
                    if (value != null) {
                        map.put(map.getKeyType().read(key), map.getValueType().read(value));
                    } else {
                        map.remove(map.getKeyType().read(key));
                    }
                    applied++;
                }
            }
        } finally {
            recording = wasRecording;
        }
        return applied;
    }

    private static ByteBuffer sized(ByteBuffer payload) {
        int length = payload.getInt();
        ByteBuffer value = payload.slice(payload.position(), length);
        payload.position(payload.position() + length);
        return value;
    }

    private ByteBuffer readAll() {
        try {
            long length = file.size();
            if (length > Integer.MAX_VALUE) {
                throw new IllegalStateException("write-ahead log too large: " + path);
            }
            ByteBuffer all = ByteBuffer.allocate((int) length);
            while (all.hasRemaining() && file.read(all, all.position()) >= 0) {
                // read on
            }
            return all.flip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the write-ahead log " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the write-ahead log " + path, e);
        }
    }
}
