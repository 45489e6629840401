package org.keywork.support.web;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A saturated service says so itself, instead of letting work pile up until every caller times out: at most
 * {@code maxConcurrent} requests run at once, at most {@code maxQueued} more wait up to {@code maxWait} for a turn,
 * and anything beyond gets 503 problem+json with {@code Retry-After} at once. The gateway passes that answer through
 * (it is the service's choice, not a failure), so a client backs off and retries; the service stays healthy.
 *
 * <p>Health and metrics endpoints, and long-lived event streams, are never limited: a busy service must still say that
 * it is alive.
 */
public class LoadSheddingFilter extends OncePerRequestFilter {

    public static final String BUSY = "service-busy";

    private final Semaphore running;
    private final AtomicInteger queued = new AtomicInteger();
    private final int maxQueued;
    private final long maxWaitNanos;
    private final JsonMapper json;
    private final MeterRegistry meters;

    public LoadSheddingFilter(int maxConcurrent, int maxQueued, Duration maxWait, JsonMapper json,
            MeterRegistry meters) {
        this.running = new Semaphore(maxConcurrent, true);
        this.maxQueued = maxQueued;
        this.maxWaitNanos = maxWait.toNanos();
        this.json = json;
        this.meters = meters;
        meters.gauge("keywork.http.queued", queued);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/actuator") || path.endsWith("/stream");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!admit()) {
            meters.counter("keywork.http.shed").increment();
            shed(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            running.release();
        }
    }

    private boolean admit() {
        if (running.tryAcquire()) {
            return true;
        }
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        try {
            return running.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            queued.decrementAndGet();
        }
    }

    private void shed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, BUSY, "服务繁忙",
                "当前请求过多，请稍后重试（1 秒后）", List.of());
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
