package org.keywork.notification.calendar;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The government's working calendar of mainland China: which days count as business days when an unacknowledged
 * alert climbs the escalation ladder. A year is described by a calendar file ({@code calendar/cn-2021.json}) that
 * lists the public holidays and the adjusted working weekend days (调休) the State Council announces each winter;
 * a year without a file falls back to Monday to Friday, so a missing file never stops escalation, it only makes it
 * ignore that year's holidays (logged at start).
 */
public final class BusinessCalendar {

    private static final Logger log = LoggerFactory.getLogger(BusinessCalendar.class);

    /** Enough to cross the longest holiday many times over; a bound, so a broken file cannot loop forever. */
    private static final int MAX_DAYS_SCANNED = 3660;

    private final Map<LocalDate, String> holidays;
    private final Map<LocalDate, String> workdays;
    private final Set<Integer> years;

    private BusinessCalendar(Map<LocalDate, String> holidays, Map<LocalDate, String> workdays, Set<Integer> years) {
        this.holidays = Map.copyOf(holidays);
        this.workdays = Map.copyOf(workdays);
        this.years = Set.copyOf(years);
    }

    /** Reads calendar files; an unreadable file fails the start, since a wrong calendar escalates on wrong days. */
    public static BusinessCalendar load(JsonMapper json, List<Resource> files) {
        Map<LocalDate, String> holidays = new HashMap<>();
        Map<LocalDate, String> workdays = new HashMap<>();
        Set<Integer> years = new TreeSet<>();
        for (Resource file : files) {
            YearFile year;
            try (InputStream in = file.getInputStream()) {
                year = json.readValue(in, YearFile.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read calendar file " + file, e);
            }
            if (year.holidays() != null) {
                for (Holiday holiday : year.holidays()) {
                    for (LocalDate day = holiday.from(); !day.isAfter(holiday.to()); day = day.plusDays(1)) {
                        holidays.put(day, holiday.name());
                    }
                }
            }
            if (year.workdays() != null) {
                year.workdays().forEach(workday -> workdays.put(workday.date(), workday.name()));
            }
            years.add(year.year());
        }
        log.info("Business calendar knows the years {}; other years count Monday to Friday", years);
        return new BusinessCalendar(holidays, workdays, years);
    }

    /** A calendar of Mondays to Fridays only, for years nobody described. */
    public static BusinessCalendar weekdaysOnly() {
        return new BusinessCalendar(Map.of(), Map.of(), new HashSet<>());
    }

    /** Whether government offices work that day: an adjusted working weekend day yes, a public holiday no. */
    public boolean isWorkday(LocalDate date) {
        if (workdays.containsKey(date)) {
            return true;
        }
        if (holidays.containsKey(date)) {
            return false;
        }
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
    }

    /**
     * The {@code n}th business day after {@code date} (not counting {@code date} itself); for {@code n == 0},
     * {@code date} itself when it is a business day, else the next business day.
     */
    public LocalDate plusBusinessDays(LocalDate date, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        LocalDate day = date;
        int counted = 0;
        int scanned = 0;
        if (n == 0) {
            while (!isWorkday(day) && scanned++ < MAX_DAYS_SCANNED) {
                day = day.plusDays(1);
            }
            return day;
        }
        while (counted < n) {
            day = day.plusDays(1);
            if (isWorkday(day)) {
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
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkday(day)) {
                count++;
            }
        }
        return count;
    }

    /** The holiday's name ({@code 国庆节}), the adjusted working day's name, or null for an ordinary day. */
    public String nameOf(LocalDate date) {
        return workdays.containsKey(date) ? workdays.get(date) : holidays.get(date);
    }

    /** Whether a calendar file describes the year (otherwise Monday to Friday are assumed). */
    public boolean knows(int year) {
        return years.contains(year);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record YearFile(int year, List<Holiday> holidays, List<Workday> workdays) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Holiday(String name, LocalDate from, LocalDate to) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Workday(String name, LocalDate date) {
    }
}
