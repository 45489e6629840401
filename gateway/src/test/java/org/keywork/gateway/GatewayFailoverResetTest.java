package org.keywork.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keywork.gateway.GatewayFailoverTest.Dropper;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An instance killed while the gateway is still writing a request to it (as in a {@code kill -9} under load): the
 * gateway sees a reset while writing, a channel closed before the write, or a premature close, depending on the
 * moment; in every case a report (which carries its own reportId) goes on to another instance, whole, and the caller
 * sees only that instance's answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keywork.gateway.circuit-breaker.timeout=5s", "keywork.gateway.balancing.ejection=30s" })
class GatewayFailoverResetTest {

	/** progress-service: one instance that resets every connection as soon as it has it, one that answers. */
	static final Dropper resetter = new Dropper(false);

	static final Downstream live = Downstream.started("progress-live");

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("PROGRESS_SERVICE_URL", () -> resetter.url() + "," + live.url());
		registry.add("GOAL_SERVICE_URL", () -> "http://127.0.0.1:" + Downstream.freePort());
		registry.add("NOTIFICATION_SERVICE_URL", () -> "http://127.0.0.1:" + Downstream.freePort());
		registry.add("PROJECT_SERVICE_URL", () -> "http://127.0.0.1:" + Downstream.freePort());
	}

	@AfterAll
	static void stop() {
		live.stop();
		resetter.close();
	}

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestClients.admin(this.port);
	}

	@Test
	void aReportCutOffWhileItIsWrittenIsSentToAnotherInstanceWhole() {
		String reportId = "reset-" + System.nanoTime();
		// a long note, so that the reset can come while the body is still going out
		String body = "{\"reportId\":\"" + reportId + "\",\"itemId\":\"5.6\",\"targetId\":\"5.6#1\",\"value\":1,"
				+ "\"asOf\":\"2021-03-31\",\"department\":\"区民政局\",\"note\":\"" + "进展顺利".repeat(20_000) + "\"}";
		// until the resetting instance has had one (round robin starts anywhere): each answer is the live one's
		for (int i = 0; i < 4 && resetter.accepted() == 0; i++) {
			this.client.post()
				.uri("/api/progress")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.value(answer -> assertThat(answer).contains("progress-live"));
		}
		// (Reactor Netty may itself try a second fresh connection to the same instance first)
		assertThat(resetter.accepted()).isPositive();
		List<Downstream.Received> received = live.received();
		assertThat(received).isNotEmpty().allSatisfy(r -> assertThat(r.bodyText()).isEqualTo(body));
	}

}
