package org.keywork.project.project;

import org.keywork.support.events.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Construction items carry their own {@code PlanItemPublished} event until it is published. */
@Configuration(proxyBeanMethods = false)
class ConstructionOutbox {

    @Bean
    OutboxCollection constructionItemsOutbox() {
        return new OutboxCollection(ConstructionItem.COLLECTION);
    }
}
