package org.keywork.goal.planning;

import java.time.Instant;

/**
 * One recorded change made by hand to a plan (in a draft, through the editor or the API): who, when, what, from
 * what to what, and why. A published version carries the edits of the draft it came from.
 *
 * @param at      when
 * @param by      who (the signed-in user)
 * @param op      the operation, e.g. EDIT_TARGET, SPLIT_ITEM ({@link PlanEdits.Op})
 * @param subject what it concerns: an item {@code S.N}, a target or milestone {@code S.N#K}, a section {@code S}
 * @param before  how it read before (null when added)
 * @param after   how it reads now (null when removed)
 * @param reason  why, in the user's words
 */
public record PlanEdit(Instant at, String by, String op, String subject, String before, String after,
        String reason) {
}
