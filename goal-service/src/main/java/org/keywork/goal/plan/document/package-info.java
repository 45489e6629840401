/**
 * Reads the official plan document (区政府重点工作目标安排, plain text) into a {@link
 * org.keywork.goal.plan.document.ParsedPlan}: pure Java, no Spring, no I/O. Entry point: {@link
 * org.keywork.goal.plan.document.PlanDocumentParser#parse(String)}.
 *
 * <h2>Decisions where the document leaves a choice</h2>
 * <ul>
 * <li><b>Whitespace.</b> Lines are joined; a space is kept only between an ASCII letter or digit and another ASCII
 * letter, digit or Chinese character (so "完成 10 / 万平方米" reads "完成 10 万平方米", "南西社区C050401 / 单元" reads
 * "南西社区C050401 单元"); spaces between Chinese characters or next to full-width punctuation are dropped. The same
 * rule applies inside a line, so extra blanks change nothing.</li>
 * <li><b>Page footers.</b> A line holding only a page number, decorated ("- 9 -", "— 10 —", "第 3 页") or bare ("9"),
 * is dropped; a bare number is kept as text when the next line starts with a unit (a number broken off its line).</li>
 * <li><b>Layout.</b> The numbering is found whatever the document uses ({@link
 * org.keywork.goal.plan.document.Outline}): 第一部分, 一、, （一）, 1. / 1． / 1、, （1）, 1）, ①, in the standard order of levels
 * (a document may skip levels). The highest level whose marks are headings (a short title on its own line with a
 * body under it) is the sections; further heading levels are sub-headings (each item's {@code group}); the next
 * level is the items; lower levels are the items' own text. Without a heading level the document is one list
 * (section 1). Line-level marks (一、, 1.) count at the start of a line, or for 1. after a finished sentence;
 * bracketed marks anywhere. A mark counts only in sequence: the next number, or 1 again under a new parent, or
 * the number after the previous section's last item (numbering that runs on).</li>
 * <li><b>Ids and labels.</b> S is the section's position, N the item's position inside it (across sub-headings);
 * the document's own marks are kept as {@code label}. A number out of sequence is text, with a warning.</li>
 * <li><b>Heading, preamble, signature.</b> Everything before the first numbered part is the heading: the title is
 * its last line naming a plan (安排, 目标, 实事, 项目 …) without sentence punctuation; the lines after it are the
 * preamble (根据……具体安排如下：). A signature (issuer and date) closing the body is the document's, not its last
 * item's.</li>
 * <li><b>Unnumbered items.</b> A section without numbered items has one item per paragraph (a line ending 。！？),
 * with a warning to check them.</li>
 * <li><b>Section kind.</b> CONSTRUCTION when more than half of the items name 开工/竣工/完工/建成 and the title names
 * building work (工程, 重大项目, 项目建设), or when four in five items do; else GOALS.</li>
 * <li><b>Targets.</b> A number followed by a unit. Not targets: numbers in “…” or 《…》 (“文创 50 条”, “12345”,
 * “1+X+14”, “15 分钟体育生活圈”), codes and ranges next to ASCII letters or - + / (N070501, 110KV, 1-18 号, 1+1+1),
 * ordinals (第 3 批), list numbers (1. 2、 （3）), rates per unit after 各 + verb or 每 (6.6 "各配备 1 名法律顾问"),
 * and numbers without a unit (years, addresses, versions, durations: 2021 年, 817 弄, 4.0 方案, 6 小时 — time per
 * visit is a service standard, not an annual quantity). Any other number without a known unit is a warning
 * (e.g. "300 天"). Chinese-numeral quantities (三大领域) are never targets.</li>
 * <li><b>Units</b> are a multiplier (万, 亿, 千万 …) and a unit (户, 美元, 平方米, 家次 …), or a unit alone, kept as
 * written ("4 万名", "20 万张", "10 万人次": 约 4 万名 is value 4, unit 万名,
 * APPROXIMATE), except ％ → % and 吨以内/日 → 吨/日 (with AT_MOST).</li>
 * <li><b>Several rates in one target</b> ("工单实际解决率和市民满意率保持在 80%以上") are one indicator per rate: each
 * is reported on its own. Other names joined by 和 stay whole (集中式租赁住房项目建设和供应 800 套).</li>
 * <li><b>Direction.</b> 控制在 / 不超过 / 降至 / …以内 / …以下 → AT_MOST; 保持 / 维持 / 稳定在 → KEEP_AT_LEAST;
 * 下降 / 降低 / 减少 right before the number → REDUCE_BY; 增长 / 提高 / 提升 / 上升 right before it → INCREASE_BY
 * (增加 only for a rate: 增加 3 个食堂 is a count to reach); everything else → AT_LEAST.</li>
 * <li><b>Qualifiers</b> come from the words around the number in its clause: 力争 / 争取 → STRIVE, 以上 / 不少于 /
 * 不低于 / 至少 / 超过 / 突破 → AT_LEAST, 以内 / 以下 / 不超过 / 不高于 → AT_MOST, 累计 → CUMULATIVE (also 2.9 "全年累计实现"),
 * 同比 → YEAR_ON_YEAR, 约 / 左右 → APPROXIMATE.</li>
 * <li><b>Nested parts.</b> A target inside "（其中…）" or in a clause starting with 其中 is {@code partOf} the last
 * top-level target of the same sentence.</li>
 * <li><b>★.</b> Each ★ counts for its item; targets from the ★ to the next 。 are starred. A ★ inside 注 is no
 * item's. Other symbols (◆, ☆, ●) are warnings.</li>
 * <li><b>Names.</b> The measure before the number (社会消费品零售总额), without 实现 / 全年 / 累计 / 达到 …; or, when the
 * number comes first, the verb and the thing counted after it (新建公共充电桩). A shared noun is repeated
 * (新建 2 条、翻建 1 条市民健身步道 → 新建市民健身步道, 翻建市民健身步道), and a thing named once serves the verbs
 * after it (加装电梯新增 300 台、完工 150 台 → 加装电梯新增, 加装电梯完工). Names listed before 各 or 分别 are one target
 * each (新开工、竣工各 80 万平方米; 解决率、满意率分别达到 90%、92%); 力争 6% after 增长 5% is the same measure's stretch
 * value. A value with 以上 or after 超 that qualifies the thing counted (注册资本 5000 万元以上项目 100 个) is a threshold,
 * not a target. {@code sourcePhrase} is always the exact clause.</li>
 * <li><b>Milestones.</b> START / COMPLETION names are the project without 实现 … 开工 (静安区闸北实验小学（明德）校区扩建项目);
 * OTHER names keep their verb (开展北郊站转型研究), since the verb is the step. A clause naming a programme (…计划) is
 * an item's lead, not a step. Projects listed with a top-level 、 before one verb are one milestone each. Planned
 * date: a date in the clause (6 月底前, 上半年, 三季度, 年底前, 2023 年底, 2022 年 10 月 15 日前), else {@code null}:
 * unscheduled (未排期) until the 任务分解表, the editor or the API sets one. "工程名：3 月开工，次年 10 月竣工" names the
 * project once for its steps; 开工、竣工各 80 万平方米 is both steps.</li>
 * <li><b>Warnings</b> are capped at 20 per kind, plus one saying how many were left off; line 0 means the whole
 * document.</li>
 * </ul>
 */
package org.keywork.goal.plan.document;
