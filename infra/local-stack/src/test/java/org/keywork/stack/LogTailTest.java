package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void lastLinesSkipsTrailingBlankLines() throws Exception {
        Path log = dir.resolve("a.log");
        Files.writeString(log, IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n")) + "\n\n");

        assertThat(LogTail.lastLines(log, 3)).containsExactly("line 48", "line 49", "line 50");
        assertThat(LogTail.lastLines(dir.resolve("missing.log"), 3)).isEmpty();
    }

    @Test
    void firstErrorLooksOnlyAtThisRunAndPrefersSpringBootsReport() throws Exception {
        Path log = dir.resolve("goal-service.log");
        String previousRun = "old ERROR from yesterday\n";
        Files.writeString(log, previousRun
                + "INFO starting\n"
                + "2026 ERROR o.s.b.SpringApplication : Application run failed\n"
                + "***************************\n"
                + "APPLICATION FAILED TO START\n"
                + "***************************\n"
                + "Description: Web server failed to start. Port 8081 was already in use.\n");

        assertThat(LogTail.firstError(log, previousRun.length(), 3))
                .containsExactly("APPLICATION FAILED TO START", "***************************",
                        "Description: Web server failed to start. Port 8081 was already in use.");
    }

    @Test
    void firstErrorFallsBackToErrorLineThenException() throws Exception {
        Path log = dir.resolve("x.log");
        Files.writeString(log, "INFO ok\nWARN hmm\n12:00 ERROR boom\n\tat Foo.bar\n");
        assertThat(LogTail.firstError(log, 0, 2)).containsExactly("12:00 ERROR boom", "\tat Foo.bar");

        Files.writeString(log, "INFO ok\njava.lang.IllegalStateException: nope\n");
        assertThat(LogTail.firstError(log, 0, 5)).containsExactly("java.lang.IllegalStateException: nope");

        Files.writeString(log, "INFO all fine\n");
        assertThat(LogTail.firstError(log, 0, 5)).isEmpty();
    }
}
