package org.keywork.notification.calendar;

import java.io.IOException;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/** The business calendar from the calendar files on the class path (or wherever the location points). */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    @Bean
    BusinessCalendar businessCalendar(JsonMapper json,
            @Value("${keywork.notification.calendar-location:classpath*:calendar/cn-*.json}") String location)
            throws IOException {
        return BusinessCalendar.load(json,
                Arrays.asList(new PathMatchingResourcePatternResolver().getResources(location)));
    }
}
