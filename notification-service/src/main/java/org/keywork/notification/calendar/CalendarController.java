package org.keywork.notification.calendar;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.List;
import org.keywork.support.security.KeyworkIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/calendars}: the years the business calendar knows and the warning when the current or the next
 * year is missing (every signed-in role); {@code PUT /api/admin/calendars/{year}}: an admin loads a year's
 * 节假日安排 in the bundled files' format ({@link CalendarYear}, checked by {@link CalendarRules}), 200 with the
 * stored calendar; it replaces the bundled file of that year on every instance within seconds.
 */
@RestController
class CalendarController {

    private final Calendars calendars;

    CalendarController(Calendars calendars) {
        this.calendars = calendars;
    }

    @GetMapping("/api/calendars")
    CalendarsView all() {
        Calendars.Coverage coverage = calendars.coverage();
        return new CalendarsView(calendars.known().stream().map(YearSummary::of).toList(), coverage.today(),
                coverage.missing(), coverage.warning());
    }

    @PutMapping("/api/admin/calendars/{year}")
    StoredCalendar upload(@PathVariable int year, @RequestBody(required = false) CalendarYear calendar,
            HttpServletRequest http) {
        String by = KeyworkIdentity.of(http).map(KeyworkIdentity::user).orElse("anonymous");
        return calendars.upload(year, calendar, by);
    }

    /**
     * The calendar as the dashboard and operators see it.
     *
     * @param years   every year known, oldest first
     * @param today   the business date the rest is judged on
     * @param missing the current or next year, if no calendar describes it
     * @param warning what to tell the admin while a year is missing; null when none is
     */
    record CalendarsView(List<YearSummary> years, LocalDate today, List<Integer> missing, String warning) {
    }

    /**
     * One year known.
     *
     * @param year     the year
     * @param source   the notice it was transcribed from
     * @param origin   {@code bundled} (a file shipped with the service) or {@code uploaded} (by an admin)
     * @param holidays how many holiday ranges it lists
     * @param workdays how many working weekend days (调休) it lists
     */
    record YearSummary(int year, String source, String origin, int holidays, int workdays) {

        static YearSummary of(Calendars.Known known) {
            CalendarYear c = known.calendar();
            return new YearSummary(c.year(), c.source(), known.origin(), c.holidays().size(), c.workdays().size());
        }
    }
}
