package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every numbering marker in a running text, of every {@link MarkerStyle}, in text order. What is found is a
 * candidate: {@link Outline} decides which markers really open a part (by style, place and sequence) and which are
 * only text.
 */
final class MarkerScanner {

    private static final String CN = "[" + ChineseNumerals.CHARACTERS + "]{1,6}";
    private static final String AR = "[0-9０-９]{1,3}";
    private static final Pattern PATTERN = Pattern.compile(
            "(?<part>第\\s*(?<partN>" + CN + ")\\s*(?:部分|章|篇))"
                    + "|(?<paren>[（(]\\s*(?<parenN>" + CN + ")\\s*[）)])"
                    + "|(?<aparen>[（(]\\s*(?<aparenN>" + AR + ")\\s*[）)])"
                    + "|(?<comma>(?<commaN>" + CN + ")\\s*[、．.](?![" + ChineseNumerals.CHARACTERS + "]\\s*[、．.]))"
                    + "|(?<dot>(?<dotN>" + AR + ")\\s*[.．、](?!\\s*[0-9０-９]))"
                    + "|(?<half>(?<halfN>" + AR + ")\\s*[）)])"
                    + "|(?<glyph>[①-⑳⑴-⒇⒈-⒛])");
    /** What ends a sentence (or a lead-in) so that a line-level marker may follow inside a line. */
    private static final String SENTENCE_END = "。！？!?；;：:";

    private MarkerScanner() {
    }

    static List<Marker> scan(SourceText source) {
        String text = source.text();
        List<Marker> markers = new ArrayList<>();
        Matcher m = PATTERN.matcher(text);
        while (m.find()) {
            int start = m.start();
            if (start > 0 && !source.startsLine(start) && isGlued(text.charAt(start - 1), m)) {
                continue;
            }
            MarkerStyle style;
            int number;
            if (m.group("part") != null) {
                style = MarkerStyle.PART;
                number = ChineseNumerals.parse(m.group("partN"));
            } else if (m.group("paren") != null) {
                style = MarkerStyle.CHINESE_PAREN;
                number = ChineseNumerals.parse(m.group("parenN"));
            } else if (m.group("aparen") != null) {
                style = MarkerStyle.ARABIC_PAREN;
                number = arabic(m.group("aparenN"));
            } else if (m.group("comma") != null) {
                style = MarkerStyle.CHINESE_COMMA;
                number = ChineseNumerals.parse(m.group("commaN"));
            } else if (m.group("dot") != null) {
                style = MarkerStyle.ARABIC_DOT;
                number = arabic(m.group("dotN"));
            } else if (m.group("half") != null) {
                style = MarkerStyle.ARABIC_HALF_PAREN;
                number = arabic(m.group("halfN"));
            } else {
                char glyph = m.group("glyph").charAt(0);
                if (glyph <= '⑳') {
                    style = MarkerStyle.CIRCLED;
                    number = glyph - '①' + 1;
                } else if (glyph <= '⒇') {
                    style = MarkerStyle.ARABIC_PAREN;
                    number = glyph - '⑴' + 1;
                } else {
                    style = MarkerStyle.ARABIC_DOT;
                    number = glyph - '⒈' + 1;
                }
            }
            if (number < 1) {
                continue;
            }
            int end = m.end();
            while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\u3000')) {
                end++;
            }
            // a PART heading may separate its title with 、 or ：
            if (style == MarkerStyle.PART && end < text.length() && "、：:".indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            markers.add(new Marker(style, number, start, end, m.group().strip(), source.startsLine(start),
                    afterSentence(text, start)));
        }
        return markers;
    }

    /**
     * A marker glued to what comes before it is part of a word or a number: 第3批 is no part, 12.5 no item 2, 十三、
     * inside 二十三、 no section, 项目1、2 no list.
     */
    private static boolean isGlued(char before, Matcher m) {
        boolean digitStart = m.group("dot") != null || m.group("half") != null;
        boolean numeralStart = m.group("comma") != null;
        if (digitStart) {
            return TargetExtractor.isDigit(before) || before == '.' || before == '．' || Character.isLetter(before)
                    && !SourceText.isHan(before) || SourceText.isHan(before) || before == '第';
        }
        if (numeralStart) {
            return ChineseNumerals.CHARACTERS.indexOf(before) >= 0 || SourceText.isHan(before);
        }
        return false;
    }

    private static boolean afterSentence(String text, int start) {
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i < 0 || SENTENCE_END.indexOf(text.charAt(i)) >= 0;
    }

    static int arabic(String digits) {
        int value = 0;
        for (char c : digits.toCharArray()) {
            value = value * 10 + (c >= '０' && c <= '９' ? c - '０' : c - '0');
        }
        return value;
    }
}
