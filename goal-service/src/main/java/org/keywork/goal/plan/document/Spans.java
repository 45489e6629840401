package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an item's text into sentences (。！？) and clauses (，；), never inside parentheses or quotation marks, and
 * marks which characters are quoted (“…”, 《…》: names of documents and programmes) or starred (from a ★ to the
 * next 。).
 */
final class Spans {

    /** {@code [start, end)} of the text, trimmed of spaces; a sentence keeps its 。, a clause drops its separator. */
    record Span(int start, int end) {
        String of(String text) {
            return text.substring(start, end);
        }
    }

    private static final String SENTENCE = "。！？!?";
    private static final String CLAUSE = "，；,;";
    private static final String OPEN = "（(《“「『【〔";
    private static final String CLOSE = "）)》”」』】〕";

    private Spans() {
    }

    static List<Span> sentences(String text) {
        return split(text, 0, text.length(), SENTENCE, true);
    }

    static List<Span> clauses(String text, Span sentence) {
        return split(text, sentence.start(), sentence.end(), CLAUSE + SENTENCE, false);
    }

    private static List<Span> split(String text, int from, int to, String separators, boolean keepSentenceEnd) {
        List<Span> spans = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (OPEN.indexOf(c) >= 0) {
                depth++;
            } else if (CLOSE.indexOf(c) >= 0 && depth > 0) {
                depth--;
            } else if (separators.indexOf(c) >= 0 && (depth == 0 || SENTENCE.indexOf(c) >= 0)) {
                // a sentence end also closes whatever the writer left open
                add(text, spans, start, i + (keepSentenceEnd && SENTENCE.indexOf(c) >= 0 ? 1 : 0));
                start = i + 1;
                depth = 0;
            }
        }
        add(text, spans, start, to);
        return spans;
    }

    private static void add(String text, List<Span> spans, int start, int end) {
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        if (end > start) {
            spans.add(new Span(start, end));
        }
    }

    /** Characters inside “…”, "…", 《…》, 「…」: document and programme names, whose numbers are not targets. */
    static boolean[] quoted(String text) {
        boolean[] quoted = new boolean[text.length()];
        int depth = 0;
        boolean ascii = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '“' || c == '《' || c == '「' || c == '『') {
                depth++;
            } else if ((c == '”' || c == '》' || c == '」' || c == '』') && depth > 0) {
                depth--;
            } else if (c == '"') {
                ascii = !ascii;
            } else if (SENTENCE.indexOf(c) >= 0) {
                depth = 0;
                ascii = false;
            }
            quoted[i] = depth > 0 || ascii;
        }
        return quoted;
    }

    /** Characters from a ★ to the next 。 (a ★ 实事项目 sub-target). */
    static boolean[] starred(String text) {
        boolean[] starred = new boolean[text.length()];
        boolean on = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '★') {
                on = true;
            }
            starred[i] = on;
            if (c == '。') {
                on = false;
            }
        }
        return starred;
    }

    /** The position of the innermost parenthesis still open at {@code at} within {@code [from, at)}, or -1. */
    static int openParenBefore(String text, int from, int at) {
        List<Integer> open = new ArrayList<>();
        for (int i = from; i < at; i++) {
            char c = text.charAt(i);
            if (c == '（' || c == '(') {
                open.add(i);
            } else if ((c == '）' || c == ')') && !open.isEmpty()) {
                open.remove(open.size() - 1);
            }
        }
        return open.isEmpty() ? -1 : open.get(open.size() - 1);
    }
}
