package org.keywork.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The API documents through the gateway: each service's OpenAPI document under {@code /v3/api-docs/<service>} as the
 * service wrote it (title, the gateway {@code /} as server, the bearer scheme), the gateway's own at
 * {@code /api-docs/gateway}, the Swagger UI's list of all five with readable names, the AsyncAPI document at
 * {@code /api-docs/asyncapi.yaml}, all without a token. Then the Swagger UI in a real headless Chromium: Authorize
 * with a token from {@code POST /api/auth/token}, "Try it out" on {@code GET /api/goals}, and the stub service's
 * answer shown in the page (skipped where {@code /usr/bin/chromedriver} is missing).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "keywork.gateway.rate-limit.enabled=false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsTest {

	static final Downstream goals = Downstream.started("goal-service");

	static final Downstream projects = Downstream.started("project-service");

	static final Downstream progress = Downstream.started("progress-service");

	static final Downstream notifications = Downstream.started("notification-service");

	static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * goal-service's document as {@code ApiDocumentation} (service-support) heads it, with one operation: what the
	 * Swagger UI gets through the gateway's route.
	 */
	static final String GOAL_SERVICE_DOCUMENT = """
			{"openapi":"3.1.0",
			 "info":{"title":"Keywork 目标服务 goal-service API","version":"0.1.0-SNAPSHOT","description":"目标服务：年度重点工作计划"},
			 "servers":[{"url":"/","description":"经网关"}],
			 "security":[{"bearerAuth":[]}],
			 "tags":[{"name":"goal-controller","description":"事项与指标：列表、详情与进度状态"}],
			 "paths":{"/api/goals":{"get":{"tags":["goal-controller"],"operationId":"list",
			   "parameters":[{"name":"year","in":"query","required":false,"schema":{"type":"integer","format":"int32"}}],
			   "responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"type":"object"}}}}}}}},
			 "components":{"securitySchemes":{"bearerAuth":{"type":"http","scheme":"bearer","bearerFormat":"JWT"}}}}
			""";

	static final String GOALS = """
			{"planYear":2021,"total":1,"items":[{"itemId":"5.6","title":"新增社区长者食堂 2 个","status":"RED"}]}""";

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("GOAL_SERVICE_URL", goals::url);
		registry.add("PROJECT_SERVICE_URL", projects::url);
		registry.add("PROGRESS_SERVICE_URL", progress::url);
		registry.add("NOTIFICATION_SERVICE_URL", notifications::url);
	}

	@LocalServerPort
	int port;

	WebTestClient client;

	@BeforeAll
	void stubs() {
		this.client = TestClients.gateway(this.port)
			.codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
		goals.answer("GET", "/v3/api-docs", 200, GOAL_SERVICE_DOCUMENT);
		goals.answer("GET", "/api/goals", 200, GOALS);
	}

	@AfterAll
	void stopStubs() {
		Stream.of(goals, projects, progress, notifications).forEach(Downstream::stop);
	}

	@Test
	void aServicesDocumentReachesTheSwaggerUiThroughTheGatewayWithItsTitleTheGatewayAsServerAndTheBearerScheme() {
		JsonNode document = getJson("/v3/api-docs/goal-service");
		assertThat(document.at("/info/title").asString()).isEqualTo("Keywork 目标服务 goal-service API");
		assertThat(document.at("/servers/0/url").asString()).isEqualTo("/");
		assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
		assertThat(document.at("/security/0").has("bearerAuth")).isTrue();
		assertThat(goals.received()).anySatisfy(request -> assertThat(request.path()).isEqualTo("/v3/api-docs"));
	}

	@Test
	void theGatewaysOwnDocumentHasARealTitleTheGatewayAsServerTheBearerSchemeAndOnlyTheApi() {
		JsonNode document = getJson("/api-docs/gateway");
		assertThat(document.at("/info/title").asString()).isEqualTo("Keywork 网关 gateway API");
		assertThat(document.at("/info/version").asString()).isNotEqualTo("v0").doesNotContain("@");
		assertThat(document.at("/info/description").asString()).contains("POST /api/auth/token", "Authorize",
				"/api-docs/asyncapi.yaml");
		assertThat(document.at("/servers").size()).isEqualTo(1);
		assertThat(document.at("/servers/0/url").asString()).isEqualTo("/");
		assertThat(document.at("/servers/0/description").asString()).isEqualTo("经网关");
		JsonNode scheme = document.at("/components/securitySchemes/bearerAuth");
		assertThat(scheme.at("/type").asString()).isEqualTo("http");
		assertThat(scheme.at("/scheme").asString()).isEqualTo("bearer");
		assertThat(scheme.at("/bearerFormat").asString()).isEqualTo("JWT");
		assertThat(document.at("/security/0").has("bearerAuth")).isTrue();
		assertThat(document.at("/paths").propertyNames()).containsExactly("/api/auth/token");
	}

	@Test
	void theSwaggerUiListsTheFourServicesAndTheGatewayByNameAndKeepsTheToken() {
		JsonNode config = getJson("/api-docs/gateway/swagger-config");
		List<String> urls = new ArrayList<>();
		List<String> names = new ArrayList<>();
		config.path("urls").forEach(url -> {
			urls.add(url.path("url").asString());
			names.add(url.path("name").asString());
		});
		assertThat(urls).containsExactlyInAnyOrder("/v3/api-docs/goal-service", "/v3/api-docs/project-service",
				"/v3/api-docs/progress-service", "/v3/api-docs/notification-service", "/api-docs/gateway");
		assertThat(names).containsExactlyInAnyOrder("目标服务 goal-service", "项目服务 project-service", "进度服务 progress-service",
				"通知服务 notification-service", "网关 gateway（登录）");
		assertThat(config.path("persistAuthorization").asBoolean()).isTrue();
		assertThat(config.path("tryItOutEnabled").asBoolean()).isTrue();
	}

	@Test
	void theAsyncApiDocumentIsServedAsYamlWithoutAToken() {
		EntityExchangeResult<byte[]> result = this.client.get()
			.uri("/api-docs/asyncapi.yaml")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		MediaType type = result.getResponseHeaders().getContentType();
		assertThat(type).isNotNull();
		assertThat(type.getSubtype()).isIn("yaml", "x-yaml");
		String yaml = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
		assertThat(yaml).contains("asyncapi: 3.0.0", "keywork.progress.reports");
		JsonNode document = AsyncApiContract.read(new java.io.ByteArrayInputStream(result.getResponseBodyContent()));
		assertThat(document.at("/info/title").asString()).isEqualTo("Keywork 事件 events");
		assertThat(AsyncApiContract.check(document)).isEmpty();
	}

	@Test
	void tryItOutInTheSwaggerUiCallsTheServiceThroughTheGatewayWithTheAuthorizedToken() throws IOException {
		Path chromedriver = DashboardBrowserTest.CHROMEDRIVER;
		assumeTrue(Files.isExecutable(chromedriver), "no " + chromedriver + ": browser test skipped");
		String token = getJsonPost("/api/auth/token", "{\"username\":\"supervisor\",\"password\":\"supervisor-2021\"}")
			.path("accessToken")
			.asString();
		assertThat(token).isNotBlank();
		Path profile = Files.createTempDirectory("keywork-chromium-");
		ChromeOptions options = new ChromeOptions();
		if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
			options.setBinary("/usr/bin/chromium");
		}
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--lang=zh-CN", "--window-size=1280,1600", "--user-data-dir=" + profile);
		WebDriver browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build(),
				options);
		try {
			browser.get(base() + "/api-docs");
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			wait.pollingEvery(Duration.ofMillis(100));
			wait.ignoring(StaleElementReferenceException.class);
			// the primary document: goal-service's, by its title
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".information-container .title"),
					"Keywork 目标服务 goal-service API"));
			assertThat(browser.findElement(By.cssSelector(".servers")).getText()).contains("经网关");

			// Authorize: the bearer token, as the sign-in gave it
			browser.findElement(By.cssSelector(".auth-wrapper button.authorize")).click();
			WebElement tokenInput = wait.until(
					ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".auth-container input")));
			tokenInput.sendKeys(token);
			browser.findElement(By.cssSelector(".auth-btn-wrapper button.authorize")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".auth-btn-wrapper button.btn-done")))
				.click();
			wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".auth-container")));

			// Try it out on GET /api/goals (open at once: tryItOutEnabled), year 2021
			browser.findElement(By.cssSelector("#operations-goal-controller-list .opblock-summary")).click();
			WebElement year = wait.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#operations-goal-controller-list input[placeholder='year']")));
			year.sendKeys("2021");
			browser.findElement(By.cssSelector("#operations-goal-controller-list button.execute")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(
					By.cssSelector("#operations-goal-controller-list .live-responses-table tbody .response-col_status")));
			String status = browser
				.findElement(By.cssSelector("#operations-goal-controller-list .live-responses-table tbody .response-col_status"))
				.getText();
			String body = browser
				.findElement(By.cssSelector("#operations-goal-controller-list .live-responses-table tbody .response-col_description"))
				.getText();
			screenshot(browser, "swagger-ui-try-it-out");
			assertThat(status).contains("200");
			assertThat(body).contains("\"itemId\": \"5.6\"", "新增社区长者食堂 2 个");
			// the request went to the gateway's origin ("/"), which passed it on with the caller's relayed identity
			assertThat(goals.received()).anySatisfy(request -> {
				assertThat(request.path()).isEqualTo("/api/goals");
				assertThat(request.query()).isEqualTo("year=2021");
				assertThat(request.header("Authorization")).startsWith("Bearer ").isNotEqualTo("Bearer " + token);
			});
		}
		catch (RuntimeException | AssertionError ex) {
			screenshot(browser, "swagger-ui-failed");
			Files.writeString(DashboardBrowserTest.SCREENSHOTS.resolve("swagger-ui-failed.html"), browser.getPageSource());
			throw ex;
		}
		finally {
			browser.quit();
			try (Stream<Path> files = Files.walk(profile)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private JsonNode getJson(String uri) {
		byte[] body = this.client.get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult()
			.getResponseBodyContent();
		return json.readTree(body);
	}

	private JsonNode getJsonPost(String uri, String request) {
		byte[] body = this.client.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(request)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBodyContent();
		return json.readTree(body);
	}

	private static void screenshot(WebDriver browser, String name) throws IOException {
		Files.createDirectories(DashboardBrowserTest.SCREENSHOTS);
		Files.write(DashboardBrowserTest.SCREENSHOTS.resolve(name + ".png"),
				((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
