package org.keywork.support.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keywork.access.AccessRules;
import org.keywork.access.Role;
import org.keywork.access.TokenRules;
import org.keywork.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service trusts only requests that carry a verified identity: an {@code Authorization: Bearer} JWT signed (HS256)
 * with the secret the gateway signs with, meeting {@link TokenRules} (exp, nbf, iat, iss, sub, aud), the same rules
 * as at the gateway. Anything else gets 401
 * problem+json, so calling a service port directly, around the gateway, without a token is refused. A verified
 * identity then passes the same role x route table as at the gateway ({@link AccessRules}): 403 for a role the
 * route is not open to, 404 for a route the table does not list. Health ({@code /actuator/health/**}) stays open
 * for probes and the launcher, its details only for an admin's token; the rest of the actuator (metrics,
 * Prometheus) is an admin's, as at the gateway. The OpenAPI document ({@code /v3/api-docs}) stays open for the
 * gateway's Swagger UI.
 *
 * <p>A request that passes carries its {@link KeyworkIdentity} as a request attribute, and the identity headers
 * ({@code X-Keywork-User}, {@code -Roles}, {@code -Department}, {@code -Position}, {@code -Person}) are replaced by the
 * token's claims: whatever a caller sends in them itself is never seen by the controllers.
 *
 * <p>Expiry is judged on real time, never on the business clock (which a demo may set to 2021).
 */
public final class IdentityFilter extends OncePerRequestFilter {

    public static final String USER_HEADER = "X-Keywork-User";
    public static final String ROLES_HEADER = "X-Keywork-Roles";
    public static final String DEPARTMENT_HEADER = "X-Keywork-Department";
    public static final String POSITION_HEADER = "X-Keywork-Position";
    public static final String PERSON_HEADER = "X-Keywork-Person";
    private static final Set<String> IDENTITY_HEADERS = Set.of(USER_HEADER, ROLES_HEADER, DEPARTMENT_HEADER,
            POSITION_HEADER, PERSON_HEADER).stream().map(h -> h.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static final Logger log = LoggerFactory.getLogger(IdentityFilter.class);

    private final MACVerifier verifier;
    private final String issuer;
    private final JsonMapper json;
    private final Clock realTime;

    public IdentityFilter(String secret, String issuer, JsonMapper json, Clock realTime) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalArgumentException("keywork.auth.secret must be at least 32 bytes (HS256)");
        }
        try {
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("keywork.auth.secret is not a usable HS256 key", e);
        }
        this.issuer = issuer == null || issuer.isBlank() ? null : issuer;
        this.json = json;
        this.realTime = realTime;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return path.equals("/error") || path.equals("/v3/api-docs") || path.startsWith("/v3/api-docs/");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Health stays open to probes; a caller who shows a valid token is known there (an admin sees the details). */
    private static boolean health(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        String token = bearer(request);
        if (health(path)) {
            KeyworkIdentity identity = null;
            if (token != null) {
                try {
                    identity = verify(token);
                } catch (InvalidTokenException e) {
                    log.debug("Health asked with an invalid token: {}", e.getMessage());
                }
            }
            chain.doFilter(identity == null ? request : new IdentifiedRequest(request, identity), response);
            return;
        }
        if (token == null) {
            refuse(response, "missing-token", "请求未携带身份令牌（Authorization: Bearer）；请经网关访问");
            return;
        }
        KeyworkIdentity identity;
        try {
            identity = verify(token);
        } catch (InvalidTokenException e) {
            log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            refuse(response, "invalid-token", "身份令牌无效或已过期：" + e.getMessage());
            return;
        }
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        Set<Role> roles = Role.allNamed(identity.roles());
        AccessRules.Decision decision = AccessRules.decide(method, path, roles);
        if (decision != AccessRules.Decision.ALLOW) {
            log.info("Refused {} {} to {} (roles {}): {}", method, path, identity.user(), identity.roles(), decision);
            deny(response, decision, method, path, roles);
            return;
        }
        request.setAttribute(KeyworkIdentity.ATTRIBUTE, identity);
        chain.doFilter(new IdentifiedRequest(request, identity), response);
    }

    /**
     * The same table as the gateway's ({@link AccessRules}): a valid token of one role opens nothing more on a
     * service's own port than through the gateway. 403 naming what the roles may not do; 404 for a path no rule
     * covers (deny by default).
     */
    private void deny(HttpServletResponse response, AccessRules.Decision decision, HttpMethod method, String path,
            Set<Role> roles) throws IOException {
        ProblemDetail problem;
        if (decision == AccessRules.Decision.FORBIDDEN) {
            String detail = AccessRules.refusal(roles, AccessRules.action(method, path));
            problem = Problems.of(HttpStatus.FORBIDDEN, "forbidden", "无权访问", detail,
                    List.of(new org.keywork.support.web.FieldProblem("role", "role-not-allowed", detail)));
        } else {
            problem = Problems.of(HttpStatus.NOT_FOUND, "not-found", "没有这个地址",
                    "没有可供当前账号使用的接口：" + method.name() + " " + path, List.of());
        }
        write(response, problem);
    }

    /** The token of the request: the Authorization header, or {@code access_token} on an event stream. */
    private static String bearer(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        // browsers cannot set headers on an EventSource: a stream may carry its token as a parameter
        if ("GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/stream")) {
            String parameter = request.getParameter("access_token");
            return parameter == null || parameter.isBlank() ? null : parameter.strip();
        }
        return null;
    }

    KeyworkIdentity verify(String token) throws InvalidTokenException {
        JWTClaimsSet claims;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                throw new InvalidTokenException("algorithm " + jwt.getHeader().getAlgorithm() + " is not accepted");
            }
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("signature does not match");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("not a signed JWT");
        } catch (JOSEException e) {
            throw new InvalidTokenException("signature cannot be checked");
        }
        Instant now = realTime.instant();
        List<String> problems = TokenRules.problems(new TokenRules.Claims(claims.getIssuer(), claims.getSubject(),
                claims.getAudience(), instant(claims.getIssueTime()), instant(claims.getNotBeforeTime()),
                instant(claims.getExpirationTime())), issuer, TokenRules.AUDIENCE, now);
        if (!problems.isEmpty()) {
            throw new InvalidTokenException(String.join("; ", problems));
        }
        try {
            List<String> roles = claims.getStringListClaim("roles");
            return new KeyworkIdentity(claims.getSubject(), claims.getStringClaim("name"), roles,
                    claims.getStringClaim("department"), claims.getStringClaim("position"),
                    claims.getStringClaim("personId"));
        } catch (ParseException e) {
            throw new InvalidTokenException("claims of the wrong type");
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private void refuse(HttpServletResponse response, String code, String detail) throws IOException {
        ProblemDetail problem = Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "需要登录", detail,
                List.of(new org.keywork.support.web.FieldProblem("Authorization", code, detail)));
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keywork\"");
        write(response, problem);
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(problem));
    }

    static final class InvalidTokenException extends Exception {
        InvalidTokenException(String message) {
            super(message);
        }
    }

    /** The request with its identity headers taken from the verified token, and only from there. */
    private static final class IdentifiedRequest extends HttpServletRequestWrapper {

        private final Map<String, String> identityHeaders = new LinkedHashMap<>();

        private final KeyworkIdentity identity;

        IdentifiedRequest(HttpServletRequest request, KeyworkIdentity identity) {
            super(request);
            this.identity = identity;
            put(USER_HEADER, identity.user());
            put(ROLES_HEADER, identity.roles().isEmpty() ? null : String.join(",", identity.roles()));
            put(DEPARTMENT_HEADER, identity.department());
            put(POSITION_HEADER, identity.position());
            put(PERSON_HEADER, identity.personId());
        }

        @Override
        public java.security.Principal getUserPrincipal() {
            return identity::user;
        }

        @Override
        public String getRemoteUser() {
            return identity.user();
        }

        /** Spring Boot's actuator asks this to show an admin the health details. */
        @Override
        public boolean isUserInRole(String role) {
            return identity.roles().contains(role);
        }

        private void put(String name, String value) {
            if (value != null && !value.isBlank()) {
                identityHeaders.put(name.toLowerCase(Locale.ROOT), value);
            }
        }

        @Override
        public String getHeader(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            if (IDENTITY_HEADERS.contains(key)) {
                return identityHeaders.get(key);
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            if (IDENTITY_HEADERS.contains(key)) {
                String value = identityHeaders.get(key);
                return Collections.enumeration(value == null ? List.of() : List.of(value));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new java.util.ArrayList<>();
            for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements();) {
                String name = e.nextElement();
                if (!IDENTITY_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    names.add(name);
                }
            }
            names.addAll(identityHeaders.keySet());
            return Collections.enumeration(names);
        }
    }
}
