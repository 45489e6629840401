package org.keywork.goal.plan.document;

/**
 * The ways official documents number their parts, in the order of the national standard for official documents
 * (GB/T 9704: 第一层 "一、", 第二层 "（一）", 第三层 "1.", 第四层 "（1）"), with the forms seen beside them. A style
 * ranked earlier is a higher level wherever both occur; a document may skip levels (一、 then 1.).
 */
enum MarkerStyle {
    /** 第一部分, 第一章, 第一篇: above the sections of a long plan. At the start of a line. */
    PART("第一部分"),
    /** 一、 (also 一． and 一.): sections. At the start of a line. */
    CHINESE_COMMA("一、"),
    /** （一） or (一): items of the 2021 layout, or sub-headings. Anywhere, in sequence. */
    CHINESE_PAREN("（一）"),
    /** 1. 1． 1、 (also ⒈): items. At the start of a line or right after a finished sentence. */
    ARABIC_DOT("1."),
    /** （1） or (1) (also ⑴): items or points inside an item. Anywhere, in sequence. */
    ARABIC_PAREN("（1）"),
    /** 1） or 1): points. At the start of a line or right after a finished sentence. */
    ARABIC_HALF_PAREN("1）"),
    /** ① ②: points. Anywhere, in sequence. */
    CIRCLED("①");

    private final String example;

    MarkerStyle(String example) {
        this.example = example;
    }

    /** How the first marker of this style looks, for messages and the import's layout summary. */
    String example() {
        return example;
    }

    /** Whether the marker must stand where a paragraph (or at least a sentence) starts. */
    boolean lineLevel() {
        return this == PART || this == CHINESE_COMMA || this == ARABIC_DOT || this == ARABIC_HALF_PAREN;
    }

    /** The marker of number {@code n} in this style, the way messages show an expected number. */
    String format(int n) {
        return switch (this) {
            case PART -> "第" + ChineseNumerals.format(n) + "部分";
            case CHINESE_COMMA -> ChineseNumerals.format(n) + "、";
            case CHINESE_PAREN -> "（" + ChineseNumerals.format(n) + "）";
            case ARABIC_DOT -> n + ".";
            case ARABIC_PAREN -> "（" + n + "）";
            case ARABIC_HALF_PAREN -> n + "）";
            case CIRCLED -> n >= 1 && n <= 20 ? String.valueOf((char) ('①' + n - 1)) : "(" + n + ")";
        };
    }
}
