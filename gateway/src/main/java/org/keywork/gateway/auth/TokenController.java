package org.keywork.gateway.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.keywork.gateway.ClientKeyResolver;
import org.keywork.gateway.Problem;
import org.keywork.gateway.ProblemWriter;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code POST /api/auth/token} {@code {"username","password"}}: the local stack's login. Answers
 * {@code {"accessToken","tokenType":"Bearer","expiresIn"}}; a wrong user and a wrong password get the same 401 (no
 * user enumeration); a missing field gets 400 naming it. Repeated failures for one name or from one address lock
 * further tries for a growing while ({@link SignInGuard}: 429 with {@code Retry-After}, the same for unknown users);
 * every sign-in and failure is logged with the name and the address. With an external issuer configured the
 * endpoint does not exist (404).
 */
@RestController
class TokenController {

	private static final Log logger = LogFactory.getLog(TokenController.class);

	private static final int MAX_FIELD = 256;

	private final AuthProperties properties;

	private final TokenService tokens;

	private final ProblemWriter problems;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final SignInGuard guard;

	private final ClientKeyResolver clients;

	TokenController(AuthProperties properties, TokenService tokens, ProblemWriter problems, SignInGuard guard,
			ClientKeyResolver clients) {
		this.properties = properties;
		this.tokens = tokens;
		this.problems = problems;
		this.guard = guard;
		this.clients = clients;
	}

	@PostMapping("/api/auth/token")
	Mono<ResponseEntity<?>> token(@RequestBody(required = false) Mono<byte[]> body, ServerWebExchange exchange) {
		String instance = ProblemWriter.originalPath(exchange);
		if (this.properties.external()) {
			return Mono.just(problem(Problem.notFound(instance)));
		}
		return body.defaultIfEmpty(new byte[0]).flatMap(bytes -> {
			List<Problem.FieldError> errors = new ArrayList<>();
			JsonNode json = parse(bytes, errors);
			String username = (json != null) ? field(json, "username", errors) : null;
			String password = (json != null) ? field(json, "password", errors) : null;
			if (!errors.isEmpty()) {
				return Mono.just(problem(
						Problem.of("invalid-request", "请求无效", 400, "登录请求不完整或格式不正确。", instance).withErrors(errors)));
			}
			String address = this.clients.resolve(exchange);
			Optional<Duration> locked = this.guard.lockedFor(username, address);
			if (locked.isPresent()) {
				long seconds = Math.max(1, (locked.get().toMillis() + 999) / 1000);
				logger.warn("Refused a sign-in as '" + username + "' from " + address + ": locked for " + seconds
						+ " s after repeated failures");
				return Mono.just(tooManyAttempts(instance, seconds));
			}
			// BCrypt is deliberately slow: keep it off the event loop.
			return Mono.fromCallable(() -> this.tokens.authenticate(username, password))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap(user -> {
					if (user.isEmpty()) {
						int failures = this.guard.failed(username, address);
						logger.warn("Failed sign-in as '" + username + "' from " + address + " (" + failures
								+ " in a row): unknown user or wrong password");
						return Mono.just(problem(
								Problem.of("invalid-credentials", "登录失败", 401, "用户名或密码不正确。", instance)));
					}
					this.guard.succeeded(username);
					logger.info("Signed in '" + user.get().username() + "' from " + address);
					TokenService.IssuedToken token = this.tokens.issue(user.get());
					return Mono.<ResponseEntity<?>>just(ResponseEntity.ok()
						.contentType(MediaType.APPLICATION_JSON)
						.header(HttpHeaders.CACHE_CONTROL, "no-store")
						.body(token));
				});
		});
	}

	/** 429: the same for any name, existing or not, so that it tells nothing about who exists. */
	private ResponseEntity<?> tooManyAttempts(String instance, long seconds) {
		Problem problem = Problem.of("too-many-sign-in-attempts", "登录尝试过多", 429,
				"登录失败次数过多，请 " + seconds + " 秒后再试；如忘记密码，请联系系统管理员。", instance)
			.withErrors(List.of(new Problem.FieldError("username", "locked",
					"该账号或本机的登录已暂时锁定 " + seconds + " 秒")));
		return ResponseEntity.status(429)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(this.problems.toJson(problem));
	}

	private ResponseEntity<?> problem(Problem problem) {
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(problem.status())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.header(HttpHeaders.CACHE_CONTROL, "no-store");
		if (problem.status() == 401) {
			answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		return answer.body(this.problems.toJson(problem));
	}

	private JsonNode parse(byte[] bytes, List<Problem.FieldError> errors) {
		if (bytes.length == 0) {
			errors.add(new Problem.FieldError("body", "missing", "请求体必须是包含 username 和 password 的 JSON 对象"));
			return null;
		}
		try {
			JsonNode json = this.mapper.readTree(bytes);
			if (json != null && json.isObject()) {
				return json;
			}
		}
		catch (JacksonException ex) {
			// reported below
		}
		errors.add(new Problem.FieldError("body", "invalid-json", "请求体必须是包含 username 和 password 的 JSON 对象"));
		return null;
	}

	private static String field(JsonNode json, String name, List<Problem.FieldError> errors) {
		JsonNode value = json.get(name);
		if (value == null || value.isNull() || (value.isString() && value.asString().isBlank())) {
			errors.add(new Problem.FieldError(name, "required", "必填"));
			return null;
		}
		if (!value.isString()) {
			errors.add(new Problem.FieldError(name, "invalid-type", "应为字符串"));
			return null;
		}
		if (value.asString().length() > MAX_FIELD) {
			errors.add(new Problem.FieldError(name, "too-long", "最长 " + MAX_FIELD + " 个字符"));
			return null;
		}
		return value.asString();
	}

}
