package org.keywork.goal.tracking;

import java.util.function.Consumer;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code progressReports-in-0}: every accepted report is taken into its indicator. */
@Configuration(proxyBeanMethods = false)
class ProgressReportsConsumer {

    static final String GROUP = "goal-service";

    @Bean
    Consumer<Message<byte[]>> progressReports(InboundEvents inbound, IndicatorTracker tracker) {
        return message -> inbound.handle(GROUP, message, ProgressReportAccepted.class, ProgressReportAccepted.TYPE,
                ProgressReportAccepted.VERSION, envelope -> tracker.apply(envelope.payload()));
    }
}
