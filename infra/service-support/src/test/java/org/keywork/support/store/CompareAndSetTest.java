package org.keywork.support.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

/** The one retry loop: attempts until one is done, then the caller's answer for a contended document. */
class CompareAndSetTest {

    private final List<Integer> attempts = new ArrayList<>();

    @Test
    void aLostAttemptIsMadeAgainUntilOneIsDone() {
        String result = CompareAndSet.retry("item 5.5", attempt -> {
            attempts.add(attempt);
            return attempt < 3 ? CompareAndSet.lost() : CompareAndSet.done("written on attempt " + attempt);
        });

        assertThat(result).isEqualTo("written on attempt 3");
        assertThat(attempts).containsExactly(1, 2, 3);
    }

    @Test
    void aDoneAttemptMayAnswerNothing() {
        assertThat(CompareAndSet.<String>retry("item 5.5", attempt -> CompareAndSet.done(null))).isNull();
    }

    @Test
    void whenEveryAttemptLosesTheCallerSaysWhatThatMeans() {
        assertThatThrownBy(() -> CompareAndSet.retry("item 5.5", attempt -> {
            attempts.add(attempt);
            return CompareAndSet.lost();
        })).isInstanceOf(OptimisticLockingFailureException.class).hasMessage("item 5.5 kept changing");
        assertThat(attempts).hasSize(CompareAndSet.ATTEMPTS);

        assertThatThrownBy(() -> CompareAndSet.retry(3, attempt -> CompareAndSet.lost(),
                () -> new IllegalStateException("该职务正在被同时修改"))).hasMessage("该职务正在被同时修改");
        assertThat(CompareAndSet.retryOr("skipped", attempt -> CompareAndSet.lost())).isEqualTo("skipped");
    }

    @Test
    void anExceptionOfAnAttemptIsNotRetried() {
        assertThatThrownBy(() -> CompareAndSet.retry("item 5.5", attempt -> {
            attempts.add(attempt);
            throw new IllegalArgumentException("no such indicator");
        })).hasMessage("no such indicator");
        assertThat(attempts).containsExactly(1);
    }
}
