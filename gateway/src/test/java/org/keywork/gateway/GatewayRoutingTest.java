package org.keywork.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against real downstream HTTP servers (one per service, on free ports): routing with path, query and
 * body intact, request ids, fallbacks for a service that is down and recovery when it returns, body size limits,
 * unknown paths, actuator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keywork.gateway.circuit-breaker.wait-in-open=1s",
				"keywork.gateway.circuit-breaker.timeout=2s" })
class GatewayRoutingTest {

	static final Downstream goals = Downstream.started("goal-service");

	static final Downstream projects = Downstream.started("project-service");

	static final Downstream progress = Downstream.started("progress-service");

	/** Not started until the recovery test brings it up: connection refused until then. */
	static final Downstream alerts = new Downstream("notification-service", Downstream.freePort());

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("GOAL_SERVICE_URL", goals::url);
		registry.add("PROJECT_SERVICE_URL", projects::url);
		registry.add("PROGRESS_SERVICE_URL", progress::url);
		registry.add("NOTIFICATION_SERVICE_URL", alerts::url);
	}

	@AfterAll
	static void stopDownstreams() {
		Stream.of(goals, projects, progress, alerts).forEach(Downstream::stop);
	}

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		// a new connection per request (see AccessControlTest: refused requests leave pooled connections closing)
		this.client = TestClients.admin(this.port);
	}

	static Stream<Arguments> routes() {
		String chinese = "五、持续优化营商环境\n（八）推进政务服务“一网通办”";
		String json = "{\"reportId\":\"r-1\",\"target\":\"5.8#1\",\"value\":42,\"note\":\"按期推进\"}";
		return Stream.of(Arguments.of("goal-service", "GET", "/api/goals", "year=2025&section=5&starred=true", null),
				Arguments.of("goal-service", "GET", "/api/goals/5.8", null, null),
				Arguments.of("goal-service", "GET", "/api/plans/2025", null, null),
				Arguments.of("goal-service", "POST", "/api/plans/import", "dryRun=true", chinese),
				Arguments.of("goal-service", "GET", "/api/dashboard/summary", "year=2025", null),
				Arguments.of("project-service", "GET", "/api/projects", "year=2025", null),
				Arguments.of("project-service", "GET", "/api/projects/9.26", null, null),
				Arguments.of("progress-service", "POST", "/api/progress", null, json),
				Arguments.of("progress-service", "GET", "/api/progress", "itemId=5.8", null),
				Arguments.of("progress-service", "GET", "/api/progress/r-1", null, null));
	}

	@ParameterizedTest(name = "{1} {2}?{3} -> {0}")
	@MethodSource("routes")
	void routesReachTheirServiceWithPathQueryAndBodyIntact(String service, String method, String path, String query,
			String body) {
		String requestId = "test-" + UUID.randomUUID();
		String uri = (query != null) ? path + "?" + query : path;
		WebTestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method))
			.uri(uri)
			.header("X-Request-Id", requestId);
		WebTestClient.RequestHeadersSpec<?> ready = request;
		if (body != null) {
			ready = request.contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
				.bodyValue(body.getBytes(StandardCharsets.UTF_8));
		}
		ready.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Request-Id", requestId)
			.expectHeader()
			.valueEquals("X-Downstream", service)
			.expectBody()
			.jsonPath("$.service")
			.isEqualTo(service)
			.jsonPath("$.path")
			.isEqualTo(path);

		Downstream target = downstream(service);
		Downstream.Received got = target.byRequestId(requestId).orElseThrow(() -> new AssertionError(
				service + " did not receive " + method + " " + uri + "; it got " + target.received().size() + " requests"));
		assertThat(got.method()).isEqualTo(method);
		assertThat(got.path()).isEqualTo(path);
		assertThat(got.query()).isEqualTo(query);
		if (body != null) {
			assertThat(got.bodyText()).isEqualTo(body);
			assertThat(got.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
		}
		else {
			assertThat(got.body()).isEmpty();
		}
		// and nowhere else
		Stream.of(goals, projects, progress, alerts)
			.filter(other -> other != target)
			.forEach(other -> assertThat(other.byRequestId(requestId)).isEmpty());
	}

	@Test
	void requestIdIsAddedWhenMissingAndPassedToTheService() {
		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/api/goals?year=2026")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		String requestId = result.getResponseHeaders().getFirst("X-Request-Id");
		assertThat(requestId).isNotNull();
		assertThat(UUID.fromString(requestId).toString()).isEqualTo(requestId);
		assertThat(result.getResponseHeaders().get("X-Request-Id")).hasSize(1);
		assertThat(goals.byRequestId(requestId)).hasValueSatisfying(r -> assertThat(r.query()).isEqualTo("year=2026"));
	}

	@Test
	void unsafeRequestIdIsReplaced() {
		String requestId = this.client.get()
			.uri("/api/goals")
			.header("X-Request-Id", "bad id with spaces")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody().returnResult()
			.getResponseHeaders()
			.getFirst("X-Request-Id");
		assertThat(UUID.fromString(requestId).toString()).isEqualTo(requestId);
	}

	@Test
	void manyConcurrentCallsToASlowServiceAllReachIt() {
		progress.answer("GET", "/api/progress/slow", request -> {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new Downstream.Answer(200, "{\"service\":\"progress-service\",\"slow\":true}");
		});
		List<CompletableFuture<Integer>> calls = IntStream.range(0, 40)
			.mapToObj(i -> CompletableFuture.supplyAsync(() -> this.client.get()
				.uri("/api/progress/slow")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value(), parallelClients))
			.toList();
		// 40 at once (more than a bulkhead's 25): every one is answered by the service, none by a fallback
		assertThat(calls.stream().map(CompletableFuture::join).toList()).hasSize(40).containsOnly(200);
		assertThat(progress.received().stream().filter(r -> r.path().equals("/api/progress/slow")).count())
			.isEqualTo(40);
	}

	static final java.util.concurrent.ExecutorService parallelClients = java.util.concurrent.Executors.newFixedThreadPool(40);

	@Test
	void aBusyServiceSheddingLoadOrFailingOneRequestKeepsItsRouteOpen() {
		String shed = "{\"type\":\"urn:keywork:problem:busy\",\"status\":503,\"title\":\"服务繁忙\"}";
		progress.answer("GET", "/api/progress/shed", 503, shed);
		progress.answer("GET", "/api/progress/broken", 500, "{\"status\":500,\"title\":\"bug\"}");
		for (int i = 0; i < 60; i++) {
			// the service's own answer passes through, never the gateway's fallback
			this.client.get().uri("/api/progress/shed").exchange().expectStatus().isEqualTo(503)
				.expectBody().jsonPath("$.type").isEqualTo("urn:keywork:problem:busy");
			this.client.get().uri("/api/progress/broken").exchange().expectStatus().isEqualTo(500)
				.expectBody().jsonPath("$.title").isEqualTo("bug");
		}
		// 120 answers of 5xx in a row did not open the breaker: the next request still reaches the service
		this.client.get().uri("/api/progress?itemId=5.8").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.service").isEqualTo("progress-service");
	}

	@Test
	void serviceDownAnswers503ProblemQuicklyThenRecoversWhenItReturns() throws Exception {
		// warm the gateway up on a healthy route so the timing below is the fallback, not class loading
		this.client.get().uri("/api/projects").exchange().expectStatus().isOk().expectBody().returnResult();

		long[] millis = new long[6];
		for (int i = 0; i < millis.length; i++) {
			String requestId = "down-" + i;
			long start = System.nanoTime();
			this.client.get()
				.uri("/api/alerts?recipient=leader")
				.header("X-Request-Id", requestId)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals("X-Request-Id", requestId)
				.expectHeader()
				.valueEquals("Retry-After", "1")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:keywork:problem:service-unavailable")
				.jsonPath("$.title")
				.isEqualTo("服务暂不可用")
				.jsonPath("$.status")
				.isEqualTo(503)
				.jsonPath("$.detail")
				.isEqualTo("通知服务（notification-service）暂不可用，请稍后重试。")
				.jsonPath("$.instance")
				.isEqualTo("/api/alerts")
				.jsonPath("$.errors")
				.doesNotExist();
			millis[i] = (System.nanoTime() - start) / 1_000_000;
		}
		System.out.println("[gateway-test] fallback latency for a down service (ms), per call: "
				+ Arrays.toString(millis));
		assertThat(Arrays.stream(millis).max().getAsLong()).as("slowest fallback (ms)").isLessThan(1000);

		// POST to a down service: same answer, the instance is the path the client used
		this.client.post()
			.uri("/api/alerts/a-17/ack")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.instance")
			.isEqualTo("/api/alerts/a-17/ack");

		// the other services are unaffected by notification-service's breaker
		this.client.get().uri("/api/progress?itemId=1.1").exchange().expectStatus().isOk().expectBody().returnResult();

		alerts.start();
		try {
			long start = System.nanoTime();
			long deadline = start + Duration.ofSeconds(20).toNanos();
			int status = 0;
			int attempts = 0;
			while (System.nanoTime() < deadline) {
				attempts++;
				status = this.client.get()
					.uri("/api/alerts")
					.exchange()
					.expectBody().returnResult()
					.getStatus()
					.value();
				if (status == 200) {
					break;
				}
				Thread.sleep(50);
			}
			System.out.println("[gateway-test] notification-service route recovered after "
					+ (System.nanoTime() - start) / 1_000_000 + " ms (" + attempts + " attempts)");
			assertThat(status).isEqualTo(200);

			String requestId = "after-recovery-" + UUID.randomUUID();
			this.client.post()
				.uri("/api/alerts/a-17/ack?via=web")
				.header("X-Request-Id", requestId)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"note\":\"已阅\"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Downstream", "notification-service")
				.expectHeader()
				.valueEquals("X-Request-Id", requestId);
			Downstream.Received got = alerts.byRequestId(requestId).orElseThrow();
			assertThat(got.method()).isEqualTo("POST");
			assertThat(got.path()).isEqualTo("/api/alerts/a-17/ack");
			assertThat(got.query()).isEqualTo("via=web");
			assertThat(got.bodyText()).isEqualTo("{\"note\":\"已阅\"}");
		}
		finally {
			alerts.stop();
		}
	}

	@Test
	void alertStreamFlowsThroughEventByEventWithoutTheTimeLimit() {
		// 3 events 1.2 s apart: the whole stream lasts longer than the 2 s time limit of the other routes
		// no circuit breaker on the stream: a service that is down is still a 503 problem, not a gateway error
		this.client.get()
			.uri("/api/alerts/stream")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:keywork:problem:service-unavailable")
			.jsonPath("$.instance")
			.isEqualTo("/api/alerts/stream");

		alerts.stream("/api/alerts/stream", List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}"), Duration.ofMillis(1200));
		alerts.start();
		try {
			long start = System.nanoTime();
			List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
			List<String> events = this.client.get()
				.uri("/api/alerts/stream")
				.accept(MediaType.TEXT_EVENT_STREAM)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
				.returnResult(String.class)
				.getResponseBody()
				.doOnNext(event -> arrivals.add((System.nanoTime() - start) / 1_000_000))
				.collectList()
				.block(Duration.ofSeconds(20));
			assertThat(events).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
			// not buffered: the first event came while the service was still streaming
			assertThat(arrivals.get(2) - arrivals.get(0)).isGreaterThan(1500);
		}
		finally {
			alerts.stop();
		}
	}

	@Test
	void slowServiceIsCutOffByTheTimeLimiter() {
		projects.delay(Duration.ofSeconds(4));
		try {
			long start = System.nanoTime();
			this.client.get()
				.uri("/api/projects/slow")
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.detail")
				.isEqualTo("项目服务（project-service）响应超时，请稍后重试。")
				.jsonPath("$.instance")
				.isEqualTo("/api/projects/slow");
			long ms = (System.nanoTime() - start) / 1_000_000;
			System.out.println("[gateway-test] time-limited call answered after " + ms + " ms (limit 2 s)");
			assertThat(ms).isLessThan(3900);
		}
		finally {
			projects.delay(Duration.ZERO);
		}
	}

	@Test
	void oversizedBodyWithContentLengthIs413AndNeverForwarded() {
		assertTooLarge("/api/progress", "/api/progress", MediaType.APPLICATION_JSON, 1024 * 1024, "256 KB", progress);
	}

	@Test
	void aPlanDocumentMayBeLargerButNotOverTwentyMegabytes() {
		String requestId = "doc-" + UUID.randomUUID();
		this.client.post()
			.uri("/api/plans/import?dryRun=true")
			.header("X-Request-Id", requestId)
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue(new byte[1024 * 1024])
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(goals.byRequestId(requestId)).hasValueSatisfying(got -> assertThat(got.body()).hasSize(1024 * 1024));

		// a Word or PDF file may be up to 20 MB; so may a 任务分解表 (a path with the year in it)
		assertTooLarge("/api/plans/import?dryRun=true", "/api/plans/import", MediaType.TEXT_PLAIN, 21 * 1024 * 1024,
				"20 MB", goals);
		assertTooLarge("/api/plans/2021/breakdown", "/api/plans/2021/breakdown", MediaType.TEXT_PLAIN,
				21 * 1024 * 1024, "20 MB", goals);
	}

	/** A body of {@code size} bytes is refused with 413 problem+json naming {@code body}, and never forwarded. */
	private void assertTooLarge(String uri, String path, MediaType type, int size, String limit, Downstream target) {
		String requestId = "big-" + UUID.randomUUID();
		this.client.post()
			.uri(uri)
			.header("X-Request-Id", requestId)
			.contentType(type)
			.bodyValue(new byte[size])
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("X-Request-Id", requestId)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:keywork:problem:payload-too-large")
			.jsonPath("$.title")
			.isEqualTo("请求体过大")
			.jsonPath("$.status")
			.isEqualTo(413)
			.jsonPath("$.instance")
			.isEqualTo(path)
			.jsonPath("$.errors.length()")
			.isEqualTo(1)
			.jsonPath("$.errors[0].field")
			.isEqualTo("body")
			.jsonPath("$.errors[0].code")
			.isEqualTo("too-large")
			.jsonPath("$.errors[0].reason")
			.isEqualTo("请求体超过 " + limit + " 上限");
		assertThat(target.byRequestId(requestId)).isEmpty();
	}

	@Test
	void oversizedChunkedBodyIs413AndNeverForwarded() {
		String requestId = "big-chunked-" + UUID.randomUUID();
		this.client.post()
			.uri("/api/progress")
			.header("X-Request-Id", requestId)
			.contentType(MediaType.APPLICATION_JSON)
			.body(chunks(1024 * 1024, 16 * 1024), DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:keywork:problem:payload-too-large")
			.jsonPath("$.errors[0].field")
			.isEqualTo("body")
			.jsonPath("$.errors[0].reason")
			.isEqualTo("请求体超过 256 KB 上限");
		assertThat(progress.byRequestId(requestId)).isEmpty();
	}

	@Test
	void chunkedBodyWithinTheLimitIsForwardedWhole() {
		String requestId = "chunked-" + UUID.randomUUID();
		int size = 200 * 1024;
		this.client.post()
			.uri("/api/progress?batch=1")
			.header("X-Request-Id", requestId)
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(chunks(size, 8 * 1024), DataBuffer.class)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.bodyBytes")
			.isEqualTo(size);
		Downstream.Received got = progress.byRequestId(requestId).orElseThrow();
		assertThat(got.body()).isEqualTo(pattern(size));
		assertThat(got.header("Content-Length")).isEqualTo(Integer.toString(size));
		assertThat(got.query()).isEqualTo("batch=1");
	}

	@Test
	void bodyExactlyAtTheLimitIsForwarded() {
		String requestId = "at-limit-" + UUID.randomUUID();
		this.client.post()
			.uri("/api/plans/import")
			.header("X-Request-Id", requestId)
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue(pattern(256 * 1024))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		assertThat(goals.byRequestId(requestId)).hasValueSatisfying(r -> assertThat(r.body()).hasSize(256 * 1024));
	}

	@Test
	void unknownApiPathIs404Problem() {
		this.client.get()
			.uri("/api/nothing-here/1?x=1")
			.header("X-Request-Id", "unknown-path")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("X-Request-Id", "unknown-path")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:keywork:problem:not-found")
			.jsonPath("$.title")
			.isEqualTo("资源不存在")
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.instance")
			.isEqualTo("/api/nothing-here/1")
			.jsonPath("$.detail")
			.isEqualTo("没有与请求路径 /api/nothing-here/1 对应的接口。");
		// a prefix that only looks like a route
		this.client.get().uri("/api/goalsx").exchange().expectStatus().isNotFound().expectBody().returnResult();
		// the fallback endpoints are not a public API
		this.client.get()
			.uri("/fallback/goal-service")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:keywork:problem:not-found");
	}

	@Test
	void actuatorHealthPrometheusAndGatewayRoutes() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components")
			.exists();
		this.client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody().returnResult();
		this.client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody().returnResult();
		this.client.get().uri("/api/goals").exchange().expectStatus().isOk().expectBody().returnResult();
		String prometheus = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(prometheus).contains("application=\"gateway\"")
			.contains("spring_cloud_gateway_requests")
			.contains("resilience4j_circuitbreaker_state");
		this.client.get()
			.uri("/actuator/gateway/routes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].route_id")
			.value(ids -> assertThat(ids.toString()).contains("goal-service", "project-service", "progress-service",
					"notification-service"));
		// read-only: routes cannot be changed over HTTP
		this.client.post()
			.uri("/actuator/gateway/refresh")
			.exchange()
			.expectStatus()
			.value(status -> assertThat(status).isNotEqualTo(200))
			.expectBody()
			.returnResult();
	}

	private static Downstream downstream(String service) {
		return switch (service) {
			case "goal-service" -> goals;
			case "project-service" -> projects;
			case "progress-service" -> progress;
			default -> alerts;
		};
	}

	static byte[] pattern(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) ('a' + (i % 26));
		}
		return bytes;
	}

	/** A body sent without Content-Length (chunked), in pieces. */
	static Flux<DataBuffer> chunks(int size, int chunk) {
		byte[] all = pattern(size);
		return Flux.range(0, (size + chunk - 1) / chunk)
			.map(i -> DefaultDataBufferFactory.sharedInstance
				.wrap(Arrays.copyOfRange(all, i * chunk, Math.min(size, (i + 1) * chunk))));
	}

}
