package org.keywork.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for one downstream service: it records every request it gets (method, raw path,
 * raw query, headers, body) and answers 200 JSON naming itself, or what {@link #answer} set for that method and path
 * (realistic service JSON for the browser tests). Can be stopped and started again on the same port.
 */
final class Downstream {

	record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase());
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}
	}

	private final String name;

	private final int port;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile Duration delay = Duration.ZERO;

	private final Map<String, Function<Received, Answer>> answers = new ConcurrentHashMap<>();

	private final Map<String, List<String>> streams = new ConcurrentHashMap<>();

	private volatile Duration streamGap = Duration.ZERO;

	/** A canned answer. */
	record Answer(int status, String json) {
	}

	private HttpServer server;

	private ExecutorService executor;

	Downstream(String name, int port) {
		this.name = name;
		this.port = port;
	}

	static Downstream started(String name) {
		Downstream downstream = new Downstream(name, freePort());
		downstream.start();
		return downstream;
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	synchronized void start() {
		if (this.server != null) {
			return;
		}
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot bind " + this.port, ex);
		}
		this.executor = Executors.newFixedThreadPool(4);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	synchronized void stop() {
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
			this.server = null;
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	String name() {
		return this.name;
	}

	/**
	 * From now on answer {@code method path} with this status and JSON body. {@code path} is the raw path, with or
	 * without a raw query: an answer for the exact path and query wins over one for the path alone.
	 */
	Downstream answer(String method, String path, int status, String json) {
		return answer(method, path, request -> new Answer(status, json));
	}

	/** From now on answer {@code method path} with what {@code answer} makes of the request. */
	Downstream answer(String method, String path, Function<Received, Answer> answer) {
		this.answers.put(method + " " + path, answer);
		return this;
	}

	/**
	 * From now on answer {@code GET path} with server-sent events, one every {@code gap}, each flushed as it is
	 * written, then end the stream.
	 */
	Downstream stream(String path, List<String> events, Duration gap) {
		this.streams.put(path, List.copyOf(events));
		this.streamGap = gap;
		return this;
	}

	void delay(Duration delay) {
		this.delay = delay;
	}

	List<Received> received() {
		return this.received;
	}

	Optional<Received> byRequestId(String requestId) {
		return this.received.stream().filter(r -> requestId.equals(r.header("X-Request-Id"))).findFirst();
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		Map<String, List<String>> headers = new TreeMap<>();
		exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), List.copyOf(v)));
		Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), headers, body);
		this.received.add(request);
		if (!this.delay.isZero()) {
			try {
				Thread.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		List<String> events = this.streams.get(request.path());
		if (events != null && request.method().equals("GET")) {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.getResponseHeaders().set("X-Downstream", this.name);
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream out = exchange.getResponseBody()) {
				for (String event : events) {
					out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
					out.flush();
					Thread.sleep(this.streamGap.toMillis());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return;
		}
		String key = request.method() + " " + request.path();
		Function<Received, Answer> answering = this.answers
			.get((request.query() != null) ? key + "?" + request.query() : key);
		answering = (answering != null) ? answering : this.answers.get(key);
		Answer canned = (answering != null) ? answering.apply(request) : null;
		byte[] answer = ((canned != null) ? canned.json()
				: "{\"service\":\"" + this.name + "\",\"path\":\"" + exchange.getRequestURI().getRawPath()
						+ "\",\"bodyBytes\":" + body.length + "}")
			.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("X-Downstream", this.name);
		exchange.sendResponseHeaders((canned != null) ? canned.status() : 200, answer.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(answer);
		}
	}

}
