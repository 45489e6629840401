package org.keywork.gateway;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard summary is the same for every caller: each gateway instance answers it from goal-service's last answer
 * for a while (here 2 s) instead of asking again; other paths, other queries, other answers and callers who may not
 * ask are not served from it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "GATEWAY_SUMMARY_SHARED_FOR=2s")
class SharedAnswerTest {

	static final Downstream goals = Downstream.started("goal-service");

	static final Downstream others = Downstream.started("other");

	static final AtomicInteger answered = new AtomicInteger();

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("GOAL_SERVICE_URL", goals::url);
		registry.add("PROJECT_SERVICE_URL", others::url);
		registry.add("PROGRESS_SERVICE_URL", others::url);
		registry.add("NOTIFICATION_SERVICE_URL", others::url);
	}

	@AfterAll
	static void stopDownstreams() {
		Stream.of(goals, others).forEach(Downstream::stop);
	}

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestClients.admin(this.port);
		goals.answer("GET", "/api/dashboard/summary",
				request -> new Downstream.Answer(200, "{\"planYear\":" + year(request) + ",\"answer\":"
						+ answered.incrementAndGet() + "}"));
		goals.answer("GET", "/api/dashboard/summary?year=1999", 404, "{\"title\":\"no plan\"}");
	}

	private static String year(Downstream.Received request) {
		return (request.query() == null) ? "2021" : request.query().replace("year=", "");
	}

	@Test
	void aSummaryIsAnsweredFromTheServicesLastAnswerForItsTimeThenAskedForAgain() throws Exception {
		long asked = askedFor("year=2030");
		EntityExchangeResult<String> first = get("/api/dashboard/summary?year=2030");
		EntityExchangeResult<String> second = get("/api/dashboard/summary?year=2030");
		assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody()).contains("\"planYear\":2030");
		assertThat(askedFor("year=2030") - asked).as("the second was not asked of goal-service").isEqualTo(1);
		assertThat(second.getResponseHeaders().getContentType()).hasToString("application/json");
		assertThat(second.getResponseHeaders().getCacheControl()).isEqualTo("no-store");
		assertThat(second.getResponseHeaders().getFirst("Age")).isIn("0", "1");
		assertThat(second.getResponseHeaders().getFirst("X-Request-Id")).isNotBlank()
			.isNotEqualTo(first.getResponseHeaders().getFirst("X-Request-Id"));

		// another year is another answer, asked for on its own
		assertThat(get("/api/dashboard/summary?year=2031").getResponseBody()).contains("\"planYear\":2031")
			.isNotEqualTo(first.getResponseBody());

		Thread.sleep(2_100);
		EntityExchangeResult<String> later = get("/api/dashboard/summary?year=2030");
		assertThat(askedFor("year=2030") - asked).as("asked again once its time was up").isEqualTo(2);
		assertThat(later.getResponseBody()).contains("\"planYear\":2030").isNotEqualTo(first.getResponseBody());
	}

	@Test
	void anAnswerOtherThanOkIsPassedOnAndNotKept() {
		long asked = askedFor("year=1999");
		for (int i = 0; i < 2; i++) {
			this.client.get()
				.uri("/api/dashboard/summary?year=1999")
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectBody(String.class)
				.isEqualTo("{\"title\":\"no plan\"}");
		}
		assertThat(askedFor("year=1999") - asked).isEqualTo(2);
	}

	@Test
	void aCallerWhoMayNotAskIsRefusedEvenWhileAnAnswerIsKept() {
		get("/api/dashboard/summary?year=2032");
		for (WebTestClient stranger : List.of(TestClients.gateway(this.port).build(),
				TestClients.gateway(this.port).defaultHeader("Authorization", "Bearer not-a-token").build())) {
			stranger.get().uri("/api/dashboard/summary?year=2032").exchange().expectStatus().isUnauthorized();
		}
	}

	@Test
	void otherPathsOfTheServiceAreAskedEveryTime() {
		long before = goals.received().stream().filter(r -> r.path().equals("/api/goals")).count();
		get("/api/goals?year=2030");
		get("/api/goals?year=2030");
		assertThat(goals.received().stream().filter(r -> r.path().equals("/api/goals")).count() - before)
			.isEqualTo(2);
	}

	private EntityExchangeResult<String> get(String uri) {
		return this.client.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
	}

	private static long askedFor(String query) {
		return goals.received()
			.stream()
			.filter(r -> r.path().equals("/api/dashboard/summary") && query.equals(r.query()))
			.count();
	}

}
