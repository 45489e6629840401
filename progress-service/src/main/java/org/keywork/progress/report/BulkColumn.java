package org.keywork.progress.report;

import java.util.Locale;
import java.util.Optional;

/** The columns of a bulk upload, each named in Chinese or in English (the {@link ReportRequest} field name). */
enum BulkColumn {
    REPORT_ID("报告编号", "reportId", true),
    PLAN_YEAR("年度", "planYear", false),
    ITEM_ID("事项", "itemId", true),
    TARGET_ID("指标", "targetId", true),
    VALUE("数值", "value", false),
    REACHED_ON("达成日期", "reachedOn", false),
    AS_OF("截至日期", "asOf", true),
    DEPARTMENT("填报部门", "department", true),
    NOTE("备注", "note", false),
    STATE("状态", "state", false),
    SUPERSEDES("更正报告编号", "supersedes", false);

    private final String chinese;
    private final String field;
    private final boolean required;

    BulkColumn(String chinese, String field, boolean required) {
        this.chinese = chinese;
        this.field = field;
        this.required = required;
    }

    /** The {@link ReportRequest} field, as named in problems ({@code rows[3].value}). */
    String field() {
        return field;
    }

    /**
     * Whether a file without this column is refused ({@code value} / {@code reachedOn} / {@code state}: at least one
     * of them).
     */
    boolean required() {
        return required;
    }

    boolean isDate() {
        return this == REACHED_ON || this == AS_OF;
    }

    boolean isNumber() {
        return this == VALUE || this == PLAN_YEAR;
    }

    /** Both names, for messages: {@code 数值/value}. */
    String label() {
        return chinese + "/" + field;
    }

    /** The column a header cell names: the Chinese name, or the English one in any letter case. */
    static Optional<BulkColumn> named(String header) {
        String name = header.replace("\uFEFF", "").strip();
        for (BulkColumn column : values()) {
            if (column.chinese.equals(name) || column.field.toLowerCase(Locale.ROOT).equals(
                    name.toLowerCase(Locale.ROOT))) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    static String allLabels() {
        StringBuilder labels = new StringBuilder();
        for (BulkColumn column : values()) {
            labels.append(labels.isEmpty() ? "" : "、").append(column.label());
        }
        return labels.toString();
    }
}
