package org.keywork.stack;

import java.util.List;

/** Nothing was started: a port is taken, a jar is missing, the data directory is not writable, .... */
public class PreflightException extends RuntimeException {

    private final List<String> problems;

    PreflightException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    /** One user-facing sentence (Chinese) per problem. */
    public List<String> problems() {
        return problems;
    }
}
