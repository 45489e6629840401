package org.keywork.gateway;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.keywork.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production mode: {@code KEYWORK_AUTH_ISSUER_URI} names an OIDC issuer (here a real local HTTP server publishing
 * its discovery document and JWKS). Its RS256 tokens are accepted, roles are read from the configured claim, the
 * gateway's own token endpoint is gone and its own HS256 tokens are no longer valid.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keywork.auth.roles-claim=realm_access.roles", "keywork.gateway.rate-limit.enabled=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalIssuerTest {

	static final Downstream issuer = Downstream.started("oidc-issuer");

	static final Downstream notifications = Downstream.started("notification-service");

	static final RSAKey key = generate();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("KEYWORK_AUTH_ISSUER_URI", issuer::url);
		registry.add("NOTIFICATION_SERVICE_URL", notifications::url);
	}

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeAll
	void publishKeys() {
		issuer.answer("GET", "/.well-known/openid-configuration", 200,
				"{\"issuer\":\"" + issuer.url() + "\",\"jwks_uri\":\"" + issuer.url()
						+ "/jwks\",\"id_token_signing_alg_values_supported\":[\"RS256\"],"
						+ "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"]}");
		issuer.answer("GET", "/jwks", 200, new JWKSet(key.toPublicJWK()).toString());
		// a new connection per request (see AccessControlTest: refused requests leave pooled connections closing)
		this.client = TestClients.gateway(this.port)
			.build();
	}

	@AfterAll
	static void stop() {
		Stream.of(issuer, notifications).forEach(Downstream::stop);
	}

	@Test
	void theIssuersTokensAreAcceptedWithRolesFromTheConfiguredClaim() throws Exception {
		String token = rs256(Map.of("realm_access", Map.of("roles", List.of("LEADER", "offline_access")), "position",
				"副区长（分管民政）", "name", "张明"));
		String requestId = "oidc-" + UUID.randomUUID();
		this.client.get()
			.uri("/api/alerts?recipient=someone-else")
			.header("Authorization", "Bearer " + token)
			.header("X-Request-Id", requestId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		Downstream.Received got = notifications.byRequestId(requestId).orElseThrow();
		// the services take only the gateway's relayed identities: the issuer's token is relayed as the gateway's own
		String relayed = got.header("Authorization").substring("Bearer ".length());
		assertThat(relayed).isNotEqualTo(token);
		com.nimbusds.jwt.SignedJWT internal = com.nimbusds.jwt.SignedJWT.parse(relayed);
		assertThat(internal.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
		assertThat(internal.verify(new com.nimbusds.jose.crypto.MACVerifier(
				TestTokens.LOCAL_SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
		assertThat(internal.getJWTClaimsSet().getIssuer()).isEqualTo("keywork-gateway");
		assertThat(internal.getJWTClaimsSet().getSubject()).isEqualTo("zhang.ming@example.gov");
		assertThat(internal.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("LEADER");
		assertThat(internal.getJWTClaimsSet().getStringClaim("position")).isEqualTo("副区长（分管民政）");
		assertThat(internal.getJWTClaimsSet().getAudience()).containsExactly("keywork-services");
		assertThat(internal.getJWTClaimsSet().getExpirationTime().toInstant())
			.isBefore(java.time.Instant.now().plusSeconds(61));
		assertThat(got.header("X-Keywork-User")).isEqualTo("zhang.ming%40example.gov");
		assertThat(URLDecoder.decode(got.header("X-Keywork-User"), StandardCharsets.UTF_8))
			.isEqualTo("zhang.ming@example.gov");
		assertThat(got.header("X-Keywork-Roles")).isEqualTo("LEADER");
		assertThat(got.query()).isEqualTo("recipient=" + URLEncoder.encode("副区长（分管民政）", StandardCharsets.UTF_8));

		// a leader still may not do an admin's work
		this.client.put()
			.uri("/api/admin/clock")
			.header("Authorization", "Bearer " + token)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("当前账号（区领导）无权使用管理功能（PUT /api/admin/clock）。");
	}

	@Test
	void theLocalTokenEndpointAndLocalTokensAreOff() {
		this.client.post()
			.uri("/api/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"username\":\"admin\",\"password\":\"admin-2021\"}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:keywork:problem:not-found");
		String requestId = "local-token-" + UUID.randomUUID();
		this.client.get()
			.uri("/api/alerts")
			.header("Authorization", "Bearer " + TestTokens.admin())
			.header("X-Request-Id", requestId)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.returnResult();
		assertThat(notifications.byRequestId(requestId)).isEmpty();
	}

	private static String rs256(Map<String, Object> claims) throws Exception {
		JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer.url())
			.subject("zhang.ming@example.gov")
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))));
		claims.forEach(set::claim);
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				set.build());
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("test-key").generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
