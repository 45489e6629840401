package org.keywork.support;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.keywork.support.clock.BusinessClockConfiguration;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.InboundEvents;
import org.keywork.support.events.OutboxCollection;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.events.ProcessedMessages;
import org.keywork.support.security.IdentityFilter;
import org.keywork.support.web.RequestBodyLimitFilter;
import org.keywork.support.web.WebSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** What every Keywork service runs with: event codec, outbox relay, idempotent inbound events, problem+json. */
@AutoConfiguration
@EnableScheduling
@Import({WebSupport.class, BusinessClockConfiguration.class})
public class KeyworkServiceAutoConfiguration {

    @Bean
    EventCodec eventCodec(JsonMapper json, @Value("${spring.application.name}") String source, Clock clock) {
        return new EventCodec(json, source, clock);
    }

    @Bean
    ProcessedMessages processedMessages(MongoTemplate mongo, Clock clock) {
        return new ProcessedMessages(mongo, clock);
    }

    @Bean
    InboundEvents inboundEvents(EventCodec codec, ProcessedMessages processed, MeterRegistry meters) {
        return new InboundEvents(codec, processed, meters);
    }

    @Bean
    OutboxRelay outboxRelay(MongoTemplate mongo, StreamBridge bridge, MeterRegistry meters, Clock clock,
            List<OutboxCollection> collections,
            @Value("${keywork.outbox.sweep-grace:3s}") Duration sweepGrace) {
        return new OutboxRelay(mongo, bridge, meters, clock, collections, sweepGrace);
    }

    /**
     * Only requests with a token the gateway issued (or, with an external issuer, re-signed) reach a controller; see
     * {@link IdentityFilter}. {@code keywork.auth.required=false} turns the check off (a service's own tests).
     */
    @Bean
    @ConditionalOnProperty(name = "keywork.auth.required", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<IdentityFilter> identityFilter(JsonMapper json,
            @Value("${keywork.auth.secret}") String secret,
            @Value("${keywork.auth.issuer:}") String issuer) {
        FilterRegistrationBean<IdentityFilter> registration = new FilterRegistrationBean<>(
                new IdentityFilter(secret, issuer, json, Clock.systemUTC()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(JsonMapper json,
            @Value("${keywork.http.max-body-size:64KB}") DataSize limit,
            @Value("${keywork.http.max-upload-size:2MB}") DataSize uploadLimit,
            @Value("${keywork.http.upload-paths:}") List<String> uploadPaths) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(limit, uploadLimit, uploadPaths, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
