package org.keywork.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.Filter;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jackson.JacksonEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementContextAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsEndpointAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.actuate.web.ServletManagementContextAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus' scrape token on a service port ({@code keywork.metrics.token}, {@link ServiceSecurityAutoConfiguration}
 * with the real actuator behind it): it reads {@code /actuator/prometheus} and nothing else, carries no identity, and
 * without the property it is just an invalid token.
 */
class MetricsScrapeTokenTest {

    static final String SCRAPE_TOKEN = "prometheus-scrape-token-for-tests-0123456789";

    /** As Spring Boot configures the application's mapper: problem properties flattened. */
    static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
                    WebMvcAutoConfiguration.class, EndpointAutoConfiguration.class,
                    JacksonEndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class,
                    ManagementContextAutoConfiguration.class, ServletManagementContextAutoConfiguration.class,
                    MetricsAutoConfiguration.class, MetricsEndpointAutoConfiguration.class,
                    PrometheusMetricsExportAutoConfiguration.class, JvmMetricsAutoConfiguration.class,
                    ServiceSecurityAutoConfiguration.class))
            .withBean(JsonMapper.class, () -> JSON)
            .withPropertyValues("keywork.auth.secret=" + ServiceSecurityTest.SECRET,
                    "keywork.auth.issuer=keywork-gateway", "keywork.auth.allow-public-secret=true",
                    "management.endpoints.web.exposure.include=health,prometheus,metrics");

    static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }

    static MockHttpServletResponse perform(MockMvc mvc, RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    static String relayedAdmin() throws Exception {
        return "Bearer " + ServiceSecurityTest.signed(ServiceSecurityTest.SECRET, ServiceSecurityTest.admin().build());
    }

    /** 401 problem+json naming the Authorization header as an invalid token, as for any token the chain refuses. */
    static void assertRefusedAsAnInvalidToken(MockHttpServletResponse response, String what) throws Exception {
        assertThat(response.getStatus()).as(what).isEqualTo(401);
        assertThat(response.getContentType()).as(what).startsWith("application/problem+json");
        assertThat(response.getHeader("WWW-Authenticate")).as(what).startsWith("Bearer");
        JsonNode problem = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(problem.get("type").asString()).as(what).isEqualTo("urn:keywork:problem:unauthenticated");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
        assertThat(problem.get("errors").get(0).get("code").asString()).as(what).isEqualTo("invalid-token");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("# HELP");
    }

    @Test
    void theScrapeTokenReadsThePrometheusMetrics() {
        runner.withPropertyValues("keywork.metrics.token=" + SCRAPE_TOKEN).run(context -> {
            MockMvc mvc = mvc(context);
            MockHttpServletResponse scrape = perform(mvc, get("/actuator/prometheus")
                    .header("Authorization", "Bearer " + SCRAPE_TOKEN));
            assertThat(scrape.getStatus()).isEqualTo(200);
            assertThat(scrape.getContentType()).startsWith("text/plain");
            assertThat(scrape.getContentAsString(StandardCharsets.UTF_8)).contains("# HELP", "# TYPE");
            assertThat(perform(mvc, head("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN))
                    .getStatus()).isEqualTo(200);
            // an admin's relayed identity reads them as before
            MockHttpServletResponse asAdmin = perform(mvc, get("/actuator/prometheus")
                    .header("Authorization", relayedAdmin()));
            assertThat(asAdmin.getStatus()).isEqualTo(200);
            assertThat(asAdmin.getContentAsString(StandardCharsets.UTF_8)).contains("# HELP");
        });
    }

    @Test
    void aWrongTokenOrTheScrapeTokenAnywhereElseIsRefusedAsAnInvalidToken() {
        runner.withPropertyValues("keywork.metrics.token=" + SCRAPE_TOKEN).run(context -> {
            MockMvc mvc = mvc(context);
            assertRefusedAsAnInvalidToken(perform(mvc, get("/actuator/prometheus")
                    .header("Authorization", "Bearer " + SCRAPE_TOKEN.replace('0', '1'))), "a wrong token");
            assertRefusedAsAnInvalidToken(perform(mvc, get("/actuator/prometheus")
                    .header("Authorization", "Bearer " + SCRAPE_TOKEN + "x")), "the token and more");
            assertRefusedAsAnInvalidToken(perform(mvc, get("/actuator/metrics")
                    .header("Authorization", "Bearer " + SCRAPE_TOKEN)), "GET /actuator/metrics");
            assertRefusedAsAnInvalidToken(perform(mvc, get("/actuator/health")
                    .header("Authorization", "Bearer " + SCRAPE_TOKEN)), "GET /actuator/health");
            assertRefusedAsAnInvalidToken(perform(mvc, get("/api/goals")
                    .header("Authorization", "Bearer " + SCRAPE_TOKEN)), "GET /api/goals");
            assertRefusedAsAnInvalidToken(perform(mvc, post("/actuator/prometheus")
                    .header("Authorization", "Bearer " + SCRAPE_TOKEN)), "POST /actuator/prometheus");
            // no token at all: as before
            MockHttpServletResponse anonymous = perform(mvc, get("/actuator/prometheus"));
            assertThat(anonymous.getStatus()).isEqualTo(401);
            assertThat(JSON.readTree(anonymous.getContentAsString(StandardCharsets.UTF_8)).get("errors").get(0)
                    .get("code").asString()).isEqualTo("missing-token");
        });
    }

    @Test
    void theScrapeCarriesNoIdentityAndNoIdentityHeaders() {
        runner.withPropertyValues("keywork.metrics.token=" + SCRAPE_TOKEN).run(context -> {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
            request.addHeader("Authorization", "Bearer " + SCRAPE_TOKEN);
            request.addHeader("X-Keywork-User", "admin");
            request.addHeader("X-Keywork-Roles", "ADMIN");
            AtomicReference<HttpServletRequest> passed = new AtomicReference<>();
            context.getBean("springSecurityFilterChain", Filter.class).doFilter(request,
                    new MockHttpServletResponse(), new MockFilterChain() {
                        @Override
                        public void doFilter(ServletRequest req, ServletResponse res) {
                            passed.set((HttpServletRequest) req);
                        }
                    });
            assertThat(passed.get()).isNotNull();
            assertThat(passed.get().getUserPrincipal()).isNull();
            assertThat(passed.get().isUserInRole("ADMIN")).isFalse();
            assertThat(passed.get().getHeader("X-Keywork-User")).isNull();
            assertThat(passed.get().getHeader("X-Keywork-Roles")).isNull();
            assertThat(KeyworkIdentity.of(passed.get())).isEmpty();
        });
    }

    @Test
    void withoutThePropertyTheTokenIsJustAnInvalidToken() {
        for (List<String> unset : List.of(List.<String>of(), List.of("keywork.metrics.token="),
                List.of("keywork.metrics.token=  "))) {
            runner.withPropertyValues(unset.toArray(String[]::new)).run(context -> {
                assertThat(context).hasNotFailed();
                MockMvc mvc = mvc(context);
                assertRefusedAsAnInvalidToken(perform(mvc, get("/actuator/prometheus")
                        .header("Authorization", "Bearer " + SCRAPE_TOKEN)), "unset " + unset);
                assertThat(perform(mvc, get("/actuator/prometheus").header("Authorization", relayedAdmin()))
                        .getContentAsString(StandardCharsets.UTF_8)).contains("# HELP");
            });
        }
    }

    @Test
    void aTokenShorterThan32BytesStopsStartUpNamingTheVariable() {
        runner.withPropertyValues("keywork.metrics.token=too-short-0123456789").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("KEYWORK_METRICS_TOKEN")
                    .hasMessageContaining("at least 32 bytes");
        });
    }
}
