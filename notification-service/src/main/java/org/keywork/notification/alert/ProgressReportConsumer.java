package org.keywork.notification.alert;

import java.util.List;
import java.util.function.Consumer;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code progressReports-in-0}: a report that arrives settles the target's missing-report alerts. Idempotent
 * by itself, so no processed-message record is kept on this busy path: each alert is resolved by a compare-and-set
 * from open to resolved (which alone emits its event), and a redelivered report finds those alerts resolved already.
 * In batch mode: a poll's reports are taken together, one read per target ({@link Alerts#applyProgressReports}).
 */
@Configuration(proxyBeanMethods = false)
class ProgressReportConsumer {

    @Bean
    Consumer<Message<List<byte[]>>> progressReports(InboundEvents inbound, Alerts alerts) {
        return batch -> inbound.handleIdempotentBatch(IndicatorStatusConsumer.GROUP, batch,
                ProgressReportAccepted.class, ProgressReportAccepted.TYPE, ProgressReportAccepted.VERSION,
                alerts::applyProgressReports);
    }
}
