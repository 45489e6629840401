package org.keywork.notification.alert;

/** Why a position receives an alert, or which rung of the escalation ladder a step addresses. */
public enum RecipientRole {
    /** The responsible leader (责任领导). */
    LEADER,
    /** The lead department (牵头单位): its head and its liaison. */
    LEAD_DEPARTMENT,
    /** A cooperating department (配合单位). */
    COOPERATING_DEPARTMENT,
    /** The district head (区长): escalation only. */
    DISTRICT_HEAD
}
