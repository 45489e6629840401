package org.keywork.goal.plan.document;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A milestone of a construction item.
 *
 * @param id           {@code S.N#K}: the K-th milestone of item S.N in reading order
 * @param type         start, completion or another step
 * @param name         START / COMPLETION: the project, without 实现 … 开工/竣工, e.g.
 *                     静安区闸北实验小学（明德）校区扩建项目; OTHER: the step with its verb, e.g. 开展北郊站转型研究
 * @param value        a quantity the milestone names (9.1: 开工 100 万平方米), else {@code null}
 * @param unit         its unit, else {@code null}
 * @param plannedDate  the date the document gives (…月底前, 上半年, 年底前 …), else {@code null}: unscheduled (未排期)
 * @param sourcePhrase the clause of the item text it was read from, exactly as joined
 */
public record ParsedMilestone(String id, MilestoneType type, String name, BigDecimal value, String unit,
        LocalDate plannedDate, String sourcePhrase) {
}
