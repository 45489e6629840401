package org.keywork.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** The table's semantics; every route for every role is replayed by the gateway's AccessControlTest. */
class AccessRulesTest {

	@Test
	void firstMatchWinsDenyByDefaultAndAnonymousOnlyWhereTheTableSaysSo() {
		assertThat(AccessRules.decide(HttpMethod.GET, "/api/plans/drafts", EnumSet.of(Role.DEPARTMENT)))
			.as("the drafts rule comes before the plans-for-everyone rule")
			.isEqualTo(AccessRules.Decision.FORBIDDEN);
		assertThat(AccessRules.decide(HttpMethod.GET, "/api/plans/2021", EnumSet.of(Role.DEPARTMENT)))
			.isEqualTo(AccessRules.Decision.ALLOW);
		assertThat(AccessRules.decide(HttpMethod.PUT, "/api/admin/clock", EnumSet.of(Role.SUPERVISOR)))
			.isEqualTo(AccessRules.Decision.FORBIDDEN);
		assertThat(AccessRules.decide(HttpMethod.PUT, "/api/admin/clock", EnumSet.of(Role.ADMIN)))
			.isEqualTo(AccessRules.Decision.ALLOW);
		assertThat(AccessRules.decide(HttpMethod.DELETE, "/api/goals/5.6", EnumSet.allOf(Role.class)))
			.isEqualTo(AccessRules.Decision.NO_SUCH_PATH);
		assertThat(AccessRules.decide(HttpMethod.GET, "/api/goals", null))
			.isEqualTo(AccessRules.Decision.UNAUTHENTICATED);
		assertThat(AccessRules.decide(HttpMethod.GET, "/actuator/health", null)).isEqualTo(AccessRules.Decision.ALLOW);
		assertThat(AccessRules.decide(HttpMethod.GET, "/api/goals", Set.of())).isEqualTo(AccessRules.Decision.FORBIDDEN);
	}

	@Test
	void everyRoleReadsTheNotificationLogButOnlyTheAdminWritesIt() {
		// which entries he sees is notification-service's business: the admin's all, anyone else's his own
		for (Role role : Role.values()) {
			assertThat(AccessRules.decide(HttpMethod.GET, "/api/notifications", EnumSet.of(role))).as(role.name())
				.isEqualTo(AccessRules.Decision.ALLOW);
			assertThat(AccessRules.decide(HttpMethod.GET, "/api/notifications/deliveries", EnumSet.of(role)))
				.as(role.name())
				.isEqualTo(AccessRules.Decision.ALLOW);
		}
		assertThat(AccessRules.decide(HttpMethod.GET, "/api/notifications", null))
			.isEqualTo(AccessRules.Decision.UNAUTHENTICATED);
		assertThat(AccessRules.decide(HttpMethod.POST, "/api/notifications/retry", EnumSet.of(Role.SUPERVISOR)))
			.isEqualTo(AccessRules.Decision.FORBIDDEN);
		assertThat(AccessRules.decide(HttpMethod.GET, "/api/directory", EnumSet.of(Role.DEPARTMENT)))
			.as("the directory stays closed to departments")
			.isEqualTo(AccessRules.Decision.FORBIDDEN);
	}

	@Test
	void everyRuleSaysInChineseWhatItLetsOneDo() {
		assertThat(AccessRules.RULES).allSatisfy(rule -> assertThat(rule.action()).isNotBlank()
			.matches(".*\\p{IsHan}.*"));
	}

}
