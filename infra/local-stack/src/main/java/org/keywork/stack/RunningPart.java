package org.keywork.stack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalInt;

/** A part this JVM started. */
public final class RunningPart {

    private final Instance instance;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;
    private final Instant started;
    private final long logOffset;
    private volatile boolean stopRequested;

    RunningPart(Instance instance, Process process, Path logFile, long logOffset, Path pidFile, Instant started) {
        this.logOffset = logOffset;
        this.instance = instance;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.started = started;
    }

    public Part part() {
        return instance.part();
    }

    /** Which instance of its part this is ({@code ./keywork up --scale}). */
    public Instance instance() {
        return instance;
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
        return instance.id() + "[pid " + pid() + (isAlive() ? "" : ", exited") + "]";
    }
}
