package org.keywork.notification.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.keywork.support.web.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The government's working calendar of mainland China: which days count as business days when an unacknowledged
 * alert climbs the escalation ladder. A year is described by the State Council's 节假日安排 notice
 * ({@link CalendarYear}): the public holidays and the adjusted working weekend days (调休). The bundled files
 * ({@code calendar/cn-2021.json} …) are read at start; a year an admin uploads ({@link Calendars}) replaces the
 * bundled one of that year on every instance within seconds. A year nobody described falls back to Monday to
 * Friday, so a missing year never stops escalation, it only makes it ignore that year's holidays (the calendar
 * health indicator and {@code GET /api/calendars} warn about it).
 *
 * <p>One instance is shared by everything that counts business days; {@link #use} swaps the years it knows in one
 * step, so a count never mixes two versions of the calendar's maps.
 */
public final class BusinessCalendar {

    private static final Logger log = LoggerFactory.getLogger(BusinessCalendar.class);

    /** Enough to cross the longest holiday many times over; a bound, so a broken file cannot loop forever. */
    private static final int MAX_DAYS_SCANNED = 3660;

    private volatile Days days;

    private BusinessCalendar(Days days) {
        this.days = days;
    }

    /** The calendar of these years (one per year; a later one of the same year wins). */
    public static BusinessCalendar of(Collection<CalendarYear> years) {
        return new BusinessCalendar(Days.of(years));
    }

    /**
     * Reads calendar files; an unreadable or invalid file ({@link CalendarRules}) fails the start, since a wrong
     * calendar escalates on wrong days.
     */
    public static BusinessCalendar load(JsonMapper json, List<Resource> files) {
        return of(read(json, files));
    }

    /** The years the files describe, each checked by {@link CalendarRules}, in the files' order. */
    static List<CalendarYear> read(JsonMapper json, List<Resource> files) {
        List<CalendarYear> years = new ArrayList<>();
        for (Resource file : files) {
            CalendarYear year;
            try (InputStream in = file.getInputStream()) {
                year = json.readValue(in, CalendarYear.class);
            } catch (IOException | JacksonException e) {
                throw new IllegalStateException("cannot read calendar file " + file + ": " + e.getMessage(), e);
            }
            List<FieldProblem> problems = CalendarRules.check(year.year() == null ? 0 : year.year(), year);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("invalid calendar file " + file + ": " + problems);
            }
            years.add(year);
        }
        log.info("Business calendar files describe the years {}; other years count Monday to Friday",
                years.stream().map(CalendarYear::year).sorted().toList());
        return years;
    }

    /** A calendar of Mondays to Fridays only, for years nobody described. */
    public static BusinessCalendar weekdaysOnly() {
        return of(List.of());
    }

    /** From now on, counts with these years (one per year; a later one of the same year wins). */
    void use(Collection<CalendarYear> years) {
        days = Days.of(years);
    }

    /** Whether government offices work that day: an adjusted working weekend day yes, a public holiday no. */
    public boolean isWorkday(LocalDate date) {
        return days.isWorkday(date);
    }

    /**
     * The {@code n}th business day after {@code date} (not counting {@code date} itself); for {@code n == 0},
     * {@code date} itself when it is a business day, else the next business day.
     */
    public LocalDate plusBusinessDays(LocalDate date, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        Days current = days;
        LocalDate day = date;
        int counted = 0;
        int scanned = 0;
        if (n == 0) {
            while (!current.isWorkday(day) && scanned++ < MAX_DAYS_SCANNED) {
                day = day.plusDays(1);
            }
            return day;
        }
        while (counted < n) {
            day = day.plusDays(1);
            if (current.isWorkday(day)) {
                counted++;
            }
            if (++scanned > MAX_DAYS_SCANNED) {
                throw new IllegalStateException("no " + n + " business days within " + MAX_DAYS_SCANNED
                        + " days after " + date);
            }
        }
        return day;
    }

    /** How many business days lie after {@code from} up to and including {@code to}; 0 when {@code to <= from}. */
    public int businessDaysBetween(LocalDate from, LocalDate to) {
        Days current = days;
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (current.isWorkday(day)) {
                count++;
            }
        }
        return count;
    }

    /** The holiday's name ({@code 国庆节}), the adjusted working day's name, or null for an ordinary day. */
    public String nameOf(LocalDate date) {
        Days current = days;
        return current.workdays().containsKey(date) ? current.workdays().get(date) : current.holidays().get(date);
    }

    /** Whether a bundled or uploaded calendar describes the year (otherwise Monday to Friday are assumed). */
    public boolean knows(int year) {
        return days.years().contains(year);
    }

    /** The years described, in order. */
    public SortedSet<Integer> years() {
        return days.years();
    }

    /** The days of the years known, as one value: replaced whole, never changed. */
    private record Days(Map<LocalDate, String> holidays, Map<LocalDate, String> workdays, SortedSet<Integer> years) {

        static Days of(Collection<CalendarYear> calendars) {
            Map<Integer, CalendarYear> byYear = new TreeMap<>();
            calendars.forEach(c -> byYear.put(c.year(), c));
            Map<LocalDate, String> holidays = new HashMap<>();
            Map<LocalDate, String> workdays = new HashMap<>();
            for (CalendarYear year : byYear.values()) {
                for (CalendarYear.Holiday holiday : year.holidays()) {
                    for (LocalDate day = holiday.from(); !day.isAfter(holiday.to()); day = day.plusDays(1)) {
                        holidays.put(day, holiday.name());
                    }
                }
                year.workdays().forEach(workday -> workdays.put(workday.date(), workday.name()));
            }
            return new Days(Map.copyOf(holidays), Map.copyOf(workdays),
                    Collections.unmodifiableSortedSet(new TreeSet<>(byYear.keySet())));
        }

        boolean isWorkday(LocalDate date) {
            if (workdays.containsKey(date)) {
                return true;
            }
            if (holidays.containsKey(date)) {
                return false;
            }
            DayOfWeek day = date.getDayOfWeek();
            return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
        }
    }
}
