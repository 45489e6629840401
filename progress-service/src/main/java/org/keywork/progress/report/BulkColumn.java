package org.keywork.progress.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns of a bulk upload, each named in Chinese or in English (the {@link ReportRequest} field name). The
 * informational columns are what the template ({@link BulkTemplate}) shows beside the columns to fill: an upload may
 * carry them, and they are not read.
 */
enum BulkColumn {
    REPORT_ID("报告编号", "reportId", Use.REQUIRED),
    PLAN_YEAR("年度", "planYear", Use.OPTIONAL),
    ITEM_ID("事项", "itemId", Use.REQUIRED),
    TARGET_ID("指标", "targetId", Use.REQUIRED),
    VALUE("数值", "value", Use.OPTIONAL),
    REACHED_ON("达成日期", "reachedOn", Use.OPTIONAL),
    AS_OF("截至日期", "asOf", Use.REQUIRED),
    DEPARTMENT("填报部门", "department", Use.REQUIRED),
    NOTE("说明", "note", Use.OPTIONAL, "备注"),
    STATE("状态", "state", Use.OPTIONAL),
    SUPERSEDES("更正报告编号", "supersedes", Use.OPTIONAL),
    /** 是 confirms a value the plausibility check would question (the JSON {@code confirmed: true}). */
    CONFIRMED("确认", "confirmed", Use.OPTIONAL),
    ITEM_TITLE("事项名称", "itemTitle", Use.INFORMATIONAL),
    TARGET_TEXT("目标", "targetText", Use.INFORMATIONAL),
    UNIT("单位", "unit", Use.INFORMATIONAL),
    LAST_VALUE("上次填报", "lastReported", Use.INFORMATIONAL),
    LAST_AS_OF("上次截至日期", "lastAsOf", Use.INFORMATIONAL);

    private enum Use { REQUIRED, OPTIONAL, INFORMATIONAL }

    private final String chinese;
    private final String field;
    private final Use use;
    private final List<String> aliases;

    BulkColumn(String chinese, String field, Use use, String... aliases) {
        this.chinese = chinese;
        this.field = field;
        this.use = use;
        this.aliases = List.of(aliases);
    }

    /** The {@link ReportRequest} field, as named in problems ({@code rows[3].value}). */
    String field() {
        return field;
    }

    /** The Chinese name, as the template's header writes it. */
    String chinese() {
        return chinese;
    }

    /**
     * Whether a file without this column is refused ({@code value} / {@code reachedOn} / {@code state}: at least one
     * of them).
     */
    boolean required() {
        return use == Use.REQUIRED;
    }

    /** Shown by the template for orientation, ignored on upload. */
    boolean informational() {
        return use == Use.INFORMATIONAL;
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

    /** The column a header cell names: the Chinese name (or an older one), or the English one in any letter case. */
    static Optional<BulkColumn> named(String header) {
        String name = header.replace("\uFEFF", "").strip();
        for (BulkColumn column : values()) {
            if (column.chinese.equals(name) || column.aliases.contains(name)
                    || column.field.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    static String allLabels() {
        StringBuilder labels = new StringBuilder();
        for (BulkColumn column : values()) {
            if (!column.informational()) {
                labels.append(labels.isEmpty() ? "" : "、").append(column.label());
            }
        }
        return labels.toString();
    }
}
