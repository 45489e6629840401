package org.keywork.progress.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The answer to a bulk upload, and its state when read again: {@code PENDING} or {@code ACCEPTED}. */
record BulkReceipt(String uploadId, String status, int rows, List<String> reportIds, String location,
        Instant receivedAt, Instant acceptedAt, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> conflicts) {

    static BulkReceipt of(BulkUpload upload) {
        return new BulkReceipt(upload.uploadId(), upload.status().name(), upload.rows().size(), upload.reportIds(),
                location(upload.uploadId()), upload.receivedAt(), upload.acceptedAt(),
                upload.conflicts() == null ? List.of() : upload.conflicts());
    }

    static String location(String uploadId) {
        return "/api/progress/bulk/" + uploadId;
    }
}
