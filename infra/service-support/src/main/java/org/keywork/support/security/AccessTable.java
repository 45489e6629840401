package org.keywork.support.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.keywork.access.AccessRules;
import org.keywork.access.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The role x route table ({@link AccessRules}) as Spring Security's authorization of a service's requests: only a
 * verified identity whose roles the table opens the route to passes; without one nothing does (fail closed).
 */
final class AccessTable implements AuthorizationManager<RequestAuthorizationContext> {

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        Set<Role> roles = roles(authentication.get());
        if (roles == null) {
            return new AuthorizationDecision(false);
        }
        HttpServletRequest request = context.getRequest();
        return new AuthorizationDecision(decide(request, roles) == AccessRules.Decision.ALLOW);
    }

    static AccessRules.Decision decide(HttpServletRequest request, Set<Role> roles) {
        return AccessRules.decide(HttpMethod.valueOf(request.getMethod()), path(request), roles);
    }

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The roles of a verified identity; null for anyone else (anonymous). */
    static Set<Role> roles(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken) || !authentication.isAuthenticated()) {
            return null;
        }
        return authentication.getAuthorities().stream()
                .map(authority -> Role.ofAuthority(authority.getAuthority()))
                .flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }
}
