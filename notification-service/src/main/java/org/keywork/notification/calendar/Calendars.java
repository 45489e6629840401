package org.keywork.notification.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The years the business calendar knows, bundled and uploaded, and where each comes from. An upload is stored in
 * MongoDB ({@link CalendarStore}) and replaces the bundled file of its year; every instance re-reads the uploads
 * every {@code keywork.notification.calendar-refresh} (default 5 s) on a thread of its own (a database that does
 * not answer holds up neither the shared scheduler nor anything that counts business days: the calendar keeps the
 * years it last read) and the uploading instance at once, so all of them count with it within seconds.
 *
 * <p>What is missing is judged by the business clock: the current year and the next one should be known (the State
 * Council publishes the next year's notice in the autumn); a missing one is counted Monday to Friday and warned
 * about ({@link #coverage}).
 */
public class Calendars implements InitializingBean, DisposableBean {

    static final String BUNDLED = "bundled";
    static final String UPLOADED = "uploaded";

    private static final Logger log = LoggerFactory.getLogger(Calendars.class);

    private final List<CalendarYear> bundled;
    private final CalendarStore store;
    private final BusinessCalendar calendar;
    private final Clock clock;
    private final Duration refreshEvery;
    private volatile Map<Integer, StoredCalendar> uploaded = Map.of();
    private ScheduledExecutorService refresher;

    Calendars(List<CalendarYear> bundled, CalendarStore store, BusinessCalendar calendar, Clock clock,
            Duration refreshEvery) {
        this.bundled = List.copyOf(bundled);
        this.store = store;
        this.calendar = calendar;
        this.clock = clock;
        this.refreshEvery = refreshEvery;
    }

    /** A year as known: its calendar, where it comes from, and for an upload when and by whom. */
    record Known(CalendarYear calendar, String origin, Instant uploadedAt, String uploadedBy) {
    }

    /**
     * What the calendar covers, judged on the business date {@code today}: the years known, the current or next
     * year missing, and the warning about them (null when none is missing).
     */
    record Coverage(LocalDate today, List<Integer> years, List<Integer> missing, String warning) {
    }

    @Override
    public void afterPropertiesSet() {
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "calendar-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** Re-reads the uploads and counts with them from now on. */
    synchronized void refresh() {
        Map<Integer, StoredCalendar> now = new TreeMap<>();
        store.all().forEach(c -> now.put(c.year(), c));
        if (!now.keySet().equals(uploaded.keySet())) {
            log.info("Uploaded calendars now cover the years {} (bundled: {})", now.keySet(),
                    bundled.stream().map(CalendarYear::year).sorted().toList());
        }
        List<CalendarYear> years = new ArrayList<>(bundled);
        now.values().forEach(c -> years.add(c.calendar()));
        uploaded = Map.copyOf(now);
        calendar.use(years);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Cannot re-read the uploaded calendars; counting with the years read last ({}): {}",
                    calendar.years(), e.toString());
        }
    }

    /**
     * Checks and stores {@code body} as the calendar of {@code year}, replacing the bundled file and any earlier
     * upload of that year, and counts with it at once; 400 naming every field in error otherwise (nothing stored).
     */
    StoredCalendar upload(int year, CalendarYear body, String by) {
        List<FieldProblem> problems = CalendarRules.check(year, body);
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        StoredCalendar saved = store.save(new StoredCalendar(year, body.source(), body.holidays(), body.workdays(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), by));
        log.info("Calendar of {} uploaded by {} ({} holidays, {} working weekend days): {}", year, by,
                body.holidays().size(), body.workdays().size(), body.source());
        refresh();
        return saved;
    }

    /** Every year known, oldest first; an uploaded year instead of the bundled one. */
    List<Known> known() {
        Map<Integer, Known> years = new TreeMap<>();
        bundled.forEach(c -> years.put(c.year(), new Known(c, BUNDLED, null, null)));
        uploaded.values().forEach(c -> years.put(c.year(),
                new Known(c.calendar(), UPLOADED, c.uploadedAt(), c.uploadedBy())));
        return List.copyOf(years.values());
    }

    /** What the calendar covers on today's business date. */
    Coverage coverage() {
        LocalDate today = LocalDate.now(clock);
        List<Integer> years = List.copyOf(calendar.years());
        List<Integer> missing = List.of(today.getYear(), today.getYear() + 1).stream()
                .filter(y -> !calendar.knows(y)).toList();
        return new Coverage(today, years, missing, warning(missing));
    }

    /** The warning for the missing years, in the users' words; null when none is missing. */
    static String warning(List<Integer> missing) {
        if (missing.isEmpty()) {
            return null;
        }
        String years = missing.stream().map(String::valueOf).collect(Collectors.joining("、"));
        String path = "/api/admin/calendars/" + (missing.size() == 1 ? missing.get(0) : "{年份}");
        return "尚未载入 " + years + " 年的节假日安排：升级前按周一至周五计算工作日。请管理员在国务院办公厅公布安排后，通过 PUT "
                + path + " 载入。";
    }
}
