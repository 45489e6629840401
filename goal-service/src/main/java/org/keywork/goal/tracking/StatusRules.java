package org.keywork.goal.tracking;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.springframework.stereotype.Component;

/**
 * The status rules: pure functions of a target, its kind, its plan curve, the new reading and the one before.
 *
 * <p>Curve targets ({@link TargetKind#CUMULATIVE}, {@link TargetKind#LEVEL}): the shortfall is the curve's expected
 * share minus the share of the target reached, in percentage points; more than {@code yellow-behind-points} (10) is
 * YELLOW, more than {@code red-behind-points} (30) RED, the target reached DONE, and short after the plan year RED
 * ({@code overdue}). The period is judged apart: the increment since the previous reading (or since the start of the
 * plan year) against the curve's increment over the same days, the shortfall in percent of that expected increment,
 * with {@code period-yellow/red-behind-points} (10/30); a period in which the curve expected nothing is GREEN.
 *
 * <p>Rates ({@link TargetKind#INCREASE}, {@link TargetKind#REDUCTION}): the year-to-date rate against the target
 * rate; more than {@code rate-yellow-points} (1) below is YELLOW, more than {@code rate-red-points} (3) RED, the
 * rate reached DONE, short after the plan year RED ({@code overdue}).
 *
 * <p>Ceilings: at most the target is GREEN, within the last {@code ceiling-warning-percent} (5 %) below it YELLOW,
 * above it RED. Floors: at or above the target GREEN, at most {@code floor-yellow-points} (2) below YELLOW, further
 * below RED. Both are DONE when the reading is for the last day of the plan year or later and the limit held; a
 * floor missed then is RED.
 *
 * <p>Catch-up: the normal thresholds apply to an indicator that was RED, and {@link Judgement#caughtUp()} says that
 * it left RED. Period and catch-up do not apply to kinds judged by the level itself: their period status is the
 * status.
 */
@Component
public class StatusRules {

    public static final String BEHIND_SCHEDULE = "behind-schedule";
    public static final String OVERDUE = "overdue";
    public static final String CEILING_EXCEEDED = "ceiling-exceeded";
    public static final String BELOW_FLOOR = "below-floor";
    public static final String RATE_BEHIND = "rate-behind";
    public static final String REPORT_MISSING = "report-missing";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final TrackingProperties properties;
    private final PlanCurve defaultCurve;
    private final MissingReportRule missingReports;

    public StatusRules(TrackingProperties properties) {
        this.properties = properties;
        this.defaultCurve = PlanCurve.parse(properties.defaultCurve());
        this.missingReports = new MissingReportRule(properties.reportCutoffDay(), properties.reportGraceDays());
    }

    /** A reported value and the date it is as of. */
    public record Reading(BigDecimal value, LocalDate asOf) {
    }

    /**
     * An indicator's plan curve: its own (set through the API) if it has one, else the one configured for its id,
     * else the default curve.
     */
    public PlanCurve curveFor(Indicator indicator) {
        if (indicator.curve() != null) {
            return PlanCurve.parse(indicator.curve());
        }
        return curveFor(indicator.id());
    }

    /** The text of the curve {@link #curveFor(Indicator)} returns. */
    public String curveSpecFor(Indicator indicator) {
        if (indicator.curve() != null) {
            return indicator.curve();
        }
        String configured = indicator.id() == null ? null : properties.curves().get(indicator.id());
        return configured != null ? configured : properties.defaultCurve();
    }

    /** The plan curve configured for an indicator id, else the default curve. */
    public PlanCurve curveFor(String indicatorId) {
        String spec = indicatorId == null ? null : properties.curves().get(indicatorId);
        return spec == null ? defaultCurve : PlanCurve.parse(spec);
    }

    public MissingReportRule missingReports() {
        return missingReports;
    }

    /** A first reading on the default curve, with no history: the old behind-schedule rule's inputs. */
    public Judgement judge(BigDecimal target, String direction, BigDecimal actual, LocalDate asOf, int planYear) {
        return judge(TargetKind.of(direction), target, defaultCurve, planYear, new Reading(actual, asOf), null,
                TrackingStatus.NOT_STARTED);
    }

    /**
     * Judges a reading.
     *
     * @param kind           how the target is read
     * @param target         the numeric target
     * @param curve          the indicator's plan curve (used by curve targets only)
     * @param planYear       the plan year
     * @param current        the new reading
     * @param previous       the reading before it, or {@code null}
     * @param previousStatus the status before it ({@code null} is NOT_STARTED)
     */
    public Judgement judge(TargetKind kind, BigDecimal target, PlanCurve curve, int planYear, Reading current,
            Reading previous, TrackingStatus previousStatus) {
        Judgement judgement = switch (kind) {
            case CUMULATIVE, LEVEL -> alongCurve(target, curve == null ? defaultCurve : curve, planYear, current,
                    previous);
            case INCREASE, REDUCTION -> rate(target, planYear, current);
            case CEILING -> ceiling(target, planYear, current);
            case FLOOR -> floor(target, planYear, current);
        };
        boolean caughtUp = previousStatus == TrackingStatus.RED && judgement.status() != TrackingStatus.RED;
        return judgement.withCaughtUp(caughtUp);
    }

