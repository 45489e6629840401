package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The units a target's number can carry, and what may follow them (以上, 以内, 以下, 左右, /日).
 *
 * <p>A number is only a target when one of these follows it; years (年), addresses (号, 弄), versions, times of day
 * and durations (小时, 分钟) are not in the list.
 */
final class Units {

    /** A unit found after a number. {@code end} is past the unit and its suffixes. */
    record Match(String unit, int end, Set<Qualifier> qualifiers) {
    }

    /** Units that take a multiplier (万户, 亿美元) and may stand alone (户, 美元). */
    private static final List<String> BASES = List.of(
            "张", "名", "人", "户", "个", "套", "台", "辆", "件", "册", "株", "棵", "次", "吨", "家", "条", "处", "场",
            "项", "所", "座", "间", "亩", "米", "元", "起", "幢", "栋", "部", "支", "只", "箱", "份", "门", "种", "篇",
            "床", "单", "块", "客", "盏", "根", "组", "批次", "人次", "户次", "家次", "场次", "车次", "架次", "课时", "学时",
            "平方米", "平方公里", "立方米", "公里", "千米", "公顷", "千瓦", "千瓦时", "标准箱", "美元", "港元", "欧元",
            "吨标准煤", "个工作日", "工作日", "个百分点", "百分点");
    /** What may stand before a base: 2 万户, 6 亿美元, 3 千米 is no multiplier (千米 is a base). */
    private static final List<String> MULTIPLIERS = List.of("万亿", "千万", "百万", "十万", "万", "亿");
    /** Units that stand alone only. */
    private static final List<String> STANDALONE = List.of("%", "％", "‰", "微克/立方米", "毫克/立方米", "分贝",
            "万", "亿", "倍");

    private static final List<String> UNITS;

    static {
        List<String> units = new ArrayList<>(BASES);
        for (String multiplier : MULTIPLIERS) {
            for (String base : BASES) {
                if (!base.contains("百分点") && !base.contains("工作日")) {
                    units.add(multiplier + base);
                }
            }
        }
        units.addAll(STANDALONE);
        units.sort(Comparator.comparingInt(String::length).reversed());
        UNITS = List.copyOf(units);
    }

    /** A unit followed by these characters is the start of another word (人口, 家庭, 处理 …), not a unit. */
    private static final Map<String, String> NOT_BEFORE = Map.ofEntries(
            Map.entry("人", "口民大"), Map.entry("家", "庭长属具电"), Map.entry("条", "例件款"),
            Map.entry("名", "单称额义"), Map.entry("场", "所地景馆合"), Map.entry("处", "理置罚"),
            Map.entry("台", "账阶"), Map.entry("户", "籍外型口"), Map.entry("次", "要序"), Map.entry("个", "体别性"),
            Map.entry("座", "谈位"), Map.entry("所", "有在以属"), Map.entry("米", "粮"), Map.entry("元", "素旦"),
            Map.entry("起", "步点始草码来"), Map.entry("门", "类户槛诊"), Map.entry("部", "门分署"),
            Map.entry("单", "位元独"), Map.entry("块", "地"), Map.entry("根", "据本"), Map.entry("组", "织建团"),
            Map.entry("种", "类植"), Map.entry("份", "额"), Map.entry("支", "持付撑部队"), Map.entry("只", "是要有"),
            Map.entry("倍", "增"), Map.entry("床", "位"), Map.entry("间", "隔"));

    private Units() {
    }

    /** The unit at {@code from} (one space may precede it), or {@code null}. */
    static Match at(String text, int from) {
        int start = skipSpace(text, from, 1);
        for (String unit : UNITS) {
            if (!text.startsWith(unit, start) && !(unit.indexOf('/') >= 0
                    && text.startsWith(unit.replace('/', '／'), start))) {
                continue;
            }
            int end = start + unit.length();
            String last = unit.substring(unit.length() - 1);
            if (end < text.length() && NOT_BEFORE.getOrDefault(last, "").indexOf(text.charAt(end)) >= 0) {
                continue;
            }
            return withSuffixes(text, normalise(unit), end);
        }
        return null;
    }

    /** Whether the text begins with a unit (a bare page number followed by one is a broken-off number instead). */
    static boolean startsWithUnit(String text) {
        return at(text, 0) != null;
    }

    private static Match withSuffixes(String text, String unit, int end) {
        Set<Qualifier> qualifiers = EnumSet.noneOf(Qualifier.class);
        int at = skipSpace(text, end, 1);
        if (text.startsWith("以上", at)) {
            qualifiers.add(Qualifier.AT_LEAST);
            end = at + 2;
        } else if (text.startsWith("以内", at) || text.startsWith("以下", at)) {
            qualifiers.add(Qualifier.AT_MOST);
            end = at + 2;
        } else if (text.startsWith("左右", at)) {
            qualifiers.add(Qualifier.APPROXIMATE);
            end = at + 2;
        }
        // a rate per period: 吨/日, 吨以内/日
        int slash = skipSpace(text, end, 1);
        if (slash < text.length() && (text.charAt(slash) == '/' || text.charAt(slash) == '／')) {
            int period = skipSpace(text, slash + 1, 1);
            if (period < text.length() && "日天月年".indexOf(text.charAt(period)) >= 0) {
                unit = unit + "/" + text.charAt(period);
                end = period + 1;
            }
        }
        return new Match(unit, end, qualifiers);
    }

    private static String normalise(String unit) {
        return unit.replace('％', '%').replace('／', '/');
    }

    static int skipSpace(String text, int from, int max) {
        int at = from;
        while (at < text.length() && at - from < max && text.charAt(at) == ' ') {
            at++;
        }
        return at;
    }
}
