package org.keywork.goal.plan.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keywork.goal.plan.document.Outline.RawItem;
import org.keywork.goal.plan.document.Spans.Span;

/**
 * Reads the milestones of a construction item, clause by clause in reading order:
 * <ul>
 * <li>a clause with 开工 (开工建设) is a START, with 竣工 / 完工 / 建成 / 基本建成 a COMPLETION; the name is the
 * project (实现 … 开工 stripped), a quantity after the verb is the milestone's value (开工 100 万平方米), a clause
 * with a quantity but no project (；竣工 100 万平方米) names the previous milestone's project again, and projects
 * listed with 、 (云飞东路…、国庆路…开工) are one milestone each;</li>
 * <li>a clause opening with 推进 / 启动 / 开展 / 实施 / 完成 / 做好 is an OTHER step, named with its verb; a clause
 * that names a programme (大力推进重大工程增速计划) is the item's lead, not a step;</li>
 * <li>anything else (进一步提升苏河湾区域城区品质) is context.</li>
 * </ul>
 * The planned date is the one the clause gives (6 月底前, 上半年, 三季度, 年底前 …); a milestone whose clause gives none is
 * unscheduled ({@code null}) until someone sets its date (the 任务分解表, the editor or the API).
 */
final class MilestoneExtractor {

    /** The words that make a section a construction section when most of its items hold one. */
    static final Pattern MILESTONE_WORD = Pattern.compile("开工|竣工|完工|建成");

    private static final Pattern KEYWORD = Pattern.compile("开工建设|开工|竣工|完工|基本建成|建成");
    private static final List<String> ADVERBS = List.of("大力", "加快", "全力", "积极", "持续", "进一步", "继续", "着力",
            "稳步", "有序", "力争", "确保", "争取", "全面", "基本上");
    private static final List<String> OTHER_VERBS = List.of("推进", "启动", "开展", "实施", "完成", "做好", "开始", "筹备");
    private static final List<String> PROJECT_PREFIXES = List.of("其中", "实现", "完成", "推动", "力争", "确保");
    /** A project named before a colon at the start of a clause: 区中心医院改扩建工程：… */
    private static final Pattern NAMED = Pattern.compile("([^，。；：:、]{4,40}?)\\s*[：:]");
    /** A second milestone verb right after the first: 开工、竣工各, 开工和竣工. */
    private static final Pattern BOTH = Pattern.compile("[、和及与]\\s*(开工|竣工|完工|建成)\\s*各?");

    private static final Pattern FULL_DATE = Pattern.compile(
            "(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(?:(\\d{1,2})\\s*日|底|末|份)?\\s*(?:之?前)?");
    /** 2023 年底, 2023 年内: the end of that year. */
    private static final Pattern YEAR_END_OF = Pattern.compile("(\\d{4})\\s*年\\s*(?:底|末|内)\\s*(?:之?前)?");
    private static final Pattern HALF_YEAR = Pattern.compile("(上|下)半年\\s*(?:之?前)?");
    private static final Pattern QUARTER = Pattern.compile("(?:第\\s*)?([一二三四1-4])\\s*季度\\s*(?:末|底)?\\s*(?:之?前)?");
    private static final Pattern YEAR_END = Pattern.compile("(?:年底|年末|年内|全年)\\s*(?:之?前)?");

    private MilestoneExtractor() {
    }

