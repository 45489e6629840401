package org.keywork.notification.alert;

import org.keywork.support.events.OutboxCollection;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Alerts carry their own events ({@code AlertRaised}, {@code AlertAcknowledged}, {@code AlertEscalated},
 * {@code AlertResolved}) until they are published.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertingProperties.class)
class AlertOutbox {

    @Bean
    OutboxCollection alertsOutbox() {
        return new OutboxCollection(Alert.COLLECTION);
    }
}
