package org.keywork.notification.alert;

import java.util.function.Consumer;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code indicatorStatus-in-0}: every indicator status change is judged by {@link Alerts}. */
@Configuration(proxyBeanMethods = false)
class IndicatorStatusConsumer {

    static final String GROUP = "notification-service";

    @Bean
    Consumer<Message<byte[]>> indicatorStatus(InboundEvents inbound, Alerts alerts) {
        return message -> inbound.handle(GROUP, message, IndicatorStatusChanged.class, IndicatorStatusChanged.TYPE,
                IndicatorStatusChanged.VERSION, alerts::apply);
    }
}
