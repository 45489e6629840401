package org.keywork.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Signs in at the gateway ({@code POST /api/auth/token}) and returns the bearer token. */
final class GatewayLogin {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GatewayLogin() {
    }

    static String token(HttpClient http, String gateway, String username, String password) {
        String body = JSON.createObjectNode().put("username", username).put("password", password).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/api/auth/token"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign in at " + gateway + ": " + e.getMessage(), e);
        }
        String token = null;
        if (response.statusCode() == 200) {
            JsonNode answer = JSON.readTree(response.body());
            token = answer.path("accessToken").asString(null);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("signing in as " + username + " failed (" + response.statusCode() + "): "
                    + response.body());
        }
        return token;
    }
}
