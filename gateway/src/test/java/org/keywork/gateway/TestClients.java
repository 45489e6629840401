package org.keywork.gateway;

import java.time.Duration;

import org.keywork.testing.TestTokens;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The web client of the gateway's tests. */
public final class TestClients {

	private TestClients() {
	}

	/**
	 * A client of the gateway on {@code port} that opens a new connection for each request (answers within 30 s):
	 * a connection from the JVM-wide pool, which the server was closing after an earlier test's refused request, now
	 * and then left the next request hanging for the full 30 s.
	 */
	public static WebTestClient.Builder gateway(int port) {
		return WebTestClient
			.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(30));
	}

	/** As {@link #gateway}, every request signed in as the local stack's admin. */
	public static WebTestClient admin(int port) {
		return gateway(port).defaultHeader("Authorization", "Bearer " + TestTokens.admin()).build();
	}

}
