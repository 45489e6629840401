package org.keywork.progress.catalog;

import java.math.BigDecimal;
import java.util.Set;
import org.keywork.events.TargetKind;

/**
 * A target that reports may name: as published by the service owning its plan item.
 *
 * @param name      what is measured, as the document says it (null when not known, e.g. in a stored bulk row)
 * @param value     the numeric target (null for a milestone, a qualitative goal, or when not known)
 * @param direction AT_LEAST, REDUCE_BY, AT_MOST, KEEP_AT_LEAST, INCREASE_BY or null
 */
public record KnownTarget(int planYear, String itemId, String targetId, TargetKind kind, String unit, String name,
        BigDecimal value, String direction) {

    /** Words that make an AT_LEAST target a year-to-date total (a level), as goal-service reads them. */
    private static final Set<String> LEVEL_WORDS = Set.of("总额", "总量", "总值", "总收入");

    public KnownTarget(int planYear, String itemId, String targetId, TargetKind kind, String unit) {
        this(planYear, itemId, targetId, kind, unit, null, null, null);
    }

    /**
     * Whether the reported value is a count to date that can only grow during the year: an indicator whose direction
     * is AT_LEAST (or not stated), whose unit is not a percentage, and whose name is not a total (总额, 总量, 总值,
     * 总收入: goal-service judges those as levels). E.g. 新增社区长者食堂 2 个, 新建养老床位 400 张.
     */
    public boolean cumulative() {
        return kind == TargetKind.INDICATOR && (direction == null || direction.strip().equals("AT_LEAST"))
                && (unit == null || !unit.contains("%")) && (name == null
                || LEVEL_WORDS.stream().noneMatch(name::contains));
    }
}
