package org.keywork.support.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LanesTest {

    @Test
    void everyPieceIsWorkedOnceInUpToFourLanesAndAShortListInTheCallersThread() {
        List<Integer> pieces = IntStream.range(0, 1000).boxed().toList();
        List<Integer> done = new CopyOnWriteArrayList<>();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        Lanes.each(pieces, "test-lane", piece -> {
            done.add(piece);
            threads.add(Thread.currentThread());
        });

        assertThat(done).hasSize(1000).containsExactlyInAnyOrderElementsOf(pieces);
        assertThat(threads).hasSize(Lanes.MAX).contains(Thread.currentThread());
        assertThat(threads).filteredOn(t -> t != Thread.currentThread()).extracting(Thread::getName)
                .containsOnly("test-lane");

        Set<String> shortList = ConcurrentHashMap.newKeySet();
        Lanes.each(List.of(1, 2, 3), "test-lane", piece -> shortList.add(Thread.currentThread().getName()));
        assertThat(shortList).containsExactly(Thread.currentThread().getName());
        assertThat(Lanes.lanesFor(0)).isEqualTo(1);
        assertThat(Lanes.lanesFor(120)).isEqualTo(2);
    }

    @Test
    void aFailureInAnyLaneIsThrownAfterTheOtherLanesFinished() {
        List<Integer> pieces = IntStream.range(0, 400).boxed().toList();
        List<Integer> done = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> Lanes.each(pieces, "test-lane", piece -> {
            if (piece == 201) {
                throw new IllegalStateException("piece 201 failed");
            }
            done.add(piece);
        })).isInstanceOf(IllegalStateException.class).hasMessage("piece 201 failed");

        // the lane that failed stopped there; the others went to their end
        assertThat(done).hasSizeGreaterThan(300).doesNotContain(201);
    }
}
