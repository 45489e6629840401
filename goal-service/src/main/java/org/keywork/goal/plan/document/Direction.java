package org.keywork.goal.plan.document;

/** How a numeric target is to be read. */
public enum Direction {
    /** Reach or complete at least the value: 完成, 新建 N, 达到, 引进 … (the default). */
    AT_LEAST,
    /** Bring the measure down by the value: 下降 3.2%. */
    REDUCE_BY,
    /** Keep the measure within a ceiling: 控制在 … 以内/以下, 不超过. */
    AT_MOST,
    /** Keep a rate at or above a floor all year: 保持在 80%以上. */
    KEEP_AT_LEAST,
    /** Grow the measure by the value: 同比增长 5%. */
    INCREASE_BY
}
