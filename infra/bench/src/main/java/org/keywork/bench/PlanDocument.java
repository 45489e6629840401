package org.keywork.bench;

import java.time.Year;

/**
 * A generated plan document in the layout of a district's 重点工作安排: a title, {@code 一、} sections and Arabic
 * items {@code 1.} one per paragraph, each item carrying exactly one quantitative target (a count, "新增……100个"),
 * so that a plan of N items has N indicators. Item {@code S.N} is the N-th item of the S-th section; sections hold
 * {@code itemsPerSection} items (at most 999, the item-id limit), so at most 99 sections.
 */
final class PlanDocument {

    static final int TARGET_VALUE = 100;
    static final String UNIT = "个";

    private static final String[] PLACES = {"街道", "社区", "园区", "新村", "商圈", "片区", "校区", "院区"};
    private static final String[] WORKS = {"便民服务站", "智慧停车库", "口袋公园", "养老服务点", "党群服务站", "文化活动室",
        "健身步道", "垃圾分类驿站", "托育服务点", "社区食堂", "充电设施", "消防站点"};
    private static final String[] VERBS = {"推进", "加快", "实施", "完善", "深化", "优化"};

    private PlanDocument() {
    }

    /** Items of section {@code s} (1-based) when {@code items} are spread over sections of {@code perSection}. */
    static int itemsInSection(int items, int perSection, int s) {
        int full = items / perSection;
        if (s <= full) {
            return perSection;
        }
        return s == full + 1 ? items % perSection : 0;
    }

    static int sections(int items, int perSection) {
        return (items + perSection - 1) / perSection;
    }

    /** The item ids of such a plan, in document order. */
    static String itemId(int index, int perSection) {
        return (index / perSection + 1) + "." + (index % perSection + 1);
    }

    static String generate(int year, int items, int perSection, String district) {
        if (items < 1 || perSection < 1 || perSection > 999 || sections(items, perSection) > 99) {
            throw new IllegalArgumentException("1 ≤ items, 1 ≤ perSection ≤ 999, at most 99 sections");
        }
        Year.of(year); // a real year
        StringBuilder doc = new StringBuilder();
        doc.append("上海市").append(district).append("人民政府\n");
        doc.append(district.charAt(0)).append("府发〔").append(year).append("〕9号\n");
        doc.append(year).append("年区政府重点工作安排\n");
        doc.append("根据《").append(year).append("年").append(district)
                .append("人民政府工作报告》确定的目标任务，结合本区实际，现将").append(year)
                .append("年区政府重点工作安排如下：\n");
        int index = 0;
        for (int s = 1; s <= sections(items, perSection); s++) {
            doc.append(ChineseNumber.of(s)).append("、").append(VERBS[s % VERBS.length]).append("第")
                    .append(ChineseNumber.of(s)).append("批民生项目建设，提升城区服务品质\n");
            int n = itemsInSection(items, perSection, s);
            for (int i = 1; i <= n; i++, index++) {
                String place = PLACES[index % PLACES.length];
                String work = WORKS[(index / PLACES.length) % WORKS.length];
                doc.append(i).append(".").append(VERBS[index % VERBS.length]).append(place).append(work)
                        .append("建设，全年新增").append(place).append(work).append(TARGET_VALUE).append(UNIT)
                        .append("。\n");
            }
        }
        return doc.toString();
    }

    /** Chinese numerals 1–99 as section markers use them: 一, 十, 十一, 二十, 九十九. */
    static final class ChineseNumber {
        private static final String DIGITS = "零一二三四五六七八九";

        private ChineseNumber() {
        }

        static String of(int n) {
            if (n < 1 || n > 99) {
                throw new IllegalArgumentException("1..99: " + n);
            }
            if (n < 10) {
                return String.valueOf(DIGITS.charAt(n));
            }
            int tens = n / 10;
            int ones = n % 10;
            return (tens == 1 ? "" : String.valueOf(DIGITS.charAt(tens))) + "十"
                    + (ones == 0 ? "" : String.valueOf(DIGITS.charAt(ones)));
        }
    }
}
