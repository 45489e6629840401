package org.keywork.progress.report;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A progress report as a department posts it.
 *
 * @param reportId   chosen by the client; posting the same report again is harmless
 * @param planYear   the plan year; defaults to the year of {@code asOf}
 * @param itemId     {@code S.N}
 * @param targetId   {@code S.N#K}, the indicator or milestone advanced; {@code S.N} (the item itself) for a
 *                   qualitative goal
 * @param value      an indicator's value to date
 * @param reachedOn  the date a milestone was reached
 * @param asOf       the date the report speaks for
 * @param department the reporting department
 * @param note       optional remarks
 * @param supersedes optional: the id of an earlier report of the same item and target that this one corrects
 * @param state      a qualitative goal's state (required for those, refused for other targets): NOT_STARTED,
 *                   ON_TRACK, AT_RISK, BLOCKED or DONE, or its Chinese label (未开始, 按计划推进, 存在风险, 受阻, 已完成),
 *                   stored as the code
 * @param confirmed  optional: true confirms a value the plausibility check would otherwise question
 *                   ({@link Plausibility}); recorded on the stored report
 */
record ReportRequest(
        @NotBlank(message = "必填") @Pattern(regexp = "[A-Za-z0-9._:\\-]{1,64}",
                message = "只能包含字母、数字和 . _ : -，最长 64 个字符") String reportId,
        Integer planYear,
        @NotBlank(message = "必填") @Pattern(regexp = "\\d{1,2}\\.\\d{1,3}", message = "应为 S.N 形式，如 5.6")
        String itemId,
        @NotBlank(message = "必填") @Pattern(regexp = "\\d{1,2}\\.\\d{1,3}(#\\d{1,2})?",
                message = "应为 S.N#K 形式，如 5.6#1（定性目标为事项本身 S.N，如 5.2）") String targetId,
        @PositiveOrZero(message = "不能为负数") @DecimalMax(value = "1000000000000", message = "数值过大")
        BigDecimal value,
        LocalDate reachedOn,
        @NotNull(message = "必填") LocalDate asOf,
        @NotBlank(message = "必填") @Size(max = 64, message = "最长 64 个字符") String department,
        @Size(max = 2000, message = "最长 2000 个字符") String note,
        @Pattern(regexp = "[A-Za-z0-9._:\\-]{1,64}", message = "只能包含字母、数字和 . _ : -，最长 64 个字符")
        String supersedes,
        @Pattern(regexp = "NOT_STARTED|ON_TRACK|AT_RISK|BLOCKED|DONE",
                message = "应为 未开始、按计划推进、存在风险、受阻、已完成 之一（或 NOT_STARTED、ON_TRACK、AT_RISK、BLOCKED、DONE）")
        String state,
        Boolean confirmed) {

    ReportRequest {
        state = QualitativeState.normalized(state);
    }

    /** A report without a confirmation (the shape before {@code confirmed}). */
    ReportRequest(String reportId, Integer planYear, String itemId, String targetId, BigDecimal value,
            LocalDate reachedOn, LocalDate asOf, String department, String note, String supersedes, String state) {
        this(reportId, planYear, itemId, targetId, value, reachedOn, asOf, department, note, supersedes, state, null);
    }

    boolean isConfirmed() {
        return Boolean.TRUE.equals(confirmed);
    }

    int effectivePlanYear() {
        return planYear != null ? planYear : asOf.getYear();
    }
}
