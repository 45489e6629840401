package org.keywork.bench;

import java.util.Locale;

/**
 * What a measured value is judged against: at least or below a threshold.
 *
 * @param atLeast   true: the value must be ≥ threshold; false: it must be &lt; (or ≤, {@code inclusive}) threshold
 * @param threshold the threshold, in the row's unit
 * @param inclusive for an upper bound, whether equal still passes (≤ rather than &lt;)
 */
record Target(boolean atLeast, double threshold, boolean inclusive) {

    static Target atLeast(double threshold) {
        return new Target(true, threshold, true);
    }

    static Target below(double threshold) {
        return new Target(false, threshold, false);
    }

    static Target atMost(double threshold) {
        return new Target(false, threshold, true);
    }

    boolean met(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (atLeast) {
            return value >= threshold;
        }
        return inclusive ? value <= threshold : value < threshold;
    }

    /**
     * How the value stands against the target as a share of it, 1.0 at the threshold, above 1 better: value/threshold
     * for a lower bound, threshold/value for an upper one. NaN when unknown.
     */
    double score(double value) {
        if (Double.isNaN(value)) {
            return Double.NaN;
        }
        if (atLeast) {
            return threshold == 0 ? (value >= 0 ? 1 : 0) : value / threshold;
        }
        if (value <= 0) {
            return threshold > 0 ? 10 : 1; // zero errors against "0": met; shown as far better
        }
        return threshold / value;
    }

    String describe(String unit) {
        String op = atLeast ? "≥ " : inclusive ? "≤ " : "< ";
        return op + Row.format(threshold) + (unit.isEmpty() ? "" : " " + unit);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s%s", atLeast ? ">=" : inclusive ? "<=" : "<", threshold);
    }
}
