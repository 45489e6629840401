package org.keywork.progress.report;

import org.keywork.support.events.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reports carry their own {@code ProgressReportAccepted} event until it is published. */
@Configuration(proxyBeanMethods = false)
class ReportOutbox {

    @Bean
    OutboxCollection progressReportsOutbox() {
        return new OutboxCollection(ProgressReport.COLLECTION);
    }
}