    static List<ParsedMilestone> extract(RawItem item, int planYear, Warnings warnings) {
        String text = item.text().text();
        List<ParsedMilestone> milestones = new ArrayList<>();
        String lastProject = null;
        for (Span sentence : Spans.sentences(text)) {
            for (Span clause : Spans.clauses(text, sentence)) {
                String phrase = clause.of(text);
                String words = stripAdverbs(phrase.replace("★", "").strip());
                // 工程名：3 月底前开工 — the project named once for the item's steps
                Matcher named = NAMED.matcher(words);
                if (named.lookingAt()) {
                    lastProject = named.group(1).strip();
                    words = stripAdverbs(words.substring(named.end()).strip());
                }
                Dated dated = dated(words, planYear, item, clause, warnings);
                words = dated.rest();
                Matcher keyword = firstAtTopLevel(words);
                if (keyword != null) {
                    MilestoneType type = keyword.group().startsWith("开工") ? MilestoneType.START : MilestoneType.COMPLETION;
                    String before = stripPrefixes(words.substring(0, keyword.start()));
                    String after = words.substring(keyword.end()).strip();
                    // 新开工、竣工各 80 万平方米: both steps, the same quantity each
                    Matcher second = BOTH.matcher(after);
                    List<MilestoneType> types = new ArrayList<>(List.of(type));
                    List<String> verbs = new ArrayList<>(List.of(keyword.group()));
                    if (second.lookingAt()) {
                        MilestoneType other = second.group(1).startsWith("开工") ? MilestoneType.START
                                : MilestoneType.COMPLETION;
                        if (other != type) {
                            types.add(other);
                            verbs.add(second.group(1));
                        }
                        after = after.substring(second.end()).strip();
                    }
                    Quantity quantity = quantity(after);
                    String project = before;
                    if (project.isEmpty()) {
                        // 开工建设某某项目 names it after the verb; 2023 年底建成通车 only says how
                        String rest = quantity.rest();
                        project = rest.length() >= 4 || lastProject == null ? rest : lastProject;
                    }
                    if (project.isEmpty() && (quantity.value() == null || lastProject != null)) {
                        project = lastProject;
                    }
                    if (project == null) {
                        continue;
                    }
                    for (int t = 0; t < types.size(); t++) {
                        // a quantity for the whole district (全区新开工 80 万平方米) names the step, not a project
                        boolean general = project.length() < 4 && quantity.value() != null;
                        String verb = t == 0 && keyword.start() > 0 && words.charAt(keyword.start() - 1) == '新'
                                ? "新" + verbs.get(t) : verbs.get(t);
                        for (String name : general ? List.of(project + verb) : topLevelParts(project)) {
                            milestones.add(new ParsedMilestone(item.id() + "#" + (milestones.size() + 1), types.get(t),
                                    name, quantity.value(), quantity.unit(), dated.date(), phrase));
                        }
                    }
                    lastProject = project;
                } else if (startsWithAny(words, OTHER_VERBS) && !words.endsWith("计划")) {
                    milestones.add(new ParsedMilestone(item.id() + "#" + (milestones.size() + 1), MilestoneType.OTHER,
                            words, null, null, dated.date(), phrase));
                }
            }
        }
        if (milestones.isEmpty()) {
            warnings.add(WarningCode.NO_MILESTONE, "工程条目 " + item.id() + " 中没有找到里程碑（开工、竣工、推进……）",
                    item.line(), text);
        }
        return milestones;
    }

    private record Quantity(BigDecimal value, String unit, String rest) {
    }

    /** A quantity at the start of the words after the verb: 100 万平方米. */
    private static Quantity quantity(String after) {
        int end = 0;
        while (end < after.length() && (TargetExtractor.isDigit(after.charAt(end)) || after.charAt(end) == '.')) {
            end++;
        }
        if (end > 0 && after.charAt(end - 1) != '.') {
            Units.Match unit = Units.at(after, end);
            if (unit != null) {
                try {
                    return new Quantity(new BigDecimal(after.substring(0, end)), unit.unit(),
                            after.substring(unit.end()).strip());
                } catch (NumberFormatException e) {
                    // full-width digits or a stray dot: no quantity
                }
            }
        }
        return new Quantity(null, null, after);
    }

    private record Dated(LocalDate date, String rest) {
    }

