package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A construction milestone as the plan document defines it.
 *
 * @param id           {@code S.N#K}: the K-th milestone named in the item, in reading order
 * @param type         {@code START} (开工), {@code COMPLETION} (竣工, 完工, 建成, 基本建成) or {@code OTHER} (推进, 启动, 开展)
 * @param name         the project or part it concerns
 * @param value        a quantity, where the document gives one (9.1: 100 万平方米), else null
 * @param unit         its unit, else null
 * @param plannedDate  the date the plan sets (the document, the 任务分解表 or the editor), or {@code null}: unscheduled
 *                     (未排期), judged against the plan year's end until a date is set
 * @param sourcePhrase the clause it was read from
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MilestoneDefinition(String id, String type, String name, BigDecimal value, String unit,
        LocalDate plannedDate, String sourcePhrase) {
}
