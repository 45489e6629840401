package org.keywork.goal.plan;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.keywork.events.EventEnvelope;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.PlanItemPublished;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.events.PolledRecord;
import org.keywork.support.events.PoisonEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code planItemChanges-in-0}, in an anonymous group of its own on every instance (so each instance sees
 * every event): the events announcing that a plan item changed, whichever instance changed it, keep this
 * instance's in-memory plans current ({@link PlanItems#ofYear}). It only marks items to read again: it has no effect
 * of its own to make idempotent, and an event it cannot read is skipped. The events of changes this instance made
 * (its {@link EventCodec#origin()} in the relay's header) are skipped unread: its own writes marked those items.
 * In batch mode: a poll's events are taken in one call.
 */
@Configuration(proxyBeanMethods = false)
class PlanItemChangesConsumer {

    private static final Logger log = LoggerFactory.getLogger(PlanItemChangesConsumer.class);

    @Bean
    Consumer<Message<List<byte[]>>> planItemChanges(EventCodec codec, PlanItems items, MeterRegistry meters) {
        return batch -> PolledRecord.of(batch).forEach(record -> changed(record, codec, items, meters));
    }

    private static void changed(PolledRecord record, EventCodec codec, PlanItems items, MeterRegistry meters) {
        String type = text(record.headers().get(OutboxRelay.EVENT_TYPE_HEADER));
        if ((IndicatorStatusChanged.TYPE.equals(type) || PlanItemPublished.TYPE.equals(type))
                && codec.origin().equals(text(record.headers().get(OutboxRelay.ORIGIN_HEADER)))) {
            // this instance made the change: its write marked the item already (PlanItems)
            meters.counter("keywork.plan.view.changes", "type", type, "origin", "own").increment();
            return;
        }
        try {
            @SuppressWarnings("rawtypes")
            EventEnvelope<Map> envelope = codec.decode(record.value(), Map.class);
            Map<?, ?> payload = envelope.payload();
            if (payload == null || !(payload.get("planYear") instanceof Number year)
                    || !(payload.get("itemId") instanceof String itemId)) {
                return;
            }
            meters.counter("keywork.plan.view.changes", "type", envelope.type(), "origin", "other").increment();
            switch (envelope.type()) {
                case ProgressReportAccepted.TYPE -> {
                    if (payload.get("reportId") instanceof String reportId) {
                        items.reportAccepted(year.intValue(), itemId, reportId);
                    }
                }
                case IndicatorStatusChanged.TYPE, PlanItemPublished.TYPE ->
                        items.changedElsewhere(year.intValue(), itemId);
                default -> {
                }
            }
        } catch (PoisonEventException unreadable) {
            log.debug("Skipping an unreadable event: {}", unreadable.getMessage());
        }
    }

    private static String text(byte[] header) {
        return header == null ? null : new String(header, StandardCharsets.UTF_8);
    }
}
