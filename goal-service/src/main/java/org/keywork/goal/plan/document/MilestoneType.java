package org.keywork.goal.plan.document;

/** What a construction milestone marks, as the document words it. */
public enum MilestoneType {
    /** 开工, 开工建设: construction starts. */
    START,
    /** 竣工, 完工, 建成, 基本建成: construction is (substantially) finished. */
    COMPLETION,
    /** Any other step the item names: 推进, 启动, 开展, 实施, 完成, 做好. */
    OTHER
}
