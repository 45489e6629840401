package org.keywork.notification.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * One year of the State Council's 节假日安排 as a bundled file ({@code calendar/cn-2026.json}) and an upload
 * ({@code PUT /api/admin/calendars/{year}}) both spell it:
 *
 * <pre>{@code
 * {"year": 2026, "source": "国务院办公厅关于2026年部分节假日安排的通知（…）",
 *  "holidays": [{"name": "春节", "from": "2026-02-15", "to": "2026-02-23"}, …],
 *  "workdays": [{"name": "春节调休", "date": "2026-02-14"}, …]}
 * }</pre>
 *
 * {@link CalendarRules} says what a valid year is.
 *
 * @param year     the year the notice is for
 * @param source   the notice's title and number
 * @param holidays the holiday ranges (both ends included, weekends inside them too)
 * @param workdays the adjusted working weekend days (调休上班)
 */
public record CalendarYear(Integer year, String source, List<Holiday> holidays, List<Workday> workdays) {

    /** A holiday from {@code from} to {@code to}, both included. */
    public record Holiday(String name, LocalDate from, LocalDate to) {
    }

    /** A Saturday or Sunday on which offices work (调休). */
    public record Workday(String name, LocalDate date) {
    }
}
