package org.keywork.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the gateway does for every request it passes on, done by the bench for the requests it sends straight to a
 * service port: the signed-in user's identity signed again (HS256, with the bench stack's own secret) for the
 * services alone (audience {@code keywork-services}), valid a minute; the services accept nothing else. Signed once
 * and reused while half of it remains.
 */
final class ServiceIdentity {

    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = BASE64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;
    private final JsonNode user;
    private final Clock clock;
    private volatile Signed current;

    private record Signed(String token, Instant renewAt) {
    }

    /**
     * @param secret the stack's {@code KEYWORK_AUTH_SECRET}
     * @param userToken the token the gateway issued at sign-in, whose identity is relayed
     */
    ServiceIdentity(String secret, String userToken, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        String[] parts = userToken.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a signed JWT");
        }
        this.user = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        this.clock = clock;
    }

    /** The identity to send to a service now. */
    String token() {
        Signed signed = current;
        Instant now = clock.instant();
        if (signed == null || !now.isBefore(signed.renewAt())) {
            signed = new Signed(sign(now), now.plus(LIFETIME.dividedBy(2)));
            current = signed;
        }
        return signed.token();
    }

    private String sign(Instant now) {
        ObjectNode claims = Api.JSON.createObjectNode();
        claims.put("iss", user.path("iss").asString());
        claims.put("sub", user.path("sub").asString());
        claims.putArray("aud").add("keywork-services");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        for (String name : List.of("name", "roles", "department", "position", "personId")) {
            if (user.has(name)) {
                claims.set(name, user.get(name));
            }
        }
        String signingInput = HEADER + "." + BASE64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + BASE64.encodeToString(mac.doFinal(signingInput.getBytes(
                    StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign HS256", e);
        }
    }
}
