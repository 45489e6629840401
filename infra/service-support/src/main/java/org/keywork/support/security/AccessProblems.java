package org.keywork.support.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.keywork.access.AccessRules;
import org.keywork.access.Role;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answers of a service's access check, in problem+json like every other refusal: 401 without a valid relayed
 * identity (naming the {@code Authorization} header, {@code missing-token} or {@code invalid-token}), 403 naming what
 * the caller's roles may not do, 404 for a route the table does not list (deny by default), 400 for a request the
 * firewall refuses (encoded slashes, {@code ..}, {@code ;} in the path).
 */
final class AccessProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(AccessProblems.class);

    private final JsonMapper json;

    AccessProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
            throws IOException {
        String code;
        String detail;
        if (refused instanceof OAuth2AuthenticationException invalid) {
            String reason = invalid.getError().getDescription();
            log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), reason);
            code = "invalid-token";
            detail = "身份令牌无效或已过期：" + (reason == null ? invalid.getError().getErrorCode() : reason);
        } else {
            code = "missing-token";
            detail = "请求未携带身份令牌（Authorization: Bearer）；请经网关访问";
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"keywork\"");
        write(response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "需要登录", detail,
                List.of(new FieldProblem("Authorization", code, detail))));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        Set<Role> roles = AccessTable.roles(SecurityContextHolder.getContext().getAuthentication());
        if (roles == null) {
            commence(request, response, null);
            return;
        }
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        String path = AccessTable.path(request);
        AccessRules.Decision decision = AccessTable.decide(request, roles);
        log.info("Refused {} {} (roles {}): {}", method, path, roles, decision);
        if (decision != AccessRules.Decision.FORBIDDEN) {
            write(response, Problems.of(HttpStatus.NOT_FOUND, "not-found", "没有这个地址",
                    "没有可供当前账号使用的接口：" + method.name() + " " + path, List.of()));
            return;
        }
        String detail = AccessRules.refusal(roles, AccessRules.action(method, path));
        write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "无权访问", detail,
                List.of(new FieldProblem("role", "role-not-allowed", detail))));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.info("Rejected {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.getMessage());
        write(response, Problems.of(HttpStatus.BAD_REQUEST, "bad-request", "请求无效",
                "请求路径或请求头含有不允许的字符，已拒绝。", List.of()));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
