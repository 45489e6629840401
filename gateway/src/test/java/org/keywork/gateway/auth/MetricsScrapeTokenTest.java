package org.keywork.gateway.auth;

import org.keywork.gateway.TestClients;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Prometheus' scrape token at the gateway ({@code keywork.metrics.token}): with it, {@code GET}/{@code HEAD
 * /actuator/prometheus} answers the metrics without an identity; the same token anywhere else, or another token
 * there, is refused as any invalid token (401 problem+json), and an admin's token still reads the metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keywork.gateway.rate-limit.enabled=false",
				"keywork.metrics.token=" + MetricsScrapeTokenTest.SCRAPE_TOKEN })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsScrapeTokenTest {

	static final String SCRAPE_TOKEN = "prometheus-scrape-token-for-tests-0123456789";

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeAll
	void client() {
		this.client = TestClients.gateway(this.port)
			.build();
	}

	@Test
	void theScrapeTokenReadsThePrometheusMetricsWithTheEdgeHeaders() {
		String body = this.client.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + SCRAPE_TOKEN)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CONTENT_TYPE, type -> assertThat(type).startsWith("text/plain"))
			.expectHeader()
			.value("Content-Security-Policy", csp -> assertThat(csp).contains("default-src 'self'"))
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("# HELP", "# TYPE", "application=\"gateway\"");
		this.client.head()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + SCRAPE_TOKEN)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void anAdminsTokenStillReadsThem() throws Exception {
		String body = this.client.get()
			.uri("/actuator/prometheus")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TokenRulesAndEdgeHeadersTest.signed(
					TokenRulesAndEdgeHeadersTest.admin().build()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("# HELP");
	}

	@Test
	void aWrongTokenOrTheScrapeTokenAnywhereElseIsRefusedAsAnInvalidToken() {
		Map<String, String[]> refused = Map.of("a wrong token",
				new String[] { "GET", "/actuator/prometheus", SCRAPE_TOKEN.replace('0', '1') }, "the token and more",
				new String[] { "GET", "/actuator/prometheus", SCRAPE_TOKEN + "x" }, "the rest of the actuator",
				new String[] { "GET", "/actuator/metrics", SCRAPE_TOKEN }, "the routes",
				new String[] { "GET", "/actuator/gateway/routes", SCRAPE_TOKEN }, "health",
				new String[] { "GET", "/actuator/health", SCRAPE_TOKEN }, "the api",
				new String[] { "GET", "/api/goals", SCRAPE_TOKEN }, "a POST",
				new String[] { "POST", "/actuator/prometheus", SCRAPE_TOKEN });
		refused.forEach((what, request) -> assertRefusedAsAnInvalidToken(this.client, what,
				HttpMethod.valueOf(request[0]), request[1], request[2]));
	}

	/** 401 problem+json with {@code error="invalid_token"}, as for any token the gateway does not accept. */
	static void assertRefusedAsAnInvalidToken(WebTestClient client, String what, HttpMethod method, String path,
			String token) {
		var result = client.method(method)
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.exchange()
			.expectBody(String.class)
			.returnResult();
		assertThat(result.getStatus().value()).as(what).isEqualTo(401);
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).as(what)
			.startsWith("application/problem+json");
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).as(what)
			.isEqualTo("Bearer error=\"invalid_token\"");
		assertThat(result.getResponseBody()).as(what)
			.contains("\"type\":\"urn:keywork:problem:unauthorized\"")
			.contains("访问令牌无效或已过期")
			.doesNotContain("# HELP");
	}

}
