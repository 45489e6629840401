package org.keywork.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a signed-in user may do. A token carries these names in its {@code roles} claim (or the
 * configured claim of an external issuer); names the gateway does not know are ignored.
 */
public enum Role {

	/** A department's reporter: posts and corrects its progress reports, sees its own alerts. */
	DEPARTMENT("部门填报员"),

	/** A district leader: sees the plan and his own alerts, acknowledges them. */
	LEADER("区领导"),

	/** The supervision office: sees everything, edits nothing of the plan. */
	SUPERVISOR("督查人员"),

	/** Manages plan versions, responsibility, the directory and the admin endpoints. */
	ADMIN("系统管理员");

	private final String label;

	Role(String label) {
		this.label = label;
	}

	/** The role's name as users read it (Simplified Chinese). */
	public String label() {
		return this.label;
	}

	/** The Spring Security authority that stands for this role. */
	public String authority() {
		return "ROLE_" + name();
	}

	public static Optional<Role> named(String name) {
		if (name == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(valueOf(name.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The roles these names stand for; names that are no role are dropped. */
	public static Set<Role> allNamed(Collection<?> names) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (Object name : names) {
			named(String.valueOf(name)).ifPresent(roles::add);
		}
		return roles;
	}

	/**
	 * The roles a token's roles claim names: a list of names, or one string of names separated by commas or spaces
	 * (as some issuers write it); anything else names none.
	 */
	public static Set<Role> inClaim(Object value) {
		if (value instanceof Collection<?> names) {
			return allNamed(names);
		}
		return (value instanceof String text) ? allNamed(List.of(text.split("[,\\s]+"))) : EnumSet.noneOf(Role.class);
	}

	public static Optional<Role> ofAuthority(String authority) {
		return (authority != null && authority.startsWith("ROLE_")) ? named(authority.substring(5)) : Optional.empty();
	}

}
