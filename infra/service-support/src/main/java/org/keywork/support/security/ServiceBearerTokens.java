package org.keywork.support.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The token of a request: the {@code Authorization: Bearer} header, and for an event stream ({@code GET .../stream})
 * also the {@code access_token} query parameter (RFC 6750 §2.3), because a browser's {@code EventSource} cannot send
 * headers. Everywhere else a token in the URL is ignored: URLs end up in logs and histories.
 */
final class ServiceBearerTokens implements BearerTokenResolver {

    private final DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();

    private final DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();

    ServiceBearerTokens() {
        headerOrQuery.setAllowUriQueryParameter(true);
    }

    @Override
    public String resolve(HttpServletRequest request) {
        boolean stream = "GET".equals(request.getMethod()) && request.getRequestURI().endsWith("/stream");
        return (stream ? headerOrQuery : headerOnly).resolve(request);
    }
}
