package org.keywork.notification;

import java.util.UUID;

/** A {@code ProgressReportAccepted} envelope as progress-service writes it on the wire, for tests to send raw. */
final class ProgressReportEvent {

    private static final String TEMPLATE = """
            {"eventId":"%s","type":"progress.report-accepted","version":1,
             "occurredAt":"%sT03:00:00Z","source":"progress-service","key":"%s",
             "payload":{"reportId":"%s","planYear":2021,"itemId":"%s","targetId":"%s","targetKind":"INDICATOR",
               "value":1,"asOf":"%s","department":"%s","note":null,"acceptedAt":"%sT03:00:00Z"}}
            """;

    private ProgressReportEvent() {
    }

    /** A report for target {@code <itemId>#1} speaking for {@code asOf}. */
    static String json(String itemId, String asOf, String department) {
        return json(itemId, itemId + "#1", asOf, department);
    }

    /** A report for {@code targetId} of {@code itemId} speaking for {@code asOf}. */
    static String json(String itemId, String targetId, String asOf, String department) {
        return TEMPLATE.formatted(UUID.randomUUID(), asOf, itemId, "r-" + UUID.randomUUID(), itemId, targetId,
                asOf, department, asOf);
    }
}
