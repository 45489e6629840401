package org.keywork.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
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

    /** 国办发明电〔2022〕16号: 元旦 from the last day of 2022, 中秋节 and 国庆节 taken together (8 days). */
    @ParameterizedTest(name = "2023: {0} {2}: workday {1}")
    @CsvSource(textBlock = """
            2022-12-31, false, 元旦 begins on the last Saturday of 2022
            2023-01-02, false, 元旦 Monday
            2023-01-03, true,  Tuesday after 元旦
            2023-01-27, false, last day of 春节
            2023-01-28, true,  Saturday worked after 春节
            2023-01-29, true,  Sunday worked after 春节
            2023-04-05, false, 清明节 Wednesday, one day
            2023-04-23, true,  Sunday worked before 劳动节
            2023-06-25, true,  Sunday worked after 端午节
            2023-09-29, false, 中秋节 Friday
            2023-10-06, false, last day of 中秋节 and 国庆节
            2023-10-07, true,  Saturday worked after 国庆节
            2023-10-08, true,  Sunday worked after 国庆节
            """)
    void knows2023(LocalDate date, boolean workday, String what) {
        assertThat(CALENDAR.isWorkday(date)).as(what).isEqualTo(workday);
    }

    /** 国办发明电〔2023〕7号: 除夕 (2024-02-09) is no holiday, only encouraged leave. */
    @ParameterizedTest(name = "2024: {0} {2}: workday {1}")
    @CsvSource(textBlock = """
            2024-01-01, false, 元旦 Monday
            2024-02-04, true,  Sunday worked before 春节
            2024-02-09, true,  除夕 Friday: leave encouraged, not a holiday
            2024-02-10, false, 春节
            2024-02-17, false, last day of 春节 (a Saturday)
            2024-02-18, true,  Sunday worked after 春节
            2024-04-07, true,  Sunday worked after 清明节
            2024-05-11, true,  Saturday worked after 劳动节
            2024-06-10, false, 端午节 Monday
            2024-09-14, true,  Saturday worked before 中秋节
            2024-09-17, false, 中秋节 Tuesday
            2024-09-29, true,  Sunday worked before 国庆节
            2024-10-07, false, 国庆节 Monday
            2024-10-12, true,  Saturday worked after 国庆节
            """)
    void knows2024(LocalDate date, boolean workday, String what) {
        assertThat(CALENDAR.isWorkday(date)).as(what).isEqualTo(workday);
    }

    /**
     * 国办发明电〔2024〕12号, the first year of the revised 放假办法: 春节 from 除夕 (8 days) and 劳动节 (5 days) gained
     * a day each, 元旦 on a Wednesday is that day only, 国庆节 and 中秋节 together 8 days.
     */
    @ParameterizedTest(name = "2025: {0} {2}: workday {1}")
    @CsvSource(textBlock = """
            2025-01-01, false, 元旦 Wednesday
            2025-01-02, true,  Thursday after 元旦: no bridge
            2025-01-26, true,  Sunday worked before 春节
            2025-01-28, false, 除夕 is now a holiday
            2025-02-04, false, 正月初七, last day of 春节
            2025-02-05, true,  Wednesday after 春节
            2025-02-08, true,  Saturday worked after 春节
            2025-04-27, true,  Sunday worked before 劳动节
            2025-05-05, false, 劳动节 Monday
            2025-05-10, false, ordinary Saturday: no second 劳动节 make-up day
            2025-06-02, false, 端午节 Monday
            2025-09-28, true,  Sunday worked before 国庆节
            2025-10-08, false, 国庆节 and 中秋节 Wednesday
            2025-10-09, true,  Thursday after 国庆节
            2025-10-11, true,  Saturday worked after 国庆节
            """)
    void knows2025(LocalDate date, boolean workday, String what) {
        assertThat(CALENDAR.isWorkday(date)).as(what).isEqualTo(workday);
    }

    /** The 2026 notice of 2025-11-04: 春节 9 days (腊月二十八 to 正月初七), 元旦 with a Sunday worked after it. */
    @ParameterizedTest(name = "2026: {0} {2}: workday {1}")
    @CsvSource(textBlock = """
            2026-01-02, false, 元旦 Friday
            2026-01-04, true,  Sunday worked after 元旦
            2026-02-13, true,  Friday before 春节
            2026-02-14, true,  Saturday worked before 春节
            2026-02-15, false, 春节, 腊月二十八
            2026-02-23, false, 春节 Monday, 正月初七
            2026-02-24, true,  Tuesday after 春节
            2026-02-28, true,  Saturday worked after 春节
            2026-04-06, false, 清明节 Monday
            2026-05-05, false, 劳动节 Tuesday
            2026-05-09, true,  Saturday worked after 劳动节
            2026-06-19, false, 端午节 Friday
            2026-09-20, true,  Sunday worked before 国庆节
            2026-09-25, false, 中秋节 Friday
            2026-10-07, false, 国庆节 Wednesday
            2026-10-10, true,  Saturday worked after 国庆节
            """)
    void knows2026(LocalDate date, boolean workday, String what) {
        assertThat(CALENDAR.isWorkday(date)).as(what).isEqualTo(workday);
    }

    @Test
    void the2026SpringFestivalIsOneRangeOfNineDays() {
        LocalDate eve = LocalDate.of(2026, 2, 14);
        assertThat(CALENDAR.plusBusinessDays(eve, 1)).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(CALENDAR.businessDaysBetween(eve, LocalDate.of(2026, 2, 23))).isZero();
        for (LocalDate day = LocalDate.of(2026, 2, 15); !day.isAfter(LocalDate.of(2026, 2, 23)); day = day.plusDays(1)) {
            assertThat(CALENDAR.nameOf(day)).as(day.toString()).isEqualTo("春节");
        }
    }

    @Test
    void knowsTheBundledYears2021To2026() {
        assertThat(CALENDAR.years()).containsExactly(2021, 2022, 2023, 2024, 2025, 2026);
    }

    @Test
    void useSwapsTheYearsKnownWhole() {
        BusinessCalendar calendar = load();
        calendar.use(List.of(new CalendarYear(2026, "测试", List.of(
                new CalendarYear.Holiday("测试假日", LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 2))), List.of())));
        assertThat(calendar.isWorkday(LocalDate.of(2026, 3, 2))).isFalse();
        assertThat(calendar.isWorkday(LocalDate.of(2026, 10, 1))).as("the bundled 国庆节 is gone").isTrue();
        assertThat(calendar.isWorkday(LocalDate.of(2026, 10, 10))).as("and its 调休 Saturday").isFalse();
        assertThat(calendar.years()).containsExactly(2026);
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
