package org.keywork.goal.plan.document;

import java.util.Arrays;
import java.util.List;

/**
 * Lines joined into one running text, remembering for every character the input line it came from.
 *
 * <p>Whitespace is normalised the same way inside a line and across a line break: a run of whitespace becomes one
 * space only between an ASCII letter or digit and another ASCII letter, digit or Chinese character ("8 个",
 * "110KV 交城路"); everywhere else it disappears (no space between Chinese characters or next to full-width
 * punctuation). So a word or a number broken across lines, or a text with extra blanks, reads the same.
 */
final class SourceText {

    private final String text;
    private final int[] lines;

    private SourceText(String text, int[] lines) {
        this.text = text;
        this.lines = lines;
    }

    static SourceText of(List<SourceLine> sourceLines) {
        StringBuilder out = new StringBuilder();
        int[] lineOf = new int[16];
        boolean pendingSpace = false;
        int pendingLine = 0;
        for (SourceLine line : sourceLines) {
            String s = line.text();
            pendingSpace = out.length() > 0;
            pendingLine = line.number();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (isSpace(c)) {
                    pendingSpace = out.length() > 0;
                    pendingLine = line.number();
                    continue;
                }
                if (pendingSpace && keepSpace(out.charAt(out.length() - 1), c)) {
                    lineOf = append(out, lineOf, ' ', pendingLine);
                }
                pendingSpace = false;
                lineOf = append(out, lineOf, c, line.number());
            }
        }
        return new SourceText(out.toString(), Arrays.copyOf(lineOf, out.length()));
    }

    /** One line's text with its whitespace normalised the way {@link #of} does. */
    static String normalise(String line) {
        return of(List.of(new SourceLine(0, line))).text();
    }

    private static int[] append(StringBuilder out, int[] lineOf, char c, int line) {
        int[] grown = out.length() < lineOf.length ? lineOf : Arrays.copyOf(lineOf, lineOf.length * 2);
        grown[out.length()] = line;
        out.append(c);
        return grown;
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    /** Whether a space between {@code before} and {@code after} carries meaning and is kept. */
    static boolean keepSpace(char before, char after) {
        return isAsciiAlnum(before) && (isAsciiAlnum(after) || isHan(after))
                || isHan(before) && isAsciiAlnum(after);
    }

    static boolean isAsciiAlnum(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }

    static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    /** The input line of the character at {@code offset} (clamped), 0 for an empty text. */
    int lineAt(int offset) {
        if (lines.length == 0) {
            return 0;
        }
        return lines[Math.max(0, Math.min(offset, lines.length - 1))];
    }

    /**
     * Whether the character at {@code offset} is the first of an input line (a joining space before it counts as
     * the line's start too).
     */
    boolean startsLine(int offset) {
        int at = offset;
        while (true) {
            if (at <= 0) {
                return true;
            }
            if (lines[at - 1] != lines[at]) {
                return true;
            }
            if (text.charAt(at - 1) != ' ') {
                return false;
            }
            at--;
        }
    }

    /** The rest of the input line from {@code offset} (to the next line's first character), stripped. */
    String restOfLine(int offset) {
        if (offset >= text.length()) {
            return "";
        }
        int line = lines[offset];
        int end = offset;
        while (end < text.length() && lines[end] == line) {
            end++;
        }
        return text.substring(offset, end).strip();
    }

    /** The first character of the input line after the one holding {@code offset}, or the text's length. */
    int nextLineStart(int offset) {
        if (offset >= text.length()) {
            return text.length();
        }
        int line = lines[offset];
        int end = offset;
        while (end < text.length() && lines[end] == line) {
            end++;
        }
        while (end < text.length() && text.charAt(end) == ' ') {
            end++;
        }
        return end;
    }

    SourceText slice(int from, int to) {
        return new SourceText(text.substring(from, to), Arrays.copyOfRange(lines, from, to));
    }

    /** Up to {@code radius} characters on either side of {@code [from, to)}, for a warning's excerpt. */
    String around(int from, int to, int radius) {
        return text.substring(Math.max(0, from - radius), Math.min(text.length(), to + radius));
    }

    SourceText strip() {
        int from = 0;
        int to = text.length();
        while (from < to && text.charAt(from) == ' ') {
            from++;
        }
        while (to > from && text.charAt(to - 1) == ' ') {
            to--;
        }
        return slice(from, to);
    }
}
