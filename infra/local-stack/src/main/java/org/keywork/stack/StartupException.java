package org.keywork.stack;

import java.nio.file.Path;
import java.util.List;

/** A part did not become healthy (timeout or early exit). Everything started by the call was stopped again. */
public class StartupException extends RuntimeException {

    private final Part part;
    private final String reason;
    private final Path logFile;
    private final List<String> logTail;
    private final List<String> firstError;

    StartupException(Part part, String reason, Path logFile, List<String> logTail, List<String> firstError) {
        super(part.id() + ": " + reason + " (log: " + logFile + ")" + System.lineSeparator()
                + String.join(System.lineSeparator(), logTail));
        this.part = part;
        this.reason = reason;
        this.logFile = logFile;
        this.logTail = List.copyOf(logTail);
        this.firstError = List.copyOf(firstError);
    }

    /** The first error reported in this run's log and the lines after it; empty if none was recognised. */
    public List<String> firstError() {
        return firstError;
    }

    public Part part() {
        return part;
    }

    /** Why, in Chinese, for the user. */
    public String reason() {
        return reason;
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the part's log. */
    public List<String> logTail() {
        return logTail;
    }
}
