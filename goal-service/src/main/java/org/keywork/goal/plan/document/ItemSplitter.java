package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a section's joined text into items at their markers （一）…（四十七）…, full-width or ASCII parentheses,
 * anywhere in a line. A marker counts only when it carries the next number expected in the section; any other
 * numeral in parentheses is text, with a warning (a stray （以市政府正式下达为准） or （含厨卫改造） is no numeral and
 * simply text).
 */
final class ItemSplitter {

    /** An item as cut from its section: its number, its text without the marker, the line of its marker. */
    record RawItem(int section, int number, SourceText text, int line) {
        String id() {
            return section + "." + number;
        }
    }

    private static final Pattern MARKER = Pattern.compile(
            "[（(]\\s*([" + ChineseNumerals.CHARACTERS + "]{1,6})\\s*[）)]");

    private ItemSplitter() {
    }

    static List<RawItem> split(DocumentLayout.RawSection section, Warnings warnings) {
        SourceText body = SourceText.of(section.body());
        String text = body.text();
        List<int[]> markers = new ArrayList<>(); // {marker start, text start, number}
        Matcher m = MARKER.matcher(text);
        int expected = 1;
        while (m.find()) {
            int number = ChineseNumerals.parse(m.group(1));
            if (number < 1) {
                continue;
            }
            if (number == expected) {
                markers.add(new int[] {m.start(), m.end(), number});
                expected++;
            } else {
                warnings.add(WarningCode.UNEXPECTED_ITEM_NUMBER, where(section) + "条目编号“" + m.group()
                        + "”不是预期的“（" + ChineseNumerals.format(expected) + "）”，按正文处理",
                        body.lineAt(m.start()), body.around(m.start(), m.end(), 12));
            }
        }
        List<RawItem> items = new ArrayList<>();
        if (markers.isEmpty()) {
            warnings.add(WarningCode.EMPTY_SECTION, where(section) + "没有找到任何条目（如“（一）”）", section.line(),
                    section.title());
            return items;
        }
        int first = markers.get(0)[0];
        if (!text.substring(0, first).isBlank()) {
            warnings.add(WarningCode.TEXT_OUTSIDE_ITEM, where(section) + "标题与第一个条目之间的文字不属于任何条目，已忽略",
                    body.lineAt(0), text.substring(0, first));
        }
        for (int i = 0; i < markers.size(); i++) {
            int[] marker = markers.get(i);
            int end = i + 1 < markers.size() ? markers.get(i + 1)[0] : text.length();
            SourceText itemText = body.slice(marker[1], end).strip();
            if (itemText.length() == 0) {
                warnings.add(WarningCode.EMPTY_ITEM, "条目“" + section.number() + "." + marker[2] + "”没有内容",
                        body.lineAt(marker[0]), text.substring(marker[0], marker[1]));
            }
            items.add(new RawItem(section.number(), marker[2], itemText, body.lineAt(marker[0])));
        }
        return items;
    }

    private static String where(DocumentLayout.RawSection section) {
        return "“" + ChineseNumerals.format(section.number()) + "、" + section.title() + "”中：";
    }
}
