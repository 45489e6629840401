package org.keywork.support.security;

import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.crypto.spec.SecretKeySpec;
import org.keywork.access.MetricsToken;
import org.keywork.access.Role;
import org.keywork.access.SigningSecret;
import org.keywork.access.TokenRules;
import org.keywork.access.TokenRulesValidator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call a service on its own port, by Spring Security's resource server, as at the gateway.
 * <ul>
 * <li>Only the identities the gateway relays are accepted: an HS256 JWT signed with the shared secret, meeting
 * {@link TokenRules} (exp, nbf, iat, iss, sub) with the audience {@link TokenRules#SERVICE_AUDIENCE} and valid for at
 * most {@link TokenRules#SERVICE_MAX_LIFETIME}. A user's own token (audience {@code keywork}, valid for hours) is
 * refused here: it works through the gateway only. No token, or any other, is 401 problem+json.</li>
 * <li>A verified identity then passes the same role x route table as at the gateway ({@link AccessTable}): deny by
 * default, 403 for a role the route is not open to, 404 for a route the table does not list.</li>
 * <li>Health ({@code /actuator/health/**}) stays open for probes, its details only for an admin's token; the rest of
 * the actuator is an admin's, as the table says; with {@code keywork.metrics.token} set, Prometheus also reads
 * {@code /actuator/prometheus} with that token ({@link #keyworkMetricsScrape}). The OpenAPI document
 * ({@code /v3/api-docs}) stays open for the gateway's Swagger UI.</li>
 * <li>The controllers read who is calling from {@link KeyworkIdentity} (or the {@code X-Keywork-*} headers derived
 * from it): whatever a caller sends in those headers himself is never seen ({@link IdentityRequests}).</li>
 * </ul>
 * {@code keywork.auth.required=false} (a service's own tests) lets every request through with the identity headers
 * as sent. Expiry is judged on real time, never on the business clock (which a demo may set to 2021).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet."
                + "OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
public class ServiceSecurityAutoConfiguration {

    /**
     * Health for probes, the OpenAPI document for the gateway's Swagger UI: read (GET, HEAD) without a token. The
     * error page is not among them: its own dispatch passes, a request for {@code /error} is judged as any other.
     */
    private static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/v3/api-docs",
        "/v3/api-docs/**"};

    /** The relayed identities of the gateway, checked by {@link TokenRules} on real time. */
    @Bean
    JwtDecoder keyworkJwtDecoder(@Value("${keywork.auth.secret}") String secret,
            @Value("${keywork.auth.issuer:}") String issuer) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalArgumentException("keywork.auth.secret must be at least 32 bytes (HS256)");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(key, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new TokenRulesValidator(issuer.isBlank() ? null : issuer,
                TokenRules.SERVICE_AUDIENCE, TokenRules.SERVICE_MAX_LIFETIME, Clock.systemUTC()));
        return decoder;
    }

    /**
     * No Micrometer observation around each of the chain's filters, its authentication and its authorization: with
     * an ObservationRegistry present (the actuator's) Spring Security would otherwise time every filter of every
     * request, a cost that showed in the report throughput; requests are timed once, as {@code http.server.requests}.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The refusals in problem+json; also the one {@code RequestRejectedHandler} Spring Security looks up, so that
     * what its firewall refuses (encoded slashes, {@code ..}, {@code ;}) is a problem too.
     */
    @Bean
    AccessProblems accessProblems(JsonMapper json) {
        return new AccessProblems(json);
    }

    @Bean
    @ConditionalOnProperty(name = "keywork.auth.required", havingValue = "true", matchIfMissing = true)
    SecurityFilterChain keyworkServiceSecurity(HttpSecurity http, JwtDecoder decoder, AccessProblems problems,
            @Value("${keywork.auth.secret}") String secret,
            @Value("${" + SigningSecret.ALLOW_PUBLIC_PROPERTY + ":false}") boolean allowPublicSecret)
            throws Exception {
        SigningSecret.check(secret, allowPublicSecret);
        stateless(http);
        http.authorizeHttpRequests(requests -> requests
                        // an SSE stream's completion and the error page are dispatches of a request already judged
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, OPEN).permitAll()
                        .requestMatchers(HttpMethod.HEAD, OPEN).permitAll()
                        .anyRequest().access(new AccessTable()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .oauth2ResourceServer(server -> server.bearerTokenResolver(new ServiceBearerTokens())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(token -> new JwtAuthenticationToken(
                                token, Role.inClaim(token.getClaims().get("roles")).stream()
                                        .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                                        .toList(), token.getSubject()))))
                .addFilterAfter(new IdentityRequests(), AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Prometheus' scrape with the dedicated token ({@link MetricsToken}, {@code keywork.metrics.token}), judged before
     * the relayed identities' chain and its JWT decoder, which would refuse the opaque token: this chain takes only a
     * {@code GET}/{@code HEAD} of {@code /actuator/prometheus} whose {@code Authorization} is exactly
     * {@code Bearer <token>}, and lets it through with no identity (no user, no role, identity headers dropped). The
     * token on any other request, or any other token here, goes on to the chain above and is refused there as any
     * invalid token (401). Without the property there is no such chain. A token shorter than 32 bytes stops start-up.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @Conditional(MetricsTokenSet.class)
    SecurityFilterChain keyworkMetricsScrape(HttpSecurity http,
            @Value("${" + MetricsToken.PROPERTY + "}") String configured) throws Exception {
        MetricsToken token = MetricsToken.of(configured).orElseThrow();
        stateless(http);
        http.securityMatcher(request -> token.admits(request.getMethod(), AccessTable.path(request),
                        request.getHeader(HttpHeaders.AUTHORIZATION)))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .addFilterAfter(new IdentityRequests(), AuthorizationFilter.class);
        return http.build();
    }

    /** {@code keywork.metrics.token} is set (not blank). */
    static final class MetricsTokenSet implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(MetricsToken.PROPERTY));
        }
    }

    /** Checks off (a service's own tests): every request passes, with the identity headers it carries. */
    @Bean
    @ConditionalOnProperty(name = "keywork.auth.required", havingValue = "false")
    SecurityFilterChain keyworkServiceOpen(HttpSecurity http) throws Exception {
        stateless(http);
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return http.build();
    }

    /** No sessions, no cookies, no CSRF (bearer tokens only), no login pages; Cache-Control is the services' own. */
    private static void stateless(HttpSecurity http) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .headers(headers -> headers.cacheControl(cache -> cache.disable()));
    }
}
