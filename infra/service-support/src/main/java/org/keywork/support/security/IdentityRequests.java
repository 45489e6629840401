package org.keywork.support.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.keywork.access.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last step of a service's security chain, once a request passed the access check: it carries its
 * {@link KeyworkIdentity} as a request attribute, and the identity headers ({@code X-Keywork-User}, {@code -Roles},
 * {@code -Department}, {@code -Position}, {@code -Person}) are those of the verified token alone; whatever a caller
 * sends in them himself is never seen by the controllers.
 */
final class IdentityRequests extends OncePerRequestFilter {

    static final String USER_HEADER = "X-Keywork-User";
    static final String ROLES_HEADER = "X-Keywork-Roles";
    static final String DEPARTMENT_HEADER = "X-Keywork-Department";
    static final String POSITION_HEADER = "X-Keywork-Position";
    static final String PERSON_HEADER = "X-Keywork-Person";
    private static final Set<String> IDENTITY_HEADERS = Stream.of(USER_HEADER, ROLES_HEADER, DEPARTMENT_HEADER,
            POSITION_HEADER, PERSON_HEADER).map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (!(caller instanceof JwtAuthenticationToken verified)) {
            // an open route (health, the API document) without a token: no identity, and none claimed either
            chain.doFilter(new IdentifiedRequest(request, null), response);
            return;
        }
        KeyworkIdentity identity = identity(verified.getToken());
        request.setAttribute(KeyworkIdentity.ATTRIBUTE, identity);
        chain.doFilter(new IdentifiedRequest(request, identity), response);
    }

    static KeyworkIdentity identity(Jwt token) {
        List<String> roles = Role.inClaim(token.getClaims().get("roles")).stream().map(Role::name).toList();
        return new KeyworkIdentity(token.getSubject(), token.getClaimAsString("name"), roles,
                token.getClaimAsString("department"), token.getClaimAsString("position"),
                token.getClaimAsString("personId"));
    }

    /** The request with its identity headers taken from the verified token, and only from there. */
    private static final class IdentifiedRequest extends HttpServletRequestWrapper {

        private final Map<String, String> identityHeaders = new LinkedHashMap<>();

        IdentifiedRequest(HttpServletRequest request, KeyworkIdentity identity) {
            super(request);
            if (identity != null) {
                put(USER_HEADER, identity.user());
                put(ROLES_HEADER, identity.roles().isEmpty() ? null : String.join(",", identity.roles()));
                put(DEPARTMENT_HEADER, identity.department());
                put(POSITION_HEADER, identity.position());
                put(PERSON_HEADER, identity.personId());
            }
        }

        private void put(String name, String value) {
            if (value != null && !value.isBlank()) {
                identityHeaders.put(name.toLowerCase(Locale.ROOT), value);
            }
        }

        @Override
        public String getHeader(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            return IDENTITY_HEADERS.contains(key) ? identityHeaders.get(key) : super.getHeader(name);
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
            List<String> names = new ArrayList<>();
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
