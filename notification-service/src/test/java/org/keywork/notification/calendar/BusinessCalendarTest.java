package org.keywork.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.json.JsonMapper;

/** The government calendar as the bundled files describe it: holidays, 调休 Saturdays and Sundays, unknown years. */
class BusinessCalendarTest {

    static final BusinessCalendar CALENDAR = load();

    static BusinessCalendar load() {
        try {
            return BusinessCalendar.load(JsonMapper.builder().build(), Arrays.asList(
                    new PathMatchingResourcePatternResolver().getResources("classpath*:calendar/cn-*.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} {2}: workday {1}")
    @CsvSource(textBlock = """
            2021-01-01, false, 元旦
            2021-01-04, true,  Monday after 元旦
            2021-02-07, true,  Sunday worked before 春节
            2021-02-11, false, 春节 eve
            2021-02-17, false, last day of 春节
            2021-02-18, true,  Thursday after 春节
            2021-02-20, true,  Saturday worked after 春节
            2021-04-05, false, 清明节 Monday
            2021-04-25, true,  Sunday worked before 劳动节
            2021-05-05, false, 劳动节 Wednesday
            2021-05-08, true,  Saturday worked after 劳动节
            2021-06-14, false, 端午节 Monday
            2021-09-18, true,  Saturday worked before 中秋节
            2021-09-20, false, 中秋节 Monday
            2021-09-26, true,  Sunday worked before 国庆节
            2021-09-30, true,  Thursday before 国庆节
            2021-10-01, false, 国庆节
            2021-10-04, false, 国庆节 Monday
            2021-10-07, false, 国庆节 Thursday
            2021-10-08, true,  Friday after 国庆节
            2021-10-09, true,  Saturday worked after 国庆节
            2021-10-10, false, ordinary Sunday
            2021-10-16, false, ordinary Saturday
            2022-01-30, true,  Sunday worked before 春节 2022
            2022-02-04, false, 春节 2022
            2022-10-08, true,  Saturday worked after 国庆节 2022
            2030-10-01, true,  unknown year Tuesday counts as a workday
            2030-10-05, false, unknown year Saturday
            """)
    void knowsWhichDaysOfficesWork(LocalDate date, boolean workday, String what) {
        assertThat(CALENDAR.isWorkday(date)).as(what).isEqualTo(workday);
    }

    @ParameterizedTest(name = "{0} + {1} business days = {2}")
    @CsvSource(textBlock = """
            2021-09-30, 0, 2021-09-30
            2021-10-02, 0, 2021-10-08
            2021-09-30, 1, 2021-10-08
            2021-09-30, 2, 2021-10-09
            2021-09-30, 3, 2021-10-11
            2021-09-30, 5, 2021-10-13
            2021-02-10, 1, 2021-02-18
            2021-02-18, 2, 2021-02-20
            2021-12-31, 1, 2022-01-04
            2030-10-04, 1, 2030-10-07
            """)
    void countsBusinessDaysOverWeekendsAndHolidays(LocalDate from, int days, LocalDate expected) {
        assertThat(CALENDAR.plusBusinessDays(from, days)).isEqualTo(expected);
    }

    @Test
    void countsTheBusinessDaysBetweenTwoDates() {
        assertThat(CALENDAR.businessDaysBetween(LocalDate.of(2021, 9, 30), LocalDate.of(2021, 10, 7))).isZero();
        assertThat(CALENDAR.businessDaysBetween(LocalDate.of(2021, 9, 30), LocalDate.of(2021, 10, 9))).isEqualTo(2);
        assertThat(CALENDAR.businessDaysBetween(LocalDate.of(2021, 10, 9), LocalDate.of(2021, 10, 9))).isZero();
        assertThat(CALENDAR.nameOf(LocalDate.of(2021, 10, 3))).isEqualTo("国庆节");
        assertThat(CALENDAR.nameOf(LocalDate.of(2021, 10, 9))).isEqualTo("国庆节调休");
        assertThat(CALENDAR.knows(2021)).isTrue();
        assertThat(CALENDAR.knows(2030)).isFalse();
    }

    @Test
    void withoutFilesEveryYearCountsMondayToFriday() {
        BusinessCalendar weekdays = BusinessCalendar.weekdaysOnly();
        assertThat(weekdays.isWorkday(LocalDate.of(2021, 10, 1))).isTrue();
        assertThat(weekdays.isWorkday(LocalDate.of(2021, 10, 9))).isFalse();
    }
}
