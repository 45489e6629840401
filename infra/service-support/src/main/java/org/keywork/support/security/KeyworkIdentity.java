package org.keywork.support.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * Who is calling, as the verified token says. Set on every request that passed the access check
 * ({@link ServiceSecurityAutoConfiguration}); the
 * controllers read it (or the {@code X-Keywork-*} headers the filter derives from it) to record who did what and to
 * decide what the caller may see.
 *
 * @param user       the user name (the token's {@code sub})
 * @param name       the display name, if any
 * @param roles      DEPARTMENT, LEADER, SUPERVISOR, ADMIN
 * @param department the department a DEPARTMENT user reports for, e.g. 区民政局
 * @param position   the position a LEADER holds, e.g. 副区长（分管民政）
 * @param personId   the person in the directory, if known
 */
public record KeyworkIdentity(String user, String name, List<String> roles, String department, String position,
        String personId) {

    public static final String ATTRIBUTE = KeyworkIdentity.class.getName();

    public static final String DEPARTMENT = "DEPARTMENT";
    public static final String LEADER = "LEADER";
    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String ADMIN = "ADMIN";

    public KeyworkIdentity {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Supervisors and admins see the whole plan and every alert; the others see their own part of it. */
    public boolean seesAll() {
        return hasRole(SUPERVISOR) || hasRole(ADMIN);
    }

    /** The identity the filter verified for this request; empty when checks are off (tests) or on exempt paths. */
    public static Optional<KeyworkIdentity> of(HttpServletRequest request) {
        return Optional.ofNullable((KeyworkIdentity) request.getAttribute(ATTRIBUTE));
    }
}
