package org.keywork.goal.plan.document;

/**
 * A numbering marker found in a section's running text.
 *
 * @param style         how it is written
 * @param number        its number (一 and 1 are 1)
 * @param start         where the marker starts in the text
 * @param end           where the text after it starts (the marker and the spaces after it skipped)
 * @param label         the marker as the document writes it, e.g. （三） or 8．
 * @param startsLine    whether it stands at the start of a line of the input
 * @param afterSentence whether the text before it ends a sentence (or nothing comes before it)
 */
record Marker(MarkerStyle style, int number, int start, int end, String label, boolean startsLine,
        boolean afterSentence) {

    /** Where a marker may open a part of the outline: line-level styles only at a line or sentence start. */
    boolean wellPlaced() {
        return switch (style) {
            case PART, CHINESE_COMMA -> startsLine;
            case ARABIC_DOT, ARABIC_HALF_PAREN -> startsLine || afterSentence;
            default -> true;
        };
    }
}
