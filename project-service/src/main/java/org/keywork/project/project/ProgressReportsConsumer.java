package org.keywork.project.project;

import java.util.List;
import java.util.function.Consumer;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.events.TargetKind;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code progressReports-in-0}: accepted progress reports; the milestone reports move milestones. Reports on
 * indicators and goals (most of them) are passed over without a processed-message record: they change nothing here.
 * In batch mode, so that those cost a poll's one call instead of one each.
 */
@Configuration(proxyBeanMethods = false)
class ProgressReportsConsumer {

    @Bean
    Consumer<Message<List<byte[]>>> progressReports(InboundEvents inbound, MilestoneTracker tracker) {
        return batch -> inbound.handleBatch(ConstructionItemsConsumer.GROUP, batch, ProgressReportAccepted.class,
                ProgressReportAccepted.TYPE, ProgressReportAccepted.VERSION,
                report -> report.targetKind() == TargetKind.MILESTONE, envelope -> tracker.apply(envelope.payload()));
    }
}
