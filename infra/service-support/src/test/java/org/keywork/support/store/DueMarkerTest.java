package org.keywork.support.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DueMarkerTest {

    @Test
    void theExpressionMatchesExactlyTheMarksDueOnOrBeforeTheDay() {
        LocalDate day = LocalDate.of(2021, 10, 8);
        Pattern due = Pattern.compile(DueMarker.dueBy(day));
        for (LocalDate d = LocalDate.of(2019, 12, 25); d.isBefore(LocalDate.of(2023, 2, 1)); d = d.plusDays(1)) {
            String mark = DueMarker.mark(d, "a-17");
            assertThat(due.matcher(mark).find()).as(mark).isEqualTo(!d.isAfter(day));
        }
        assertThat(due.matcher("2021-10-08|x").find()).isTrue();
        assertThat(due.matcher("2021-10-080|x").find()).isFalse();
        assertThat(DueMarker.dayOf(DueMarker.mark(day, "2021/5.6"))).isEqualTo(day);
    }

    @Test
    void daysWithZerosAndNinesAndTheTurnOfAYear() {
        for (LocalDate day : new LocalDate[] {LocalDate.of(2020, 1, 1), LocalDate.of(2029, 9, 9),
                LocalDate.of(2030, 12, 31), LocalDate.of(2100, 2, 28)}) {
            Pattern due = Pattern.compile(DueMarker.dueBy(day));
            assertThat(due.matcher(DueMarker.mark(day, "x")).find()).isTrue();
            assertThat(due.matcher(DueMarker.mark(day.minusDays(1), "x")).find()).isTrue();
            assertThat(due.matcher(DueMarker.mark(day.plusDays(1), "x")).find()).isFalse();
            assertThat(due.matcher(DueMarker.mark(day.plusYears(1), "x")).find()).isFalse();
            assertThat(due.matcher(DueMarker.mark(day.minusYears(3), "x")).find()).isTrue();
        }
    }

    @Test
    void zeroPaddedNumbersAfterAPrefixWithSeparatorsInIt() {
        long now = 1_764_000_123_450L;
        Pattern due = Pattern.compile("^EMAIL\\|"
                + DueMarker.notAfter(DueMarker.millisKey(Instant.ofEpochMilli(now))));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            long at = now + (long) (random.nextGaussian() * Math.pow(10, random.nextInt(12)));
            String mark = "EMAIL|" + DueMarker.millisKey(Instant.ofEpochMilli(at)) + "|m-" + i + ":EMAIL";
            assertThat(due.matcher(mark).find()).as(mark).isEqualTo(at <= now);
        }
        assertThat(due.matcher("INBOX|0000000000001|x").find()).isFalse();
        Pattern dotted = Pattern.compile("^" + DueMarker.notAfter("a.b|07"));
        assertThat(dotted.matcher("a.b|06|x").find()).isTrue();
        assertThat(dotted.matcher("axb|06|x").find()).isFalse();
    }

    @Test
    void aMillisKeyIsThirteenDigitsSoTextOrderIsTimeOrder() {
        assertThat(DueMarker.millisKey(Instant.EPOCH.plusMillis(5))).isEqualTo("0000000000005");
        assertThat(DueMarker.millisKey(Instant.parse("2026-12-04T01:00:00Z"))).isEqualTo("1796346000000");
        assertThat(DueMarker.millisKey(Instant.EPOCH.minusSeconds(1))).isEqualTo("0000000000000");
    }
}
