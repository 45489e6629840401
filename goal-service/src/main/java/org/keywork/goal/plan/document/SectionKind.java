package org.keywork.goal.plan.document;

/** What a section of the plan holds, recognised from its items' content rather than its number or title. */
public enum SectionKind {
    /** Goals: items whose numbers are indicators (sections 一 to 八 of the 2021 plan). */
    GOALS,
    /** Construction: most items are 开工 / 竣工 milestones of named projects (section 九 of the 2021 plan). */
    CONSTRUCTION
}
