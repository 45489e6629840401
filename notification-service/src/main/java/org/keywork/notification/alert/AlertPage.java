package org.keywork.notification.alert;

import java.util.List;
import java.util.Map;

/**
 * One page of the alert list ({@code GET /api/alerts?page=0&size=20&...}).
 *
 * @param content the alerts of the page, newest first
 * @param page    where the page is
 * @param counts  the alerts matching every filter but {@code status}, by status (every status present), so that a
 *                tab per status can show its number whichever tab is open
 */
record AlertPage(List<AlertView> content, PageInfo page, Map<AlertStatus, Long> counts) {

    /**
     * @param size          alerts per page
     * @param number        this page, 0 first
     * @param totalElements the alerts matching every filter (status included)
     * @param totalPages    pages of {@code size} they fill
     */
    record PageInfo(int size, int number, long totalElements, long totalPages) {
    }
}
