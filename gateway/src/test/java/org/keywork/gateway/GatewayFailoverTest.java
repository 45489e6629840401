package org.keywork.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances of a service behind one route: turns over the live ones, an instance that is not there (refused
 * connections) costs no client a failure, a request an instance dropped half way goes to another instance when it is
 * safe to send twice (a GET, a report carrying its reportId) and only then.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keywork.gateway.circuit-breaker.timeout=5s", "keywork.gateway.balancing.ejection=30s" })
class GatewayFailoverTest {

	/** Two live goal-service instances, one that is gone (its port refuses connections). */
	static final Downstream goalA = Downstream.started("goal-a");

	static final Downstream goalB = Downstream.started("goal-b");

	static final int goneGoal = Downstream.freePort();

	/** progress-service: one instance that reads each request and drops the connection, one that answers. */
	static final Dropper progressDropper = new Dropper(true);

	static final Downstream progressLive = Downstream.started("progress-live");

	/** notification-service: the same pair, for a POST that is not listed as safe to send twice. */
	static final Dropper alertDropper = new Dropper(true);

	static final Downstream alertLive = Downstream.started("notification-live");

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("GOAL_SERVICE_URL",
				() -> goalA.url() + ", http://127.0.0.1:" + goneGoal + "," + goalB.url());
		registry.add("PROGRESS_SERVICE_URL", () -> progressDropper.url() + "," + progressLive.url());
		registry.add("NOTIFICATION_SERVICE_URL", () -> alertDropper.url() + "," + alertLive.url());
		registry.add("PROJECT_SERVICE_URL", () -> "http://127.0.0.1:" + Downstream.freePort());
	}

	@AfterAll
	static void stop() {
		Stream.of(goalA, goalB, progressLive, alertLive).forEach(Downstream::stop);
		progressDropper.close();
		alertDropper.close();
	}

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeEach
	void client() {
		this.client = TestClients.admin(this.port);
	}

	@Test
	void everyRequestSucceedsOnTheLiveInstancesAndTheyShareTheLoad() {
		int before = goalA.received().size() + goalB.received().size();
		List<String> servedBy = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			EntityExchangeResult<String> result = this.client.get()
				.uri("/api/goals/5.8")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult();
			servedBy.add(result.getResponseBody().contains("goal-a") ? "a" : "b");
		}
		// every one of the 12 answered by a live instance, each live instance taking a share
		assertThat(servedBy).hasSize(12).contains("a", "b");
		assertThat(goalA.received().size() + goalB.received().size() - before).isEqualTo(12);
	}

	@Test
	void aReportDroppedHalfWayIsSentToAnotherInstanceOnceAndStoredOnce() {
		int droppedBefore = progressDropper.accepted();
		int liveBefore = progressLive.received().size();
		String reportId = "failover-" + System.nanoTime();
		String body = "{\"reportId\":\"" + reportId + "\",\"itemId\":\"5.6\",\"targetId\":\"5.6#1\",\"value\":1,"
				+ "\"asOf\":\"2021-03-31\",\"department\":\"区民政局\"}";
		// until the dropping instance has had one (round robin starts anywhere): each answer is the live one's
		for (int i = 0; i < 4 && progressDropper.accepted() == droppedBefore; i++) {
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
		assertThat(progressDropper.accepted()).isGreaterThan(droppedBefore);
		// the dropped request reached the live instance with its body intact
		List<Downstream.Received> live = progressLive.received().subList(liveBefore, progressLive.received().size());
		assertThat(live).isNotEmpty().allSatisfy(r -> assertThat(r.bodyText()).isEqualTo(body));
		assertThat(progressDropper.bodies()).contains(body);
	}

	@Test
	void aPostWithoutIdentityDroppedHalfWayIsNotSentAgain() {
		int droppedBefore = alertDropper.accepted();
		int liveBefore = alertLive.received().size();
		int failures = 0;
		int successes = 0;
		for (int i = 0; i < 4 && alertDropper.accepted() == droppedBefore; i++) {
			EntityExchangeResult<String> result = this.client.post()
				.uri("/api/alerts/alert-1/ack")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"instruction\":\"请抓紧推进\"}")
				.exchange()
				.expectBody(String.class)
				.returnResult();
			if (result.getStatus().is2xxSuccessful()) {
				successes++;
			}
			else {
				failures++;
				// the gateway says the service could not be reached, in problem+json
				assertThat(result.getResponseHeaders().getContentType().toString())
					.startsWith("application/problem+json");
			}
		}
		assertThat(alertDropper.accepted()).isEqualTo(droppedBefore + 1);
		assertThat(failures).isEqualTo(1);
		// the live instance saw only the requests that were not dropped: the dropped one was not repeated
		assertThat(alertLive.received().size() - liveBefore).isEqualTo(successes);
	}

	/**
	 * An instance that takes a request, reads its head and body, and closes the connection without an answer; or
	 * (without {@code readsRequest}) resets each connection as soon as it accepts it, as a process killed mid-request.
	 */
	static final class Dropper implements AutoCloseable {

		private final ServerSocket server;

		private final boolean readsRequest;

		private final AtomicInteger accepted = new AtomicInteger();

		private final List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();

		Dropper(boolean readsRequest) {
			this.readsRequest = readsRequest;
			try {
				this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Thread thread = new Thread(this::run, "dropper");
			thread.setDaemon(true);
			thread.start();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.getLocalPort();
		}

		int accepted() {
			return this.accepted.get();
		}

		List<String> bodies() {
			return this.bodies;
		}

		private void run() {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					socket.setSoTimeout(2000);
					if (this.readsRequest) {
						this.bodies.add(readRequestBody(socket.getInputStream()));
					}
					this.accepted.incrementAndGet();
					socket.setSoLinger(true, 0); // a reset, as from a process that died
				}
				catch (IOException ex) {
					// closed, or a client that went away: next
				}
			}
		}

		private static String readRequestBody(InputStream in) throws IOException {
			StringBuilder head = new StringBuilder();
			while (!head.toString().endsWith("\r\n\r\n")) {
				int b = in.read();
				if (b < 0) {
					return "";
				}
				head.append((char) b);
			}
			int length = 0;
			for (String line : head.toString().split("\r\n")) {
				if (line.toLowerCase().startsWith("content-length:")) {
					length = Integer.parseInt(line.substring(15).trim());
				}
			}
			return new String(in.readNBytes(length), StandardCharsets.UTF_8);
		}

		@Override
		public void close() {
			try {
				this.server.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

}
