package org.keywork.notification;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** notification-service's API over plain HTTP, as the dashboard or the gateway would call it. */
final class AlertsApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    AlertsApi(int port) {
        this.port = port;
    }

    /** {@code GET /api/alerts?recipient=...&more}: the recipient's inbox as a JSON array. */
    JsonNode inbox(String recipient, String more) throws Exception {
        HttpResponse<String> response = get("/api/alerts?recipient=" + URLEncoder.encode(recipient,
                StandardCharsets.UTF_8) + (more.isEmpty() ? "" : "&" + more));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET inbox answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    JsonNode inbox(String recipient) throws Exception {
        return inbox(recipient, "");
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> ack(String alertId, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/alerts/" + alertId + "/ack"));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any request with a JSON body (or none), optionally as a named user ({@code X-Keywork-User}). */
    HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("X-Keywork-User", user);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /api/alerts?person=...}: a person's inbox, with succession. */
    JsonNode personInbox(String personId) throws Exception {
        HttpResponse<String> response = get("/api/alerts?person=" + URLEncoder.encode(personId,
                StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new AssertionError("GET person inbox answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** Sets the simulated business clock to 10:00 Shanghai time of the day. */
    void businessDay(String date) throws Exception {
        HttpResponse<String> response = send("PUT", "/api/admin/clock",
                "{\"now\":\"" + date + "T10:00:00+08:00\",\"reason\":\"test\"}", "test");
        if (response.statusCode() != 200) {
            throw new AssertionError("PUT clock answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** {@code POST /api/admin/escalations/sweep}: its summary. */
    JsonNode sweep() throws Exception {
        HttpResponse<String> response = send("POST", "/api/admin/escalations/sweep", null, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST sweep answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    JsonNode json(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    JsonNode json(byte[] body) {
        return json.readTree(body);
    }

    /** An alert without its {@code published} flag, which the outbox relay flips at its own pace. */
    static JsonNode withoutPublished(JsonNode alert) {
        ObjectNode copy = (ObjectNode) alert.deepCopy();
        copy.remove("published");
        return copy;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
