package org.keywork.goal.evaluation;

import org.keywork.events.TrackingStatus;

/**
 * One plan item as the evaluation scores it (a row of 逐项明细).
 *
 * @param itemId       {@code S.N}
 * @param section      the section number
 * @param sectionTitle the section's title
 * @param title        the item's text
 * @param starred      a ★ 实事项目
 * @param department   the lead department (null when not assigned)
 * @param leader       the responsible leader's position (null when not assigned)
 * @param kind         {@code INDICATOR} (numeric targets), {@code QUALITATIVE} (none) or {@code MILESTONE}
 *                     (a construction item)
 * @param target       the target(s) in words
 * @param actual       what was reported, in words
 * @param status       the item's tracking status
 * @param result       {@value Scoring#DONE}, {@value Scoring#BASICALLY_DONE}, {@value Scoring#ON_TRACK} or
 *                     {@value Scoring#UNFINISHED}
 * @param reason       why, in words
 */
record ItemResult(String itemId, int section, String sectionTitle, String title, boolean starred, String department,
        String leader, String kind, String target, String actual, TrackingStatus status, String result,
        String reason) {

    static final String INDICATOR = "INDICATOR";
    static final String QUALITATIVE = "QUALITATIVE";
    static final String MILESTONE = "MILESTONE";

    /** The grouping key of its section, as {@link Evaluation.Row#group()} names it: {@code 5 保障和改善民生}. */
    String sectionKey() {
        return section + " " + sectionTitle;
    }
}
