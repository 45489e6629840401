package org.keywork.notification.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.keywork.support.web.FieldProblem;

/**
 * What a year's calendar must be, for an upload and for a bundled file alike (a wrong calendar escalates on wrong
 * days, so it is refused whole rather than half used):
 * <ul>
 * <li>{@code year} given, between {@value #FIRST_YEAR} and {@value #LAST_YEAR}, and the year it is loaded as;</li>
 * <li>{@code source} (the notice's title and number) given, at most {@value #MAX_SOURCE} characters;</li>
 * <li>{@code holidays} given and not empty, {@code workdays} given (may be empty), at most {@value #MAX_ENTRIES}
 * entries each; every {@code name} given, at most {@value #MAX_NAME} characters;</li>
 * <li>every date inside the year, or in the December before it (元旦 taken with the last days of December, as in
 * 2023) or the January after it (a 春节 or 元旦 range running over the turn of the year);</li>
 * <li>a holiday's {@code from} not after its {@code to};</li>
 * <li>a working day ({@code workdays}) a Saturday or a Sunday, and not inside one of the year's holidays.</li>
 * </ul>
 * Each problem names its field as the JSON does ({@code holidays[2].to}, {@code workdays[0].date}).
 */
final class CalendarRules {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    static final int MAX_SOURCE = 200;
    static final int MAX_NAME = 32;
    static final int MAX_ENTRIES = 40;

    private CalendarRules() {
    }

    /** Everything wrong with {@code calendar} as the calendar of {@code year}; empty when it may be used. */
    static List<FieldProblem> check(int year, CalendarYear calendar) {
        List<FieldProblem> problems = new ArrayList<>();
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            problems.add(new FieldProblem("year", "out-of-range",
                    "年份应在 " + FIRST_YEAR + " 至 " + LAST_YEAR + " 之间，收到 " + year));
            return problems;
        }
        if (calendar == null) {
            problems.add(new FieldProblem("body", "required", "请给出该年的节假日安排：year、source、holidays、workdays"));
            return problems;
        }
        if (calendar.year() == null) {
            problems.add(new FieldProblem("year", "required", "请给出年份，如 " + year));
        } else if (calendar.year() != year) {
            problems.add(new FieldProblem("year", "mismatch",
                    "内容中的年份 " + calendar.year() + " 与地址中的年份 " + year + " 不一致"));
        }
        text(calendar.source(), "source", MAX_SOURCE, "请给出通知的标题和文号，如 国务院办公厅关于" + year
                + "年部分节假日安排的通知（国办发明电〔…〕…号）", problems);
        LocalDate first = LocalDate.of(year - 1, 12, 1);
        LocalDate last = LocalDate.of(year + 1, 1, 31);
        List<CalendarYear.Holiday> holidays = calendar.holidays();
        if (holidays == null || holidays.isEmpty()) {
            problems.add(new FieldProblem("holidays", "required", "请列出该年的放假安排（name、from、to）"));
        } else if (holidays.size() > MAX_ENTRIES) {
            problems.add(new FieldProblem("holidays", "too-many", "最多 " + MAX_ENTRIES + " 项"));
        } else {
            for (int i = 0; i < holidays.size(); i++) {
                holiday(holidays.get(i), "holidays[" + i + "]", year, first, last, problems);
            }
        }
        List<CalendarYear.Workday> workdays = calendar.workdays();
        if (workdays == null) {
            problems.add(new FieldProblem("workdays", "required", "请列出调休上班日（name、date），没有则给出 []"));
        } else if (workdays.size() > MAX_ENTRIES) {
            problems.add(new FieldProblem("workdays", "too-many", "最多 " + MAX_ENTRIES + " 项"));
        } else {
            for (int i = 0; i < workdays.size(); i++) {
                workday(workdays.get(i), "workdays[" + i + "]", year, first, last,
                        holidays == null || holidays.size() > MAX_ENTRIES ? List.of() : holidays, problems);
            }
        }
        return problems;
    }

    private static void holiday(CalendarYear.Holiday holiday, String field, int year, LocalDate first,
            LocalDate last, List<FieldProblem> problems) {
        if (holiday == null) {
            problems.add(new FieldProblem(field, "required", "请给出放假安排：name、from、to"));
            return;
        }
        text(holiday.name(), field + ".name", MAX_NAME, "请给出节日名称，如 春节", problems);
        boolean from = date(holiday.from(), field + ".from", year, first, last, problems);
        boolean to = date(holiday.to(), field + ".to", year, first, last, problems);
        if (from && to && holiday.from().isAfter(holiday.to())) {
            problems.add(new FieldProblem(field + ".to", "before-from",
                    "放假结束日 " + holiday.to() + " 早于开始日 " + holiday.from()));
        }
    }

    private static void workday(CalendarYear.Workday workday, String field, int year, LocalDate first,
            LocalDate last, List<CalendarYear.Holiday> holidays, List<FieldProblem> problems) {
        if (workday == null) {
            problems.add(new FieldProblem(field, "required", "请给出调休上班日：name、date"));
            return;
        }
        text(workday.name(), field + ".name", MAX_NAME, "请给出名称，如 春节调休", problems);
        if (!date(workday.date(), field + ".date", year, first, last, problems)) {
            return;
        }
        LocalDate date = workday.date();
        DayOfWeek day = date.getDayOfWeek();
        if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
            problems.add(new FieldProblem(field + ".date", "not-weekend",
                    date + " 是" + weekday(day) + "，本来就上班：调休上班日只能是星期六或星期日"));
            return;
        }
        for (CalendarYear.Holiday holiday : holidays) {
            if (holiday != null && holiday.from() != null && holiday.to() != null
                    && !date.isBefore(holiday.from()) && !date.isAfter(holiday.to())) {
                problems.add(new FieldProblem(field + ".date", "in-holiday",
                        date + " 在放假安排“" + holiday.name() + "”（" + holiday.from() + " 至 " + holiday.to()
                                + "）之内，不能同时是调休上班日"));
                return;
            }
        }
    }

    /** Whether the date is given and inside the year's window; a problem under {@code field} if not. */
    private static boolean date(LocalDate date, String field, int year, LocalDate first, LocalDate last,
            List<FieldProblem> problems) {
        if (date == null) {
            problems.add(new FieldProblem(field, "required", "请给出日期，如 " + year + "-10-01"));
            return false;
        }
        if (date.isBefore(first) || date.isAfter(last)) {
            problems.add(new FieldProblem(field, "outside-year", date + " 不在 " + year + " 年内（元旦、春节可跨年，"
                    + "允许 " + first + " 至 " + last + "）"));
            return false;
        }
        return true;
    }

    private static void text(String value, String field, int max, String missing, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "required", missing));
        } else if (value.length() > max) {
            problems.add(new FieldProblem(field, "too-long", "最长 " + max + " 个字符"));
        }
    }

    private static String weekday(DayOfWeek day) {
        return "星期" + "一二三四五六日".charAt(day.getValue() - 1);
    }
}
