package org.keywork.gateway;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.keywork.testing.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what: every route for every kind of caller (anonymous, two departments, a leader, the supervision
 * office, an admin) against real downstream HTTP servers, with tokens from the gateway's own login. Allowed calls
 * reach their service with the caller's verified identity; denied ones answer problem+json and reach nothing.
 * Then the ways around it: spoofed identity headers, expired and forged tokens, other people's alerts.
 */
// every allowed request is followed to its service: the summary's shared answer is off (SharedAnswerTest covers it)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "keywork.gateway.rate-limit.enabled=false", "GATEWAY_SUMMARY_SHARED_FOR=0s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

	static final Downstream goals = Downstream.started("goal-service");

	static final Downstream projects = Downstream.started("project-service");

	static final Downstream progress = Downstream.started("progress-service");

	static final Downstream notifications = Downstream.started("notification-service");

	static final List<Downstream> ALL_SERVICES = List.of(goals, projects, progress, notifications);

	static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("GOAL_SERVICE_URL", goals::url);
		registry.add("PROJECT_SERVICE_URL", projects::url);
		registry.add("PROGRESS_SERVICE_URL", progress::url);
		registry.add("NOTIFICATION_SERVICE_URL", notifications::url);
	}

	/** The callers, with the local users of application.yml they sign in as. */
	enum Caller {

		ANONYMOUS(null, null, null, null),
		DEPARTMENT_A("dept-minzheng", "DEPARTMENT", "区民政局", null),
		DEPARTMENT_B("dept-fagaiwei", "DEPARTMENT", "区发展改革委", null),
		LEADER("leader-minzheng", "LEADER", null, "副区长（分管民政）"),
		SUPERVISOR("supervisor", "SUPERVISOR", "区政府督查室", null),
		ADMIN("admin", "ADMIN", null, null);

		final String username;

		final String role;

		final String department;

		final String position;

		Caller(String username, String role, String department, String position) {
			this.username = username;
			this.role = role;
			this.department = department;
			this.position = position;
		}

		String password() {
			return this.username + "-2021";
		}

	}

	enum Expected {

		ALLOW, UNAUTHORIZED_401, FORBIDDEN_403, NOT_FOUND_404

	}

	static final Set<Caller> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));

	static final Set<Caller> DEPARTMENTS = EnumSet.of(Caller.DEPARTMENT_A, Caller.DEPARTMENT_B);

	/** One request per route (method + path), the service it goes to, and who may make it. */
	record Route(String method, String uri, Downstream service, Set<Caller> allowed) {
	}

	static Route route(String method, String uri, Downstream service, Set<Caller> allowed) {
		return new Route(method, uri, service, allowed);
	}

	static Set<Caller> only(Caller first, Caller... more) {
		return EnumSet.of(first, more);
	}

	static Set<Caller> plus(Set<Caller> some, Caller... more) {
		EnumSet<Caller> all = EnumSet.copyOf(some);
		all.addAll(List.of(more));
		return all;
	}

	/** The table. {@code null} service: no route (deny by default: nothing there for anyone). */
	static final List<Route> ROUTES = List.of(
			// goal-service
			route("GET", "/api/goals?year=2021&section=5", goals, SIGNED_IN),
			route("GET", "/api/goals/5.8", goals, SIGNED_IN),
			route("GET", "/api/plans/2021", goals, SIGNED_IN),
			route("GET", "/api/dashboard/summary?year=2021", goals, SIGNED_IN),
			route("GET", "/api/evaluation/2021", goals, only(Caller.LEADER, Caller.SUPERVISOR, Caller.ADMIN)),
			route("POST", "/api/plans/import?dryRun=true", goals, only(Caller.ADMIN)),
			route("PUT", "/api/plans/2021/version", goals, only(Caller.ADMIN)),
			// plans under review, and the 任务分解表: the 督查室 and the admin
			route("GET", "/api/plans/drafts", goals, only(Caller.SUPERVISOR, Caller.ADMIN)),
			route("GET", "/api/plans/drafts/d-1", goals, only(Caller.SUPERVISOR, Caller.ADMIN)),
			route("POST", "/api/plans/drafts", goals, only(Caller.SUPERVISOR, Caller.ADMIN)),
			route("POST", "/api/plans/drafts/d-1/edits", goals, only(Caller.SUPERVISOR, Caller.ADMIN)),
			route("POST", "/api/plans/drafts/d-1/publish", goals, only(Caller.SUPERVISOR, Caller.ADMIN)),
			route("DELETE", "/api/plans/drafts/d-1", goals, only(Caller.SUPERVISOR, Caller.ADMIN)),
			route("GET", "/api/plans/2021/breakdown.xlsx", goals, SIGNED_IN),
			route("POST", "/api/plans/2021/breakdown", goals, only(Caller.SUPERVISOR, Caller.ADMIN)),
			route("GET", "/api/plans/organisation", goals, SIGNED_IN),
			route("PUT", "/api/goals/5.8/responsibility", goals, only(Caller.ADMIN)),
			route("PUT", "/api/goals/5.6/indicators/5.6%231/curve", goals, only(Caller.ADMIN)),
			route("GET", "/api/admin/clock", goals, only(Caller.ADMIN)),
			route("PUT", "/api/admin/clock", goals, only(Caller.ADMIN)),
			// project-service
			route("GET", "/api/projects?year=2021", projects, SIGNED_IN),
			route("GET", "/api/projects/9.26", projects, SIGNED_IN),
			route("PUT", "/api/projects/9.26/responsibility", projects, only(Caller.ADMIN)),
			route("PUT", "/api/projects/9.26/milestones/9.26%231/forecast", projects, only(Caller.ADMIN)),
			// progress-service
			route("GET", "/api/progress?itemId=5.8", progress, SIGNED_IN),
			route("GET", "/api/progress/r-1", progress, SIGNED_IN),
			route("GET", "/api/progress/bulk/u-1", progress, SIGNED_IN),
			route("POST", "/api/progress", progress, plus(DEPARTMENTS, Caller.ADMIN)),
			route("POST", "/api/progress/bulk", progress, plus(DEPARTMENTS, Caller.ADMIN)),
			// notification-service
			route("GET", "/api/alerts?status=OPEN", notifications, SIGNED_IN),
			route("GET", "/api/alerts/stream", notifications, SIGNED_IN),
			route("GET", "/api/alerts/a-1", notifications, SIGNED_IN),
			route("POST", "/api/alerts/a-1/ack", notifications, plus(DEPARTMENTS, Caller.LEADER, Caller.ADMIN)),
			route("GET", "/api/directory/people", notifications, only(Caller.LEADER, Caller.SUPERVISOR, Caller.ADMIN)),
			route("POST", "/api/directory/people", notifications, only(Caller.ADMIN)),
			route("PUT", "/api/directory/positions/p-1", notifications, only(Caller.ADMIN)),
			route("DELETE", "/api/directory/people/p-1", notifications, only(Caller.ADMIN)),
			route("GET", "/api/notifications/deliveries", notifications, SIGNED_IN),
			route("POST", "/api/admin/escalations/run", notifications, only(Caller.ADMIN)),
			// no rule: not forwarded to anybody
			route("DELETE", "/api/progress/r-1", null, Set.of()), route("GET", "/api/nothing-here", null, Set.of()),
			route("POST", "/api/goals", null, Set.of()));

	Stream<Arguments> rows() {
		List<Arguments> rows = new ArrayList<>();
		for (Route route : ROUTES) {
			for (Caller caller : Caller.values()) {
				Expected expected = (caller == Caller.ANONYMOUS) ? Expected.UNAUTHORIZED_401
						: (route.service() == null) ? Expected.NOT_FOUND_404
								: route.allowed().contains(caller) ? Expected.ALLOW : Expected.FORBIDDEN_403;
				rows.add(Arguments.of(caller, route.method(), route.uri(), expected, route));
			}
		}
		return rows.stream();
	}

	@LocalServerPort
	int port;

	WebTestClient client;

	final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

	@BeforeAll
	void signIn() {
		// a new connection per request: many rows are refused before their body is read, and a pooled connection the
		// server is closing meanwhile would leave the next request waiting (an occasional 30 s hang, seen in CI)
		this.client = TestClients.gateway(this.port)
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
		for (Caller caller : SIGNED_IN) {
			String body = "{\"username\":\"" + caller.username + "\",\"password\":\"" + caller.password() + "\"}";
			JsonNode answer = json.readTree(this.client.post()
				.uri("/api/auth/token")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentType(MediaType.APPLICATION_JSON)
				.expectBody()
				.returnResult()
				.getResponseBody());
			assertThat(answer.get("tokenType").asString()).isEqualTo("Bearer");
			assertThat(answer.get("expiresIn").asLong()).isEqualTo(8 * 3600);
			this.tokens.put(caller, answer.get("accessToken").asString());
		}
	}

	@AfterAll
	static void stopDownstreams() {
		ALL_SERVICES.forEach(Downstream::stop);
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@MethodSource("rows")
	void everyRouteForEveryCaller(Caller caller, String method, String uri, Expected expected, Route route) {
		String requestId = "acl-" + UUID.randomUUID();
		EntityExchangeResult<byte[]> result = send(caller, method, uri, requestId);
		String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
		if (expected == Expected.ALLOW) {
			assertThat(result.getStatus().value()).as(new String(body(result))).isEqualTo(200);
			assertThat(result.getResponseHeaders().getFirst("X-Downstream")).isEqualTo(route.service().name());
			Downstream.Received got = route.service().byRequestId(requestId).orElseThrow();
			assertThat(got.method()).isEqualTo(method);
			assertThat(got.path()).isEqualTo(path);
			assertRelayed(got.header("Authorization"), this.tokens.get(caller), caller.username);
			assertThat(got.header("X-Keywork-User")).isEqualTo(caller.username);
			assertThat(got.header("X-Keywork-Roles")).isEqualTo(caller.role);
			assertThat(decoded(got.header("X-Keywork-Department"))).isEqualTo(caller.department);
			assertThat(decoded(got.header("X-Keywork-Position"))).isEqualTo(caller.position);
			return;
		}
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = json.readTree(body(result));
		assertThat(problem.get("instance").asString()).isEqualTo(path);
		switch (expected) {
			case UNAUTHORIZED_401 -> {
				assertThat(result.getStatus().value()).isEqualTo(401);
				assertThat(result.getResponseHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
				assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:unauthorized");
				assertThat(problem.get("detail").asString()).contains("请先登录");
			}
			case FORBIDDEN_403 -> {
				assertThat(result.getStatus().value()).isEqualTo(403);
				assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:forbidden");
				assertThat(problem.get("title").asString()).isEqualTo("无权访问");
				String roleLabel = switch (caller) {
					case DEPARTMENT_A, DEPARTMENT_B -> "部门填报员";
					case LEADER -> "区领导";
					case SUPERVISOR -> "督查人员";
					default -> "系统管理员";
				};
				assertThat(problem.get("detail").asString()).startsWith("当前账号（" + roleLabel + "）无权")
					.contains("（" + method + " " + path + "）");
			}
			default -> {
				assertThat(result.getStatus().value()).isEqualTo(404);
				assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:not-found");
			}
		}
		ALL_SERVICES.forEach(service -> assertThat(service.byRequestId(requestId)).as(service.name()).isEmpty());
	}

	@Test
	void aDeniedRequestNamesWhatTheRoleMayNotDo() {
		JsonNode problem = json.readTree(body(send(Caller.SUPERVISOR, "POST", "/api/plans/import", "deny-import")));
		assertThat(problem.get("detail").asString()).isEqualTo("当前账号（督查人员）无权导入计划（POST /api/plans/import）。");
		problem = json.readTree(body(send(Caller.SUPERVISOR, "POST", "/api/alerts/a-9/ack", "deny-ack")));
		assertThat(problem.get("detail").asString()).isEqualTo("当前账号（督查人员）无权确认提醒（POST /api/alerts/a-9/ack）。");
	}

	@Test
	void pathTricksAreRefusedBeforeAnyRuleIsRead() {
		for (String uri : List.of("/api/goals/..%2Fplans/import", "/api/goals/%2e%2e/admin/clock", "/api/goals;x=1")) {
			String requestId = "trick-" + UUID.randomUUID();
			EntityExchangeResult<byte[]> result = send(Caller.DEPARTMENT_A, "GET", uri, requestId);
			assertThat(result.getStatus().value()).as(uri).isEqualTo(400);
			assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(json.readTree(body(result)).get("type").asString()).isEqualTo("urn:keywork:problem:bad-request");
			ALL_SERVICES.forEach(service -> assertThat(service.byRequestId(requestId)).isEmpty());
		}
	}

	@Test
	void spoofedIdentityHeadersAreReplacedByTheVerifiedOnes() {
		String requestId = "spoof-" + UUID.randomUUID();
		this.client.get()
			.uri("/api/goals/5.8")
			.header("Authorization", "Bearer " + this.tokens.get(Caller.DEPARTMENT_A))
			.header("X-Request-Id", requestId)
			.header("X-Keywork-User", "admin")
			.header("X-Keywork-Roles", "ADMIN,SUPERVISOR")
			.header("x-keywork-department", "区发展改革委")
			.header("X-Keywork-Position", "区长")
			.header("X-Keywork-Anything", "else")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		Downstream.Received got = goals.byRequestId(requestId).orElseThrow();
		assertThat(got.headers().get("x-keywork-user")).containsExactly("dept-minzheng");
		assertThat(got.headers().get("x-keywork-roles")).containsExactly("DEPARTMENT");
		assertThat(got.headers().get("x-keywork-department"))
			.containsExactly(URLEncoder.encode("区民政局", StandardCharsets.UTF_8));
		assertThat(got.headers()).doesNotContainKeys("x-keywork-position", "x-keywork-anything");

		// anonymous callers cannot smuggle identity either: the public paths never see it, and /api needs a token
		this.client.get()
			.uri("/api/goals")
			.header("X-Keywork-User", "admin")
			.header("X-Keywork-Roles", "ADMIN")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.returnResult();
	}

	@Test
	void expiredAndForgedTokensAre401AndReachNothing() {
		Map<String, Object> adminClaims = Map.of("name", "系统管理员", "roles", List.of("ADMIN"));
		String expired = TestTokens.sign(TestTokens.LOCAL_SECRET, "admin", adminClaims, Instant.now().minus(Duration.ofHours(9)),
				Duration.ofHours(8));
		String forged = TestTokens.sign("another-secret-of-at-least-32-bytes-length!", "admin", adminClaims, Instant.now(),
				Duration.ofHours(1));
		String notAJwt = "not.a.token";
		for (String token : List.of(expired, forged, notAJwt)) {
			String requestId = "bad-token-" + UUID.randomUUID();
			this.client.get()
				.uri("/api/goals")
				.header("Authorization", "Bearer " + token)
				.header("X-Request-Id", requestId)
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("urn:keywork:problem:unauthorized")
				.jsonPath("$.detail")
				.isEqualTo("访问令牌无效或已过期，请重新登录。");
			assertThat(goals.byRequestId(requestId)).isEmpty();
		}
		// the same claims, signed with the right secret and still valid, pass
		this.client.get()
			.uri("/api/goals")
			.header("Authorization", "Bearer " + TestTokens.admin())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
	}

	@Test
	void leadersAndDepartmentsOnlySeeTheirOwnAlerts() {
		String leaderPosition = URLEncoder.encode("副区长（分管民政）", StandardCharsets.UTF_8);
		Downstream.Received got = alertsAs(Caller.LEADER, "/api/alerts?recipient=someone-else&status=OPEN&department=x");
		assertThat(got.query()).isEqualTo("status=OPEN&recipient=" + leaderPosition);
		assertThat(URLDecoder.decode(got.query(), StandardCharsets.UTF_8)).endsWith("&recipient=副区长（分管民政）");

		got = alertsAs(Caller.LEADER, "/api/alerts/stream");
		assertThat(got.query()).isEqualTo("recipient=" + leaderPosition);

		got = alertsAs(Caller.DEPARTMENT_B, "/api/alerts?recipient=" + leaderPosition + "&itemId=5.8");
		assertThat(got.query())
			.isEqualTo("itemId=5.8&department=" + URLEncoder.encode("区发展改革委", StandardCharsets.UTF_8));

		got = alertsAs(Caller.DEPARTMENT_A, "/api/alerts?department=" + URLEncoder.encode("区发展改革委", StandardCharsets.UTF_8));
		assertThat(got.query()).isEqualTo("department=" + URLEncoder.encode("区民政局", StandardCharsets.UTF_8));

		// the supervision office and admins filter as they like
		got = alertsAs(Caller.SUPERVISOR, "/api/alerts?recipient=" + leaderPosition);
		assertThat(got.query()).isEqualTo("recipient=" + leaderPosition);
		got = alertsAs(Caller.ADMIN, "/api/alerts");
		assertThat(got.query()).isNull();

		// a leader's account without a position sees nobody's alerts, rather than everybody's
		String noPosition = TestTokens.sign(TestTokens.LOCAL_SECRET, "leader-x", Map.of("roles", List.of("LEADER")),
				Instant.now(), Duration.ofHours(1));
		String requestId = "no-position-" + UUID.randomUUID();
		this.client.get()
			.uri("/api/alerts")
			.header("Authorization", "Bearer " + noPosition)
			.header("X-Request-Id", requestId)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("当前账号（区领导）无权查看提醒：账号未关联职务。");
		assertThat(notifications.byRequestId(requestId)).isEmpty();
	}

	@Test
	void theStreamTakesItsTokenFromTheQueryAndNothingElseDoes() {
		String token = this.tokens.get(Caller.LEADER);
		String requestId = "stream-" + UUID.randomUUID();
		this.client.get()
			.uri("/api/alerts/stream?access_token=" + token)
			.header("X-Request-Id", requestId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		Downstream.Received got = notifications.byRequestId(requestId).orElseThrow();
		assertRelayed(got.header("Authorization"), token, "leader-minzheng");
		assertThat(got.query()).isEqualTo("recipient=" + URLEncoder.encode("副区长（分管民政）", StandardCharsets.UTF_8));
		assertThat(got.header("X-Keywork-User")).isEqualTo("leader-minzheng");

		this.client.get()
			.uri("/api/alerts?access_token=" + token)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.returnResult();
	}

	@Test
	void tokenEndpointSignsTheUsersClaimsAndRefusesAlike() {
		JsonNode answer = json.readTree(login("leader-minzheng", "leader-minzheng-2021").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Cache-Control", "no-store")
			.expectBody()
			.returnResult()
			.getResponseBody());
		String[] parts = answer.get("accessToken").asString().split("\\.");
		assertThat(parts).hasSize(3);
		JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
		JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
		assertThat(header.get("alg").asString()).isEqualTo("HS256");
		assertThat(claims.get("iss").asString()).isEqualTo("keywork-gateway");
		assertThat(claims.get("sub").asString()).isEqualTo("leader-minzheng");
		assertThat(claims.get("name").asString()).isEqualTo("孙某某（示例）");
		assertThat(claims.get("roles").toString()).isEqualTo("[\"LEADER\"]");
		assertThat(claims.get("position").asString()).isEqualTo("副区长（分管民政）");
		assertThat(claims.get("personId").asString()).isEqualTo("p-012");
		assertThat(claims.has("department")).isFalse();
		assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(8 * 3600);

		// a wrong password and an unknown user get the very same answer
		byte[] wrongPassword = login("leader-minzheng", "guess").expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:keywork:problem:invalid-credentials")
			.jsonPath("$.detail")
			.isEqualTo("用户名或密码不正确。")
			.returnResult()
			.getResponseBody();
		byte[] unknownUser = login("nobody", "guess").expectStatus()
			.isUnauthorized()
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(unknownUser).isEqualTo(wrongPassword);

		this.client.post()
			.uri("/api/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"username\":\"admin\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(1)
			.jsonPath("$.errors[0].field")
			.isEqualTo("password")
			.jsonPath("$.errors[0].code")
			.isEqualTo("required");
		this.client.post()
			.uri("/api/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"username\":")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("body")
			.jsonPath("$.errors[0].code")
			.isEqualTo("invalid-json");
	}

	@Test
	void theDashboardTheApiDocumentsAndHealthAreOpen() {
		String page = this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("静安区重点工作").contains("/assets/app.js");
		this.client.get()
			.uri("/assets/app.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(script -> assertThat(script).contains("/api/auth/token"));
		this.client.get()
			.uri("/webjars/echarts/5.3.1/dist/echarts.min.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.value(bytes -> assertThat(bytes.length).isGreaterThan(500_000));
		this.client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().returnResult();
		// prometheus and the rest of actuator: admins only
		this.client.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized().expectBody().returnResult();

		// each service's OpenAPI document through its own route, listed by one Swagger UI
		String requestId = "docs-" + UUID.randomUUID();
		this.client.get()
			.uri("/v3/api-docs/progress-service")
			.header("X-Request-Id", requestId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Downstream", "progress-service");
		assertThat(progress.byRequestId(requestId)).hasValueSatisfying(r -> assertThat(r.path()).isEqualTo("/v3/api-docs"));
		EntityExchangeResult<byte[]> ui = this.client.get().uri("/api-docs").exchange().expectBody().returnResult();
		String uiPage = new String(body(ui), StandardCharsets.UTF_8);
		if (ui.getStatus().is3xxRedirection()) {
			String location = ui.getResponseHeaders().getLocation().toString();
			EntityExchangeResult<byte[]> swagger = this.client.get().uri(location).exchange().expectBody().returnResult();
			assertThat(swagger.getStatus().value()).as(location).isEqualTo(200);
			uiPage = new String(body(swagger), StandardCharsets.UTF_8);
		}
		assertThat(uiPage).containsIgnoringCase("swagger");
		String config = this.client.get()
			.uri("/api-docs/gateway/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(config).contains("/v3/api-docs/goal-service", "/v3/api-docs/project-service",
				"/v3/api-docs/progress-service", "/v3/api-docs/notification-service");
	}

	private Downstream.Received alertsAs(Caller caller, String uri) {
		String requestId = "alerts-" + UUID.randomUUID();
		EntityExchangeResult<byte[]> result = send(caller, "GET", uri, requestId);
		assertThat(result.getStatus().value()).isEqualTo(200);
		return notifications.byRequestId(requestId).orElseThrow();
	}

	@Test
	void repeatedFailuresLockANameForAWhileTheSameForNamesThatDoNotExist() {
		for (int i = 1; i <= 5; i++) {
			login("dept-jianguanwei", "guess-" + i).expectStatus().isUnauthorized();
		}
		// locked now: even the right password waits, told how long
		EntityExchangeResult<byte[]> locked = login("dept-jianguanwei", "dept-jianguanwei-2021").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult();
		long retryAfter = Long.parseLong(locked.getResponseHeaders().getFirst("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 30L);
		JsonNode problem = json.readTree(locked.getResponseBody());
		assertThat(problem.get("type").asString()).isEqualTo("urn:keywork:problem:too-many-sign-in-attempts");
		assertThat(problem.get("detail").asString()).contains("秒后再试");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("username");

		// a name nobody has is locked alike, so the answer tells nothing about who exists
		for (int i = 1; i <= 5; i++) {
			login("nobody-at-all", "guess-" + i).expectStatus().isUnauthorized();
		}
		JsonNode unknown = json.readTree(login("nobody-at-all", "guess-6").expectStatus()
			.isEqualTo(429)
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(unknown.get("type").asString()).isEqualTo(problem.get("type").asString());
		assertThat(unknown.get("errors").get(0).get("code").asString()).isEqualTo("locked");

		// other people sign in as before
		login("supervisor", "supervisor-2021").expectStatus().isOk();
	}

	private WebTestClient.ResponseSpec login(String username, String password) {
		return this.client.post()
			.uri("/api/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
			.exchange();
	}

	private EntityExchangeResult<byte[]> send(Caller caller, String method, String uri, String requestId) {
		// as given, already encoded (9.26%231 is the milestone 9.26#1)
		WebTestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method))
			.uri(URI.create("http://127.0.0.1:" + this.port + uri))
			.header("X-Request-Id", requestId);
		if (caller != Caller.ANONYMOUS) {
			request.header("Authorization", "Bearer " + this.tokens.get(caller));
		}
		WebTestClient.RequestHeadersSpec<?> ready = request;
		if (!method.equals("GET") && !method.equals("DELETE")) {
			ready = request.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"note\":\"测试\"}");
		}
		return ready.exchange().expectBody().returnResult();
	}

	/**
	 * The services never get the caller's own token: the gateway relays his identity signed for them alone
	 * (audience keywork-services), valid a minute, the same claims.
	 */
	static void assertRelayed(String authorization, String callersToken, String user) {
		assertThat(authorization).startsWith("Bearer ");
		String relayed = authorization.substring("Bearer ".length());
		assertThat(relayed).isNotEqualTo(callersToken);
		try {
			com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(relayed);
			assertThat(jwt.verify(new com.nimbusds.jose.crypto.MACVerifier(
					TestTokens.LOCAL_SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
			com.nimbusds.jwt.JWTClaimsSet claims = jwt.getJWTClaimsSet();
			assertThat(claims.getSubject()).isEqualTo(user);
			assertThat(claims.getAudience()).containsExactly("keywork-services");
			assertThat(claims.getIssueTime()).isNotNull();
			assertThat(claims.getExpirationTime().toInstant()).isBefore(Instant.now().plusSeconds(61))
				.isAfter(Instant.now());
			com.nimbusds.jwt.JWTClaimsSet own = com.nimbusds.jwt.SignedJWT.parse(callersToken).getJWTClaimsSet();
			for (String claim : List.of("name", "department", "position", "personId")) {
				assertThat(claims.getClaim(claim)).as(claim).isEqualTo(own.getClaim(claim));
			}
		}
		catch (java.text.ParseException | com.nimbusds.jose.JOSEException ex) {
			throw new AssertionError(ex);
		}
	}

	private static byte[] body(EntityExchangeResult<byte[]> result) {
		return (result.getResponseBody() != null) ? result.getResponseBody() : new byte[0];
	}

	private static String decoded(String header) {
		return (header != null) ? URLDecoder.decode(header, StandardCharsets.UTF_8) : null;
	}

}
