package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;

/**
 * One trackable target inside a plan item, identified as {@code S.N#K}.
 *
 * @param id        {@code S.N#K}: the K-th target named in item S.N, in reading order; for the one
 *                  {@link TargetKind#GOAL} target of an item without numeric targets, the item itself ({@code S.N})
 * @param kind      indicator, milestone or qualitative goal
 * @param name      what is measured, as the document says it
 * @param value     the numeric target, or {@code null} for a qualitative goal or a milestone
 * @param unit      the unit, e.g. 个, 亿元, %
 * @param direction how the value is judged: AT_LEAST, REDUCE_BY, AT_MOST, KEEP_AT_LEAST (null when not numeric)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlanTarget(String id, TargetKind kind, String name, BigDecimal value, String unit, String direction) {
}
