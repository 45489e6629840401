package org.keywork.goal.plan.document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.keywork.goal.plan.document.Outline.RawItem;
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
        /** The thing counted without the verb (既有多层住宅加装电梯 of 既有多层住宅加装电梯新增), for a next target's name. */
        String base;
        boolean nested;
        /** One of several values listed with 分别: the qualifiers after the last value hold for it too. */
        boolean respectively;
        Set<Qualifier> sharedQualifiers = Set.of();

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
            "共计", "总量达", "了", "突破", "压减至", "压减到", "压缩至", "压缩到", "缩短至", "缩短到", "提升至",
            "提升到", "超", "每日", "每天", "每月", "每千人", "每千人口", "每万人", "每万人口", "每百人", "每百户", "每千户");
    /** Verbs that may stand before a number whose noun follows it: 新建 350 个公共充电桩. */
    private static final List<String> VERBS = List.of("新建", "翻建", "新增", "改建", "扩建", "建成", "建设", "开设",
            "创建", "启动", "引进", "培训", "安装", "埋设", "增配", "新接入", "接入", "开展", "提供", "修理和维护", "维护",
            "维修更新", "组织", "设立", "招募", "培育", "举办", "打造", "发放", "吸纳", "开工建设", "新开", "培养", "资助",
            "慰问", "走访", "完工", "竣工", "开工", "推动", "支持", "扶持", "帮扶", "上线", "改造", "整治", "筹集",
            "供应", "交付", "打通", "签约");
    /** Verbs a clause without a number opens with, dropped when the clause names what the next clause counts. */
    private static final List<String> LEAD_VERBS = List.of("推进", "推动", "实施", "开展", "加快", "深化", "加强", "完善",
            "持续推进", "全面推进", "积极推进", "大力推进", "加快推进");
    /** What a name may carry from the item's outline: a lead-in (…任务：) and a point's number （1） 2） ①. */
    private static final java.util.regex.Pattern SUB_POINT = java.util.regex.Pattern.compile(
            "^(?:[^：:]{0,40}[：:])?\\s*(?:[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|[0-9０-９]{1,2}[）)．.、]|[①-⑳])?");
    private static final java.util.regex.Pattern RATE_BASE = java.util.regex.Pattern.compile(
            "每\\s*(日|天|月|[百千万]人口?|[百千万]户|平方公里)\\s*(?:达到|为|不少于|不低于)?\\s*$");
    /** 每千人口医疗卫生机构床位数达到 5.5 张: a density, counted per head. */
    private static final java.util.regex.Pattern PER_HEAD = java.util.regex.Pattern.compile(
            "每\\s*([百千万]人口?|[百千万]户|[百千万]名[^，；]{0,6}?)(?=[^，；0-9]{0,30}$)");
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
            String previousNoun = null;
            ParsedIndicator lastInSentence = null;
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
                dropThresholds(text, drafts);
                name(text, drafts, previousNoun);
                respectively(text, drafts);
                boolean clauseNested = stripMarks(clause.of(text)).startsWith("其中");
                for (Draft draft : drafts) {
                    draft.nested = clauseNested || nestedInParentheses(text, draft);
                    String partOf = draft.nested ? enclosing : null;
                    String whole = draft.name.isBlank()
                            ? previousNoun != null ? previousNoun : cleanNoun(clause.of(text)) : draft.name;
                    List<String> each = each(text, draft);
                    for (String name : each.isEmpty() ? splitRates(whole) : each) {
                        String id = item.id() + "#" + (indicators.size() + 1);
                        ParsedIndicator indicator = indicator(text, draft, id, name, starred[draft.token.start()],
                                partOf);
                        boolean alternative = lastInSentence != null && alternativeOnly(text, draft);
                        if (alternative) {
                            // 增长 5%，力争 6%: the stretch value of the same measure, read the same way
                            indicator = new ParsedIndicator(id, lastInSentence.name(), indicator.value(),
                                    indicator.unit(), lastInSentence.direction(), indicator.qualifiers(),
                                    indicator.starred(), lastInSentence.partOf(), indicator.sourcePhrase());
                        }
                        indicators.add(indicator);
                        lastInSentence = indicator;
                        if (!draft.nested && !alternative) {
                            enclosing = id;
                        }
                    }
                }
                if (drafts.isEmpty()) {
                    lastInSentence = null;
                }
                if (!drafts.isEmpty()) {
                    Draft last = drafts.get(drafts.size() - 1);
                    previousNoun = last.base != null && !last.base.isBlank() ? last.base : last.name;
                } else {
                    // 推进城中村管道燃气改造，完成 2 万户: a clause without a number names what the next one counts
                    String words = stripLeading(stripMarks(clause.of(text)));
                    String verb = leadingVerb(words);
                    previousNoun = words.isEmpty() || words.length() > 24 ? null
                            : verb == null ? words : words.substring(verb.length());
                }
            }
        }
        return indicators;
    }

    /**
     * 新开工、竣工各 80 万平方米: one target per name listed before 各, all with the same value. Empty when the
     * number does not follow 各 after such a list.
     */
    private static List<String> each(String text, Draft draft) {
        String before = stripMarks(text.substring(draft.leftStart, draft.token.start())).strip();
        if (!before.endsWith("各")) {
            return List.of();
        }
        String list = stripLeading(before.substring(0, before.length() - 1).strip());
        String[] parts = list.split("、|和|及");
        if (parts.length < 2) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String part : parts) {
            String name = part.strip();
            if (name.isEmpty() || name.length() > 12) {
                return List.of();
            }
            names.add(name);
        }
        return names;
    }

    /** Whether nothing but 力争 / 争取 stands before the number in its clause: an alternative value. */
    private static boolean alternativeOnly(String text, Draft draft) {
        String before = stripMarks(text.substring(draft.clause.start(), draft.token.start())).strip();
        return before.equals("力争") || before.equals("争取") || before.equals("力争达到") || before.equals("争取达到");
    }

    private static String withoutLeadingVerb(String words) {
        for (String verb : VERBS) {
            if (words.startsWith(verb) && words.length() > verb.length() + 1) {
                return words.substring(verb.length());
            }
        }
        String lead = leadingVerb(words);
        return lead == null ? words : words.substring(lead.length());
    }

    private static String leadingVerb(String words) {
        String best = null;
        for (String verb : LEAD_VERBS) {
            if (words.startsWith(verb) && words.length() > verb.length() && (best == null
                    || verb.length() > best.length())) {
                best = verb;
            }
        }
        return best;
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
        String lead = text.substring(clause.start(), start);
        String rate = rateBase(lead);
        if (rate != null) {
            // 每日 450 吨, 每千人口 5.5 张: a level per period or per head is a target in its own unit
            unit = new Units.Match(unit.unit() + "/" + rate, unit.end(), unit.qualifiers());
            return new Token(start, numberEnd, unit.end(), value, unit, Kind.TARGET);
        }
        boolean perUnit = perUnit(lead);
        return new Token(start, numberEnd, unit.end(), value, unit, perUnit ? Kind.SKIPPED : Kind.TARGET);
    }

    /** A rate per unit rather than a total: 各配备 1 名, 每个街道 2 名 (but 每年 is a total). */
    /** 每日, 每月, 每千人, 每千人口, 每万人 right before the number: the unit it is counted per. */
    private static String rateBase(String before) {
        java.util.regex.Matcher m = RATE_BASE.matcher(before);
        if (m.find()) {
            return m.group(1).equals("天") ? "日" : m.group(1);
        }
        java.util.regex.Matcher head = PER_HEAD.matcher(before);
        return head.find() ? head.group(1) : null;
    }

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

    /**
     * 注册资本 5000 万元以上项目 100 个, 超 10 亿元企业 8 家: a value with 以上 / 以下 or after 超 that qualifies the thing
     * counted next is a threshold, not a target; the counted target keeps the whole phrase as its name.
     */
    private static void dropThresholds(String text, List<Draft> drafts) {
        for (int i = drafts.size() - 2; i >= 0; i--) {
            Draft draft = drafts.get(i);
            if (!draft.sharedWithNext) {
                continue;
            }
            Set<Qualifier> suffix = draft.token.unit().qualifiers();
            String before = text.substring(draft.leftStart, draft.token.start()).strip();
            boolean threshold = suffix.contains(Qualifier.AT_LEAST) || suffix.contains(Qualifier.AT_MOST)
                    || before.endsWith("超") || before.endsWith("超过");
            if (threshold) {
                Draft next = drafts.get(i + 1);
                next.leftStart = draft.leftStart;
                drafts.remove(i);
                if (i > 0 && drafts.get(i - 1).rightEnd == draft.leftStart) {
                    drafts.get(i - 1).rightEnd = draft.leftStart;
                }
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

    private static void name(String text, List<Draft> drafts, String previousNoun) {
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
                String ownVerb = verbAtEnd(subject);
                String shared = i > 0 ? drafts.get(i - 1).base : previousNoun;
                if (ownVerb != null && ownVerb.equals(subject) && shared != null && !shared.isEmpty()) {
                    // 既有多层住宅加装电梯新增 300 台、完工 150 台: the second names the same thing
                    draft.base = shared;
                    draft.name = draft.base + subject;
                } else {
                    draft.base = withoutLeadingVerb(ownVerb == null ? subject
                            : subject.substring(0, subject.length() - ownVerb.length()));
                    draft.name = subject;
                }
                continue;
            }
            draft.base = noun;
            if (verb == null && i > 0 && drafts.get(i - 1).verb != null && !drafts.get(i - 1).sharedWithNext) {
                verb = drafts.get(i - 1).verb; // 建设 2 个旅游服务中心及 3 个文旅融合服务点
            }
            draft.verb = verb;
            draft.name = (verb == null ? "" : verb) + noun;
        }
    }

    /**
     * 解决率、满意率分别达到 90%、92%以上: the names listed before 分别 go to the targets in turn, and a qualifier after
     * the last value holds for all.
     */
    private static void respectively(String text, List<Draft> drafts) {
        if (drafts.size() < 2) {
            return;
        }
        Draft first = drafts.get(0);
        String left = stripTrailing(stripMarks(text.substring(first.leftStart, first.token.start())));
        if (!left.endsWith("分别")) {
            return;
        }
        String[] names = stripLeading(left.substring(0, left.length() - 2)).split("、|和|及|与");
        if (names.length != drafts.size()) {
            return;
        }
        Set<Qualifier> last = drafts.get(drafts.size() - 1).token.unit().qualifiers();
        for (int i = 0; i < drafts.size(); i++) {
            drafts.get(i).sharedQualifiers = last;
            drafts.get(i).name = names[i].strip();
            drafts.get(i).base = names[i].strip();
            drafts.get(i).respectively = true;
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
        String out = SUB_POINT.matcher(s.strip()).replaceFirst("").strip();
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

    /** 约 before a number, but not the 约 of 签约, 合约, 预约 …. */
    private static boolean approximately(String before) {
        return before.endsWith("约") && (before.length() < 2 || "签合契预邀节制条履公".indexOf(
                before.charAt(before.length() - 2)) < 0);
    }

    private static String stripTrailing(String s) {
        String out = s.strip();
        boolean changed = true;
        while (changed && !out.isEmpty()) {
            changed = false;
            for (String word : TRAILING_WORDS) {
                if (word.equals("约") && !approximately(out)) {
                    continue;
                }
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
        qualifiers.addAll(draft.sharedQualifiers);
        if (containsAny(clauseBefore, "力争", "争取")) {
            qualifiers.add(Qualifier.STRIVE);
        }
        if (clauseBefore.contains("累计")) {
            qualifiers.add(Qualifier.CUMULATIVE);
        }
        if (clauseBefore.contains("同比")) {
            qualifiers.add(Qualifier.YEAR_ON_YEAR);
        }
        if (endsWithAny(before.strip(), "大约", "约为", "近", "接近") || approximately(before.strip())) {
            qualifiers.add(Qualifier.APPROXIMATE);
        }
        if (endsWithAny(before.strip(), "不少于", "不低于", "至少", "超过", "突破", "超") && !before.strip().endsWith("不超过")) {
            qualifiers.add(Qualifier.AT_LEAST);
        }
        if (containsAny(before, "不超过", "不高于")) {
            qualifiers.add(Qualifier.AT_MOST);
        }
        Direction direction;
        if (qualifiers.contains(Qualifier.AT_MOST) || containsAny(before, "控制在", "控制到", "压减至", "压减到", "降至",
                "压缩至", "压缩到", "缩短至", "缩短到",
                "降到", "下降到", "下降至", "减少到", "减少至") || before.replace("不低于", "").contains("低于")) {
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
