package org.keywork.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A saturated service answers 503 with Retry-After at once, and keeps its health endpoint answering. */
class LoadSheddingFilterTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void beyondTheRunningAndQueuedRequestsTheServiceShedsWithRetryAfterThenTakesWorkAgain() throws Exception {
        LoadSheddingFilter filter = new LoadSheddingFilter(1, 0, Duration.ofMillis(50), json, meters);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> {
            MockHttpServletResponse response = new MockHttpServletResponse();
            try {
                filter.doFilter(new MockHttpServletRequest("POST", "/api/progress"), response, (req, res) -> {
                    inside.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ((jakarta.servlet.http.HttpServletResponse) res).setStatus(202);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return response;
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse shed = new MockHttpServletResponse();
        boolean[] reached = {false};
        filter.doFilter(new MockHttpServletRequest("POST", "/api/progress"), shed, (req, res) -> reached[0] = true);
        assertThat(reached[0]).isFalse();
        assertThat(shed.getStatus()).isEqualTo(503);
        assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
        assertThat(shed.getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(shed.getContentAsByteArray());
        assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:service-busy");
        assertThat(problem.get("instance").asString()).isEqualTo("/api/progress");

        MockHttpServletResponse health = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/actuator/health"), health,
                (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(200));
        assertThat(health.getStatus()).isEqualTo(200);

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(202);
        MockHttpServletResponse after = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("POST", "/api/progress"), after,
                (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(202));
        assertThat(after.getStatus()).isEqualTo(202);
        assertThat(meters.counter("keywork.http.shed").count()).isEqualTo(1.0);
    }

    @Test
    void aRequestThatFindsAllSlotsTakenWaitsItsTurnInTheQueue() throws Exception {
        LoadSheddingFilter filter = new LoadSheddingFilter(1, 1, Duration.ofSeconds(5), json, meters);
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                filter.doFilter(new MockHttpServletRequest("GET", "/api/goals"), new MockHttpServletResponse(),
                        (req, res) -> {
                            inside.countDown();
                            try {
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        MockHttpServletResponse queued = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/api/goals"), queued,
                (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(200));
        assertThat(queued.getStatus()).isEqualTo(200);
        first.get(10, TimeUnit.SECONDS);
    }
}
