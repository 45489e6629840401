package org.keywork.project.project;

import java.util.function.Consumer;
import org.keywork.events.ConstructionItemDefined;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code constructionItems-in-0}: the construction items goal-service's plan import defines; a definition
 * also releases the milestone reports that arrived before it.
 */
@Configuration(proxyBeanMethods = false)
class ConstructionItemsConsumer {

    static final String GROUP = "project-service";

    @Bean
    Consumer<Message<byte[]>> constructionItems(InboundEvents inbound, ConstructionItemDefinitions definitions,
            MilestoneTracker tracker) {
        return message -> inbound.handle(GROUP, message, ConstructionItemDefined.class, ConstructionItemDefined.TYPE,
                ConstructionItemDefined.VERSION, envelope -> {
                    definitions.apply(envelope.payload());
                    // reports that overtook this definition (even when it changed nothing: a redo after a crash)
                    tracker.applyParked(envelope.payload().planYear(), envelope.payload().itemId());
                });
    }
}
