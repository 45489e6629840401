package org.keywork.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsTokenTest {

	static final String TOKEN = "scrape-token-for-tests-only-0123456789abcdef";

	@Test
	void unsetOrBlankIsNoTokenAndAShortOneIsRefusedNamingTheVariable() {
		assertThat(MetricsToken.of(null)).isEmpty();
		assertThat(MetricsToken.of("")).isEmpty();
		assertThat(MetricsToken.of("   ")).isEmpty();
		assertThatThrownBy(() -> MetricsToken.of("only-31-bytes-0123456789abcdefg"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("KEYWORK_METRICS_TOKEN")
			.hasMessageContaining("at least 32 bytes");
		assertThat(MetricsToken.of("exactly-32-bytes-0123456789abcde")).isPresent();
		assertThat(MetricsToken.of(TOKEN).orElseThrow().toString()).doesNotContain(TOKEN);
	}

	@Test
	void itAdmitsOnlyAGetOrHeadOfThePrometheusPathWithExactlyThisBearerToken() {
		MetricsToken token = MetricsToken.of(" " + TOKEN + "\n").orElseThrow();

		assertThat(token.admits("GET", "/actuator/prometheus", "Bearer " + TOKEN)).isTrue();
		assertThat(token.admits("HEAD", "/actuator/prometheus", "bearer " + TOKEN)).isTrue();

		assertThat(token.admits("POST", "/actuator/prometheus", "Bearer " + TOKEN)).isFalse();
		assertThat(token.admits("GET", "/actuator/metrics", "Bearer " + TOKEN)).isFalse();
		assertThat(token.admits("GET", "/actuator/prometheus/", "Bearer " + TOKEN)).isFalse();
		assertThat(token.admits("GET", "/api/goals", "Bearer " + TOKEN)).isFalse();
		assertThat(token.admits("GET", "/actuator/prometheus", null)).isFalse();
		assertThat(token.admits("GET", "/actuator/prometheus", TOKEN)).isFalse();
		assertThat(token.admits("GET", "/actuator/prometheus", "Basic " + TOKEN)).isFalse();
		assertThat(token.admits("GET", "/actuator/prometheus", "Bearer " + TOKEN + "x")).isFalse();
		assertThat(token.admits("GET", "/actuator/prometheus", "Bearer " + TOKEN.substring(1))).isFalse();
		assertThat(token.admits("GET", "/actuator/prometheus", "Bearer ")).isFalse();
	}

}
