package org.keywork.goal.tracking;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

/**
 * An indicator's expected-progress curve over its plan year: the share of the target (0..1) that should be reached
 * by the end of a given day. Before the plan year nothing is expected, after it everything is.
 *
 * <ul>
 *   <li>{@link Linear}: the elapsed share of the year by day (the default).</li>
 *   <li>{@link Checkpoints}: cumulative shares at the end of evenly spaced months: 4 values for quarterly
 *       checkpoints (end of March, June, September, December), 12 for a monthly profile (序时进度). Between
 *       checkpoints the curve is either interpolated linearly by day (from 0 on 1 January) or, when
 *       {@code stepwise}, stays at the last checkpoint passed (nothing more is due until the next checkpoint's
 *       day).</li>
 * </ul>
 *
 * <p>A curve can be written as text (see {@link #parse(String)}): {@code linear}, {@code quarterly:20,45,70,100},
 * {@code quarterly-stepwise:20,45,70,100}, {@code monthly:5,10,…,100} (12 cumulative percentages),
 * {@code monthly-stepwise:…}.
 */
public sealed interface PlanCurve permits PlanCurve.Linear, PlanCurve.Checkpoints {

    /** The share of the target expected by the end of {@code date}, between 0 and 1. */
    BigDecimal expectedShare(LocalDate date, int planYear);

    static PlanCurve linear() {
        return Linear.INSTANCE;
    }

    /** Quarterly checkpoints given as cumulative percentages, e.g. {@code 20, 45, 70, 100}. */
    static PlanCurve quarterly(boolean stepwise, double... percents) {
        if (percents.length != 4) {
            throw new IllegalArgumentException("quarterly checkpoints need 4 percentages, not " + percents.length);
        }
        return Checkpoints.ofPercents(percents, stepwise);
    }

    /** A monthly profile (序时进度): 12 cumulative percentages at the end of January … December. */
    static PlanCurve monthly(boolean stepwise, double... percents) {
        if (percents.length != 12) {
            throw new IllegalArgumentException("a monthly profile needs 12 percentages, not " + percents.length);
        }
        return Checkpoints.ofPercents(percents, stepwise);
    }

    /**
     * Reads a curve from text: {@code linear}, or {@code quarterly[-stepwise]:p1,p2,p3,p4}, or
     * {@code monthly[-stepwise]:p1,…,p12}, percentages cumulative.
     */
    static PlanCurve parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        if (text.isEmpty() || text.equalsIgnoreCase("linear")) {
            return linear();
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("unknown plan curve '" + spec + "'");
        }
        String kind = text.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
        double[] percents = Arrays.stream(text.substring(colon + 1).split(","))
                .map(String::strip).mapToDouble(Double::parseDouble).toArray();
        return switch (kind) {
            case "quarterly" -> quarterly(false, percents);
            case "quarterly-stepwise" -> quarterly(true, percents);
            case "monthly" -> monthly(false, percents);
            case "monthly-stepwise" -> monthly(true, percents);
            default -> throw new IllegalArgumentException("unknown plan curve '" + spec + "'");
        };
    }

    /** The elapsed share of the plan year at the end of the day. */
    record Linear() implements PlanCurve {

        static final Linear INSTANCE = new Linear();

        @Override
        public BigDecimal expectedShare(LocalDate date, int planYear) {
            if (date.getYear() < planYear) {
                return BigDecimal.ZERO;
            }
            if (date.getYear() > planYear) {
                return BigDecimal.ONE;
            }
            return BigDecimal.valueOf(date.getDayOfYear())
                    .divide(BigDecimal.valueOf(Year.of(planYear).length()), MathContext.DECIMAL64);
        }
    }

    /**
     * Cumulative shares (0..1, non-decreasing) at the end of evenly spaced months: 4 (quarters) or 12 (months).
     *
     * @param shares   the cumulative share at each checkpoint
     * @param stepwise whether the curve steps at each checkpoint instead of rising linearly towards it
     */
    record Checkpoints(List<BigDecimal> shares, boolean stepwise) implements PlanCurve {

        public Checkpoints {
            shares = List.copyOf(shares);
            if (shares.size() != 4 && shares.size() != 12) {
                throw new IllegalArgumentException("checkpoints are quarterly (4) or monthly (12), not "
                        + shares.size());
            }
            BigDecimal last = BigDecimal.ZERO;
            for (BigDecimal share : shares) {
                if (share.compareTo(last) < 0 || share.compareTo(BigDecimal.ONE) > 0) {
                    throw new IllegalArgumentException("checkpoint shares must rise from 0 to at most 1: " + shares);
                }
                last = share;
            }
        }

        static Checkpoints ofPercents(double[] percents, boolean stepwise) {
            return new Checkpoints(Arrays.stream(percents)
                    .mapToObj(p -> BigDecimal.valueOf(p).divide(BigDecimal.valueOf(100), MathContext.DECIMAL64))
                    .toList(), stepwise);
        }

        @Override
        public BigDecimal expectedShare(LocalDate date, int planYear) {
            if (date.getYear() < planYear) {
                return BigDecimal.ZERO;
            }
            if (date.getYear() > planYear) {
                return BigDecimal.ONE;
            }
            int monthsPerCheckpoint = 12 / shares.size();
            int day = date.getDayOfYear();
            int previousDay = 0;
            BigDecimal previousShare = BigDecimal.ZERO;
            for (int i = 0; i < shares.size(); i++) {
                int checkpointDay = YearMonth.of(planYear, (i + 1) * monthsPerCheckpoint).atEndOfMonth()
                        .getDayOfYear();
                BigDecimal share = shares.get(i);
                if (day >= checkpointDay) {
                    previousDay = checkpointDay;
                    previousShare = share;
                    continue;
                }
                if (stepwise) {
                    return previousShare;
                }
                return previousShare.add(share.subtract(previousShare)
                        .multiply(BigDecimal.valueOf(day - previousDay))
                        .divide(BigDecimal.valueOf(checkpointDay - previousDay), MathContext.DECIMAL64));
            }
            return previousShare;
        }
    }
}
