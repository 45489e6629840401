package org.keywork.notification.calendar;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * The business calendar: the calendar files on the class path (or wherever the location points), with the years
 * admins uploaded over them ({@link Calendars}).
 */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    @Bean
    BundledCalendars bundledCalendars(JsonMapper json,
            @Value("${keywork.notification.calendar-location:classpath*:calendar/cn-*.json}") String location)
            throws IOException {
        return new BundledCalendars(BusinessCalendar.read(json,
                Arrays.asList(new PathMatchingResourcePatternResolver().getResources(location))));
    }

    @Bean
    BusinessCalendar businessCalendar(BundledCalendars bundled) {
        return BusinessCalendar.of(bundled.years());
    }

    @Bean
    Calendars calendars(BundledCalendars bundled, CalendarStore store, BusinessCalendar calendar, Clock clock,
            @Value("${keywork.notification.calendar-refresh:PT5S}") Duration refreshEvery) {
        return new Calendars(bundled.years(), store, calendar, clock, refreshEvery);
    }

    /** The years of the bundled calendar files, as read at start. */
    record BundledCalendars(List<CalendarYear> years) {
    }
}
