package org.keywork.notification.alert;

import org.keywork.support.events.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Alerts carry their own {@code AlertRaised} event until it is published. */
@Configuration(proxyBeanMethods = false)
class AlertOutbox {

    @Bean
    OutboxCollection alertsOutbox() {
        return new OutboxCollection(Alert.COLLECTION);
    }
}
