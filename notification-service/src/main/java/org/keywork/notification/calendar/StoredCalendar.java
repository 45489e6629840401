package org.keywork.notification.calendar;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A year's calendar an admin uploaded ({@code PUT /api/admin/calendars/{year}}), one document per year: it replaces
 * the bundled file of that year on every instance.
 *
 * @param year       the year; its id
 * @param source     the notice's title and number
 * @param holidays   the holiday ranges
 * @param workdays   the adjusted working weekend days
 * @param uploadedAt when it was (last) uploaded
 * @param uploadedBy who uploaded it (the caller's user name, {@code anonymous} without a verified identity)
 */
@Document(StoredCalendar.COLLECTION)
record StoredCalendar(
        @Id int year,
        String source,
        List<CalendarYear.Holiday> holidays,
        List<CalendarYear.Workday> workdays,
        Instant uploadedAt,
        String uploadedBy) {

    static final String COLLECTION = "calendars";

    StoredCalendar {
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workdays = workdays == null ? List.of() : List.copyOf(workdays);
    }

    CalendarYear calendar() {
        return new CalendarYear(year, source, holidays, workdays);
    }
}
