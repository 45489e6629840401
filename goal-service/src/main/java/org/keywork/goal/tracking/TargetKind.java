package org.keywork.goal.tracking;

import java.util.Set;
import org.keywork.goal.plan.document.Direction;
import org.keywork.goal.plan.document.Qualifier;

/**
 * How an indicator's reports are read and judged, derived from the parsed direction (and its wording).
 *
 * <ul>
 *   <li>{@link #CUMULATIVE} (新建 350 个): the reported value is the count to date, judged against target × curve.</li>
 *   <li>{@link #LEVEL} (社会消费品零售总额达到 1300 亿元): the year-to-date total, judged like a cumulative target.</li>
 *   <li>{@link #INCREASE} (同比增长 5%): the year-to-date growth rate in %, judged against the target rate.</li>
 *   <li>{@link #REDUCTION} (能耗下降 3.2%): the reduction achieved to date in %, judged like an increase.</li>
 *   <li>{@link #CEILING} (控制在 750 吨/日以内): the current level, which must stay at or below the target.</li>
 *   <li>{@link #FLOOR} (保持在 80% 以上): the current level, which must stay at or above the target.</li>
 * </ul>
 */
public enum TargetKind {
    CUMULATIVE, LEVEL, INCREASE, REDUCTION, CEILING, FLOOR;

    /** Whether the kind is judged against a plan curve (the reported value grows towards the target). */
    public boolean followsCurve() {
        return this == CUMULATIVE || this == LEVEL;
    }

    /** Whether the reported value is a rate judged directly against the target rate. */
    public boolean isRate() {
        return this == INCREASE || this == REDUCTION;
    }

    /** The kind for a direction given as the {@link Direction} name (as indicators carry it); unknown is cumulative. */
    public static TargetKind of(String direction) {
        return of(direction, null);
    }

    /** The kind for a direction name and the indicator's name (总额/总量/总值 make an AT_LEAST target a level). */
    public static TargetKind of(String direction, String name) {
        Direction parsed = null;
        if (direction != null) {
            try {
                parsed = Direction.valueOf(direction.strip());
            } catch (IllegalArgumentException unknown) {
                parsed = null;
            }
        }
        return of(parsed, Set.of(), name);
    }

    /** The kind for a parsed direction, its qualifiers and the indicator's name. */
    public static TargetKind of(Direction direction, Set<Qualifier> qualifiers, String name) {
        if (direction == null) {
            return CUMULATIVE;
        }
        return switch (direction) {
            case INCREASE_BY -> INCREASE;
            case REDUCE_BY -> REDUCTION;
            case AT_MOST -> CEILING;
            case KEEP_AT_LEAST -> FLOOR;
            case AT_LEAST -> isLevel(name) ? LEVEL : CUMULATIVE;
        };
    }

    private static boolean isLevel(String name) {
        return name != null && (name.contains("总额") || name.contains("总量") || name.contains("总值")
                || name.contains("总收入"));
    }
}
