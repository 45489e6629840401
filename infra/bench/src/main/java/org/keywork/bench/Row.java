package org.keywork.bench;

import java.util.Locale;

/**
 * One line of the result table.
 *
 * @param phase  the phase it belongs to (a table group)
 * @param label  Chinese label with the English metric name, e.g. {@code 网关 32 并发 reports/s}
 * @param value  the measured value; NaN when not measured
 * @param unit   unit of value and target
 * @param target what it is judged against, or null (printed for information)
 * @param note   how it was measured, what was reached, errors by kind
 * @param shown  what to print instead of the value (e.g. {@code > 120 s} when a phase ran out of time), or null
 */
record Row(String phase, String label, double value, String unit, Target target, String note, String shown) {

    enum Verdict {
        PASS("达标 ok"), FAIL("未达标 FAIL"), NONE("");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    static Row info(String phase, String label, double value, String unit, String note) {
        return new Row(phase, label, value, unit, null, note == null ? "" : note, null);
    }

    static Row judged(String phase, String label, double value, String unit, Target target, String note) {
        return new Row(phase, label, value, unit, target, note == null ? "" : note, null);
    }

    /** A judged value that was not reached within the phase's budget: shown as {@code shown}, never met. */
    static Row unfinished(String phase, String label, String unit, Target target, String shown, String note) {
        return new Row(phase, label, Double.NaN, unit, target, note == null ? "" : note, shown);
    }

    Verdict verdict() {
        if (target == null) {
            return Verdict.NONE;
        }
        return target.met(value) ? Verdict.PASS : Verdict.FAIL;
    }

    String valueText() {
        if (shown != null) {
            return shown;
        }
        if (Double.isNaN(value)) {
            return "未测 n/a";
        }
        return format(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    String targetText() {
        return target == null ? "" : target.describe(unit);
    }

    /** Numbers as people read them: integers with thousands separators, small values with a few decimals. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double abs = Math.abs(v);
        if (abs >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,d", Math.round(v));
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
