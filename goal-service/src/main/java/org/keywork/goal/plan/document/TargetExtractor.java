package org.keywork.goal.plan.document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.keywork.goal.plan.document.ItemSplitter.RawItem;
import org.keywork.goal.plan.document.Spans.Span;

/**
 * Reads the numeric targets of a goals item: every number followed by a unit, in reading order, except numbers
 * inside quotation marks or 《》 (names such as “文创 50 条”, “1+X+14”), codes and ranges (N070501, 1-18 号),
 * ordinals (第 3 批) and rates per unit (各配备 1 名). A number without a unit is a year, an address, a version or a
 * duration (2021 年, 817 弄, 4.0 方案, 6 小时) and is skipped; any other is reported as a warning.
 *
 * <p>Within a clause (text between ，；。) the targets are cut into segments at the 、 / 和 / 及 / （ that separates
 * them; each segment gives the name (what is measured), the direction and the qualifiers of its target.
 */
final class TargetExtractor {

    private enum Kind { TARGET, SKIPPED, UNCLASSIFIED }

    /** A number found in the text, with its unit when it has one. */
    private record Token(int start, int numberEnd, int end, BigDecimal value, Units.Match unit, Kind kind) {
    }

    /** A target being built: its token and the segment of the clause it owns. */
    private static final class Draft {
        final Token token;
        final Span clause;
        int leftStart;
        int rightEnd;
        boolean sharedWithNext;
        String verb;
        String name;
        boolean nested;

        Draft(Token token, Span clause) {
            this.token = token;
            this.clause = clause;
        }
    }

    private static final List<String> SKIP_WORDS = List.of("年", "月", "日", "号", "弄", "届", "版", "方案", "小时",
            "分钟", "秒", "岁", "街坊", "期", "轮", "批", "代", "层", "楼", "路", "点", "时", "级", "星");
    private static final List<String> PER_UNIT_VERBS = List.of("配备", "配置", "设置", "设立", "安排", "提供", "派驻",
            "建立", "确定", "明确", "落实", "招募", "培育", "打造", "建设", "新建", "新增", "选派", "联系");
    private static final List<String> LEADING_WORDS = longestFirst("其中", "实现", "全年", "本年度", "年度", "今年", "累计",
            "力争", "争取", "完成", "组织", "推进实施", "实施", "推进", "确保", "努力", "为", "对", "向", "在", "再", "同时",
            "全区", "本区", "大约", "约");
    private static final List<String> TRAILING_WORDS = longestFirst("达到", "达", "为", "控制在", "控制", "保持在", "保持",
            "稳定在", "维持在", "维持", "同比增长", "同比", "增长到", "增长至", "增长", "下降到", "下降至", "下降", "降低",
            "降至", "降到", "减少到", "减少至", "减少", "提高到", "提高至", "提高", "增加到", "增加至", "增加", "上升",
            "力争", "累计", "大约", "约为", "约", "不少于", "不低于", "至少", "超过", "不超过", "不高于", "总计", "合计",
            "共计", "总量达", "了");
    /** Verbs that may stand before a number whose noun follows it: 新建 350 个公共充电桩. */
    private static final List<String> VERBS = List.of("新建", "翻建", "新增", "改建", "扩建", "建成", "建设", "开设",
            "创建", "启动", "引进", "培训", "安装", "埋设", "增配", "新接入", "接入", "开展", "提供", "修理和维护", "维护",
            "维修更新", "组织", "设立", "招募", "培育", "举办", "打造", "发放", "吸纳", "开工建设", "新开", "培养", "资助",
            "慰问", "走访");
    private static final String SEPARATOR_CHARS = "、，；,;";
    private static final List<String> SEPARATOR_WORDS = List.of("以及", "和", "及", "与", "并");

    private TargetExtractor() {
    }

