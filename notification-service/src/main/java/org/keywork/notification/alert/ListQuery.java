package org.keywork.notification.alert;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.keywork.events.TrackingStatus;
import org.keywork.notification.directory.Directory;
import org.keywork.support.web.FieldProblem;

/**
 * The alert list's filters beyond the original ones, and its paging, as read from the query string.
 *
 * @param section the item's section number (the part of the item id before the dot), e.g. {@code 5}
 * @param leader  the responsible leader: a position (副区长（分管民政）) or a holder's name
 * @param level   YELLOW or RED (the alert's {@code severity})
 * @param text    a piece of the item id, item title, title or message (case-insensitive)
 * @param from    raised on or after this business day
 * @param to      raised on or before this business day
 * @param page    the page, 0 first; null: the array of old
 * @param size    alerts per page (default {@value #DEFAULT_SIZE}, at most {@value #MAX_SIZE})
 */
record ListQuery(String section, String leader, TrackingStatus level, String text, LocalDate from, LocalDate to,
        Integer page, int size) {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 200;
    static final int MAX_TEXT = 100;

    /** Reads the parameters; each one that is wrong adds a problem naming it. */
    static ListQuery read(String section, String leader, String level, String q, String from, String to,
            Integer page, Integer size, List<FieldProblem> problems) {
        String sectionNumber = AlertController.emptyToNull(section);
        if (sectionNumber != null && !sectionNumber.matches("\\d{1,3}")) {
            problems.add(new FieldProblem("section", "invalid-value",
                    "篇章编号 " + sectionNumber + " 无效，应为数字，即事项编号中点号前的部分（如 5）"));
        }
        String leaderName = AlertController.emptyToNull(leader);
        if (leaderName != null && leaderName.length() > MAX_TEXT) {
            problems.add(new FieldProblem("leader", "too-long", "最长 " + MAX_TEXT + " 个字符"));
        }
        TrackingStatus severity = level(AlertController.emptyToNull(level), problems);
        String text = AlertController.emptyToNull(q);
        if (text != null && text.length() > MAX_TEXT) {
            problems.add(new FieldProblem("q", "too-long", "最长 " + MAX_TEXT + " 个字符"));
        }
        LocalDate fromDay = date("from", from, problems);
        LocalDate toDay = date("to", to, problems);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            problems.add(new FieldProblem("to", "before-from", "结束日期 " + toDay + " 早于开始日期 " + fromDay));
        }
        if (page != null && page < 0) {
            problems.add(new FieldProblem("page", "out-of-range", "页码从 0 开始，不能为负数"));
        }
        if (size != null && (size < 1 || size > MAX_SIZE)) {
            problems.add(new FieldProblem("size", "out-of-range", "应在 1 到 " + MAX_SIZE + " 之间"));
        }
        if (size != null && page == null) {
            problems.add(new FieldProblem("size", "requires-page", "size 需与 page 一起使用（page 从 0 开始）"));
        }
        return new ListQuery(sectionNumber, leaderName, severity, text, fromDay, toDay, page,
                size == null ? DEFAULT_SIZE : size);
    }

    /** Whether any of these filters, or paging, was asked for. */
    boolean any() {
        return section != null || leader != null || level != null || text != null || from != null || to != null
                || page != null;
    }

    /**
     * The store's filter: these and the original ones. A leader given by name means every position someone of
     * that name held; by position, that position.
     */
    AlertStore.Filter filter(String recipient, AlertStatus status, String itemId, Integer planYear,
            Directory directory, ZoneId zone) {
        List<String> leaders = null;
        if (leader != null) {
            Set<String> positions = new LinkedHashSet<>();
            positions.add(leader);
            positions.addAll(directory.positionsHeldBy(leader));
            leaders = List.copyOf(positions);
        }
        return new AlertStore.Filter(recipient == null ? null : List.of(recipient), status, itemId, planYear,
                section, leaders, level, text, from == null ? null : from.atStartOfDay(zone).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static TrackingStatus level(String level, List<FieldProblem> problems) {
        if (level == null) {
            return null;
        }
        String name = level.toUpperCase(Locale.ROOT);
        if (name.equals("YELLOW") || name.equals("RED")) {
            return TrackingStatus.valueOf(name);
        }
        problems.add(new FieldProblem("level", "invalid-value", "预警级别 " + level + " 无效，应为 YELLOW 或 RED"));
        return null;
    }

    private static LocalDate date(String field, String value, List<FieldProblem> problems) {
        String text = AlertController.emptyToNull(value);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "invalid-date", "日期 " + text + " 无效，应为 yyyy-MM-dd，如 2021-10-08"));
            return null;
        }
    }
}
