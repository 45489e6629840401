package org.keywork.stack;

/** {@link LocalStack#stopAll()} was called (e.g. Ctrl-C) while parts were still starting. */
public class StartupAbortedException extends RuntimeException {

    StartupAbortedException() {
        super("start-up aborted: the stack is being stopped");
    }
}