    static List<ParsedIndicator> extract(RawItem item, Warnings warnings) {
        String text = item.text().text();
        boolean[] quoted = Spans.quoted(text);
        boolean[] starred = Spans.starred(text);
        List<ParsedIndicator> indicators = new ArrayList<>();
        for (Span sentence : Spans.sentences(text)) {
            String enclosing = null;
            for (Span clause : Spans.clauses(text, sentence)) {
                List<Draft> drafts = new ArrayList<>();
                for (Token token : tokens(text, clause, quoted)) {
                    if (token.kind() == Kind.TARGET) {
                        drafts.add(new Draft(token, clause));
                    } else if (token.kind() == Kind.UNCLASSIFIED) {
                        warnings.add(WarningCode.UNCLASSIFIED_NUMBER, "条目 " + item.id() + " 中的数字“"
                                + text.substring(token.start(), token.numberEnd()) + "”后没有可识别的计量单位，未作为指标导入",
                                item.text().lineAt(token.start()), item.text().around(token.start(), token.end(), 12));
                    }
                }
                segment(text, drafts);
                name(text, drafts);
                boolean clauseNested = stripMarks(clause.of(text)).startsWith("其中");
                for (Draft draft : drafts) {
                    draft.nested = clauseNested || nestedInParentheses(text, draft);
                    String partOf = draft.nested ? enclosing : null;
                    String whole = draft.name.isBlank() ? cleanNoun(clause.of(text)) : draft.name;
                    for (String name : splitRates(whole)) {
                        String id = item.id() + "#" + (indicators.size() + 1);
                        indicators.add(indicator(text, draft, id, name, starred[draft.token.start()], partOf));
                        if (!draft.nested) {
                            enclosing = id;
                        }
                    }
                }
            }
        }
        return indicators;
    }

    // ---- numbers ---------------------------------------------------------------------------------------------

    private static List<Token> tokens(String text, Span clause, boolean[] quoted) {
        List<Token> tokens = new ArrayList<>();
        int i = clause.start();
        while (i < clause.end()) {
            if (!isDigit(text.charAt(i)) || i > 0 && isDigit(text.charAt(i - 1))) {
                i++;
                continue;
            }
            int end = i;
            while (end < clause.end() && isDigit(text.charAt(end))) {
                end++;
            }
            if (end + 1 < clause.end() && (text.charAt(end) == '.' || text.charAt(end) == '．')
                    && isDigit(text.charAt(end + 1))) {
                end++;
                while (end < clause.end() && isDigit(text.charAt(end))) {
                    end++;
                }
            }
            tokens.add(token(text, clause, i, end, quoted));
            i = Math.max(end, tokens.get(tokens.size() - 1).end());
        }
        return tokens;
    }

    private static Token token(String text, Span clause, int start, int numberEnd, boolean[] quoted) {
        String digits = text.substring(start, numberEnd);
        BigDecimal value = new BigDecimal(ascii(digits));
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        char after = numberEnd < text.length() ? text.charAt(numberEnd) : ' ';
        int prev = start - 1;
        while (prev >= 0 && text.charAt(prev) == ' ') {
            prev--;
        }
        // a code, a range or a formula: N070501, 110KV, 5G, 1-18 号, 1+1+1
        boolean code = isAsciiLetter(before) || "-+/_#.~～－—".indexOf(before) >= 0
                || isAsciiLetter(after) || "-+~～－—".indexOf(after) >= 0;
        // a list number: 1. 2. / 1、2、 / （1）（2）
        boolean listNumber = (after == '.' || after == '．' || after == '、')
                && (numberEnd + 1 >= text.length() || !isDigit(text.charAt(numberEnd + 1)))
                || (before == '（' || before == '(') && (after == '）' || after == ')');
        if (quoted[start] || code || listNumber || prev >= 0 && text.charAt(prev) == '第') {
            return new Token(start, numberEnd, numberEnd, value, null, Kind.SKIPPED);
        }
        Units.Match unit = Units.at(text, numberEnd);
        if (unit == null || unit.end() > clause.end()) {
            int next = Units.skipSpace(text, numberEnd, 1);
            boolean known = startsWithAny(text, next, SKIP_WORDS) || digits.matches("\\d+\\.0")
                    || digits.matches("(19|20)\\d\\d");
            return new Token(start, numberEnd, numberEnd, value, null, known ? Kind.SKIPPED : Kind.UNCLASSIFIED);
        }
        boolean perUnit = perUnit(text.substring(clause.start(), start));
        return new Token(start, numberEnd, unit.end(), value, unit, perUnit ? Kind.SKIPPED : Kind.TARGET);
    }

