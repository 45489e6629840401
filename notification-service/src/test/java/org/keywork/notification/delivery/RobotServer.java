package org.keywork.notification.delivery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DingTalk and WeCom group robots on a real local HTTP server. The path picks the behaviour: {@code /ok} answers
 * {@code {"errcode":0,"errmsg":"ok"}}, {@code /flaky} answers 500 twice and then ok, {@code /rate-limited} answers
 * the rate-limit error code once and then ok, {@code /bad-token} answers a token error code, {@code /gone} 404.
 */
final class RobotServer implements AutoCloseable {

    record Received(String path, String query, String contentType, String body, boolean accepted) {
    }

    private static final String OK = "{\"errcode\":0,\"errmsg\":\"ok\"}";

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    RobotServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status = 200;
        String answer = OK;
        if (path.endsWith("/flaky") && call <= 2) {
            status = 500;
            answer = "busy";
        } else if (path.endsWith("/rate-limited") && call == 1) {
            answer = path.startsWith("/dingtalk") ? "{\"errcode\":130101,\"errmsg\":\"send too fast\"}"
                    : "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}";
        } else if (path.endsWith("/bad-token")) {
            answer = path.startsWith("/dingtalk") ? "{\"errcode\":300001,\"errmsg\":\"token is not exist\"}"
                    : "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}";
        } else if (path.endsWith("/gone")) {
            status = 404;
            answer = "not found";
        }
        received.add(new Received(path, exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("Content-Type"), body, answer.equals(OK)));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
