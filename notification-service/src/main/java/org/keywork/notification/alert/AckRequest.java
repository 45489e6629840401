package org.keywork.notification.alert;

import jakarta.validation.constraints.Size;

/**
 * An acknowledgement, as the recipient posts it; the body is optional.
 *
 * @param note what the recipient has done or will do, optional
 * @param by   who acknowledges, optional (until authentication names the caller)
 */
record AckRequest(
        @Size(max = 2000, message = "最长 2000 个字符") String note,
        @Size(max = 64, message = "最长 64 个字符") String by) {
}
