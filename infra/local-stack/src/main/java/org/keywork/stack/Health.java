package org.keywork.stack;

/** Result of one health probe. */
public enum Health {
    /** Answers and says it is fine. */
    UP,
    /** Answers, but not healthy (yet). */
    DOWN,
    /** Does not answer at all. */
    UNREACHABLE
}
