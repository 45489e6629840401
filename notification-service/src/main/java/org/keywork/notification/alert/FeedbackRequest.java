package org.keywork.notification.alert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A department's report back (反馈) on an alert.
 *
 * @param note       what the department did or will do; required
 * @param reportId   the progress report that shows it, optional
 * @param feedbackId chosen by the client so that a retry is recognised (same id: same result, no second entry);
 *                   optional
 */
record FeedbackRequest(
        @NotBlank(message = "请填写反馈内容") @Size(max = 2000, message = "最长 2000 个字符") String note,
        @Size(max = 100, message = "最长 100 个字符") String reportId,
        @Size(max = 64, message = "最长 64 个字符")
        @Pattern(regexp = "[A-Za-z0-9._:\\-]+", message = "只能包含字母、数字和 . _ : -") String feedbackId) {
}
