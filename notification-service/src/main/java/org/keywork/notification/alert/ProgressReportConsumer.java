package org.keywork.notification.alert;

import java.util.function.Consumer;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code progressReports-in-0}: a report that arrives settles the target's missing-report alerts. */
@Configuration(proxyBeanMethods = false)
class ProgressReportConsumer {

    @Bean
    Consumer<Message<byte[]>> progressReports(InboundEvents inbound, Alerts alerts) {
        return message -> inbound.handle(IndicatorStatusConsumer.GROUP, message, ProgressReportAccepted.class,
                ProgressReportAccepted.TYPE, ProgressReportAccepted.VERSION, alerts::applyProgressReport);
    }
}
