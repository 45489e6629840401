package org.keywork.goal.plan.document;

/** Wording around a numeric target that changes how strictly it is meant. */
public enum Qualifier {
    /** 力争: a stretch target. */
    STRIVE,
    /** 以上, 不少于, 不低于, 至少, 超过: the value is a floor. */
    AT_LEAST,
    /** 以内, 以下, 不超过, 不高于: the value is a ceiling. */
    AT_MOST,
    /** 累计: a running total, not this year's increment alone. */
    CUMULATIVE,
    /** 同比: compared with the same period of the previous year. */
    YEAR_ON_YEAR,
    /** 约, 左右: an approximate value. */
    APPROXIMATE
}
