package org.keywork.stack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;

/** A part this JVM started. */
public final class RunningPart {

    private final Part part;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private final Instant started;
    private final long logOffset;
    private volatile boolean stopRequested;

    RunningPart(Part part, Process process, Path logFile, long logOffset, Path pidFile, Instant started) {
        this.logOffset = logOffset;
        this.part = part;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.started = started;
    }

    public Part part() {
        return part;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Exit code once the process has ended. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public Path logFile() {
        return logFile;
    }

    public Instant started() {
        return started;
    }

    /** True once {@link LocalStack} began stopping it on purpose. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Where this run's output starts in the log file. */
    long logOffset() {
        return logOffset;
    }

    Process process() {
        return process;
    }

    Path pidFile() {
        return pidFile;
    }

    void markStopRequested() {
        stopRequested = true;
    }

    @Override
    public String toString() {
        return part.id() + "[pid " + pid() + (isAlive() ? "" : ", exited") + "]";
    }
}