    /** A rate per unit rather than a total: 各配备 1 名, 每个街道 2 名 (but 每年 is a total). */
    private static boolean perUnit(String before) {
        for (int at = before.indexOf('各'); at >= 0; at = before.indexOf('各', at + 1)) {
            if (startsWithAny(before, at + 1, PER_UNIT_VERBS)) {
                return true;
            }
        }
        for (int at = before.indexOf('每'); at >= 0; at = before.indexOf('每', at + 1)) {
            if (!before.startsWith("每年", at)) {
                return true;
            }
        }
        return false;
    }

    // ---- segments and names ----------------------------------------------------------------------------------

    /**
     * Gives each target of a clause its segment: from the separator before it (、和及与, an open （) to the separator
     * before the next target. Two targets with no separator between them (为 32 个老旧小区安装 133 台…) share the
     * words between them.
     */
    private static void segment(String text, List<Draft> drafts) {
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            draft.rightEnd = draft.clause.end();
            if (i == 0) {
                draft.leftStart = draft.clause.start();
                continue;
            }
            Draft previous = drafts.get(i - 1);
            int separator = lastSeparator(text, previous.token.end(), draft.token.start());
            if (separator >= 0) {
                previous.rightEnd = separator;
                draft.leftStart = separator;
            } else {
                previous.rightEnd = draft.token.start();
                previous.sharedWithNext = true;
                draft.leftStart = previous.token.end();
            }
        }
    }

    private static int lastSeparator(String text, int from, int to) {
        int last = -1;
        List<Integer> open = new ArrayList<>();
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '（' || c == '(') {
                open.add(i);
            } else if ((c == '）' || c == ')') && !open.isEmpty()) {
                open.remove(open.size() - 1);
            } else if (open.isEmpty() && (SEPARATOR_CHARS.indexOf(c) >= 0 || startsWithAny(text, i, SEPARATOR_WORDS))) {
                last = i;
            }
        }
        return open.isEmpty() ? last : Math.max(last, open.get(open.size() - 1));
    }

    private static void name(String text, List<Draft> drafts) {
        String[] nouns = new String[drafts.size()];
        for (int i = 0; i < drafts.size(); i++) {
            nouns[i] = cleanNoun(text.substring(drafts.get(i).token.end(), drafts.get(i).rightEnd));
        }
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            String left = stripTrailing(stripMarks(text.substring(draft.leftStart, draft.token.start())));
            String verb = verbAtEnd(left);
            String subject = stripLeading(left);
            // the thing counted follows the number (新建 350 个公共充电桩) unless the measure stands before it
            // (社会消费品零售总额达到 1300 亿元)
            String noun = "";
            if (verb != null || subject.isEmpty()) {
                noun = nouns[i];
                if (draft.sharedWithNext && i + 1 < drafts.size()) {
                    // 为 32 个老旧小区安装 133 台智能门禁设备: the words between belong to both
                    noun = cleanNoun(text.substring(draft.token.end(), drafts.get(i + 1).token.start()).strip()
                            + nouns[i + 1]);
                } else if (noun.isEmpty() && i + 1 < drafts.size()) {
                    noun = nouns[i + 1]; // 新建 2 条、翻建 1 条市民健身步道
                }
            }
            if (noun.isEmpty()) {
                draft.name = subject;
                continue;
            }
            if (verb == null && i > 0 && drafts.get(i - 1).verb != null && !drafts.get(i - 1).sharedWithNext) {
                verb = drafts.get(i - 1).verb; // 建设 2 个旅游服务中心及 3 个文旅融合服务点
            }
            draft.verb = verb;
            draft.name = (verb == null ? "" : verb) + noun;
        }
    }

    /** A name made of several rates (工单实际解决率和市民满意率) is one target per rate; anything else stays whole. */
    private static List<String> splitRates(String name) {
        String[] parts = name.split("和|与|及|、");
        if (parts.length < 2) {
            return List.of(name);
        }
        for (String part : parts) {
            if (part.length() < 2 || !part.endsWith("率")) {
                return List.of(name);
            }
        }
        return List.of(parts);
    }

    private static boolean nestedInParentheses(String text, Draft draft) {
        int open = Spans.openParenBefore(text, draft.clause.start(), draft.token.start());
        return open >= 0 && text.startsWith("其中", Units.skipSpace(text, open + 1, 1));
    }

    private static String stripMarks(String s) {
        return s.replace("★", "").strip();
    }

    private static String stripLeading(String s) {
        String out = s.strip();
        if (!out.isEmpty() && (SEPARATOR_CHARS.indexOf(out.charAt(0)) >= 0 || out.charAt(0) == '（'
                || out.charAt(0) == '(')) {
            out = out.substring(1).strip();
        } else {
            for (String word : SEPARATOR_WORDS) {
                if (out.startsWith(word)) {
                    out = out.substring(word.length()).strip();
                    break;
                }
            }
        }
        boolean changed = true;
        while (changed && !out.isEmpty()) {
            changed = false;
            for (String word : LEADING_WORDS) {
                if (out.startsWith(word) && out.length() >= word.length()) {
                    out = out.substring(word.length()).strip();
                    changed = true;
                    break;
                }
            }
        }
        return out;
    }

    private static String stripTrailing(String s) {
        String out = s.strip();
        boolean changed = true;
        while (changed && !out.isEmpty()) {
            changed = false;
            for (String word : TRAILING_WORDS) {
                if (out.endsWith(word)) {
                    out = out.substring(0, out.length() - word.length()).strip();
                    changed = true;
                    break;
                }
            }
        }
        return out;
    }

    private static String verbAtEnd(String s) {
        String best = null;
        for (String verb : VERBS) {
            if (s.endsWith(verb) && (best == null || verb.length() > best.length())) {
                best = verb;
            }
        }
        return best;
    }

    private static String cleanNoun(String s) {
        String out = stripMarks(s).replace("进行", "");
        for (String lead : List.of("人民币", "的")) {
            if (out.startsWith(lead)) {
                out = out.substring(lead.length()).strip();
            }
        }
        for (String tail : List.of("的目标", "等")) {
            if (out.endsWith(tail)) {
                out = out.substring(0, out.length() - tail.length()).strip();
            }
        }
        out = balance(out);
        while (!out.isEmpty() && SEPARATOR_CHARS.indexOf(out.charAt(out.length() - 1)) >= 0) {
            out = out.substring(0, out.length() - 1).strip();
        }
        return out;
    }

    /** Drops a parenthesis left unmatched by the cut: "人）" → "人". */
    private static String balance(String s) {
        String out = s;
        while (!out.isEmpty() && (out.endsWith("）") || out.endsWith(")")) && count(out, '（', '(') < count(out, '）', ')')) {
            out = out.substring(0, out.length() - 1).strip();
        }
        while (!out.isEmpty() && (out.startsWith("（") || out.startsWith("(")) && count(out, '（', '(') > count(out, '）', ')')) {
            out = out.substring(1).strip();
        }
        return out;
    }

    private static long count(String s, char a, char b) {
        return s.chars().filter(c -> c == a || c == b).count();
    }

    // ---- direction and qualifiers ----------------------------------------------------------------------------

    private static ParsedIndicator indicator(String text, Draft draft, String id, String name, boolean starred,
            String partOf) {
        Token token = draft.token;
        String clauseBefore = text.substring(draft.clause.start(), token.start());
        String before = text.substring(draft.leftStart, token.start());
        String beforeTrimmed = stripQualifierWords(before);
        Set<Qualifier> qualifiers = EnumSet.noneOf(Qualifier.class);
        qualifiers.addAll(token.unit().qualifiers());
        if (containsAny(clauseBefore, "力争", "争取")) {
            qualifiers.add(Qualifier.STRIVE);
        }
        if (clauseBefore.contains("累计")) {
            qualifiers.add(Qualifier.CUMULATIVE);
        }
        if (clauseBefore.contains("同比")) {
            qualifiers.add(Qualifier.YEAR_ON_YEAR);
        }
        if (endsWithAny(before.strip(), "约", "大约", "约为", "近", "接近")) {
            qualifiers.add(Qualifier.APPROXIMATE);
        }
        if (endsWithAny(before.strip(), "不少于", "不低于", "至少", "超过") && !before.strip().endsWith("不超过")) {
            qualifiers.add(Qualifier.ABOVE);
        }
        if (containsAny(before, "不超过", "不高于")) {
            qualifiers.add(Qualifier.WITHIN);
        }
        Direction direction;
        if (qualifiers.contains(Qualifier.WITHIN) || containsAny(before, "控制在", "控制到", "压减至", "压减到", "降至",
                "降到", "下降到", "下降至", "减少到", "减少至", "低于")) {
            direction = Direction.AT_MOST;
        } else if (containsAny(before, "保持", "维持", "稳定在")) {
            direction = Direction.KEEP_AT_LEAST;
        } else if (endsWithAny(beforeTrimmed, "下降", "降低", "减少", "压减", "削减", "缩减")) {
            direction = Direction.REDUCE_BY;
        } else if (endsWithAny(beforeTrimmed, "增长", "提高", "提升", "上升", "增幅")
                || beforeTrimmed.endsWith("增加") && isRate(token.unit().unit())) {
            // 增加 3 个食堂 adds three: a count to reach (AT_LEAST); 增加 2 个百分点 is a change of a rate
            direction = Direction.INCREASE_BY;
        } else {
            direction = Direction.AT_LEAST;
        }
        return new ParsedIndicator(id, name, token.value(), token.unit().unit(), direction, qualifiers, starred,
                partOf, draft.clause.of(text));
    }

    private static boolean isRate(String unit) {
        return unit.equals("%") || unit.equals("‰") || unit.endsWith("百分点");
    }

    private static String stripQualifierWords(String s) {
        String out = s.strip();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String word : List.of("约", "大约", "力争", "了", "达")) {
                if (out.endsWith(word)) {
                    out = out.substring(0, out.length() - word.length()).strip();
                    changed = true;
                }
            }
        }
        return out;
    }

    private static List<String> longestFirst(String... words) {
        return Arrays.stream(words).sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    // ---- characters ------------------------------------------------------------------------------------------

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9' || c >= '０' && c <= '９';
    }

    private static boolean isAsciiLetter(char c) {
        return c < 128 && Character.isLetter(c);
    }

    private static String ascii(String digits) {
        StringBuilder out = new StringBuilder(digits.length());
        for (char c : digits.toCharArray()) {
            out.append(c >= '０' && c <= '９' ? (char) ('0' + c - '０') : c == '．' ? '.' : c);
        }
        return out.toString();
    }

    private static boolean startsWithAny(String s, int at, List<String> words) {
        for (String word : words) {
            if (s.startsWith(word, at)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String s, String... words) {
        for (String word : words) {
            if (s.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithAny(String s, String... words) {
        for (String word : words) {
            if (s.endsWith(word)) {
                return true;
            }
        }
        return false;
    }
}
