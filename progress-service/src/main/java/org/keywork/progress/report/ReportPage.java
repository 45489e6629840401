package org.keywork.progress.report;

import java.util.List;

/**
 * One page of a report list: {@code {"content":[...],"page":{"size","number","totalElements","totalPages"}}}.
 */
record ReportPage(List<ReportView> content, PageInfo page) {

    /** {@code number} counts from 0; {@code size} is the size asked for. */
    record PageInfo(int size, int number, long totalElements, long totalPages) {

        static PageInfo of(int size, int number, long totalElements) {
            return new PageInfo(size, number, totalElements, (totalElements + size - 1) / size);
        }
    }
}
