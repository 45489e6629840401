package org.keywork.progress.report;

import java.time.Instant;

/** The answer to an accepted report: its id, where to read it, and when it was accepted. */
record ReportReceipt(String reportId, String status, String location, Instant acceptedAt) {

    static ReportReceipt of(ProgressReport report) {
        return new ReportReceipt(report.reportId(), "ACCEPTED", "/api/progress/" + report.reportId(),
                report.acceptedAt());
    }
}
