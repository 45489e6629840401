package org.keywork.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The answer to a write ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) leaves in one piece, with its
 * {@code Content-Length}, once it is complete, instead of being streamed in chunks as the JSON writer flushes. So an
 * instance that dies while answering either sent the whole answer or nothing the gateway has passed on: the gateway
 * then sends the request to another instance (a report is idempotent by its {@code reportId}), and the client sees
 * one clean answer, never a response cut after its head. Write answers are small (a receipt, a problem, an updated
 * document); reads, streams and downloads ({@code GET}) are left as they are.
 */
public final class WholeResponseFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, whole);
        } finally {
            whole.copyBodyToResponse();
        }
    }
}