    /**
     * The date a clause gives, and the clause without it. Without a plan year (a document without a title year) a
     * date without its own year is unknown: {@code null}.
     */
    private static Dated dated(String words, int planYear, RawItem item, Span clause, Warnings warnings) {
        Matcher m = FULL_DATE.matcher(words);
        if (m.find()) {
            int year = m.group(1) == null ? planYear : Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            LocalDate date = null;
            boolean valid = month >= 1 && month <= 12;
            if (valid && m.group(3) != null) {
                date = HeaderReader.date(String.valueOf(Math.max(year, 1)), m.group(2), m.group(3));
                valid = date != null;
            }
            if (!valid) {
                warnings.add(WarningCode.INVALID_DATE, "工程条目 " + item.id() + " 中的日期“" + m.group().strip()
                        + "”不是有效日期，按未排期处理", item.text().lineAt(clause.start()), words);
                return new Dated(null, remove(words, m));
            }
            return new Dated(year <= 0 ? null : date != null ? date : endOfMonth(year, month), remove(words, m));
        }
        m = YEAR_END_OF.matcher(words);
        if (m.find()) {
            return new Dated(endOfMonth(Integer.parseInt(m.group(1)), 12), remove(words, m));
        }
        m = HALF_YEAR.matcher(words);
        if (m.find()) {
            return new Dated(endOfMonth(planYear, m.group(1).equals("上") ? 6 : 12), remove(words, m));
        }
        m = QUARTER.matcher(words);
        if (m.find()) {
            int quarter = "一二三四".indexOf(m.group(1)) >= 0 ? "一二三四".indexOf(m.group(1)) + 1
                    : Integer.parseInt(m.group(1));
            return new Dated(endOfMonth(planYear, quarter * 3), remove(words, m));
        }
        m = YEAR_END.matcher(words);
        if (m.find()) {
            return new Dated(endOfMonth(planYear, 12), remove(words, m));
        }
        return new Dated(null, words); // the document gives no date: unscheduled until one is set
    }

    private static LocalDate endOfMonth(int year, int month) {
        return year <= 0 ? null : LocalDate.of(year, month, 1).plusMonths(1).minusDays(1);
    }

    private static String remove(String words, Matcher m) {
        return stripAdverbs((words.substring(0, m.start()) + words.substring(m.end())).strip());
    }

    /** The first milestone verb outside parentheses, or {@code null}. */
    private static Matcher firstAtTopLevel(String words) {
        Matcher m = KEYWORD.matcher(words);
        while (m.find()) {
            if (Spans.openParenBefore(words, 0, m.start()) < 0) {
                return m;
            }
        }
        return null;
    }

    /** Projects listed with a 、 outside parentheses (北广场金融街 C1 地块（B、C、D 楼） stays whole). */
    private static List<String> topLevelParts(String project) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < project.length(); i++) {
            char c = project.charAt(i);
            if (c == '（' || c == '(') {
                depth++;
            } else if ((c == '）' || c == ')') && depth > 0) {
                depth--;
            } else if (c == '、' && depth == 0) {
                parts.add(project.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(project.substring(start).strip());
        parts.removeIf(String::isEmpty);
        return parts.size() > 1 && parts.stream().allMatch(p -> p.length() >= 4) ? parts : List.of(project);
    }

    private static String stripAdverbs(String words) {
        String out = words;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String adverb : ADVERBS) {
                if (out.startsWith(adverb) && out.length() > adverb.length()) {
                    out = out.substring(adverb.length()).strip();
                    changed = true;
                }
            }
        }
        return out;
    }

    private static String stripPrefixes(String words) {
        String out = words.strip();
        for (String prefix : PROJECT_PREFIXES) {
            if (out.startsWith(prefix)) {
                out = out.substring(prefix.length()).strip();
            }
        }
        // 工程名：3 月开工 — the colon ends the name; 新开工 — 新 belongs to the verb
        while (!out.isEmpty() && "：:，,新".indexOf(out.charAt(out.length() - 1)) >= 0) {
            out = out.substring(0, out.length() - 1).strip();
        }
        return out;
    }

    private static boolean startsWithAny(String s, List<String> words) {
        return words.stream().anyMatch(s::startsWith);
    }
}
