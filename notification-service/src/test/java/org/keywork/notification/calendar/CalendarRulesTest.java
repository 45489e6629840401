package org.keywork.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keywork.support.web.FieldProblem;
import org.springframework.core.io.ByteArrayResource;
import tools.jackson.databind.json.JsonMapper;

/** What a year's calendar must be: each problem under the field as the JSON names it. */
class CalendarRulesTest {

    static CalendarYear.Holiday holiday(String name, String from, String to) {
        return new CalendarYear.Holiday(name, from == null ? null : LocalDate.parse(from),
                to == null ? null : LocalDate.parse(to));
    }

    static CalendarYear.Workday workday(String name, String date) {
        return new CalendarYear.Workday(name, LocalDate.parse(date));
    }

    static List<String> fields(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + ":" + p.code()).toList();
    }

    @Test
    void aBundledFileThatBreaksTheRulesFailsTheStart() {
        byte[] file = """
                {"year": 2027, "source": "测试", "holidays": [{"name": "春节", "from": "2027-02-06", "to": "2027-02-12"}],
                 "workdays": [{"name": "春节调休", "date": "2027-02-03"}]}""".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BusinessCalendar.read(JsonMapper.builder().build(),
                List.of(new ByteArrayResource(file, "cn-2027.json"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("workdays[0].date");
    }

    @Test
    void aYearWithItsNewYearInTheDecemberBeforePasses() {
        CalendarYear y2023 = new CalendarYear(2023, "国务院办公厅关于2023年部分节假日安排的通知",
                List.of(holiday("元旦", "2022-12-31", "2023-01-02")), List.of(workday("春节调休", "2023-01-28")));
        assertThat(CalendarRules.check(2023, y2023)).isEmpty();
    }

    @Test
    void namesEachFieldInError() {
        CalendarYear bad = new CalendarYear(2028, " ", List.of(
                holiday("春节", "2027-02-06", "2027-02-12"),
                holiday("", "2027-04-05", null),
                holiday("劳动节", "2027-05-05", "2027-05-01"),
                holiday("国庆节", "2027-10-01", "2028-02-01")),
                List.of(workday("春节调休", "2027-02-03"), workday("春节调休", "2027-02-07"),
                        workday("国庆节调休", "2026-10-10")));
        assertThat(fields(CalendarRules.check(2027, bad))).containsExactly(
                "year:mismatch", "source:required",
                "holidays[1].name:required", "holidays[1].to:required",
                "holidays[2].to:before-from",
                "holidays[3].to:outside-year",
                "workdays[0].date:not-weekend", "workdays[1].date:in-holiday", "workdays[2].date:outside-year");
    }

    @Test
    void refusesAYearOutOfRangeAndMissingLists() {
        assertThat(fields(CalendarRules.check(20, new CalendarYear(20, "x", List.of(), List.of()))))
                .containsExactly("year:out-of-range");
        assertThat(fields(CalendarRules.check(2027, new CalendarYear(null, "x", null, null))))
                .containsExactly("year:required", "holidays:required", "workdays:required");
        assertThat(fields(CalendarRules.check(2027, null))).containsExactly("body:required");
    }
}
