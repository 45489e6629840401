package org.keywork.goal.plan.document;

/** One non-blank line of the input, trimmed and cleaned, with its 1-based line number. */
record SourceLine(int number, String text) {
}
