package org.keywork.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cheap stand-ins for part JVMs: a shell that waits and carries our command-line markers (or not), so pid-file and
 * process-recognition logic is tested against real processes without starting Java. The shell waits with the
 * {@code read} builtin on its (never written) stdin rather than forking {@code sleep}: a forked child carries the
 * parent's command line until it execs, and would be seen as a second process of the same part.
 */
final class FakeParts implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** A process that looks like one of ours for {@code part} under {@code home}. */
    Process ours(Part part, Path home) throws IOException {
        return start(List.of("bash", "-c", "read -t 120 || true", LaunchSpec.partMarker(part),
                LaunchSpec.homeMarker(home)));
    }

    /**
     * One of ours whose shell has forked a subshell: the child keeps the parent's command line (markers included)
     * for as long as it lives, as a forked child does until it execs.
     */
    Process oursWithForkedChild(Part part, Path home) throws IOException {
        Process parent = start(List.of("bash", "-c", "( read -t 120 ); true", LaunchSpec.partMarker(part),
                LaunchSpec.homeMarker(home)));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (parent.children().findAny().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return parent;
    }

    /** Instance {@code number} (2..9) of a service, as {@code ./keywork up --scale} starts it. */
    Process ours(Instance instance, Path home) throws IOException {
        return start(List.of("bash", "-c", "read -t 120 || true", LaunchSpec.partMarker(instance.part()),
                LaunchSpec.homeMarker(home), LaunchSpec.instanceMarker(instance.number())));
    }

    /** A live process that is not ours (no markers). */
    Process stranger() throws IOException {
        return start(List.of("bash", "-c", "read -t 120 || true", "stranger"));
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
