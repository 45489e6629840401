package org.keywork.notification.alert;

import java.util.function.Consumer;
import org.keywork.events.ReportMissing;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code reportsMissing-in-0}: every missing report becomes a reminder to its lead department. */
@Configuration(proxyBeanMethods = false)
class ReportMissingConsumer {

    @Bean
    Consumer<Message<byte[]>> reportsMissing(InboundEvents inbound, Alerts alerts) {
        // a reminder is raised once per (target, period) by its unique key: no processed-message record is needed
        return message -> inbound.handleIdempotent(IndicatorStatusConsumer.GROUP, message, ReportMissing.class,
                ReportMissing.TYPE, ReportMissing.VERSION, alerts::applyReportMissing);
    }
}
