package org.keywork.goal.planning;

/**
 * One difference between a plan version and the one before it.
 *
 * @param kind     ITEM_ADDED, ITEM_REMOVED, TEXT_CHANGED, TARGET_ADDED, TARGET_REMOVED, TARGET_CHANGED,
 *                 MILESTONE_ADDED, MILESTONE_REMOVED, MILESTONE_CHANGED, RESPONSIBILITY_CHANGED
 * @param itemId   the item concerned
 * @param targetId the target or milestone concerned, if any
 * @param before   how it read before (null when added)
 * @param after    how it reads now (null when removed)
 */
public record PlanChange(String kind, String itemId, String targetId, String before, String after) {
}
