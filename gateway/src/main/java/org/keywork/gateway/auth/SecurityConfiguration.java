package org.keywork.gateway.auth;

import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.spec.SecretKeySpec;

import reactor.core.publisher.Mono;

import org.keywork.access.AccessRules;
import org.keywork.access.MetricsToken;
import org.keywork.access.Role;
import org.keywork.access.TokenRules;
import org.keywork.access.TokenRulesValidator;
import org.keywork.gateway.Problem;
import org.keywork.gateway.ProblemWriter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.StringUtils;

/**
 * The gateway as an OAuth2 resource server: every request may carry a bearer JWT, which is verified (signature,
 * issuer, expiry) before {@link AccessRules} decide. Stateless: no session, no cookies, so no CSRF to defend
 * against. Failures answer in Keywork's problem+json ({@link AuthProblems}).
 * <p>
 * With {@code keywork.metrics.token} set, Prometheus also reads {@code /actuator/prometheus} with that token
 * ({@link #metricsScrapeFilterChain}).
 * <p>
 * Local mode verifies HS256 tokens signed with {@code keywork.auth.secret} by {@link TokenService}; with
 * {@code keywork.auth.issuer-uri} set, tokens of that OIDC issuer are verified against its published keys.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	/**
	 * The dashboard loads its script, styles and ECharts from the gateway itself and talks only to it; the style
	 * attributes its views write (bar widths, colours) need {@code 'unsafe-inline'} for styles, never for scripts.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; "
			+ "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

	/** Nothing of the browser's hardware or payment features is used. */
	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
			+ "serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), interest-cohort=()";

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			AuthProperties properties, AuthProblems problems) {
		return stateless(http).authorizeExchange(exchanges -> exchanges.anyExchange().access(accessManager()))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.oauth2ResourceServer(server -> server.bearerTokenConverter(new BearerTokens())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.jwt(jwt -> jwt.jwtDecoder(jwtDecoder).jwtAuthenticationConverter(rolesConverter(properties))))
			.build();
	}

	/**
	 * Prometheus' scrape with the dedicated token ({@link MetricsToken}, {@code keywork.metrics.token}), judged before
	 * the chain above and its JWT decoder, which would refuse the opaque token: this chain takes only a
	 * {@code GET}/{@code HEAD} of {@code /actuator/prometheus} whose {@code Authorization} is exactly
	 * {@code Bearer <token>}, and lets it through with no identity (no user, no role). The token on any other
	 * request, or any other token here, goes on to the chain above and is refused there as any invalid token (401).
	 * Without the property there is no such chain. A token shorter than 32 bytes stops start-up.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@Conditional(MetricsTokenSet.class)
	SecurityWebFilterChain metricsScrapeFilterChain(ServerHttpSecurity http,
			@Value("${" + MetricsToken.PROPERTY + "}") String configured) {
		MetricsToken token = MetricsToken.of(configured).orElseThrow();
		return stateless(http).securityMatcher(exchange -> {
			ServerHttpRequest request = exchange.getRequest();
			return token.admits(request.getMethod().name(), request.getPath().pathWithinApplication().value(),
					request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION))
							? ServerWebExchangeMatcher.MatchResult.match()
							: ServerWebExchangeMatcher.MatchResult.notMatch();
		}).authorizeExchange(exchanges -> exchanges.anyExchange().permitAll()).build();
	}

	/** {@code keywork.metrics.token} is set (not blank). */
	static final class MetricsTokenSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return StringUtils.hasText(context.getEnvironment().getProperty(MetricsToken.PROPERTY));
		}

	}

	/**
	 * Both chains: stateless (no session, no cookies, so no CSRF), no login pages, no anonymous identity, and the edge
	 * headers on every answer; no blanket Cache-Control: the services decide for their answers, and the dashboard's
	 * files may be cached.
	 */
	private static ServerHttpSecurity stateless(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.headers(headers -> headers.cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
				.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.permissionsPolicy(permissions -> permissions.policy(PERMISSIONS_POLICY)));
	}

	/**
	 * Spring Security's firewall refuses suspicious requests (encoded {@code /}, {@code %}, {@code ;}, {@code .},
	 * {@code \\}, path traversal) before anything else sees them: answer those in problem+json too, not an empty 400.
	 */
	@Bean
	static BeanPostProcessor firewallRejectionsAsProblems() {
		ProblemWriter problems = new ProblemWriter();
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof WebFilterChainProxy proxy) {
					proxy.setExchangeRejectedHandler((exchange, rejected) -> problems.write(exchange,
							Problem.of("bad-request", "请求无效", 400, "请求路径或请求头含有不允许的字符，已拒绝。",
									ProblemWriter.originalPath(exchange))));
				}
				return bean;
			}
		};
	}

	/**
	 * No Micrometer observation around each of the chain's filters, its authentication and its authorization: with
	 * an ObservationRegistry present (the actuator's) Spring Security would otherwise time every filter of every
	 * request; requests are timed once, as {@code http.server.requests}.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	AuthProblems authProblems(ProblemWriter problems) {
		return new AuthProblems(problems);
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(AuthProperties properties) {
		if (properties.external()) {
			// keys fetched (and refreshed) from the issuer's JWKS on first use, not at start-up
			NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withIssuerLocation(properties.issuerUri())
				.build();
			decoder.setJwtValidator(
					new TokenRulesValidator(properties.issuerUri(), null, null, Clock.systemUTC()));
			return decoder;
		}
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
			.withSecretKey(new SecretKeySpec(properties.secretBytes(), "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		decoder.setJwtValidator(
				new TokenRulesValidator(properties.issuer(), TokenRules.AUDIENCE, null, Clock.systemUTC()));
		return decoder;
	}

	@Bean
	TokenService tokenService(AuthProperties properties) {
		return new TokenService(properties, Clock.systemUTC());
	}

	@Bean
	SignInGuard signInGuard(SignInProperties properties) {
		return new SignInGuard(properties, Clock.systemUTC());
	}

	/** Grants each verified token the roles its roles claim names; names the gateway does not know are dropped. */
	static Converter<Jwt, Mono<AbstractAuthenticationToken>> rolesConverter(AuthProperties properties) {
		String[] path = properties.rolesClaim().split("\\.");
		return jwt -> {
			Object value = jwt.getClaims();
			for (String step : path) {
				value = (value instanceof Map<?, ?> map) ? map.get(step) : null;
			}
			List<GrantedAuthority> authorities = Role.inClaim(value)
				.stream()
				.map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
				.toList();
			return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
		};
	}

	/** Roles of a verified caller; {@code null} when the request carries no (valid) token. */
	static Set<Role> roles(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return null;
		}
		return authentication.getAuthorities()
			.stream()
			.map(authority -> Role.ofAuthority(authority.getAuthority()))
			.flatMap(Optional::stream)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
	}

	private static ReactiveAuthorizationManager<AuthorizationContext> accessManager() {
		return (authentication, context) -> authentication.map(caller -> Optional.ofNullable(roles(caller)))
			.defaultIfEmpty(Optional.empty())
			.map(roles -> new AuthorizationDecision(AccessRules.decide(context.getExchange().getRequest().getMethod(),
					context.getExchange().getRequest().getPath().pathWithinApplication().value(),
					roles.orElse(null)) == AccessRules.Decision.ALLOW));
	}

}
