package org.keywork.goal.tracking;

import java.math.BigDecimal;
import org.keywork.events.TrackingStatus;

/**
 * What a rule decided about an indicator on a date.
 *
 * @param status          the status
 * @param rule            the rule that decided
 * @param period          the period judged ({@code yyyy-MM})
 * @param expected        the value the plan curve expected by then
 * @param shortfallPoints percentage points of the target behind the curve (negative when ahead)
 */
public record Judgement(TrackingStatus status, String rule, String period, BigDecimal expected,
        BigDecimal shortfallPoints) {
}
