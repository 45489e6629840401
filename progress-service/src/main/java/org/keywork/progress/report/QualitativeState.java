package org.keywork.progress.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A qualitative goal's state: stored and published as its code ({@code ON_TRACK}); a department may write either the
 * code (any letter case) or the Chinese label (按计划推进), in a posted report and in a bulk file alike.
 */
enum QualitativeState {
    NOT_STARTED("未开始"),
    ON_TRACK("按计划推进"),
    AT_RISK("存在风险"),
    BLOCKED("受阻"),
    DONE("已完成");

    private final String label;

    QualitativeState(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The code for a code or a label; anything else unchanged, for the validation to name. */
    static String normalized(String given) {
        if (given == null) {
            return null;
        }
        String text = given.strip();
        for (QualitativeState state : values()) {
            if (state.label.equals(text) || state.name().equals(text.toUpperCase(Locale.ROOT))) {
                return state.name();
            }
        }
        return given;
    }

    /** For messages and the template: {@code 未开始（NOT_STARTED）、按计划推进（ON_TRACK）…}. */
    static String allLabels() {
        return Arrays.stream(values()).map(s -> s.label + "（" + s.name() + "）").collect(Collectors.joining("、"));
    }
}
