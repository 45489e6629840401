package org.keywork.goal.planning;

import org.keywork.support.events.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Plan versions carry the events announcing their construction items until they are published. */
@Configuration(proxyBeanMethods = false)
class PlanVersionOutbox {

    @Bean
    OutboxCollection planVersionsOutbox() {
        return new OutboxCollection(PlanVersion.COLLECTION);
    }
}
