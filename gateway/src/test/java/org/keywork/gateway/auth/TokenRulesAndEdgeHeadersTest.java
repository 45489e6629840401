package org.keywork.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.gateway.TestClients;
import org.keywork.access.SigningSecret;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway checks a token's claims by the same rules as every service ({@code TokenRules}), not only its
 * signature: a token without exp or sub, without Keywork's audience, or not valid yet is refused with 401
 * problem+json before anything is routed; and every answer carries the edge headers (CSP, Permissions-Policy).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "keywork.gateway.rate-limit.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenRulesAndEdgeHeadersTest {

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeAll
	void client() {
		this.client = TestClients.gateway(this.port)
			.build();
	}

	static JWTClaimsSet.Builder admin() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("keywork-gateway")
			.subject("admin")
			.audience("keywork")
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.claim("roles", List.of("ADMIN"));
	}

	static String signed(JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		jwt.sign(new MACSigner(SigningSecret.PUBLIC_DEFAULT.getBytes(StandardCharsets.UTF_8)));
		return jwt.serialize();
	}

	@Test
	void aTokenBreakingAnyRuleIsRefusedLikeOnEveryServicePort() throws Exception {
		Instant now = Instant.now();
		Map<String, JWTClaimsSet> broken = Map.of("no exp", admin().expirationTime(null).build(), "no sub",
				admin().subject(null).build(), "no aud", admin().audience((String) null).build(), "another aud",
				admin().audience("another-app").build(), "nbf in an hour",
				admin().notBeforeTime(Date.from(now.plusSeconds(3600))).build(), "issued tomorrow",
				admin().issueTime(Date.from(now.plus(Duration.ofDays(1)))).build(), "expired",
				admin().expirationTime(Date.from(now.minusSeconds(120))).build());
		for (Map.Entry<String, JWTClaimsSet> token : broken.entrySet()) {
			this.client.get()
				.uri("/api/admin/clock")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + signed(token.getValue()))
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentTypeCompatibleWith("application/problem+json")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:keywork:problem:unauthorized");
		}
		// the same token with every rule met gets past the check and is routed on (to goal-service, which is not
		// running here: whatever it answers, it is not the gateway refusing the token)
		var passed = this.client.get()
			.uri("/api/admin/clock")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + signed(admin().build()))
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(passed.getStatus().value()).isNotIn(401, 403);
		assertThat(passed.getResponseHeaders().getFirst("WWW-Authenticate")).isNull();
		assertThat(String.valueOf(passed.getResponseBody()))
			.doesNotContain("urn:keywork:problem:unauthorized")
			.doesNotContain("urn:keywork:problem:forbidden");
	}

	@Test
	void theTokensTheGatewaySignsNameKeyworkAsTheirAudience() throws Exception {
		String body = this.client.post()
			.uri("/api/auth/token")
			.header(HttpHeaders.CONTENT_TYPE, "application/json")
			.bodyValue("{\"username\":\"admin\",\"password\":\"admin-2021\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String token = body.replaceAll("(?s).*\"accessToken\"\\s*:\\s*\"([^\"]+)\".*", "$1");
		JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly("keywork");
		assertThat(claims.getIssueTime()).isNotNull();
		assertThat(claims.getExpirationTime()).isAfter(new Date());
	}

	@Test
	void withoutAMetricsTokenConfiguredAnOpaqueTokenOnThePrometheusPathIsJustAnInvalidToken() {
		MetricsScrapeTokenTest.assertRefusedAsAnInvalidToken(this.client, "no keywork.metrics.token",
				HttpMethod.GET, "/actuator/prometheus", MetricsScrapeTokenTest.SCRAPE_TOKEN);
	}

	@Test
	void theDashboardAndTheApiCarryTheContentSecurityAndPermissionsPolicies() {
		for (String path : List.of("/", "/api/goals")) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectHeader()
				.value("Content-Security-Policy", csp -> assertThat(csp).contains("default-src 'self'")
					.contains("script-src 'self';")
					.contains("object-src 'none'")
					.contains("frame-ancestors 'none'")
					.doesNotContain("unsafe-eval"))
				.expectHeader()
				.value("Permissions-Policy", policy -> assertThat(policy).contains("camera=()")
					.contains("geolocation=()")
					.contains("microphone=()"))
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff");
		}
	}

}
