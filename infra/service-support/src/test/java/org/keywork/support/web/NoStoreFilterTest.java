package org.keywork.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class NoStoreFilterTest {

    final NoStoreFilter filter = new NoStoreFilter();

    MockHttpServletResponse get(String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", path), response, new MockFilterChain());
        return response;
    }

    @Test
    void apiAnswersAreNeverStoredByABrowserOrAProxyButHealthIsLeftAlone() throws Exception {
        for (String path : new String[] {"/api/directory", "/api/notifications", "/api/alerts/a-1"}) {
            MockHttpServletResponse response = get(path);
            assertThat(response.getHeader("Cache-Control")).as(path).isEqualTo("no-store");
            assertThat(response.getHeader("Pragma")).as(path).isEqualTo("no-cache");
        }
        assertThat(get("/actuator/health").getHeader("Cache-Control")).isNull();
        assertThat(get("/v3/api-docs").getHeader("Cache-Control")).isNull();
    }
}
