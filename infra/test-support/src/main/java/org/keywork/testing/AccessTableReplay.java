package org.keywork.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.keywork.access.AccessRules;
import org.keywork.access.Role;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The role x route table ({@link AccessRules}) replayed over HTTP against a running service's own port: every route
 * the service maps, for every kind of caller (no token, a department, a leader, the supervision office, an admin),
 * must answer as {@link AccessRules#decide} says, whatever checks the token and the table inside the service. Only
 * what a client sees is asserted (status, headers, problem+json body), never how the service decides it, so that the
 * same cases hold across a change of the mechanism (a servlet filter, Spring Security's resource server).
 *
 * <p>What a case expects of the table's verdict:
 * <ul>
 * <li>{@code UNAUTHENTICATED} (no token): 401 problem+json with a {@code WWW-Authenticate: Bearer ...} challenge;</li>
 * <li>{@code FORBIDDEN}: 403 problem+json whose {@code detail} is {@link AccessRules#refusal} of what the rule lets
 * one do ({@link AccessRules#action}, with the path as sent);</li>
 * <li>{@code NO_SUCH_PATH} (deny by default): 404 problem+json;</li>
 * <li>{@code ALLOW}: the request reaches the controller, which may well refuse it for reasons of its own (400 for
 * the placeholder body, 404 for an id nobody has, 403 for a responsibility the caller lacks). So the answer is no
 * 401, no 5xx (but health's 503), no 403 that is not a controller's problem+json or that names the caller's roles as
 * the access refusal does, and not the 404 told about a path nobody lists (learnt per caller from one).</li>
 * </ul>
 * HEAD and OPTIONS, which Spring MVC answers by itself for every mapped path, are replayed beside each route's own
 * methods (HEAD without a body: its status only). Besides the routes there are cases the table must also hold for:
 * identity headers a caller sends himself, path tricks, health and the rest of the actuator, the API document, and
 * tokens with one flaw each.
 *
 * <p>The routes come from the service itself (its handler mappings, see {@link #routes(Collection, Collection,
 * Collection)}), never from a hand-kept list: a new endpoint is replayed as soon as it exists. Path variables get
 * plausible values ({@link #pathValue} overrides them); a request with a body sends {@code {}} (or nothing, for a
 * non-JSON upload), so that an allowed write is refused by validation rather than carried out. What an allowed
 * request does all the same (a sweep, a 404 for an unknown draft) stays in the test's own throwaway context. Each
 * request carries a freshly signed token ({@link TestTokens}), so that short-lived tokens do not expire mid-run.
 *
 * <p>No test framework is needed here: each {@link Case} is a name and a check that throws {@link AssertionError}
 * starting with that name; a JUnit test turns them into dynamic tests, e.g.
 * {@code replay.routeCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), c::run))}.
 */
public final class AccessTableReplay {

    /** A route every Keywork service maps (the business clock of service-support), admin-only by the table. */
    public static final String ADMIN_ONLY = "/api/admin/clock";

    /** A path no rule of the table covers, to learn what a caller is told about such a path. */
    static final String UNLISTED = "/api/access-table-replay/unlisted";

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private static final int BODY_LIMIT = 256 * 1024;

    /** Who calls: nobody, or one of the gateway's local users with a token of one role. */
    public enum Caller {

        ANONYMOUS(null), DEPARTMENT(Role.DEPARTMENT), LEADER(Role.LEADER), SUPERVISOR(Role.SUPERVISOR),
        ADMIN(Role.ADMIN);

        private final Role role;

        Caller(Role role) {
            this.role = role;
        }

        /** The roles {@link AccessRules#decide} judges: {@code null} for a caller without a token. */
        public Set<Role> roles() {
            return role == null ? null : EnumSet.of(role);
        }

        /**
         * A fresh token (signed anew for each request, so that a short-lived one never expires during the run), or
         * {@code null} for {@link #ANONYMOUS}.
         */
        public String token() {
            return switch (this) {
                case ANONYMOUS -> null;
                case DEPARTMENT -> TestTokens.department("dept-minzheng", "区民政局");
                case LEADER -> TestTokens.leader("leader-minzheng", "副区长（分管民政）");
                case SUPERVISOR -> TestTokens.supervisor();
                case ADMIN -> TestTokens.admin();
            };
        }
    }

    /**
     * One route of the service: a method and a path pattern as its handler mapping declares it, and the content
     * type its handler consumes (the one to send a body in), or {@code null}.
     */
    public record Route(HttpMethod method, String pattern, MediaType contentType) {

        @Override
        public String toString() {
            return method.name() + " " + pattern;
        }
    }

    /** A named check; {@link #run()} throws {@link AssertionError} when the service does not answer as expected. */
    public record Case(String name, Check check) {

        /** Runs the check; a failure's message starts with the case's name (caller, method, path, verdict). */
        public void run() throws Exception {
            try {
                check.run();
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e.getCause());
            } catch (IOException e) {
                throw new AssertionError(name + ": no answer: " + e, e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    public interface Check {

        void run() throws Exception;
    }

    /** What came back: the status, the headers and the body as text (empty for an event stream). */
    record Answer(int status, java.net.http.HttpHeaders headers, String body) {

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        Optional<MediaType> contentType() {
            return header("Content-Type").map(MediaType::parseMediaType);
        }

        @Override
        public String toString() {
            String text = body.length() > 600 ? body.substring(0, 600) + "…" : body;
            return status + " " + header("Content-Type").orElse("(no content type)")
                    + header("WWW-Authenticate").map(h -> " WWW-Authenticate: " + h).orElse("") + " " + text;
        }
    }

    /** One request to send: method, path (encoded, as sent), query, and the headers beyond the caller's token. */
    record Request(HttpMethod method, String path, String query, MediaType contentType, Map<String, String> headers) {

        static Request of(HttpMethod method, String path) {
            return new Request(method, path, null, null, Map.of());
        }

        Request header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(method, path, query, contentType, more);
        }

        Request query(String query) {
            return new Request(method, path, query, contentType, headers);
        }

        @Override
        public String toString() {
            return method.name() + " " + path + (query == null ? "" : "?" + query);
        }
    }

    /** Path variables by name, with values like the demo plan's (any other variable gets {@code x-1}). */
    private static final Map<String, String> PLAUSIBLE = Map.of("year", "2021", "planYear", "2021", "itemId", "5.8",
            "indicatorId", "5.6#1", "targetId", "5.6#1", "milestoneId", "9.26#1", "position", "副区长（分管民政）",
            "requiredMetricName", "jvm.memory.used");

    private final int port;

    private final List<Route> routes;

    private final Map<String, String> pathValues = new HashMap<>(PLAUSIBLE);

    private HttpClient http = client();

    /** What each caller is told about a path no rule covers: its detail with the request put in as {@code %s}. */
    private final Map<Caller, String> unlistedDetail = new HashMap<>();

    private AccessTableReplay(int port, Collection<Route> routes) {
        this.port = port;
        this.routes = distinct(routes);
        if (this.routes.isEmpty()) {
            throw new IllegalArgumentException("no routes to replay: the service maps nothing?");
        }
    }

    /**
     * A replay against {@code http://127.0.0.1:port} of these routes (typically those of the service's
     * {@code RequestMappingInfoHandlerMapping}s: its controllers, the actuator and the API document).
     */
    public static AccessTableReplay against(int port, Collection<Route> routes) {
        return new AccessTableReplay(port, routes);
    }

    /**
     * The routes of one handler mapping entry: each of its methods (all the usual ones when it names none) on each
     * of its patterns, with the content type to send a body in ({@code application/json} when the handler takes it,
     * else the first concrete type it takes, a multipart form last), e.g. from a {@code RequestMappingInfo}:
     * {@code routes(info.getMethodsCondition().getMethods(), info.getPatternValues(),
     * info.getConsumesCondition().getConsumableMediaTypes())}.
     */
    public static List<Route> routes(Collection<RequestMethod> methods, Collection<String> patterns,
            Collection<MediaType> consumes) {
        Collection<RequestMethod> all = methods.isEmpty() ? List.of(RequestMethod.GET, RequestMethod.POST,
                RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE) : methods;
        MediaType contentType = consumes.stream().filter(type -> !type.isWildcardType() && !type.isWildcardSubtype())
                .min(Comparator.comparingInt(AccessTableReplay::preference).thenComparing(MediaType::toString))
                .orElse(null);
        List<Route> routes = new ArrayList<>();
        for (String pattern : patterns) {
            for (RequestMethod method : all) {
                routes.add(new Route(method.asHttpMethod(), pattern, contentType));
            }
        }
        return routes;
    }

    private static int preference(MediaType type) {
        if (MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            return 0;
        }
        return MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type) ? 2 : 1;
    }

    /** One route per (method, pattern), JSON bodies preferred, in a stable order (by pattern, then method). */
    private static List<Route> distinct(Collection<Route> routes) {
        Map<String, Route> byKey = new LinkedHashMap<>();
        routes.stream()
                .sorted(Comparator.comparing(Route::pattern).thenComparing(r -> r.method().name())
                        .thenComparing(r -> r.contentType() == null ? 3 : preference(r.contentType())))
                .forEach(route -> byKey.putIfAbsent(route.toString(), route));
        return List.copyOf(byKey.values());
    }

    /** The value to put into the path variable {@code name} (decoded; it is encoded when sent). */
    public AccessTableReplay pathValue(String name, String value) {
        pathValues.put(name, value);
        return this;
    }

    /** The routes replayed, one per (method, pattern), e.g. {@code GET /api/goals/{itemId}}. */
    public List<Route> routes() {
        return routes;
    }

    /**
     * Every route for every caller, and the two methods Spring MVC answers for any mapped path by itself: HEAD beside
     * each GET and OPTIONS on each path (the table opens OPTIONS under {@code /api/admin} only, to an admin).
     */
    public List<Case> routeCases() {
        Map<String, Request> requests = new LinkedHashMap<>();
        Map<String, Route> origins = new HashMap<>();
        for (Route route : routes) {
            Request request = new Request(route.method(), concretePath(route.pattern()), null,
                    WITH_BODY.contains(route.method()) ? Optional.ofNullable(route.contentType())
                            .orElse(MediaType.APPLICATION_JSON) : null, Map.of());
            add(requests, origins, request, route);
            if (route.method() == HttpMethod.GET) {
                add(requests, origins, new Request(HttpMethod.HEAD, request.path(), null, null, Map.of()), route);
            }
            add(requests, origins, new Request(HttpMethod.OPTIONS, request.path(), null, null, Map.of()), route);
        }
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, Request> entry : requests.entrySet()) {
            Request request = entry.getValue();
            Route route = origins.get(entry.getKey());
            for (Caller caller : Caller.values()) {
                AccessRules.Decision decision = AccessRules.decide(request.method(), request.path(), caller.roles());
                String origin = request.path().equals(route.pattern()) && request.method() == route.method() ? ""
                        : " (route " + route + ")";
                cases.add(new Case(caller + " " + request + origin + " -> " + decision,
                        () -> expect(caller, request, decision)));
            }
        }
        return cases;
    }

    private static void add(Map<String, Request> requests, Map<String, Route> origins, Request request, Route route) {
        String key = request.method().name() + " " + request.path();
        if (requests.putIfAbsent(key, request) == null) {
            origins.put(key, route);
        }
    }

    /**
     * What the table must also hold for, on any service: identity headers a caller sends himself, path tricks around
     * an admin-only route, health (open, its details an admin's), the rest of the actuator (an admin's), the API
     * document (open), and a valid token naming no role the table knows.
     */
    public List<Case> edgeCases() {
        List<Case> cases = new ArrayList<>();
        // the identity is the token's, whatever headers the caller adds
        Request spoofedRead = Request.of(HttpMethod.GET, ADMIN_ONLY).header("X-Keywork-Roles", "ADMIN")
                .header("X-Keywork-User", "admin");
        Request spoofedWrite = new Request(HttpMethod.PUT, ADMIN_ONLY, null, MediaType.APPLICATION_JSON,
                spoofedRead.headers());
        cases.add(new Case("DEPARTMENT token with X-Keywork-Roles: ADMIN " + spoofedRead + " -> FORBIDDEN",
                () -> expect(Caller.DEPARTMENT, spoofedRead, AccessRules.Decision.FORBIDDEN)));
        cases.add(new Case("DEPARTMENT token with X-Keywork-Roles: ADMIN " + spoofedWrite + " -> FORBIDDEN",
                () -> expect(Caller.DEPARTMENT, spoofedWrite, AccessRules.Decision.FORBIDDEN)));
        cases.add(new Case("no token, X-Keywork-Roles: ADMIN " + spoofedRead + " -> UNAUTHENTICATED",
                () -> expect(Caller.ANONYMOUS, spoofedRead, AccessRules.Decision.UNAUTHENTICATED)));
        cases.add(new Case("LEADER token, X-Keywork-Roles: ADMIN,SUPERVISOR GET /api/plans/drafts -> FORBIDDEN",
                () -> expect(Caller.LEADER, Request.of(HttpMethod.GET, "/api/plans/drafts")
                        .header("X-Keywork-Roles", "ADMIN,SUPERVISOR"), AccessRules.Decision.FORBIDDEN)));

        // path tricks: never served to a role the table refuses the route they lead to
        cases.add(new Case("ADMIN GET " + ADMIN_ONLY + " is served (what the tricks below must never get)",
                () -> {
                    Answer answer = send(Caller.ADMIN, Request.of(HttpMethod.GET, ADMIN_ONLY));
                    check(answer.status() == 200 && servesTheClock(answer), "the admin reads the clock", answer);
                }));
        for (String trick : List.of("/api/goals/..%2Fadmin/clock", "/api/goals/%2e%2e/admin/clock",
                "/api/goals/..%2fadmin%2fclock", "/api/goals/..;/admin/clock", "/api/goals/../admin/clock",
                "/api/progress/%2E%2E/admin/clock", "/api/admin/clock/", "/api/admin/clock;jsessionid=x",
                "/api/admin;x=1/clock", "/api/admin/clock%3Bx", "/API/ADMIN/CLOCK", "/Api/Admin/Clock",
                "/api/ADMIN/clock", "//api/admin/clock", "/api//admin/clock", "/api/./admin/clock",
                "/api/%61dmin/clock", "/api/admin/clock%20", "/api/admin/clock.json")) {
            for (Caller caller : List.of(Caller.ANONYMOUS, Caller.DEPARTMENT, Caller.LEADER, Caller.SUPERVISOR)) {
                cases.add(new Case(caller + " GET " + trick + " -> not served",
                        () -> expectNotServed(caller, Request.of(HttpMethod.GET, trick))));
            }
        }

        // health: open to probes, its details and components an admin's only
        for (Caller caller : Caller.values()) {
            boolean details = caller == Caller.ADMIN;
            cases.add(new Case(caller + " GET /actuator/health -> open, " + (details ? "with" : "without")
                    + " details", () -> expectHealth(caller, details)));
        }
        // a token that is no good may be refused there (401) or ignored, but never shows the details
        cases.add(new Case("invalid token GET /actuator/health -> 401, or open without details",
                () -> expectHealthWithBadToken("not.a.token")));
        cases.add(new Case("forged admin token GET /actuator/health -> 401, or open without details",
                () -> expectHealthWithBadToken(TokenCase.resigned(TestTokens.admin(), UnaryOperator.identity(),
                        TokenCase.OTHER_SECRET))));
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            cases.add(new Case("ANONYMOUS GET " + probe + " -> open", () -> {
                Answer answer = send(Caller.ANONYMOUS, Request.of(HttpMethod.GET, probe));
                check(answer.status() == 200, "the probe is open", answer);
                check(json(answer).containsKey("status"), "the probe says its status", answer);
            }));
        }

        // the rest of the actuator: an admin's
        for (String actuator : List.of("/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/jvm.memory.used",
                "/actuator/info", "/actuator")) {
            for (Caller caller : Caller.values()) {
                AccessRules.Decision decision = AccessRules.decide(HttpMethod.GET, actuator, caller.roles());
                cases.add(new Case(caller + " GET " + actuator + " -> " + decision, () -> {
                    Answer answer = expect(caller, Request.of(HttpMethod.GET, actuator), decision);
                    if (decision == AccessRules.Decision.ALLOW) {
                        check(answer.status() == 200, "the admin reads " + actuator, answer);
                    }
                }));
            }
        }

        // the API document: open, for the gateway's Swagger UI
        for (Caller caller : List.of(Caller.ANONYMOUS, Caller.DEPARTMENT)) {
            cases.add(new Case(caller + " GET /v3/api-docs -> open", () -> {
                Answer answer = send(caller, Request.of(HttpMethod.GET, "/v3/api-docs"));
                check(answer.status() == 200, "the API document is open", answer);
                check(json(answer).containsKey("openapi") && json(answer).containsKey("paths"),
                        "an OpenAPI document", answer);
            }));
        }

        // a valid token that names no role the table knows opens nothing but what is open to everybody
        cases.add(new Case("token with roles [ROOT] GET " + ADMIN_ONLY + " -> FORBIDDEN (未分配角色)", () -> {
            String token = TokenCase.resigned(TestTokens.admin(), claims -> claims.claim("roles", List.of("ROOT")),
                    TestTokens.LOCAL_SECRET);
            Answer answer = send(token, Request.of(HttpMethod.GET, ADMIN_ONLY));
            expectForbidden(answer, Set.of(), HttpMethod.GET, ADMIN_ONLY);
        }));
        cases.add(new Case("token with roles [ROOT] GET /api/goals -> FORBIDDEN (未分配角色)", () -> {
            String token = TokenCase.resigned(TestTokens.admin(), claims -> claims.claim("roles", List.of("ROOT")),
                    TestTokens.LOCAL_SECRET);
            expectForbidden(send(token, Request.of(HttpMethod.GET, "/api/goals")), Set.of(), HttpMethod.GET,
                    "/api/goals");
        }));
        return cases;
    }

    /**
     * Tokens a service must refuse with 401 problem+json and a Bearer challenge, each an admin's (so that, taken,
     * it would open an admin-only route) with exactly one thing wrong; and, first, the same token with nothing
     * wrong, which must pass (so that each refusal is owed to its one flaw).
     */
    public List<Case> tokenCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("admin token re-signed unchanged GET " + ADMIN_ONLY + " -> ALLOW", () -> {
            String token = TokenCase.resigned(TestTokens.admin(), UnaryOperator.identity(), TestTokens.LOCAL_SECRET);
            Answer answer = send(token, Request.of(HttpMethod.GET, ADMIN_ONLY));
            check(answer.status() == 200 && servesTheClock(answer), "the unchanged token passes", answer);
        }));
        for (TokenCase token : TokenCase.all()) {
            cases.add(new Case(token.name() + " GET " + ADMIN_ONLY + " -> UNAUTHENTICATED", () -> {
                Request request = Request.of(HttpMethod.GET, ADMIN_ONLY);
                request = token.header() == null ? request : request.header("Authorization", token.header());
                request = token.query() == null ? request : request.query(token.query());
                Answer answer = send((String) null, request);
                expectUnauthenticated(answer, HttpMethod.GET);
            }));
        }
        return cases;
    }

    /** One way a token is wrong: the Authorization header it is sent in, or the query. */
    record TokenCase(String name, String header, String query) {

        static final String OTHER_SECRET = "another-secret-of-at-least-32-bytes-length!";

        static List<TokenCase> all() {
            Instant now = Instant.now();
            String admin = TestTokens.admin();
            List<TokenCase> cases = new ArrayList<>();
            cases.add(bearer("expired (exp 10 min ago)", resigned(admin, c -> c.issueTime(Date.from(now.minusSeconds(
                    1200))).notBeforeTime(null).expirationTime(Date.from(now.minusSeconds(600))),
                    TestTokens.LOCAL_SECRET)));
            cases.add(bearer("nbf 5 min ahead", resigned(admin, c -> c.notBeforeTime(Date.from(now.plusSeconds(300))),
                    TestTokens.LOCAL_SECRET)));
            cases.add(bearer("iat 5 min ahead", resigned(admin, c -> c.issueTime(Date.from(now.plusSeconds(300))),
                    TestTokens.LOCAL_SECRET)));
            cases.add(bearer("wrong issuer", resigned(admin, c -> c.issuer("someone-else"), TestTokens.LOCAL_SECRET)));
            cases.add(bearer("no issuer", resigned(admin, c -> c.issuer(null), TestTokens.LOCAL_SECRET)));
            cases.add(bearer("no sub", resigned(admin, c -> c.subject(null), TestTokens.LOCAL_SECRET)));
            cases.add(bearer("blank sub", resigned(admin, c -> c.subject(" "), TestTokens.LOCAL_SECRET)));
            cases.add(bearer("no exp", resigned(admin, c -> c.expirationTime(null), TestTokens.LOCAL_SECRET)));
            cases.add(bearer("wrong aud", resigned(admin, c -> c.audience("someone-else"), TestTokens.LOCAL_SECRET)));
            cases.add(bearer("no aud", resigned(admin, c -> c.audience((String) null), TestTokens.LOCAL_SECRET)));
            cases.add(bearer("a user's own token (aud keywork, 8 h), not the gateway's relayed identity",
                    resigned(admin, c -> c.audience(org.keywork.access.TokenRules.AUDIENCE)
                            .expirationTime(Date.from(now.plusSeconds(8 * 3600))), TestTokens.LOCAL_SECRET)));
            cases.add(bearer("the services' audience but valid 1 h", resigned(admin,
                    c -> c.expirationTime(Date.from(now.plusSeconds(3600))), TestTokens.LOCAL_SECRET)));
            cases.add(bearer("alg none (unsigned)", new PlainJWT(claims(admin)).serialize()));
            cases.add(bearer("alg none, signature kept", unsignedWithSignature(admin)));
            cases.add(bearer("alg RS256 in the header, HMAC signature with the secret", algorithmConfusion(admin)));
            cases.add(bearer("signed with another secret", resigned(admin, UnaryOperator.identity(), OTHER_SECRET)));
            cases.add(bearer("signature of another token", admin.substring(0, admin.lastIndexOf('.') + 1)
                    + TestTokens.supervisor().substring(TestTokens.supervisor().lastIndexOf('.') + 1)));
            cases.add(bearer("garbage", "garbage"));
            cases.add(bearer("three garbage parts", "not.a.token"));
            cases.add(new TokenCase("scheme Basic instead of Bearer", "Basic " + admin, null));
            cases.add(new TokenCase("empty Bearer", "Bearer ", null));
            cases.add(new TokenCase("token as access_token parameter (only a stream may)", null,
                    "access_token=" + admin));
            return cases;
        }

        static TokenCase bearer(String name, String token) {
            return new TokenCase(name, "Bearer " + token, null);
        }

        static JWTClaimsSet claims(String token) {
            try {
                return SignedJWT.parse(token).getJWTClaimsSet();
            } catch (ParseException e) {
                throw new IllegalStateException("TestTokens signed no JWT", e);
            }
        }

        /** The token's claims, changed, signed (HS256) with {@code secret}. */
        static String resigned(String token, UnaryOperator<JWTClaimsSet.Builder> change, String secret) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                    change.apply(new JWTClaimsSet.Builder(claims(token))).build());
            try {
                jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }

        /** A valid token whose header is swapped for {@code alg: none}, its signature left in place. */
        static String unsignedWithSignature(String token) {
            String[] parts = token.split("\\.");
            return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2];
        }

        /** The claims signed with HMAC-SHA256 and the shared secret, but the header naming RS256. */
        static String algorithmConfusion(String token) {
            String signingInput = Base64URL.encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + token.split("\\.")[1];
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(TestTokens.LOCAL_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return signingInput + "." + Base64URL.encode(mac.doFinal(signingInput.getBytes(
                        StandardCharsets.US_ASCII)));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // --- what a case expects ---

    private Answer expect(Caller caller, Request request, AccessRules.Decision decision) throws Exception {
        Answer answer = send(caller, request);
        verify(caller, request, decision, answer);
        return answer;
    }

    private void verify(Caller caller, Request request, AccessRules.Decision decision, Answer answer)
            throws Exception {
        switch (decision) {
            case UNAUTHENTICATED -> expectUnauthenticated(answer, request.method());
            case FORBIDDEN -> expectForbidden(answer, caller.roles(), request.method(), request.path());
            case NO_SUCH_PATH -> expectProblem(answer, 404, request.method());
            case ALLOW -> expectAllowed(caller, request, answer);
        }
    }

    private static void expectUnauthenticated(Answer answer, HttpMethod method) throws ParseException {
        expectProblem(answer, 401, method);
        String challenge = answer.header("WWW-Authenticate").orElse("");
        check(challenge.regionMatches(true, 0, "Bearer", 0, 6), "a Bearer challenge (WWW-Authenticate)", answer);
    }

    private static void expectForbidden(Answer answer, Set<Role> roles, HttpMethod method, String path)
            throws ParseException {
        expectProblem(answer, 403, method);
        if (method != HttpMethod.HEAD) {
            String refusal = AccessRules.refusal(roles, AccessRules.action(method, path));
            check(refusal.equals(json(answer).get("detail")), "the detail " + refusal, answer);
        }
    }

    /** The status, and (but for HEAD, which has no body) a problem+json body of that status. */
    private static void expectProblem(Answer answer, int status, HttpMethod method) throws ParseException {
        check(answer.status() == status, "status " + status, answer);
        if (method == HttpMethod.HEAD) {
            return;
        }
        check(answer.contentType().filter(MediaType.APPLICATION_PROBLEM_JSON::equalsTypeAndSubtype).isPresent(),
                "Content-Type application/problem+json", answer);
        Object bodyStatus = json(answer).get("status");
        check(bodyStatus instanceof Number number && number.intValue() == status, "a problem of status " + status,
                answer);
    }

    /** Reached the controller: whatever it answered, it is not the access check's refusal, nor a server error. */
    private void expectAllowed(Caller caller, Request request, Answer answer) throws Exception {
        check(answer.status() != 401, "no 401: the table lets " + caller + " in", answer);
        // health says 503 when a component is down: that is its answer, not a server error
        boolean health = request.path().equals("/actuator/health") || request.path().startsWith("/actuator/health/");
        check(answer.status() < 500 || (health && answer.status() == 503), "no server error", answer);
        if (answer.status() == 403 && request.method() != HttpMethod.HEAD) {
            // a controller refuses in problem+json, naming what the caller lacks; the access check's refusal names
            // the caller's roles (当前账号（部门填报员）无权…), whatever action it names
            Object detail = problem(answer).map(p -> p.get("detail")).orElse(null);
            check(detail instanceof String, "a controller's 403 is problem+json with a detail", answer);
            String refusal = AccessRules.refusal(caller.roles() == null ? Set.of() : caller.roles(), "");
            String refusalOpening = refusal.substring(0, refusal.indexOf("无权"));
            check(!((String) detail).startsWith(refusalOpening),
                    "not the access refusal: the table lets " + caller + " in", answer);
        }
        if (answer.status() == 403 && request.method() == HttpMethod.HEAD) {
            // no body to tell a controller's 403 from the access refusal: only the controller's GET may say 403
            Answer get = send(caller, Request.of(HttpMethod.GET, request.path()));
            check(get.status() == 403, "HEAD refused (403) where GET is not: the table lets " + caller + " in",
                    answer);
        }
        if (answer.status() == 404 && caller.roles() != null && request.method() != HttpMethod.HEAD) {
            String unlisted = unlistedDetail(caller).formatted(request.method().name() + " " + request.path());
            Object detail = problem(answer).map(p -> p.get("detail")).orElse(null);
            check(!unlisted.equals(detail), "not the answer to an unlisted path: the table lets " + caller + " in",
                    answer);
        }
    }

    /** What {@code caller} is told about {@link #UNLISTED}, the request in it replaced by {@code %s}. */
    private String unlistedDetail(Caller caller) throws Exception {
        String known = unlistedDetail.get(caller);
        if (known == null) {
            Answer answer = send(caller, Request.of(HttpMethod.GET, UNLISTED));
            expectProblem(answer, 404, HttpMethod.GET);
            known = String.valueOf(json(answer).get("detail")).replace("%", "%%").replace("GET " + UNLISTED, "%s");
            unlistedDetail.put(caller, known);
        }
        return known;
    }

    /** Not served: refused (4xx, never a redirect a client would follow) and not the clock's reading. */
    private void expectNotServed(Caller caller, Request request) throws Exception {
        Answer answer = send(caller, request);
        check(answer.status() >= 400 && answer.status() < 500, "refused with a 4xx", answer);
        check(!servesTheClock(answer), "not the clock", answer);
    }

    private void expectHealth(Caller caller, boolean details) throws Exception {
        expectHealth(send(caller, Request.of(HttpMethod.GET, "/actuator/health")), details);
    }

    private void expectHealthWithBadToken(String token) throws Exception {
        Answer answer = send(token, Request.of(HttpMethod.GET, "/actuator/health"));
        if (answer.status() == 401) {
            expectUnauthenticated(answer, HttpMethod.GET);
        } else {
            expectHealth(answer, false);
        }
    }

    private static void expectHealth(Answer answer, boolean details) throws ParseException {
        check(answer.status() == 200 || answer.status() == 503, "health answers (200 or 503), open", answer);
        Map<String, Object> health = json(answer);
        check(health.containsKey("status"), "a health status", answer);
        if (details) {
            check(health.containsKey("components"), "the components, for an admin", answer);
        } else {
            check(!health.containsKey("components") && !health.containsKey("details"),
                    "neither components nor details without an admin's token", answer);
        }
    }

    private static boolean servesTheClock(Answer answer) {
        return answer.body().contains("\"mode\"") && answer.body().contains("\"zone\"");
    }

    private static void check(boolean condition, String expected, Answer answer) {
        if (!condition) {
            throw new AssertionError("expected " + expected + ", got " + answer);
        }
    }

    private static Map<String, Object> json(Answer answer) throws ParseException {
        try {
            return JSONObjectUtils.parse(answer.body());
        } catch (ParseException e) {
            throw new AssertionError("expected a JSON object, got " + answer, e);
        }
    }

    private static Optional<Map<String, Object>> problem(Answer answer) {
        if (answer.contentType().filter(MediaType.APPLICATION_PROBLEM_JSON::equalsTypeAndSubtype).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSONObjectUtils.parse(answer.body()));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    // --- sending ---

    /** The concrete path of a pattern, its variables filled with plausible values and encoded. */
    String concretePath(String pattern) {
        StringBuilder path = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{') {
                int depth = 1;
                int end = i + 1;
                while (end < pattern.length() && depth > 0) {
                    depth += pattern.charAt(end) == '{' ? 1 : pattern.charAt(end) == '}' ? -1 : 0;
                    end++;
                }
                String variable = pattern.substring(i + 1, end - 1);
                variable = variable.startsWith("*") ? variable.substring(1) : variable;
                int colon = variable.indexOf(':');
                String name = colon < 0 ? variable : variable.substring(0, colon);
                String regex = colon < 0 ? null : variable.substring(colon + 1);
                path.append(UriUtils.encodePathSegment(value(name, regex), StandardCharsets.UTF_8));
                i = end;
            } else if (c == '*') {
                path.append("x");
                i += pattern.startsWith("**", i) ? 2 : 1;
            } else {
                path.append(c);
                i++;
            }
        }
        return path.toString();
    }

    private String value(String name, String regex) {
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(pathValues.getOrDefault(name, "x-1"));
        candidates.addAll(List.of("2021", "5.8", "1", "x"));
        return candidates.stream().filter(v -> regex == null || v.matches(regex)).findFirst()
                .orElse(pathValues.getOrDefault(name, "x-1"));
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private Answer send(Caller caller, Request request) throws IOException, InterruptedException {
        return send(caller.token(), request);
    }

    private Answer send(String token, Request request) throws IOException, InterruptedException {
        String uri = "http://127.0.0.1:" + port + request.path() + (request.query() == null ? ""
                : "?" + request.query());
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(REQUEST_TIMEOUT);
        if (request.contentType() != null) {
            boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(request.contentType());
            body = HttpRequest.BodyPublishers.ofString(json ? "{}" : "");
            builder.header("Content-Type", request.contentType().toString());
        }
        builder.method(request.method().name(), body);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        request.headers().forEach(builder::header);
        HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            boolean stream = response.headers().firstValue("Content-Type").map(MediaType::parseMediaType)
                    .filter(MediaType.TEXT_EVENT_STREAM::isCompatibleWith).isPresent();
            // an event stream that was let in stays open: its status and headers are the answer. Its connection is
            // never free again (the server streams on, even to a HEAD the client took as complete): later requests
            // go on new connections, of a new client
            if (stream) {
                http = client();
            }
            String text = stream ? "" : new String(in.readNBytes(BODY_LIMIT), StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), response.headers(), text);
        }
    }

    @Override
    public String toString() {
        return "AccessTableReplay on port " + port + " of " + routes.size() + " routes";
    }

}
