package org.keywork.notification.delivery;

import org.keywork.notification.outbound.WebhookPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds {@link DeliveryProperties} and makes the {@link WebhookPolicy} the robot channels and the directory's
 * handover check; the channels, log and dispatcher are components of this package.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConfiguration.class);

    @Bean
    WebhookPolicy webhookPolicy(DeliveryProperties properties) {
        WebhookPolicy policy = properties.webhook().policy();
        if (policy.allowLocal()) {
            log.warn("Robot webhooks may also go to http and loopback hosts (keywork.delivery.webhook.allow-local):"
                    + " for tests and the local stack only");
        }
        log.info("Robot webhooks only to {}", policy.allowedHosts());
        return policy;
    }
}
