package org.keywork.goal.plan.document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the warnings of one parse. Garbage input must not flood the caller, nor bury the warning that matters
 * (no sections found) under a hundred "unreadable characters": at most {@link #PER_CODE} warnings of each kind are
 * kept, and one more says how many were left off.
 */
final class Warnings {

    static final int PER_CODE = 20;
    /** The most warnings one parse can return. */
    static final int LIMIT = PER_CODE * WarningCode.values().length + 1;

    private final List<ImportWarning> warnings = new ArrayList<>();
    private final Map<WarningCode, Integer> counts = new EnumMap<>(WarningCode.class);
    private int dropped;

    void add(WarningCode code, String message, int line, String excerpt) {
        int count = counts.merge(code, 1, Integer::sum);
        if (count <= PER_CODE) {
            warnings.add(new ImportWarning(code, message, line, excerpt));
        } else {
            dropped++;
        }
    }

    /** Takes over another collection's warnings (counted against this one's caps). */
    void addAll(Warnings other) {
        other.warnings.forEach(w -> add(w.code(), w.message(), w.line(), w.excerpt()));
        dropped += other.dropped;
    }

    /** The warnings in document order (stable for warnings on the same line), whole-document ones first. */
    List<ImportWarning> list() {
        List<ImportWarning> sorted = new ArrayList<>(warnings);
        sorted.sort(Comparator.comparingInt(ImportWarning::line));
        if (dropped > 0) {
            sorted.add(new ImportWarning(WarningCode.TOO_MANY_WARNINGS,
                    "同类警告过多（每类最多列出 " + PER_CODE + " 条），另有 " + dropped + " 条未列出", 0, ""));
        }
        return sorted;
    }
}
