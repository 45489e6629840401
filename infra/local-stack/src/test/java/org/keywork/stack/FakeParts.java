package org.keywork.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cheap stand-ins for part JVMs: a shell that sleeps and carries our command-line markers (or not), so pid-file and
 * process-recognition logic is tested against real processes without starting Java.
 */
final class FakeParts implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** A process that looks like one of ours for {@code part} under {@code home}. */
    Process ours(Part part, Path home) throws IOException {
        return start(List.of("bash", "-c", "sleep 120; true", LaunchSpec.partMarker(part),
                LaunchSpec.homeMarker(home)));
    }

    /** A live process that is not ours (no markers). */
    Process stranger() throws IOException {
        return start(List.of("bash", "-c", "sleep 120; true", "stranger"));
    }

    /** A pid that no longer runs. */
    long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    private Process start(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        // wait until the command line is visible in /proc
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Processes.commandLine(p.pid()).size() < command.size() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return p;
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }
}
