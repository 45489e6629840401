package org.keywork.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-client rate limit with a tiny bucket (burst 3, then 1 request per second), keyed by X-Forwarded-For. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keywork.gateway.rate-limit.requests-per-second=1", "keywork.gateway.rate-limit.burst=3",
				"keywork.gateway.rate-limit.trust-forwarded-for=true" })
class RateLimitTest {

	static final Downstream goals = Downstream.started("goal-service");

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("GOAL_SERVICE_URL", goals::url);
	}

	@AfterAll
	static void stop() {
		goals.stop();
	}

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestClients.admin(this.port);
	}

	@Test
	void burstBeyondTheLimitIs429ProblemWithRetryAfter() {
		String client = "203.0.113.7";
		// 10 requests at once from one client: the bucket holds 3, refilling 1 per second
		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<EntityExchangeResult<byte[]>> results;
		try {
			List<CompletableFuture<EntityExchangeResult<byte[]>>> calls = IntStream.range(0, 10)
				.mapToObj(i -> CompletableFuture.supplyAsync(() -> this.client.get()
					.uri("/api/goals?n=" + i)
					.header("X-Forwarded-For", client + ", 10.0.0.1")
					.header("X-Request-Id", "burst-" + i)
					.exchange()
					.expectBody()
					.returnResult(), pool))
				.toList();
			results = calls.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdown();
		}
		List<Integer> statuses = results.stream().map(r -> r.getStatus().value()).toList();
		System.out.println("[gateway-test] statuses for 10 concurrent requests (burst 3, 1/s): " + statuses);
		assertThat(statuses).containsOnly(200, 429);
		assertThat(statuses.stream().filter(s -> s == 200).count()).isGreaterThanOrEqualTo(3);
		assertThat(statuses.stream().filter(s -> s == 429).count()).isGreaterThanOrEqualTo(3);
		EntityExchangeResult<byte[]> refused = results.stream()
			.filter(r -> r.getStatus().value() == 429)
			.findFirst()
			.orElse(null);
		assertThat(refused).isNotNull();
		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 2L);
		assertThat(refused.getResponseHeaders().getFirst("X-Request-Id")).startsWith("burst-");
		String body = new String(refused.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(body).contains("\"type\":\"urn:keywork:problem:rate-limited\"")
			.contains("\"title\":\"请求过于频繁\"")
			.contains("\"status\":429")
			.contains("\"instance\":\"/api/goals\"")
			.contains("秒后重试")
			.doesNotContain("errors");
		// refused requests never reach the service
		assertThat(goals.byRequestId(refused.getResponseHeaders().getFirst("X-Request-Id"))).isEmpty();

		// another client has its own bucket
		this.client.get()
			.uri("/api/goals")
			.header("X-Forwarded-For", "198.51.100.20")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		// health probes are never limited
		for (int i = 0; i < 5; i++) {
			this.client.get()
				.uri("/actuator/health")
				.header("X-Forwarded-For", client)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.returnResult();
		}
		// the bucket refills: after Retry-After the client is served again
		sleep(Duration.ofSeconds(retryAfter).plusMillis(100));
		this.client.get()
			.uri("/api/goals")
			.header("X-Forwarded-For", client)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
	}

	@Test
	void aFloodFromOneClientGets429sNotErrors() {
		String client = "203.0.113.50";
		int requests = 300;
		ExecutorService pool = Executors.newFixedThreadPool(16);
		long start = System.nanoTime();
		List<Integer> statuses;
		try {
			List<CompletableFuture<Integer>> calls = IntStream.range(0, requests)
				.mapToObj(i -> CompletableFuture.supplyAsync(() -> this.client.get()
					.uri("/api/goals?flood=" + i)
					.header("X-Forwarded-For", client)
					.exchange()
					.expectBody()
					.returnResult()
					.getStatus()
					.value(), pool))
				.toList();
			statuses = calls.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdown();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long served = statuses.stream().filter(s -> s == 200).count();
		System.out.printf("[gateway-test] %d requests in %.1f s from one client: %d served, %d refused%n", requests,
				seconds, served, requests - served);
		assertThat(statuses).containsOnly(200, 429);
		// the bucket: 3 at once, then 1 per second
		assertThat(served).isBetween(3L, 3L + (long) Math.ceil(seconds) + 1);
	}

	@Test
	void guessingPasswordsIsSlowedByTheSameLimit() {
		String client = "198.51.100.66";
		List<Integer> statuses = IntStream.range(0, 8)
			.mapToObj(i -> this.client.post()
				.uri("/api/auth/token")
				.header("X-Forwarded-For", client)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"username\":\"admin\",\"password\":\"guess-" + i + "\"}")
				.exchange()
				.expectBody()
				.returnResult()
				.getStatus()
				.value())
			.toList();
		assertThat(statuses).containsOnly(401, 429);
		assertThat(statuses.stream().filter(s -> s == 429).count()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void unknownPathsCountToo() {
		String client = "192.0.2.99";
		int refused = 0;
		for (int i = 0; i < 10; i++) {
			int status = this.client.get()
				.uri("/api/unknown")
				.header("X-Forwarded-For", client)
				.exchange()
				.expectBody().returnResult()
				.getStatus()
				.value();
			assertThat(status).isIn(404, 429);
			if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
				refused++;
			}
		}
		assertThat(refused).isGreaterThan(0);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
