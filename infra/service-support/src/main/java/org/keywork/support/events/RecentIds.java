package org.keywork.support.events;

import java.util.ArrayList;
import java.util.List;

/**
 * The last few ids of the reports or events a document has taken in, so that a redelivery changes nothing: a
 * bounded window, never a list that grows with every report. Most consumers recognise redeliveries first by event id
 * ({@link ProcessedMessages}, kept for the topics' retention) and this window is the document's second line. Where
 * it is the only line ({@link InboundEvents#handleIdempotent}), a redelivery that fell out of the window must still
 * change nothing: it is either the document's current report (checked by id) or older than it (noted as stale).
 */
public final class RecentIds {

    /** How many ids a document keeps. */
    public static final int KEPT = 32;

    private RecentIds() {
    }

    /** {@code recent} with {@code id} added last, the oldest dropped beyond {@value #KEPT}. */
    public static List<String> with(List<String> recent, String id) {
        List<String> next = new ArrayList<>(Math.min(recent.size() + 1, KEPT));
        int from = Math.max(0, recent.size() + 1 - KEPT);
        for (int i = from; i < recent.size(); i++) {
            next.add(recent.get(i));
        }
        next.add(id);
        return List.copyOf(next);
    }
}
