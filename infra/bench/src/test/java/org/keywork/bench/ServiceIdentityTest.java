package org.keywork.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ServiceIdentityTest {

    static final String SECRET = "bench-secret-bench-secret-bench-secret-0123";
    static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSignedInUsersIdentityIsRelayedForTheServicesValidAMinuteAndSignedWithTheStacksSecret() throws Exception {
        String userToken = b64("{\"alg\":\"HS256\"}") + "." + b64("""
                {"iss":"keywork-gateway","sub":"admin","aud":"keywork","iat":1,"exp":99999999999,
                 "name":"系统管理员","roles":["ADMIN"]}""") + ".sig";
        String token = new ServiceIdentity(SECRET, userToken, Clock.fixed(NOW, ZoneOffset.UTC)).token();

        String[] parts = token.split("\\.");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(parts[2]).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII))));
        JsonNode claims = Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("sub").asString()).isEqualTo("admin");
        assertThat(claims.path("iss").asString()).isEqualTo("keywork-gateway");
        assertThat(claims.path("aud").get(0).asString()).isEqualTo("keywork-services");
        assertThat(claims.path("iat").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 60);
        assertThat(claims.path("roles").get(0).asString()).isEqualTo("ADMIN");
        assertThat(claims.path("name").asString()).isEqualTo("系统管理员");
    }
}
