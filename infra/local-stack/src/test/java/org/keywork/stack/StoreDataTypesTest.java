package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/** The store's own data types: what they write reads back equal, in an order that agrees with equality. */
class StoreDataTypesTest {

    private static final ObjectDataType DEFAULT_TYPE = new ObjectDataType();

    private static List<KeyValue> sampleKeys() {
        List<KeyValue> keys = new ArrayList<>();
        for (String s : List.of("", "a", "b", "ab", "dept-001-2021-09-5.6", "区民政局")) {
            keys.add(new KeyValue(s));
        }
        for (double d : new double[] {-1.5, 0.0, 1.0, 2.0, 1e300}) {
            keys.add(new KeyValue(d));
        }
        keys.add(new KeyValue(Long.MAX_VALUE));
        keys.add(new KeyValue(Long.MIN_VALUE));
        keys.add(new KeyValue(true));
        keys.add(new KeyValue(false));
        keys.add(new KeyValue((Object) null));
        keys.add(new KeyValue(new ObjectId("5f1d7f0e8a1b2c3d4e5f6071")));
        keys.add(new KeyValue(new ObjectId("5f1d7f0e8a1b2c3d4e5f6072")));
        keys.add(new KeyValue(Instant.parse("2021-09-30T10:00:00Z")));
        keys.add(new KeyValue(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
        keys.add(new KeyValue(new Document("a", 1.0).append("b", "x")));
        keys.add(new KeyValue(new Object[] {List.of(1.0, "two")}));
        keys.add(new KeyValue("a", 1.0));
        keys.add(new KeyValue("a", 2.0));
        keys.add(new KeyValue("b", (Object) null));
        return keys;
    }

    @Test
    void indexKeysOrderAgreesWithEqualityAndIsATotalOrder() {
        List<KeyValue> keys = sampleKeys();
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int ab = IndexKeyType.INSTANCE.compare(a, b);
                assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(ab)).as("%s vs %s", a, b)
                        .isEqualTo(-Integer.signum(IndexKeyType.INSTANCE.compare(b, a)));
                for (KeyValue c : keys) {
                    if (ab < 0 && IndexKeyType.INSTANCE.compare(b, c) < 0) {
                        assertThat(IndexKeyType.INSTANCE.compare(a, c)).as("%s < %s < %s", a, b, c).isNegative();
                    }
                }
            }
            assertThat(IndexKeyType.INSTANCE.compare(a, copy(a))).isZero();
        }
    }

    @Test
    void indexKeysReadBackEqual() {
        for (KeyValue key : sampleKeys()) {
            assertThat(roundTrip(IndexKeyType.INSTANCE, key)).isEqualTo(key);
        }
    }

    @Test
    void documentsAreStoredAsBsonAndReadBackEqual() {
        Document document = new Document("_id", "mzj-2021-09-5.6")
                .append("planYear", 2021)
                .append("big", Long.MAX_VALUE)
                .append("ratio", 0.25)
                .append("value", new Decimal128(new BigDecimal("1.5")))
                .append("asOf", Instant.parse("2021-09-30T00:00:00Z"))
                .append("id", new ObjectId("5f1d7f0e8a1b2c3d4e5f6071"))
                .append("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                .append("done", false)
                .append("nothing", null)
                .append("note", "两处选址仍在协调")
                .append("outbox", List.of(new Document("eventId", "e-1").append("envelope", "{\"a\":1}")));
        WriteBuffer buffer = new WriteBuffer();
        BsonDocumentType.INSTANCE.write(buffer, document);
        byte[] written = bytes(buffer);
        assertThat(written.length).as("BSON, not a Java serialization").isLessThan(400);
        assertThat(BsonDocumentType.INSTANCE.read(ByteBuffer.wrap(written))).isEqualTo(document);
    }

    @Test
    void valuesWrittenByMvStoresDefaultTypeAreRead() {
        Document document = new Document("_id", "old").append("value", 3).append("list", List.of("a", "b"));
        for (Object value : List.of(document, "a string", 42L)) {
            WriteBuffer legacy = new WriteBuffer();
            DEFAULT_TYPE.write(legacy, value);
            assertThat(BsonDocumentType.INSTANCE.read(ByteBuffer.wrap(bytes(legacy)))).isEqualTo(value);
        }
    }

    @Test
    void aDocumentBsonCannotHoldIsStoredSerialized() {
        Document document = new Document("_id", "odd").append("when", new Date(0));
        assertThat(roundTrip(BsonDocumentType.INSTANCE, document)).isEqualTo(document);
    }

    @Test
    void aDocumentChangedInPlaceIsWrittenAsItIsNow() {
        Document document = new Document("_id", "changed").append("outbox", List.of("event"));
        BsonDocumentType.INSTANCE.writeForLog(new WriteBuffer(), document);
        document.put("outbox", List.of());
        BsonDocumentType.INSTANCE.writeForLog(new WriteBuffer(), document);
        assertThat(roundTrip(BsonDocumentType.INSTANCE, document)).isEqualTo(
                new Document("_id", "changed").append("outbox", List.of()));
    }

    private static KeyValue copy(KeyValue key) {
        return new KeyValue(key.stream().toList());
    }

    private static <T> T roundTrip(DataType<T> type, T value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        return type.read(ByteBuffer.wrap(bytes(buffer)));
    }

    private static byte[] bytes(WriteBuffer buffer) {
        ByteBuffer written = buffer.getBuffer().duplicate().flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }
}
