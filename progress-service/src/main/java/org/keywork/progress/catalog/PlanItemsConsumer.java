package org.keywork.progress.catalog;

import java.util.function.Consumer;
import org.keywork.events.PlanItemPublished;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binding {@code planItems-in-0}: keeps {@link PlanCatalog} in step with the published plan. */
@Configuration(proxyBeanMethods = false)
class PlanItemsConsumer {

    static final String GROUP = "progress-service";

    @Bean
    Consumer<Message<byte[]>> planItems(InboundEvents inbound, PlanCatalog catalog) {
        return message -> inbound.handle(GROUP, message, PlanItemPublished.class, PlanItemPublished.TYPE,
                PlanItemPublished.VERSION, envelope -> catalog.apply(envelope.payload()));
    }
}
