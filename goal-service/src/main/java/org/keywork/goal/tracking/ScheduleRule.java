package org.keywork.goal.tracking;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Year;
import org.keywork.events.TrackingStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The behind-schedule rule: an indicator's progress is compared with a linear plan curve over the plan year. More
 * than {@code yellowPoints} percentage points of the target behind the curve is YELLOW, more than {@code redPoints}
 * is RED, a target met is DONE, and a target not met after the plan year is RED (overdue). Ceilings (AT_MOST) and
 * floors (KEEP_AT_LEAST) are judged by the value itself.
 */
@Component
public class ScheduleRule {

    public static final String BEHIND_SCHEDULE = "behind-schedule";
    public static final String LIMIT = "limit";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final BigDecimal yellowPoints;
    private final BigDecimal redPoints;

    public ScheduleRule(@Value("${keywork.tracking.yellow-behind-points:10}") BigDecimal yellowPoints,
            @Value("${keywork.tracking.red-behind-points:30}") BigDecimal redPoints) {
        this.yellowPoints = yellowPoints;
        this.redPoints = redPoints;
    }

    public Judgement judge(BigDecimal target, String direction, BigDecimal actual, LocalDate asOf, int planYear) {
        String period = asOf.getYear() + "-" + String.format("%02d", asOf.getMonthValue());
        if ("AT_MOST".equals(direction) || "KEEP_AT_LEAST".equals(direction)) {
            boolean within = "AT_MOST".equals(direction) ? actual.compareTo(target) <= 0
                    : actual.compareTo(target) >= 0;
            return new Judgement(within ? TrackingStatus.GREEN : TrackingStatus.RED, LIMIT, period, target,
                    BigDecimal.ZERO);
        }
        BigDecimal elapsed = elapsedShare(asOf, planYear);
        BigDecimal expected = target.multiply(elapsed).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        BigDecimal progressPercent = target.signum() == 0 ? HUNDRED
                : actual.multiply(HUNDRED).divide(target, MathContext.DECIMAL64);
        BigDecimal shortfall = elapsed.multiply(HUNDRED).subtract(progressPercent)
                .setScale(1, RoundingMode.HALF_UP);
        TrackingStatus status;
        if (actual.compareTo(target) >= 0) {
            status = TrackingStatus.DONE;
        } else if (asOf.isAfter(LocalDate.of(planYear, 12, 31)) || shortfall.compareTo(redPoints) > 0) {
            status = TrackingStatus.RED;
        } else if (shortfall.compareTo(yellowPoints) > 0) {
            status = TrackingStatus.YELLOW;
        } else {
            status = TrackingStatus.GREEN;
        }
        return new Judgement(status, BEHIND_SCHEDULE, period, expected, shortfall);
    }

    /** The share of the plan year elapsed at the end of {@code asOf}, between 0 and 1. */
    static BigDecimal elapsedShare(LocalDate asOf, int planYear) {
        if (asOf.getYear() < planYear) {
            return BigDecimal.ZERO;
        }
        if (asOf.getYear() > planYear) {
            return BigDecimal.ONE;
        }
        return BigDecimal.valueOf(asOf.getDayOfYear())
                .divide(BigDecimal.valueOf(Year.of(planYear).length()), MathContext.DECIMAL64);
    }
}
