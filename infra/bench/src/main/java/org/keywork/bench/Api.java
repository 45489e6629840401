package org.keywork.bench;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the bench's own stack (loopback only), signed in with a bearer token; HTTP/1.1 as a browser would. The
 * gateway gets the user's token; a service port, which accepts only the gateway's relayed identities, gets the same
 * identity relayed as the gateway would ({@link ServiceIdentity}).
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final ExecutorService executor;
    private final Duration timeout;
    private final String secret;
    private String gateway;
    private String token;
    private ServiceIdentity relayed;

    /** @param secret the stack's {@code KEYWORK_AUTH_SECRET}, to relay the identity to service ports */
    Api(Duration timeout, String secret) {
        this.timeout = timeout;
        this.secret = secret;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bench-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(3)).build();
    }

    HttpClient client() {
        return http;
    }

    void shutdown() {
        executor.shutdownNow();
    }

    /** Signs in ({@code POST /api/auth/token}) at the gateway; every later request carries the token. */
    void signIn(String gateway, String username, String password) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/auth/token"))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("signing in as " + username + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        token = JSON.readTree(response.body()).path("accessToken").asString();
        relayed = new ServiceIdentity(secret, token, java.time.Clock.systemUTC());
        this.gateway = gateway;
    }

    boolean signedIn() {
        return token != null;
    }

    HttpRequest.Builder request(String url) {
        return request(url, timeout);
    }

    HttpRequest.Builder request(String url, Duration requestTimeout) {
        boolean viaGateway = gateway == null || url.startsWith(gateway);
        return HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Authorization", "Bearer " + (viaGateway ? token : relayed.token()));
    }

    HttpRequest postJson(String url, String json) {
        return request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** GET expecting 200 and JSON. */
    JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(url).GET().build());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + response.statusCode() + " " + abbreviate(response.body()));
        }
        return JSON.readTree(response.body());
    }

    String getText(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(url).GET().build());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** Sends and expects {@code expected}; the answer's JSON. */
    JsonNode expect(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request);
        if (response.statusCode() != expected) {
            throw new IOException(request.method() + " " + request.uri().getPath() + ": HTTP "
                    + response.statusCode() + " " + abbreviate(response.body()));
        }
        String body = response.body();
        return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    /** The kind of failure of a request, for the error counts: {@code timeout}, {@code connect}, {@code io:…}. */
    static String failureKind(Throwable e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException
                || e.getCause() instanceof ConnectException) {
            return "connect";
        }
        if (e instanceof HttpTimeoutException) {
            return "timeout";
        }
        return "io:" + e.getClass().getSimpleName();
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
