package org.keywork.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Only a token the gateway signed lets a request through, and the identity headers then come from it alone. */
class IdentityFilterTest {

    static final String SECRET = "keywork-local-dev-secret-change-me-0123456789";
    static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");

    /** As Spring Boot configures the application's mapper: problem properties flattened. */
    final JsonMapper json = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
    final IdentityFilter filter = new IdentityFilter(SECRET, "keywork-gateway", json,
            Clock.fixed(NOW, ZoneOffset.UTC));

    static String token(String secret, String issuer, Instant expires, String sub, List<String> roles,
            String department) throws Exception {
        return signed(secret, new JWTClaimsSet.Builder().subject(sub).issuer(issuer).audience("keywork")
                .expirationTime(Date.from(expires)).claim("roles", roles).claim("department", department)
                .claim("name", "示例：李华").build());
    }

    static String signed(String secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** An admin's valid claims, to break one at a time. */
    static JWTClaimsSet.Builder admin() {
        return new JWTClaimsSet.Builder().subject("admin").issuer("keywork-gateway").audience("keywork")
                .issueTime(Date.from(NOW)).notBeforeTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(600)))
                .claim("roles", List.of("ADMIN"));
    }

    record Outcome(MockHttpServletResponse response, HttpServletRequest passed) {
    }

    Outcome call(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();
        filter.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                passed.set((HttpServletRequest) req);
            }
        });
        return new Outcome(response, passed.get());
    }

    @Test
    void aValidTokenPassesAndItsClaimsReplaceAnyIdentityHeadersTheCallerSent() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/progress");
        request.addHeader("Authorization", "Bearer " + token(SECRET, "keywork-gateway", NOW.plusSeconds(600),
                "dept-minzheng", List.of("DEPARTMENT"), "区民政局"));
        request.addHeader("X-Keywork-User", "admin");
        request.addHeader("X-Keywork-Roles", "ADMIN");

        Outcome outcome = call(request);

        assertThat(outcome.passed()).isNotNull();
        assertThat(outcome.passed().getHeader("X-Keywork-User")).isEqualTo("dept-minzheng");
        assertThat(outcome.passed().getHeader("x-keywork-roles")).isEqualTo("DEPARTMENT");
        assertThat(outcome.passed().getHeader("X-Keywork-Department")).isEqualTo("区民政局");
        assertThat(outcome.passed().getHeader("X-Keywork-Position")).isNull();
        assertThat(KeyworkIdentity.of(outcome.passed())).hasValueSatisfying(identity -> {
            assertThat(identity.user()).isEqualTo("dept-minzheng");
            assertThat(identity.hasRole(KeyworkIdentity.DEPARTMENT)).isTrue();
            assertThat(identity.name()).isEqualTo("示例：李华");
        });
    }

    @Test
    void noTokenAWrongSecretAnExpiredTokenOrAnotherIssuerAreRefusedWith401ProblemJson() throws Exception {
        List<String> tokens = List.of(
                "",
                "Bearer " + token("another-secret-another-secret-another-secret", "keywork-gateway",
                        NOW.plusSeconds(600), "admin", List.of("ADMIN"), null),
                "Bearer " + token(SECRET, "keywork-gateway", NOW.minus(Duration.ofMinutes(5)), "admin",
                        List.of("ADMIN"), null),
                "Bearer " + token(SECRET, "someone-else", NOW.plusSeconds(600), "admin", List.of("ADMIN"), null),
                "Bearer not.a.jwt",
                "Basic YWRtaW46YWRtaW4=",
                // the same rules as the gateway's: no exp, no sub, no or another aud, nbf or iat in the future
                "Bearer " + signed(SECRET, admin().expirationTime(null).build()),
                "Bearer " + signed(SECRET, admin().subject(null).build()),
                "Bearer " + signed(SECRET, admin().audience((String) null).build()),
                "Bearer " + signed(SECRET, admin().audience("another-app").build()),
                "Bearer " + signed(SECRET, admin().notBeforeTime(Date.from(NOW.plusSeconds(3600))).build()),
                "Bearer " + signed(SECRET, admin().issueTime(Date.from(NOW.plusSeconds(3600))).build()));
        for (String authorization : tokens) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/goals");
            if (!authorization.isEmpty()) {
                request.addHeader("Authorization", authorization);
            }
            Outcome outcome = call(request);
            assertThat(outcome.passed()).as(authorization).isNull();
            assertThat(outcome.response().getStatus()).isEqualTo(401);
            assertThat(outcome.response().getContentType()).startsWith("application/problem+json");
            assertThat(outcome.response().getHeader("WWW-Authenticate")).startsWith("Bearer");
            JsonNode problem = json.readTree(outcome.response().getContentAsString(StandardCharsets.UTF_8));
            assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:unauthenticated");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
            assertThat(problem.get("errors").get(0).get("code").asString())
                    .isEqualTo(authorization.startsWith("Bearer ") ? "invalid-token" : "missing-token");
        }
    }

    @Test
    void healthAndTheApiDocumentStayOpenAndAnEventStreamMayCarryItsTokenAsAParameter() throws Exception {
        Outcome health = call(new MockHttpServletRequest("GET", "/actuator/health"));
        assertThat(health.passed()).isNotNull();
        assertThat(health.passed().getUserPrincipal()).isNull();
        assertThat(call(new MockHttpServletRequest("GET", "/actuator/health/readiness")).passed()).isNotNull();
        // an admin's token is known on health (the actuator shows him the details), an invalid one is just ignored
        MockHttpServletRequest asAdmin = new MockHttpServletRequest("GET", "/actuator/health");
        asAdmin.addHeader("Authorization", "Bearer " + signed(SECRET, admin().build()));
        HttpServletRequest known = call(asAdmin).passed();
        assertThat(known.getUserPrincipal().getName()).isEqualTo("admin");
        assertThat(known.isUserInRole("ADMIN")).isTrue();
        assertThat(known.isUserInRole("SUPERVISOR")).isFalse();
        MockHttpServletRequest forged = new MockHttpServletRequest("GET", "/actuator/health");
        forged.addHeader("Authorization", "Bearer " + signed("another-secret-another-secret-another-secret",
                admin().build()));
        assertThat(call(forged).passed().getUserPrincipal()).isNull();
        assertThat(call(new MockHttpServletRequest("GET", "/v3/api-docs")).passed()).isNotNull();

        MockHttpServletRequest stream = new MockHttpServletRequest("GET", "/api/alerts/stream");
        stream.setParameter("access_token", token(SECRET, "keywork-gateway", NOW.plusSeconds(60), "leader-minzheng",
                List.of("LEADER"), null));
        assertThat(call(stream).passed().getHeader("X-Keywork-User")).isEqualTo("leader-minzheng");

        MockHttpServletRequest notAStream = new MockHttpServletRequest("GET", "/api/alerts");
        notAStream.setParameter("access_token", token(SECRET, "keywork-gateway", NOW.plusSeconds(60), "x",
                List.of("LEADER"), null));
        assertThat(call(notAStream).response().getStatus()).isEqualTo(401);
    }

    /** A request as a direct caller of a service port would send it, with a valid token of these roles. */
    MockHttpServletRequest direct(String method, String path, String user, List<String> roles) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Authorization", "Bearer " + token(SECRET, "keywork-gateway", NOW.plusSeconds(600), user,
                roles, roles.contains("DEPARTMENT") ? "区民政局" : null));
        return request;
    }

    @Test
    void aValidTokenOpensOnAServicePortOnlyWhatItsRolesOpenAtTheGateway() throws Exception {
        // the findings: a department's token set the business clock, ran sweeps and handed over positions
        List<MockHttpServletRequest> adminOnly = List.of(
                direct("PUT", "/api/admin/clock", "dept-minzheng", List.of("DEPARTMENT")),
                direct("POST", "/api/admin/clock/advance", "dept-minzheng", List.of("DEPARTMENT")),
                direct("POST", "/api/admin/sweep", "dept-minzheng", List.of("DEPARTMENT")),
                direct("POST", "/api/admin/escalations/sweep", "leader-minzheng", List.of("LEADER")),
                direct("PUT", "/api/directory/区民政局局长/holder", "supervisor", List.of("SUPERVISOR")),
                direct("POST", "/api/plans/import", "supervisor", List.of("SUPERVISOR")),
                direct("POST", "/api/progress", "leader-minzheng", List.of("LEADER")),
                direct("GET", "/api/directory", "dept-minzheng", List.of("DEPARTMENT")),
                direct("GET", "/api/plans/drafts", "dept-minzheng", List.of("DEPARTMENT")),
                // metrics and the rest of the actuator but health: an admin's, as at the gateway
                direct("GET", "/actuator/prometheus", "supervisor", List.of("SUPERVISOR")),
                direct("GET", "/actuator/metrics", "dept-minzheng", List.of("DEPARTMENT")),
                direct("GET", "/actuator/info", "leader-minzheng", List.of("LEADER")));
        for (MockHttpServletRequest request : adminOnly) {
            Outcome outcome = call(request);
            String what = request.getMethod() + " " + request.getRequestURI();
            assertThat(outcome.passed()).as(what).isNull();
            assertThat(outcome.response().getStatus()).as(what).isEqualTo(403);
            assertThat(outcome.response().getContentType()).startsWith("application/problem+json");
            JsonNode problem = json.readTree(outcome.response().getContentAsString(StandardCharsets.UTF_8));
            assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:forbidden");
            assertThat(problem.get("detail").asString()).as(what).contains("无权", request.getRequestURI());
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("role");
            assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("role-not-allowed");
        }

        // what the table opens passes, with the caller's identity
        assertThat(call(direct("PUT", "/api/admin/clock", "admin", List.of("ADMIN"))).passed()).isNotNull();
        assertThat(call(direct("GET", "/actuator/prometheus", "admin", List.of("ADMIN"))).passed()).isNotNull();
        assertThat(call(new MockHttpServletRequest("GET", "/actuator/prometheus")).response().getStatus())
                .isEqualTo(401);
        assertThat(call(direct("POST", "/api/progress", "dept-minzheng", List.of("DEPARTMENT"))).passed()
                .getHeader("X-Keywork-User")).isEqualTo("dept-minzheng");
        assertThat(call(direct("GET", "/api/goals/5.6", "leader-minzheng", List.of("LEADER"))).passed())
                .isNotNull();
        assertThat(call(direct("POST", "/api/alerts/a-1/ack", "leader-minzheng", List.of("LEADER"))).passed())
                .isNotNull();
        assertThat(call(direct("GET", "/api/directory", "supervisor", List.of("SUPERVISOR"))).passed())
                .isNotNull();
        // everyone reads his own notification log (the service confines it to him)
        assertThat(call(direct("GET", "/api/notifications", "leader-minzheng", List.of("LEADER"))).passed())
                .isNotNull();
    }

    @Test
    void aRouteTheTableDoesNotListIsClosedAndATokenWithoutAKnownRoleOpensNothing() throws Exception {
        Outcome unlisted = call(direct("DELETE", "/api/progress/r-1", "admin", List.of("ADMIN")));
        assertThat(unlisted.passed()).isNull();
        assertThat(unlisted.response().getStatus()).isEqualTo(404);
        assertThat(json.readTree(unlisted.response().getContentAsString(StandardCharsets.UTF_8)).get("type")
                .asString()).isEqualTo("urn:keywork:problem:not-found");

        Outcome noRole = call(direct("GET", "/api/goals", "someone", List.of("ROOT")));
        assertThat(noRole.passed()).isNull();
        assertThat(noRole.response().getStatus()).isEqualTo(403);
        assertThat(json.readTree(noRole.response().getContentAsString(StandardCharsets.UTF_8)).get("detail")
                .asString()).contains("未分配角色");
    }
}
