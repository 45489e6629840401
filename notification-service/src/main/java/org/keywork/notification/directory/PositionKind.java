package org.keywork.notification.directory;

/** What a position is: a district leader, a department's head or its liaison, or the supervision office. */
public enum PositionKind {
    /** 区长, 常务副区长, a 副区长 with his portfolio. */
    LEADER,
    /** The head of a department (主任, 局长, …): the lead department's escalation step. */
    DEPARTMENT_HEAD,
    /** A department's liaison for the key-work plan: receives the department's daily digests with the head. */
    DEPARTMENT_LIAISON,
    /** 督查: sees every alert. */
    SUPERVISOR
}
