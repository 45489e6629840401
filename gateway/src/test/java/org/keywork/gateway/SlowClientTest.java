package org.keywork.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that sends its request slowly, or stops half way, does not hold a connection open: the gateway closes it
 * once its headers have not come whole within {@code keywork.gateway.client-timeouts.idle} (1 s here, 15 s by
 * default), or its body pauses longer than {@code client-timeouts.read} (1 s here, 10 s by default): 408 problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keywork.gateway.rate-limit.enabled=false", "keywork.gateway.client-timeouts.read=1s",
			"keywork.gateway.client-timeouts.idle=1s" })
class SlowClientTest {

	@LocalServerPort
	int port;

	@Test
	void headersThatStopHalfWayCloseTheConnection() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000); // far beyond the gateway's 1 s: a socket left open fails the read below
			OutputStream out = socket.getOutputStream();
			out.write("GET /api/goals HTTP/1.1\r\nHost: keywork\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readAllBytes(); // returns when the gateway closes the connection
			String text = new String(answer, StandardCharsets.UTF_8);
			// closed without an answer, or with a 408: never a request handled on half its headers
			assertThat(text.isEmpty() || text.startsWith("HTTP/1.1 408")).as(text).isTrue();
		}
	}

	@Test
	void aBodyThatStopsHalfWayClosesTheConnection() throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /api/auth/token HTTP/1.1\r\nHost: keywork\r\nContent-Type: application/json\r\n"
					+ "Content-Length: 100\r\n\r\n{\"username\":").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(text).startsWith("HTTP/1.1 408")
				.contains("application/problem+json")
				.contains("\"type\":\"urn:keywork:problem:request-timeout\"")
				.doesNotContain("accessToken");
		}
	}

	@Test
	void aRequestLineOrHeadersOverTheLimitAreAnsweredInProblemJson() throws Exception {
		String longUri = "GET /api/goals?q=" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: keywork\r\n\r\n";
		String bigHeaders = "GET /api/goals HTTP/1.1\r\nHost: keywork\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n";
		for (String[] request : new String[][] { { longUri, "414", "uri-too-long" },
				{ bigHeaders, "431", "headers-too-large" } }) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(30_000);
				socket.getOutputStream().write(request[0].getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
				String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(text).as(request[2])
					.startsWith("HTTP/1.1 " + request[1])
					.containsIgnoringCase("content-type: application/problem+json")
					.contains("\"type\":\"urn:keywork:problem:" + request[2] + "\"");
			}
		}
	}

}
