package org.keywork.stack;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import org.h2.mvstore.type.StringDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Keys of a unique index ({@link KeyValue}) in unique-index maps created by this server: written compactly and
 * ordered by their values, so an index search compares strings or numbers instead of serializations.
 *
 * <p>Why: with MVStore's default type, every comparison in an index search Java-serialized both keys, and every
 * index page read Java-deserialized its keys; together about a third of the wire server's CPU.
 *
 * <p>The order must agree with {@link KeyValue#equals}: keys are compared value by value, values of different kinds
 * by kind, strings, numbers (normalized to {@link Double}, or {@link Long} when a double cannot hold them), booleans,
 * object ids, instants and UUIDs by their own order, which agrees with their equality. Any other value (an embedded
 * document, an array, binary data) is compared by class name and then by its Java serialization, as MVStore's default
 * type compares everything, and stored serialized.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private static final byte NULL = 0;
    private static final byte BOOLEAN = 1;
    private static final byte INTEGER = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte STRING = 5;
    private static final byte OBJECT_ID = 6;
    private static final byte INSTANT = 7;
    private static final byte UUID_VALUE = 8;
    private static final byte SERIALIZED = 9;

    private IndexKeyType() {
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 48;
        for (Object value : key) {
            memory += value instanceof String s ? 48 + 2 * s.length() : 32;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            byte kind = kind(value);
            buffer.put(kind);
            switch (kind) {
                case NULL -> { }
                case BOOLEAN -> buffer.put((byte) ((Boolean) value ? 1 : 0));
                case INTEGER -> buffer.putInt((Integer) value);
                case LONG -> buffer.putLong((Long) value);
                case DOUBLE -> buffer.putLong(Double.doubleToRawLongBits((Double) value));
                case STRING -> StringDataType.INSTANCE.write(buffer, (String) value);
                case OBJECT_ID -> buffer.put(((ObjectId) value).toByteArray());
                case INSTANT -> buffer.putLong(((Instant) value).getEpochSecond()).putInt(((Instant) value).getNano());
                case UUID_VALUE -> buffer.putLong(((UUID) value).getMostSignificantBits())
                        .putLong(((UUID) value).getLeastSignificantBits());
                default -> {
                    byte[] serialized = ObjectDataType.serialize(value);
                    buffer.putVarInt(serialized.length).put(serialized);
                }
            }
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte kind = buffer.get();
            values.add(switch (kind) {
                case NULL -> null;
                case BOOLEAN -> buffer.get() != 0;
                case INTEGER -> buffer.getInt();
                case LONG -> buffer.getLong();
                case DOUBLE -> Double.longBitsToDouble(buffer.getLong());
                case STRING -> StringDataType.INSTANCE.read(buffer);
                case OBJECT_ID -> {
                    byte[] id = new byte[12];
                    buffer.get(id);
                    yield new ObjectId(id);
                }
                case INSTANT -> Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
                case UUID_VALUE -> new UUID(buffer.getLong(), buffer.getLong());
                case SERIALIZED -> {
                    byte[] serialized = new byte[DataUtils.readVarInt(buffer)];
                    buffer.get(serialized);
                    yield ObjectDataType.deserialize(serialized);
                }
                default -> throw new IllegalStateException("unknown index key value kind " + kind);
            });
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    private static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        byte kindA = kind(a);
        byte kindB = kind(b);
        if (kindA != kindB) {
            return Byte.compare(kindA, kindB);
        }
        return switch (kindA) {
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case INTEGER -> Integer.compare((Integer) a, (Integer) b);
            case LONG -> Long.compare((Long) a, (Long) b);
            case DOUBLE -> Double.compare((Double) a, (Double) b);
            case STRING -> ((String) a).compareTo((String) b);
            case OBJECT_ID -> ((ObjectId) a).compareTo((ObjectId) b);
            case INSTANT -> ((Instant) a).compareTo((Instant) b);
            case UUID_VALUE -> ((UUID) a).compareTo((UUID) b);
            default -> {
                int byClass = a.getClass().getName().compareTo(b.getClass().getName());
                yield byClass != 0 ? byClass
                        : ObjectDataType.compareNotNull(ObjectDataType.serialize(a), ObjectDataType.serialize(b));
            }
        };
    }

    private static byte kind(Object value) {
        if (value == null) {
            return NULL;
        } else if (value instanceof String) {
            return STRING;
        } else if (value instanceof Double) {
            return DOUBLE;
        } else if (value instanceof Integer) {
            return INTEGER;
        } else if (value instanceof Long) {
            return LONG;
        } else if (value instanceof Boolean) {
            return BOOLEAN;
        } else if (value instanceof ObjectId) {
            return OBJECT_ID;
        } else if (value instanceof Instant) {
            return INSTANT;
        } else if (value instanceof UUID) {
            return UUID_VALUE;
        }
        return SERIALIZED;
    }
}
