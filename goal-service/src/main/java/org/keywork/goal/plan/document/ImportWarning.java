package org.keywork.goal.plan.document;

/**
 * Something in the document the parser could not read, pointing at the text.
 *
 * @param code    what kind of problem
 * @param message what is wrong, in Simplified Chinese, for the person importing the plan
 * @param line    the 1-based line of the input it concerns, or 0 when it concerns the whole document
 * @param excerpt the text concerned (at most {@value #MAX_EXCERPT} characters, unprintable characters shown as
 *                {@code ?}), or an empty string
 */
public record ImportWarning(WarningCode code, String message, int line, String excerpt) {

    public static final int MAX_EXCERPT = 40;

    public ImportWarning {
        message = message == null ? "" : message;
        excerpt = printable(excerpt);
    }

    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.strip().codePoints().limit(MAX_EXCERPT + 1L).forEach(cp -> {
            int type = Character.getType(cp);
            boolean unprintable = type == Character.CONTROL || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED || cp == 0xFFFD;
            out.appendCodePoint(unprintable ? '?' : cp);
        });
        if (out.codePointCount(0, out.length()) > MAX_EXCERPT) {
            out.setLength(out.offsetByCodePoints(0, MAX_EXCERPT - 1));
            out.append('…');
        }
        return out.toString();
    }
}
