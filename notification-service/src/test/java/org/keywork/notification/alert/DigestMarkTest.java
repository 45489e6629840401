package org.keywork.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keywork.support.store.DueMarker;

/** The digest mark: the flusher asks the index for marks a window old, so the mark must carry the oldest entry. */
class DigestMarkTest {

    private static final Instant RAISED = Instant.parse("2026-12-04T01:00:00Z");

    private static PendingDigest entry(PendingDigest.Kind kind, Instant since) {
        return new PendingDigest("a-1:" + kind + ":区长", kind, RecipientRole.LEADER, "区长", since);
    }

    @Test
    void theMarkStartsWithTheOldestEntrysTimeAndEndsWithTheNewestEntry() {
        PendingDigest raised = entry(PendingDigest.Kind.RAISED, RAISED);
        PendingDigest resolved = entry(PendingDigest.Kind.RESOLVED, RAISED.plusSeconds(120));

        String mark = Alert.digestMark("a-1", List.of(raised, resolved));

        assertThat(mark).isEqualTo(RAISED.toEpochMilli() + "|a-1|a-1:RESOLVED:区长");
        assertThat(mark).isNotEqualTo(Alert.digestMark("a-1", List.of(raised)));
    }

    @Test
    void aMarkIsDueExactlyOnceItsOldestEntryIsAWindowOld() {
        String mark = Alert.digestMark("a-1", List.of(entry(PendingDigest.Kind.RAISED, RAISED)));

        assertThat(due(mark, RAISED.minusMillis(1))).isFalse();
        assertThat(due(mark, RAISED)).isTrue();
        assertThat(due(mark, RAISED.plusSeconds(3600))).isTrue();
    }

    private static boolean due(String mark, Instant windowStart) {
        return Pattern.compile("^" + DueMarker.notAfter(DueMarker.millisKey(windowStart))).matcher(mark).find();
    }
}
