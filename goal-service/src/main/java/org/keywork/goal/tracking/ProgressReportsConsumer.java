package org.keywork.goal.tracking;

import java.util.List;
import java.util.function.Consumer;
import org.keywork.events.EventEnvelope;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code progressReports-in-0}: every accepted report is taken into its indicator. The indicator (or the
 * qualitative goal) keeps the ids of the reports it took in, so the tracker's one write is its own idempotency
 * record: a redelivered report is the current one, in that window, or older than the current value (noted as stale,
 * no event); no processed-message record is needed on this, the busiest path. In batch mode: a poll's reports are
 * taken in together, per item one read and one write ({@link IndicatorTracker#applyAll}).
 */
@Configuration(proxyBeanMethods = false)
class ProgressReportsConsumer {

    static final String GROUP = "goal-service";

    @Bean
    Consumer<Message<List<byte[]>>> progressReports(InboundEvents inbound, IndicatorTracker tracker) {
        return batch -> inbound.handleIdempotentBatch(GROUP, batch, ProgressReportAccepted.class,
                ProgressReportAccepted.TYPE, ProgressReportAccepted.VERSION,
                envelopes -> tracker.applyAll(envelopes.stream().map(EventEnvelope::payload).toList()));
    }
}
