package org.keywork.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Who answers for an item. Positions, not people, carry duty: notification-service resolves a position to whoever
 * holds it when an alert is sent.
 *
 * @param leaderPosition          the responsible district leader's position, e.g. 分管副区长（民生）
 * @param leadDepartment          the lead department, e.g. 区民政局
 * @param cooperatingDepartments  the cooperating departments
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Responsibility(String leaderPosition, String leadDepartment, List<String> cooperatingDepartments) {

    public Responsibility {
        cooperatingDepartments = cooperatingDepartments == null ? List.of() : List.copyOf(cooperatingDepartments);
    }
}
