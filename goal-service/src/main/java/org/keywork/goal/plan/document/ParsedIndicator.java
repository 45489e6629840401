package org.keywork.goal.plan.document;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A quantitative target of a goals item.
 *
 * @param id           {@code S.N#K}: the K-th target of item S.N in reading order
 * @param name         a short phrase for what is measured, e.g. 社会消费品零售总额
 * @param value        the number as written (scale kept: 0.5, 1.3, 3.2)
 * @param unit         its unit as written, {@code ％} normalised to {@code %} and 吨以内/日 to 吨/日
 * @param direction    how the value is to be read
 * @param qualifiers   wording around it (力争, 以上, 以内, 累计, 同比, 约)
 * @param starred      inside a ★ sub-target (from the ★ to the next 。)
 * @param partOf       for a nested part (其中 …), the id of the enclosing target; otherwise {@code null}
 * @param sourcePhrase the clause of the item text it was read from, exactly as joined
 */
public record ParsedIndicator(String id, String name, BigDecimal value, String unit, Direction direction,
        Set<Qualifier> qualifiers, boolean starred, String partOf, String sourcePhrase) {

    public ParsedIndicator {
        qualifiers = qualifiers == null || qualifiers.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(qualifiers));
    }

    public boolean has(Qualifier qualifier) {
        return qualifiers.contains(qualifier);
    }
}
