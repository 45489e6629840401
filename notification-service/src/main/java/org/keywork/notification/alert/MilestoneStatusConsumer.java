package org.keywork.notification.alert;

import java.util.function.Consumer;
import org.keywork.events.MilestoneStatusChanged;
import org.keywork.events.TrackingStatus;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code milestoneStatus-in-0}: every milestone status change is judged by {@link Alerts}. */
@Configuration(proxyBeanMethods = false)
class MilestoneStatusConsumer {

    @Bean
    Consumer<Message<byte[]>> milestoneStatus(InboundEvents inbound, Alerts alerts) {
        // RED and YELLOW only raise an alert, once per (milestone, rule, period) by its unique key; only a recovery,
        // which resolves what is open, is recorded as processed (see IndicatorStatusConsumer)
        return message -> inbound.handleRecording(IndicatorStatusConsumer.GROUP, message,
                MilestoneStatusChanged.class, MilestoneStatusChanged.TYPE, MilestoneStatusChanged.VERSION,
                event -> event.current() != TrackingStatus.RED && event.current() != TrackingStatus.YELLOW,
                alerts::applyMilestone);
    }
}
