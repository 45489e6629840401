package org.keywork.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Tokens as the gateway signs them (HS256 with the local default secret, issuer {@code keywork-gateway}), for tests
 * that call a service port with its identity check on. The claims are those of the gateway's local users.
 */
public final class TestTokens {

    /** The local default of {@code KEYWORK_AUTH_SECRET}, shared by the gateway and the services. */
    public static final String LOCAL_SECRET = "keywork-local-dev-secret-change-me-0123456789";

    private TestTokens() {
    }

    /** A department reporter of {@code department}. */
    public static String department(String user, String department) {
        return sign(LOCAL_SECRET, user, List.of("DEPARTMENT"), department, null, Duration.ofHours(1));
    }

    /** A leader holding {@code position}. */
    public static String leader(String user, String position) {
        return sign(LOCAL_SECRET, user, List.of("LEADER"), null, position, Duration.ofHours(1));
    }

    public static String supervisor() {
        return sign(LOCAL_SECRET, "supervisor", List.of("SUPERVISOR"), null, null, Duration.ofHours(1));
    }

    public static String admin() {
        return sign(LOCAL_SECRET, "admin", List.of("ADMIN"), null, null, Duration.ofHours(1));
    }

    /** A signed token; a negative {@code validFor} gives an expired one. */
    public static String sign(String secret, String user, List<String> roles, String department, String position,
            Duration validFor) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(user).issuer("keywork-gateway")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(validFor)))
                .claim("name", user).claim("roles", roles);
        if (department != null) {
            claims.claim("department", department);
        }
        if (position != null) {
            claims.claim("position", position);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
