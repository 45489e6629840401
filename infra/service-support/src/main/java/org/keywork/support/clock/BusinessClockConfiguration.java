package org.keywork.support.clock;

import java.time.Clock;
import java.time.ZoneId;
import org.keywork.support.events.EventCodec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The business clock: real time in the business time zone (Asia/Shanghai) by default; with
 * {@code keywork.clock.mode=simulated}, a settable clock that follows the settings published by any service.
 */
@Configuration(proxyBeanMethods = false)
@Import(BusinessClockController.class)
public class BusinessClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock(@Value("${keywork.clock.mode:real}") String mode,
            @Value("${keywork.clock.zone:Asia/Shanghai}") ZoneId zone) {
        Clock real = Clock.system(zone);
        return "simulated".equalsIgnoreCase(mode) ? new SimulatedClock(real, zone) : real;
    }

    @Bean
    @ConditionalOnProperty(name = "keywork.clock.mode", havingValue = "simulated")
    BusinessClockFollower businessClockFollower(Clock clock, EventCodec codec,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers, ApplicationEventPublisher events) {
        if (!(clock instanceof SimulatedClock simulated)) {
            throw new IllegalStateException("keywork.clock.mode=simulated but the Clock bean is " + clock);
        }
        return new BusinessClockFollower(simulated, codec, brokers, events);
    }
}
