package org.keywork.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A write's answer leaves whole, with its length; a read's is streamed as the controller writes it. */
class WholeResponseFilterTest {

    private final WholeResponseFilter filter = new WholeResponseFilter();

    @Test
    void aWritesAnswerIsHeldUntilCompleteAndCarriesItsLength() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean committedWhileWriting = new AtomicBoolean(true);
        FilterChain controller = (req, res) -> {
            res.setContentType("application/json");
            res.getOutputStream().write("{\"reportId\":\"r-1\"}".getBytes(StandardCharsets.UTF_8));
            res.getOutputStream().flush(); // what the JSON writer does: with chunked encoding this would commit
            committedWhileWriting.set(response.isCommitted());
        };

        filter.doFilter(new MockHttpServletRequest("POST", "/api/progress"), response, controller);

        assertThat(committedWhileWriting).isFalse();
        assertThat(response.getContentAsString()).isEqualTo("{\"reportId\":\"r-1\"}");
        assertThat(response.getContentLength()).isEqualTo(18);
        assertThat(response.getContentType()).isEqualTo("application/json");
    }

    @Test
    void aReadIsStreamedAsWritten() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicBoolean committedWhileWriting = new AtomicBoolean(false);
        FilterChain controller = (req, res) -> {
            res.getOutputStream().write("data: 1\n\n".getBytes(StandardCharsets.UTF_8));
            res.getOutputStream().flush();
            committedWhileWriting.set(response.isCommitted());
        };

        filter.doFilter(new MockHttpServletRequest("GET", "/api/alerts/stream"), response, controller);

        assertThat(committedWhileWriting).isTrue();
        assertThat(response.getContentAsString()).isEqualTo("data: 1\n\n");
    }
}
