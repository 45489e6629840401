package org.keywork.goal.plan.document;

import java.util.List;

/**
 * One item of the plan.
 *
 * @param id         {@code S.N}: S the section's position, N the item's position inside it, e.g. {@code 5.8}
 * @param section    S
 * @param number     N
 * @param label      the document's own marker, e.g. （八） or 8．; {@code null} for an unnumbered paragraph
 * @param group      the sub-heading the item stands under, e.g. （二）优化营商环境, or {@code null}
 * @param text       the item's whole text without its marker, lines joined, page footers removed
 * @param starCount  how many ★ the item holds (each ★ is one 实事项目 sub-target)
 * @param indicators its numeric targets in reading order (goals sections only; empty for a qualitative item)
 * @param milestones its milestones in reading order (construction sections only)
 */
public record ParsedItem(String id, int section, int number, String label, String group, String text,
        int starCount, List<ParsedIndicator> indicators, List<ParsedMilestone> milestones) {

    public ParsedItem {
        indicators = List.copyOf(indicators);
        milestones = List.copyOf(milestones);
    }

    /** A ★ 实事项目 item (or one that holds ★ sub-targets). */
    public boolean starred() {
        return starCount > 0;
    }

    /** An item without any numeric target or milestone: its outcome is done or not done. */
    public boolean qualitative() {
        return indicators.isEmpty() && milestones.isEmpty();
    }
}