    private Judgement alongCurve(BigDecimal target, PlanCurve curve, int planYear, Reading current,
            Reading previous) {
        LocalDate asOf = current.asOf();
        BigDecimal actual = current.value();
        BigDecimal share = curve.expectedShare(asOf, planYear);
        BigDecimal expected = target.multiply(share).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        BigDecimal progressPercent = target.signum() == 0 ? HUNDRED
                : actual.multiply(HUNDRED).divide(target, MathContext.DECIMAL64);
        BigDecimal shortfall = share.multiply(HUNDRED).subtract(progressPercent).setScale(1, RoundingMode.HALF_UP);
        TrackingStatus status;
        String rule = BEHIND_SCHEDULE;
        if (actual.compareTo(target) >= 0) {
            status = TrackingStatus.DONE;
        } else if (afterYear(asOf, planYear)) {
            status = TrackingStatus.RED;
            rule = OVERDUE;
        } else {
            status = colour(shortfall, properties.yellowBehindPoints(), properties.redBehindPoints());
        }

        boolean hasPrevious = previous != null && previous.value() != null && previous.asOf() != null
                && previous.asOf().isBefore(asOf);
        BigDecimal previousValue = hasPrevious ? previous.value() : BigDecimal.ZERO;
        BigDecimal previousShare = hasPrevious ? curve.expectedShare(previous.asOf(), planYear) : BigDecimal.ZERO;
        BigDecimal expectedIncrement = target.multiply(share.subtract(previousShare));
        BigDecimal increment = actual.subtract(previousValue);
        TrackingStatus periodStatus;
        BigDecimal periodShortfall;
        if (expectedIncrement.signum() <= 0) {
            periodShortfall = BigDecimal.ZERO;
            periodStatus = TrackingStatus.GREEN;
        } else {
            periodShortfall = expectedIncrement.subtract(increment).multiply(HUNDRED)
                    .divide(expectedIncrement, MathContext.DECIMAL64).setScale(1, RoundingMode.HALF_UP);
            periodStatus = colour(periodShortfall, properties.periodYellowBehindPoints(),
                    properties.periodRedBehindPoints());
        }
        if (status == TrackingStatus.DONE) {
            periodStatus = TrackingStatus.DONE;
        }
        return new Judgement(status, rule, period(asOf), expected, shortfall, periodStatus, periodShortfall, false);
    }

    private Judgement rate(BigDecimal target, int planYear, Reading current) {
        BigDecimal shortfall = target.subtract(current.value());
        TrackingStatus status;
        String rule = RATE_BEHIND;
        if (shortfall.signum() <= 0) {
            status = TrackingStatus.DONE;
        } else if (afterYear(current.asOf(), planYear)) {
            status = TrackingStatus.RED;
            rule = OVERDUE;
        } else {
            status = colour(shortfall, properties.rateYellowPoints(), properties.rateRedPoints());
        }
        return new Judgement(status, rule, period(current.asOf()), target, shortfall);
    }

    private Judgement ceiling(BigDecimal target, int planYear, Reading current) {
        BigDecimal actual = current.value();
        BigDecimal over = target.signum() == 0 ? actual
                : actual.subtract(target).multiply(HUNDRED).divide(target, MathContext.DECIMAL64)
                        .setScale(1, RoundingMode.HALF_UP);
        BigDecimal warningFrom = target.multiply(HUNDRED.subtract(properties.ceilingWarningPercent()))
                .divide(HUNDRED, MathContext.DECIMAL64);
        TrackingStatus status;
        if (actual.compareTo(target) > 0) {
            status = TrackingStatus.RED;
        } else if (yearOver(current.asOf(), planYear)) {
            status = TrackingStatus.DONE;
        } else if (actual.compareTo(warningFrom) > 0) {
            status = TrackingStatus.YELLOW;
        } else {
            status = TrackingStatus.GREEN;
        }
        return new Judgement(status, CEILING_EXCEEDED, period(current.asOf()), target, over);
    }

    private Judgement floor(BigDecimal target, int planYear, Reading current) {
        BigDecimal below = target.subtract(current.value());
        TrackingStatus status;
        if (below.signum() <= 0) {
            status = yearOver(current.asOf(), planYear) ? TrackingStatus.DONE : TrackingStatus.GREEN;
        } else if (yearOver(current.asOf(), planYear) || below.compareTo(properties.floorYellowPoints()) > 0) {
            status = TrackingStatus.RED;
        } else {
            status = TrackingStatus.YELLOW;
        }
        return new Judgement(status, BELOW_FLOOR, period(current.asOf()), target, below);
    }

    /** GREEN up to and including {@code yellow}, YELLOW up to and including {@code red}, RED above. */
    private static TrackingStatus colour(BigDecimal shortfall, BigDecimal yellow, BigDecimal red) {
        if (shortfall.compareTo(red) > 0) {
            return TrackingStatus.RED;
        }
        return shortfall.compareTo(yellow) > 0 ? TrackingStatus.YELLOW : TrackingStatus.GREEN;
    }

    /** After the plan year: a target not met by then is overdue. */
    private static boolean afterYear(LocalDate asOf, int planYear) {
        return asOf.isAfter(LocalDate.of(planYear, 12, 31));
    }

    /** A reading for the last day of the plan year or later: a limit that held then held for the year. */
    private static boolean yearOver(LocalDate asOf, int planYear) {
        return !asOf.isBefore(LocalDate.of(planYear, 12, 31));
    }

    static String period(LocalDate date) {
        return YearMonth.from(date).toString();
    }
}
