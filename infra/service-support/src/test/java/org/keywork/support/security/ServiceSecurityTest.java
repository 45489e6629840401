package org.keywork.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keywork.access.TokenRules;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's own security chain ({@link ServiceSecurityAutoConfiguration}), as its port sees requests: only an
 * identity the gateway relayed lets a request through, only to what the access table opens to its roles, and the
 * identity headers then come from it alone.
 */
class ServiceSecurityTest {

    static final String SECRET = "keywork-local-dev-secret-change-me-0123456789";
    static final Instant NOW = Instant.now();

    /** As Spring Boot configures the application's mapper: problem properties flattened. */
    final JsonMapper json = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    AnnotationConfigServletWebApplicationContext context;
    Filter chain;

    @BeforeEach
    void start() {
        context = new AnnotationConfigServletWebApplicationContext();
        context.setServletContext(new MockServletContext());
        TestPropertyValues.of("keywork.auth.secret=" + SECRET, "keywork.auth.issuer=keywork-gateway",
                "keywork.auth.allow-public-secret=true").applyTo(context);
        context.registerBean(JsonMapper.class, () -> json);
        context.register(ServiceSecurityAutoConfiguration.class);
        context.refresh();
        chain = context.getBean("springSecurityFilterChain", Filter.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    /** A relayed identity as the gateway signs it for the services: audience keywork-services, valid a minute. */
    static String token(String secret, String issuer, Instant expires, String sub, List<String> roles,
            String department) throws Exception {
        return signed(secret, new JWTClaimsSet.Builder().subject(sub).issuer(issuer)
                .audience(TokenRules.SERVICE_AUDIENCE).issueTime(Date.from(expires.minusSeconds(60)))
                .expirationTime(Date.from(expires)).claim("roles", roles)
                .claim("department", department).claim("name", "示例：李华").build());
    }

    static String signed(String secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** An admin's valid relayed claims, to break one at a time. */
    static JWTClaimsSet.Builder admin() {
        return new JWTClaimsSet.Builder().subject("admin").issuer("keywork-gateway")
                .audience(TokenRules.SERVICE_AUDIENCE).issueTime(Date.from(NOW)).notBeforeTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(60))).claim("roles", List.of("ADMIN"));
    }

    record Outcome(MockHttpServletResponse response, HttpServletRequest passed) {
    }

    Outcome call(MockHttpServletRequest request) throws Exception {
        return call(request, passed -> { });
    }

    /** Runs the request through the chain; {@code controller} sees it where a controller would, if it gets there. */
    Outcome call(MockHttpServletRequest request, Consumer<HttpServletRequest> controller) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<HttpServletRequest> passed = new AtomicReference<>();
        chain.doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                passed.set((HttpServletRequest) req);
                controller.accept((HttpServletRequest) req);
            }
        });
        return new Outcome(response, passed.get());
    }

    @Test
    void aValidTokenPassesAndItsClaimsReplaceAnyIdentityHeadersTheCallerSent() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/progress");
        request.addHeader("Authorization", "Bearer " + token(SECRET, "keywork-gateway", NOW.plusSeconds(60),
                "dept-minzheng", List.of("DEPARTMENT"), "区民政局"));
        request.addHeader("X-Keywork-User", "admin");
        request.addHeader("X-Keywork-Roles", "ADMIN");

        Outcome outcome = call(request, passed -> {
            assertThat(passed.getUserPrincipal().getName()).isEqualTo("dept-minzheng");
            assertThat(passed.isUserInRole("DEPARTMENT")).isTrue();
            assertThat(passed.isUserInRole("ADMIN")).isFalse();
        });

        assertThat(outcome.passed()).isNotNull();
        assertThat(outcome.passed().getHeader("X-Keywork-User")).isEqualTo("dept-minzheng");
        assertThat(outcome.passed().getHeader("x-keywork-roles")).isEqualTo("DEPARTMENT");
        assertThat(outcome.passed().getHeader("X-Keywork-Department")).isEqualTo("区民政局");
        assertThat(outcome.passed().getHeader("X-Keywork-Position")).isNull();
        assertThat(java.util.Collections.list(outcome.passed().getHeaders("X-Keywork-Roles")))
                .containsExactly("DEPARTMENT");
        assertThat(KeyworkIdentity.of(outcome.passed())).hasValueSatisfying(identity -> {
            assertThat(identity.user()).isEqualTo("dept-minzheng");
            assertThat(identity.hasRole(KeyworkIdentity.DEPARTMENT)).isTrue();
            assertThat(identity.name()).isEqualTo("示例：李华");
        });
    }

    @Test
    void noTokenAWrongSecretAnExpiredTokenAnotherIssuerOrAUsersOwnTokenAreRefusedWith401ProblemJson()
            throws Exception {
        List<String> tokens = List.of(
                "",
                "Bearer " + token("another-secret-another-secret-another-secret", "keywork-gateway",
                        NOW.plusSeconds(60), "admin", List.of("ADMIN"), null),
                "Bearer " + token(SECRET, "keywork-gateway", NOW.minus(Duration.ofMinutes(5)), "admin",
                        List.of("ADMIN"), null),
                "Bearer " + token(SECRET, "someone-else", NOW.plusSeconds(60), "admin", List.of("ADMIN"), null),
                "Bearer not.a.jwt",
                "Basic YWRtaW46YWRtaW4=",
                // the same rules as the gateway's: no exp, no sub, no or another aud, nbf or iat in the future
                "Bearer " + signed(SECRET, admin().expirationTime(null).build()),
                "Bearer " + signed(SECRET, admin().subject(null).build()),
                "Bearer " + signed(SECRET, admin().audience((String) null).build()),
                "Bearer " + signed(SECRET, admin().audience("another-app").build()),
                "Bearer " + signed(SECRET, admin().notBeforeTime(Date.from(NOW.plusSeconds(3600))).build()),
                "Bearer " + signed(SECRET, admin().issueTime(Date.from(NOW.plusSeconds(3600))).build()),
                "Bearer " + signed(SECRET, admin().issueTime(null).build()),
                // a user's own token, as the gateway issues it at sign-in: valid at the gateway, not here
                "Bearer " + signed(SECRET, admin().audience(TokenRules.AUDIENCE)
                        .expirationTime(Date.from(NOW.plus(Duration.ofHours(8)))).build()),
                // the services' audience, but valid for hours: not an identity the gateway relayed
                "Bearer " + signed(SECRET, admin().expirationTime(Date.from(NOW.plus(Duration.ofHours(1)))).build()),
                // alg none
                "Bearer " + new com.nimbusds.jwt.PlainJWT(admin().build()).serialize());
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
        MockHttpServletRequest anonymous = new MockHttpServletRequest("GET", "/actuator/health");
        anonymous.addHeader("X-Keywork-Roles", "ADMIN");
        Outcome health = call(anonymous, passed -> assertThat(passed.isUserInRole("ADMIN")).isFalse());
        assertThat(health.passed()).isNotNull();
        assertThat(health.passed().getUserPrincipal()).isNull();
        assertThat(health.passed().getHeader("X-Keywork-Roles")).isNull();
        assertThat(call(new MockHttpServletRequest("GET", "/actuator/health/readiness")).passed()).isNotNull();
        // an admin's token is known on health (the actuator shows him the details), a forged one is refused
        MockHttpServletRequest asAdmin = new MockHttpServletRequest("GET", "/actuator/health");
        asAdmin.addHeader("Authorization", "Bearer " + signed(SECRET, admin().build()));
        call(asAdmin, known -> {
            assertThat(known.getUserPrincipal().getName()).isEqualTo("admin");
            assertThat(known.isUserInRole("ADMIN")).isTrue();
            assertThat(known.isUserInRole("SUPERVISOR")).isFalse();
        });
        MockHttpServletRequest forged = new MockHttpServletRequest("GET", "/actuator/health");
        forged.addHeader("Authorization", "Bearer " + signed("another-secret-another-secret-another-secret",
                admin().build()));
        assertThat(call(forged).response().getStatus()).isEqualTo(401);
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
        request.addHeader("Authorization", "Bearer " + token(SECRET, "keywork-gateway", NOW.plusSeconds(60), user,
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
                direct("PUT", "/api/directory/%E5%8C%BA%E6%B0%91%E6%94%BF%E5%B1%80%E5%B1%80%E9%95%BF/holder", "supervisor", List.of("SUPERVISOR")),
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
            assertThat(outcome.response().getHeader("WWW-Authenticate")).as(what).isNull();
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

    @Test
    void whatTheFirewallRefusesIsAProblemToo() throws Exception {
        MockHttpServletRequest traversal = direct("GET", "/api/goals/..%2Fadmin/clock", "admin", List.of("ADMIN"));
        Outcome outcome = call(traversal);
        assertThat(outcome.passed()).isNull();
        assertThat(outcome.response().getStatus()).isEqualTo(400);
        assertThat(outcome.response().getContentType()).startsWith("application/problem+json");
        assertThat(json.readTree(outcome.response().getContentAsString(StandardCharsets.UTF_8)).get("detail")
                .asString()).contains("不允许的字符");
    }
}
