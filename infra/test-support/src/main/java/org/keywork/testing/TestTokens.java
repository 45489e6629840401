package org.keywork.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.keywork.access.TokenRules;

/**
 * Tokens as the gateway signs them (HS256 with the local default secret, issuer {@code keywork-gateway}), for tests
 * that call a service port with its identity check on, or the gateway. The claims are those of the gateway's local
 * users. They name both audiences, the gateway's ({@code keywork}) and the services' ({@code keywork-services}), and
 * are valid for {@link TokenRules#SERVICE_MAX_LIFETIME}, so one token serves a test at either door; the real gateway
 * gives its users tokens for itself only and relays a short-lived one to the services.
 */
public final class TestTokens {

    /** The local default of {@code KEYWORK_AUTH_SECRET}, shared by the gateway and the services. */
    public static final String LOCAL_SECRET = "keywork-local-dev-secret-change-me-0123456789";

    private TestTokens() {
    }

    /** A department reporter of {@code department}. */
    public static String department(String user, String department) {
        return sign(LOCAL_SECRET, user, List.of("DEPARTMENT"), department, null, TokenRules.SERVICE_MAX_LIFETIME);
    }

    /** A leader holding {@code position}. */
    public static String leader(String user, String position) {
        return sign(LOCAL_SECRET, user, List.of("LEADER"), null, position, TokenRules.SERVICE_MAX_LIFETIME);
    }

    public static String supervisor() {
        return sign(LOCAL_SECRET, "supervisor", List.of("SUPERVISOR"), null, null, TokenRules.SERVICE_MAX_LIFETIME);
    }

    public static String admin() {
        return sign(LOCAL_SECRET, "admin", Map.of("name", "系统管理员", "roles", List.of("ADMIN")), Instant.now(),
                TokenRules.SERVICE_MAX_LIFETIME);
    }

    /** A signed token; a negative {@code validFor} gives an expired one. */
    public static String sign(String secret, String user, List<String> roles, String department, String position,
            Duration validFor) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", user);
        claims.put("roles", roles);
        if (department != null) {
            claims.put("department", department);
        }
        if (position != null) {
            claims.put("position", position);
        }
        return sign(secret, user, claims, Instant.now(), validFor);
    }

    /**
     * A token signed with {@code secret} (another one plays a forger) for {@code subject} with any claims, issued at
     * {@code issuedAt} and valid for {@code validFor}.
     */
    public static String sign(String secret, String subject, Map<String, Object> claims, Instant issuedAt,
            Duration validFor) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer("keywork-gateway").subject(subject)
                .audience(List.of(TokenRules.AUDIENCE, TokenRules.SERVICE_AUDIENCE))
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(validFor)));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                set.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
