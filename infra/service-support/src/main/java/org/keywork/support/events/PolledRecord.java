package org.keywork.support.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * One record of a poll, as a batch consumer receives it: where it came from, its key, body and headers. Enough to
 * send it to a dead-letter topic exactly as the binder would have sent it.
 *
 * @param headers the record's own headers, as bytes
 */
public record PolledRecord(String topic, int partition, long offset, long timestamp, String timestampType, byte[] key,
        byte[] value, Map<String, byte[]> headers) {

    /** The records of one poll as Spring Cloud Stream hands them over in batch mode (its headers are lists). */
    public static List<PolledRecord> of(Message<List<byte[]>> batch) {
        List<PolledRecord> records = new ArrayList<>(batch.getPayload().size());
        for (int i = 0; i < batch.getPayload().size(); i++) {
            records.add(at(batch, i));
        }
        return records;
    }

    /** Record {@code index} of a poll, read from the batch message's header lists only when asked for. */
    public static PolledRecord at(Message<List<byte[]>> batch, int index) {
        MessageHeaders h = batch.getHeaders();
        Map<String, byte[]> headers = new java.util.LinkedHashMap<>();
        if (at(list(h, KafkaHeaders.BATCH_CONVERTED_HEADERS), index) instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                byte[] bytes = bytes(value);
                if (bytes != null) {
                    headers.put(name.toString(), bytes);
                }
            });
        }
        Object timestampType = at(list(h, KafkaHeaders.TIMESTAMP_TYPE), index);
        return new PolledRecord(String.valueOf(at(list(h, KafkaHeaders.RECEIVED_TOPIC), index)),
                number(at(list(h, KafkaHeaders.RECEIVED_PARTITION), index)).intValue(),
                number(at(list(h, KafkaHeaders.OFFSET), index)).longValue(),
                number(at(list(h, KafkaHeaders.RECEIVED_TIMESTAMP), index)).longValue(),
                timestampType == null ? "CREATE_TIME" : timestampType.toString(),
                bytes(at(list(h, KafkaHeaders.RECEIVED_KEY), index)), batch.getPayload().get(index), headers);
    }

    /** A record the listener container hands to its error handler's recoverer. */
    public static PolledRecord of(ConsumerRecord<?, ?> record) {
        Map<String, byte[]> headers = new java.util.LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return new PolledRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType().toString(), bytes(record.key()), bytes(record.value()), headers);
    }

    private static List<?> list(MessageHeaders headers, String name) {
        return headers.get(name) instanceof List<?> list ? list : Collections.emptyList();
    }

    private static Object at(List<?> list, int index) {
        return index < list.size() ? list.get(index) : null;
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : -1;
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        return value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
    }
}
