package org.keywork.goal.evaluation;

import java.util.function.Consumer;
import org.keywork.events.MilestoneStatusChanged;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * Binding {@code milestoneStatus-in-0}: keeps the latest outcome of each construction milestone, so the evaluation
 * covers the construction section too. A status judged on an earlier date than the one kept changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class MilestoneOutcomesConsumer {

    static final String GROUP = "goal-service";

    @Bean
    Consumer<Message<byte[]>> milestoneStatus(InboundEvents inbound, MongoTemplate mongo) {
        return message -> inbound.handle(GROUP, message, MilestoneStatusChanged.class, MilestoneStatusChanged.TYPE,
                MilestoneStatusChanged.VERSION, envelope -> {
                    MilestoneStatusChanged changed = envelope.payload();
                    String id = MilestoneOutcome.id(changed.planYear(), changed.milestoneId());
                    MilestoneOutcome kept = mongo.findById(id, MilestoneOutcome.class);
                    if (kept != null && kept.asOf() != null && changed.asOf() != null
                            && changed.asOf().isBefore(kept.asOf())) {
                        return;
                    }
                    mongo.save(new MilestoneOutcome(id, changed.planYear(), changed.itemId(), changed.milestoneId(),
                            changed.current(), changed.plannedDate(), changed.reachedOn(), changed.asOf()));
                });
    }
}
