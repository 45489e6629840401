package org.keywork.goal.plan.document;

/** Chinese numerals as used for section (一、) and item (（四十七）) numbers: 1 to 9999. */
final class ChineseNumerals {

    static final String CHARACTERS = "零〇一二两三四五六七八九十百千";

    private ChineseNumerals() {
    }

    /** The value of a well-formed numeral (一, 十, 十一, 二十, 四十七, 一百零一 …), or -1. */
    static int parse(String numeral) {
        if (numeral == null || numeral.isEmpty() || numeral.length() > 8) {
            return -1;
        }
        int total = 0;
        int digit = 0;
        for (int i = 0; i < numeral.length(); i++) {
            char c = numeral.charAt(i);
            int d = digit(c);
            int unit = unit(c);
            if (d >= 0) {
                digit = d;
            } else if (unit > 0) {
                total += (digit == 0 && unit == 10 ? 1 : digit) * unit;
                digit = 0;
            } else {
                return -1;
            }
        }
        total += digit;
        // well-formed means written the canonical way: this refuses 十十, 二二, 一百一, 零五 …
        return total >= 1 && total <= 9999 && format(total).equals(canonical(numeral)) ? total : -1;
    }

    private static String canonical(String numeral) {
        String s = numeral.replace('两', '二').replace('〇', '零');
        return s.startsWith("一十") ? s.substring(1) : s;
    }

    /** The numeral for 1 to 9999 (二十, 四十七, 一百零一). */
    static String format(int value) {
        if (value < 1 || value > 9999) {
            throw new IllegalArgumentException("out of range: " + value);
        }
        String digits = "零一二三四五六七八九";
        String[] units = {"千", "百", "十", ""};
        int[] powers = {1000, 100, 10, 1};
        StringBuilder out = new StringBuilder();
        boolean pendingZero = false;
        for (int i = 0; i < powers.length; i++) {
            int d = value / powers[i] % 10;
            if (d == 0) {
                pendingZero = out.length() > 0;
                continue;
            }
            if (pendingZero) {
                out.append('零');
                pendingZero = false;
            }
            if (!(d == 1 && powers[i] == 10 && out.length() == 0)) {
                out.append(digits.charAt(d));
            }
            out.append(units[i]);
        }
        return out.toString();
    }

    private static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> -1;
        };
    }

    private static int unit(char c) {
        return switch (c) {
            case '十' -> 10;
            case '百' -> 100;
            case '千' -> 1000;
            default -> -1;
        };
    }
}
