package org.keywork.notification.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.keywork.notification.outbound.WebhookPolicy;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A group robot's webhook (DingTalk, WeCom): POST one JSON message, the robot answers 200 with
 * {@code {"errcode":0,"errmsg":"ok"}}. What counts as what:
 * <ul>
 * <li>2xx and errcode 0: accepted;</li>
 * <li>a rate-limit errcode, 429, 5xx, a timeout or no connection: transient, tried again later (and counted by the
 * channel's circuit breaker);</li>
 * <li>any other 4xx or errcode (wrong token, keyword or IP not allowed, malformed URL): permanent.</li>
 * </ul>
 *
 * <p>Before every request (each in-call retry included) the URL passes the {@link WebhookPolicy}: https, an allowed
 * host, and every address the host resolves to a public one. A URL that breaks it is refused as permanent (the entry
 * becomes FAILED_PERMANENTLY, nothing is sent); a host that does not resolve is transient (DNS may be down).
 * Redirects are never followed, so an allowed robot cannot send the request on to an internal address. The JDK's
 * HTTP client cannot be handed the checked address; it resolves the host itself right after the check, from the
 * JVM's address cache the check filled, so it connects to an address just checked. The residual window (time of
 * check to time of use) is that cache entry expiring in between, or a cache TTL of 0, and a JVM-wide HTTP proxy,
 * which resolves the host itself.
 */
abstract class RobotWebhookChannel implements Channel {

    private final HttpClient http;
    private final JsonMapper json;
    private final DeliveryProperties properties;
    private final WebhookPolicy policy;

    RobotWebhookChannel(JsonMapper json, DeliveryProperties properties, WebhookPolicy policy) {
        this.json = json;
        this.properties = properties;
        this.policy = policy;
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhook().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The robot's JSON message for the delivery. */
    abstract ObjectNode message(Delivery delivery, ObjectNode root);

    /** The robot's error codes meaning "too fast" or "busy": transient. */
    abstract Set<Integer> retryableErrorCodes();

    @Override
    public void send(Delivery delivery) throws Exception {
        URI uri = uri(delivery.address());
        byte[] body = json.writeValueAsBytes(message(delivery, json.createObjectNode()));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.webhook().requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw new RobotUnavailableException(kind() + " robot answered " + status + ": " + snippet(response));
        }
        if (status < 200 || status >= 300) {
            throw new PermanentDeliveryException(kind() + " robot refused with " + status + ": " + snippet(response));
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (JacksonException e) {
            throw new RobotUnavailableException(kind() + " robot answered no JSON: " + snippet(response));
        }
        int errcode = answer.path("errcode").asInt(-1);
        if (errcode == 0) {
            return;
        }
        String error = kind() + " robot errcode " + errcode + ": " + answer.path("errmsg").asString("");
        if (retryableErrorCodes().contains(errcode)) {
            throw new RobotUnavailableException(error);
        }
        throw new PermanentDeliveryException(error);
    }

    /**
     * The webhook as a URI once the policy allows it, checked (with DNS) right before the request. Refusals name the
     * host, never the query, which holds the robot's token.
     */
    private URI uri(String address) throws PermanentDeliveryException, IOException {
        Optional<WebhookPolicy.Violation> refused = policy.checkBeforeSending(address);
        if (refused.isPresent()) {
            throw new PermanentDeliveryException(kind() + " webhook refused by the outbound policy: "
                    + refused.get().detail());
        }
        return URI.create(address.strip());
    }

    private static String snippet(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    /** The text with the link below it, in robot markdown. */
    static String markdownBody(Delivery delivery) {
        StringBuilder text = new StringBuilder(delivery.body() == null ? "" : delivery.body());
        if (delivery.link() != null && !delivery.link().isBlank()) {
            text.append("\n\n[查看详情](").append(delivery.link()).append(")");
        }
        return text.toString();
    }

    static String subject(Delivery delivery) {
        return delivery.subject() == null ? "重点工作提醒" : delivery.subject();
    }

    /** Busy, rate-limited or unreachable: worth trying again. */
    static final class RobotUnavailableException extends IOException {

        RobotUnavailableException(String message) {
            super(message);
        }
    }
}
