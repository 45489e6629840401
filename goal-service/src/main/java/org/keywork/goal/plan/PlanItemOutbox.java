package org.keywork.goal.plan;

import org.keywork.support.events.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Plan items carry their own events (definition published, status changed) until they are published. */
@Configuration(proxyBeanMethods = false)
class PlanItemOutbox {

    @Bean
    OutboxCollection planItemsOutbox() {
        return new OutboxCollection(PlanItem.COLLECTION);
    }
}
