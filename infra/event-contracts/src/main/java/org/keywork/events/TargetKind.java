package org.keywork.events;

/** What a report or a status refers to inside a plan item. */
public enum TargetKind {
    /** A quantitative target, e.g. 新增社区长者食堂 2 个. */
    INDICATOR,
    /** A construction milestone: a start (开工) or a completion (竣工). */
    MILESTONE,
    /** A qualitative goal with a done / not done outcome. */
    GOAL
}
