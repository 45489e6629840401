package org.keywork.gateway;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium), served by the
 * gateway, against stub services answering the services' real JSON shapes (a few items of section 五 and 八, two
 * construction projects, one alert). Signs in as the supervision office, a department and a leader, and does what
 * they would do. A screenshot of each page lands in {@code target/screenshots/}. Skipped where
 * {@code /usr/bin/chromedriver} is missing ({@code .ci/run} installs it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static final Downstream goals = Downstream.started("goal-service");

	static final Downstream projects = Downstream.started("project-service");

	static final Downstream progress = Downstream.started("progress-service");

	static final Downstream notifications = Downstream.started("notification-service");

	static final JsonMapper json = JsonMapper.builder().build();

	/** Set when the department's report arrived: item 5.8 is then back on track. */
	static final AtomicBoolean reported = new AtomicBoolean();

	/** Set when the leader acknowledged alert a-1. */
	static final AtomicBoolean acknowledged = new AtomicBoolean();

	@DynamicPropertySource
	static void serviceUrls(DynamicPropertyRegistry registry) {
		registry.add("GOAL_SERVICE_URL", goals::url);
		registry.add("PROJECT_SERVICE_URL", projects::url);
		registry.add("PROGRESS_SERVICE_URL", progress::url);
		registry.add("NOTIFICATION_SERVICE_URL", notifications::url);
	}

	@LocalServerPort
	int port;

	WebDriver browser;

	Path profile;

	@BeforeAll
	void startBrowser() throws IOException {
		if (!Files.isExecutable(CHROMEDRIVER)) {
			return; // each test is skipped (see signedOut), and reported so
		}
		Files.createDirectories(SCREENSHOTS);
		this.profile = Files.createTempDirectory("keywork-chromium-");
		ChromeOptions options = new ChromeOptions();
		if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
			options.setBinary("/usr/bin/chromium");
		}
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--lang=zh-CN", "--window-size=1280,900", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		stubServices();
	}

	@AfterAll
	void stopBrowser() throws IOException {
		if (this.browser != null) {
			this.browser.quit();
		}
		Stream.of(goals, projects, progress, notifications).forEach(Downstream::stop);
		if (this.profile != null) {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	@BeforeEach
	void signedOut() {
		assumeTrue(this.browser != null, "no " + CHROMEDRIVER + ": browser tests skipped");
		this.browser.manage().window().setSize(new Dimension(1280, 900));
		this.browser.get(base() + "/#/login");
		((JavascriptExecutor) this.browser).executeScript("sessionStorage.clear()");
		this.browser.navigate().refresh();
		waitFor("login");
	}

	@Test
	void theSupervisionOfficeSeesTheWholePlanAtAGlance() {
		signIn("supervisor", "supervisor-2021");
		waitFor("overview");
		// every section with its counts per status
		List<WebElement> sections = this.browser.findElements(By.cssSelector("#sections [data-section]"));
		assertThat(sections).hasSize(2);
		assertThat(sections.get(0).findElement(By.tagName("h3")).getText()).isEqualTo("五、持续优化营商环境");
		assertThat(sections.get(0).findElement(By.cssSelector(".counts")).getText()).contains("正常 1", "预警 1", "滞后 1",
				"完成 0", "未开始 0");
		assertThat(sections.get(1).findElement(By.tagName("h3")).getText()).isEqualTo("八、加快城市更新");
		assertThat(text("#totals")).contains("正常\n2", "预警\n1", "滞后\n1");
		assertThat(this.browser.findElements(By.cssSelector("#sections-chart canvas"))).isNotEmpty();
		assertThat(text("#starred-summary")).contains("★ 实事项目（1 项）", "滞后 1");
		// 最新变化: status changes, not reports; the changes for the worse first
		assertThat(text("#changes")).contains("5.9 新建养老床位", "新增养老床位", "区民政局").doesNotContain("8.3");
		assertThat(this.browser.findElements(By.cssSelector("#changes li.worse"))).hasSize(1);
		assertThat(this.browser.findElement(By.id("legend")).getAttribute("textContent")).contains("实际进度低于计划进度 10%",
				"未报送");
		assertThat(text("#business-date")).contains("业务日期", "2021-06-30");
		assertThat(text("#who")).contains("区政府督查室", "督查人员");
		assertThat(text("#nav")).contains("总览", "事项", "★ 实事项目", "重点工程", "全部提醒", "考核").doesNotContain("填报");
		screenshot("overview");

		this.browser.get(base() + "/#/starred");
		waitFor("starred");
		assertThat(this.browser.findElements(By.cssSelector("#starred [data-item]"))).hasSize(1);
		assertThat(text("#starred")).contains("★", "5.9 新建养老床位", "滞后");
		screenshot("starred");

		this.browser.get(base() + "/#/projects");
		waitFor("projects");
		assertThat(this.browser.findElements(By.cssSelector("#timeline canvas"))).isNotEmpty();
		assertThat(this.browser.findElements(By.cssSelector("#milestones tbody tr"))).hasSize(3);
		assertThat(text("#milestones")).contains("主体结构封顶", "2021-09-30", "2021-11-15", "延后 46 天", "预警", "开工");
		// by the business date (2021-06-30): 9.27's start is due today, nothing is overdue yet
		assertThat(text("#due-soon")).contains("9.27 彭浦新村旧住房成套改造");
		assertThat(text("#overdue")).contains("没有逾期的节点");
		screenshot("projects");

		// a construction item's page: its milestones (goal-service does not know it, project-service does)
		this.browser.findElement(By.cssSelector("#milestones a[href='#/items/9.26']")).click();
		waitFor("items");
		assertThat(text("h2")).contains("9.26 静安体育中心改扩建");
		assertThat(text("#project-milestones")).contains("主体结构封顶", "延后 46 天");
		assertThat(text("#reports")).contains("暂无填报");
		screenshot("item-project");

		// everyone's alerts, but nothing to acknowledge
		this.browser.get(base() + "/#/inbox");
		waitFor("inbox");
		assertThat(text("#inbox")).contains("新增“一件事”集成服务进度滞后");
		assertThat(this.browser.findElements(By.cssSelector("button[data-ack]"))).isEmpty();
	}

	@Test
	void theSupervisionOfficeFindsOneLeadersRedItemsAndOpensTheEvaluation() {
		signIn("supervisor", "supervisor-2021");
		waitFor("overview");
		// from the overview's red total to the list, then narrowed to one leader
		this.browser.findElement(By.cssSelector("#totals a[data-status=RED]")).click();
		waitFor("list");
		new Select(this.browser.findElement(By.cssSelector("select[data-filter=leader]"))).selectByVisibleText("副区长（分管民政）");
		wait(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("leader="));
		waitFor("list");
		assertThat(this.browser.findElements(By.cssSelector("#goal-list tbody tr[data-item]"))).hasSize(1);
		assertThat(text("#goal-list")).contains("5.9", "新建养老床位", "滞后", "区民政局");
		assertThat(text("[data-total]")).isEqualTo("1");
		Downstream.Received list = goals.received()
			.stream()
			.filter(r -> r.method().equals("GET") && r.path().equals("/api/goals") && r.query() != null
					&& r.query().contains("page="))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(URLDecoder.decode(list.query(), StandardCharsets.UTF_8)).contains("status=RED", "leader=副区长（分管民政）",
				"page=0", "size=50");
		screenshot("list-leader-red");

		// by leader: one row per leader, its counts linking to the list
		new Select(this.browser.findElement(By.id("group-by"))).selectByVisibleText("按分管领导汇总");
		wait(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("group-list")));
		assertThat(text("#group-list")).contains("分管领导", "副区长（分管民政）");

		// 考核: by section, drill-down to the items, the rules shown
		this.browser.get(base() + "/#/evaluation");
		waitFor("evaluation");
		assertThat(text("#evaluation-groups")).contains("5 持续优化营商环境", "8 加快城市更新");
		assertThat(text("#evaluation-rules")).contains("定性事项：报送“已完成”为完成");
		assertThat(this.browser.findElements(By.cssSelector("#evaluation-chart canvas"))).isNotEmpty();
		this.browser.findElement(By.linkText("8 加快城市更新")).click();
		wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("evaluation-items")).getText().contains("（1 项）"));
		assertThat(text("#evaluation-items")).contains("8.3", "推进旧区改造", "完成", "区建设管理委");
		screenshot("evaluation");
		this.browser.manage().window().setSize(new Dimension(390, 844));
		this.browser.navigate().refresh();
		waitFor("evaluation");
		screenshot("evaluation-phone");
		Object wraps = ((JavascriptExecutor) this.browser).executeScript(
				"return [...document.querySelectorAll('th')].filter(th => th.getBoundingClientRect().height > 40).length");
		assertThat(((Number) wraps).intValue()).as("table headers on one line on a phone").isZero();
	}

	@Test
	void aDepartmentPostsAReportAndSeesItsItemChange() throws Exception {
		signIn("dept-minzheng", "dept-minzheng-2021");
		waitFor("overview");
		this.browser.get(base() + "/#/report");
		waitFor("report");
		// only items the department leads or cooperates on
		Select target = new Select(this.browser.findElement(By.id("target")));
		List<String> options = target.getOptions().stream().map(WebElement::getText).toList();
		assertThat(options).anyMatch(o -> o.startsWith("5.8 ")).noneMatch(o -> o.startsWith("8.3 "));
		// a milestone asks for the date it was reached, an indicator for a value
		target.selectByVisibleText(options.stream().filter(o -> o.startsWith("9.27 ")).findFirst().orElseThrow());
		assertThat(this.browser.findElement(By.id("date-field")).isDisplayed()).isTrue();
		assertThat(this.browser.findElement(By.id("value-field")).isDisplayed()).isFalse();
		target.selectByVisibleText(options.stream().filter(o -> o.contains("新增“一件事”集成服务")).findFirst().orElseThrow());
		assertThat(this.browser.findElement(By.id("value-field")).isDisplayed()).isTrue();
		assertThat(this.browser.findElement(By.id("date-field")).isDisplayed()).isFalse();
		assertThat(this.browser.findElement(By.id("department")).getDomProperty("value")).isEqualTo("区民政局");
		this.browser.findElement(By.id("value")).sendKeys("12");
		WebElement asOf = this.browser.findElement(By.id("asOf"));
		((JavascriptExecutor) this.browser).executeScript("arguments[0].value = '2021-06-30'", asOf);
		this.browser.findElement(By.id("note")).sendKeys("新增 4 项“一件事”服务");
		screenshot("report");
		this.browser.findElement(By.id("submit-report")).click();
		wait(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-result"), "已受理"));

		Downstream.Received post = progress.received()
			.stream()
			.filter(r -> r.method().equals("POST") && r.path().equals("/api/progress"))
			.findFirst()
			.orElseThrow();
		JsonNode report = json.readTree(post.body());
		assertThat(report.get("itemId").asString()).isEqualTo("5.8");
		assertThat(report.get("targetId").asString()).isEqualTo("5.8#1");
		assertThat(report.get("value").asInt()).isEqualTo(12);
		assertThat(report.get("asOf").asString()).isEqualTo("2021-06-30");
		assertThat(report.get("department").asString()).isEqualTo("区民政局");
		assertThat(report.get("planYear").asInt()).isEqualTo(2021);
		assertThat(report.get("note").asString()).isEqualTo("新增 4 项“一件事”服务");
		assertThat(report.get("reportId").asString()).matches("web-[A-Za-z0-9._:\\-]{1,60}");
		assertThat(post.header("Content-Type")).startsWith("application/json");
		assertThat(post.header("Authorization")).startsWith("Bearer ey");
		assertThat(post.header("X-Keywork-User")).isEqualTo("dept-minzheng");
		assertThat(text("#report-result")).contains(report.get("reportId").asString());

		// a month's reports as one CSV file
		String csv = "报告编号,事项,指标,数值,截至日期,填报部门\nmzj-2021-07-5.8,5.8,5.8#1,14,2021-07-31,区民政局\n"
				+ "mzj-2021-07-5.9,5.9,5.9#1,120,2021-07-31,区民政局\n";
		Path sheet = Files.createTempFile("keywork-bulk-", ".csv");
		Files.writeString(sheet, csv);
		this.browser.findElement(By.id("bulk-file")).sendKeys(sheet.toAbsolutePath().toString());
		this.browser.findElement(By.id("submit-bulk")).click();
		wait(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("bulk-result"), "已受理"));
		Downstream.Received upload = progress.received()
			.stream()
			.filter(r -> r.method().equals("POST") && r.path().equals("/api/progress/bulk"))
			.findFirst()
			.orElseThrow();
		assertThat(upload.bodyText()).isEqualTo(csv);
		assertThat(upload.header("Content-Type")).isEqualTo("text/csv");
		assertThat(upload.query()).startsWith("uploadId=web-");
		assertThat(upload.header("X-Keywork-Department")).isEqualTo("%E5%8C%BA%E6%B0%91%E6%94%BF%E5%B1%80");
		assertThat(text("#bulk-result")).contains("共 2 行");
		Files.delete(sheet);

		// the item page: chart against the plan curve, the new report in the history, the new status
		this.browser.get(base() + "/#/items/5.8");
		waitFor("items");
		assertThat(this.browser.findElements(By.cssSelector("#indicator-chart-0 canvas"))).isNotEmpty();
		assertThat(this.browser.findElement(By.cssSelector("h2 .badge")).getText()).isEqualTo("正常");
		assertThat(text("#reports")).contains("2021-06-30", "新增 4 项“一件事”服务", "区民政局");
		screenshot("item");
	}

	@Test
	void aLeaderAcknowledgesHisAlert() {
		signIn("leader-minzheng", "leader-minzheng-2021");
		waitFor("overview");
		this.browser.findElement(By.cssSelector("#nav a[data-nav=inbox]")).click();
		waitFor("inbox");
		assertThat(text("h2")).isEqualTo("我的提醒（待确认 1 条）");
		WebElement alert = this.browser.findElement(By.cssSelector("[data-alert=a-1]"));
		assertThat(alert.getText()).contains("新增“一件事”集成服务进度滞后", "待确认");
		assertThat(alert.findElement(By.cssSelector("a[href='#/items/5.8']")).getText()).isEqualTo("#/items/5.8");
		screenshot("inbox");
		// the gateway asked only for his alerts
		Downstream.Received list = notifications.received()
			.stream()
			.filter(r -> r.method().equals("GET") && r.path().equals("/api/alerts"))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(URLDecoder.decode(list.query(), StandardCharsets.UTF_8)).contains("recipient=副区长（分管民政）");

		alert.findElement(By.cssSelector("textarea[name=instruction]")).sendKeys("请区民政局本周拿出追赶方案");
		alert.findElement(By.cssSelector("button[data-ack]")).click();
		wait(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("h2"), "待确认 0 条"));
		Downstream.Received ack = notifications.received()
			.stream()
			.filter(r -> r.method().equals("POST") && r.path().equals("/api/alerts/a-1/ack"))
			.findFirst()
			.orElseThrow();
		assertThat(json.readTree(ack.body()).get("note").asString()).isEqualTo("请区民政局本周拿出追赶方案");
		// the 批示 with the person's name and time
		assertThat(text("[data-alert=a-1] [data-instruction]")).contains("批示：请区民政局本周拿出追赶方案", "张明");
		assertThat(ack.header("Authorization")).startsWith("Bearer ey");
		assertThat(text("[data-alert=a-1] .alert-status")).isEqualTo("已确认");
		assertThat(this.browser.findElements(By.cssSelector("button[data-ack]"))).isEmpty();
		screenshot("inbox-acknowledged");
	}

	@Test
	void aWrongPasswordStaysOnTheLoginAndAnAdminsPhoneGetsOneColumn() {
		// signed out, any page leads to the login
		this.browser.get(base() + "/#/overview");
		waitFor("login");
		assertThat(this.browser.getCurrentUrl()).endsWith("#/login");
		signIn("leader-minzheng", "wrong");
		wait(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "用户名或密码不正确"));
		screenshot("login");

		// an admin, on a phone
		this.browser.manage().window().setSize(new Dimension(390, 844));
		this.browser.findElement(By.id("password")).clear();
		signIn("admin", "admin-2021");
		waitFor("overview");
		assertThat(text("#nav")).contains("全部提醒", "填报");
		assertThat(text("#who")).contains("系统管理员");
		Object columns = ((JavascriptExecutor) this.browser)
			.executeScript("return getComputedStyle(document.getElementById('sections')).gridTemplateColumns");
		assertThat(String.valueOf(columns).trim().split("\\s+")).hasSize(1);
		screenshot("overview-phone");
	}

	private void signIn(String username, String password) {
		waitFor("login");
		if (username != null) {
			this.browser.findElement(By.id("username")).clear();
			this.browser.findElement(By.id("username")).sendKeys(username);
		}
		this.browser.findElement(By.id("password")).sendKeys(password);
		this.browser.findElement(By.id("login-button")).click();
	}

	/** Waits until the page has rendered the view with its data. */
	private void waitFor(String view) {
		wait(Duration.ofSeconds(15)).until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", view));
	}

	private WebDriverWait wait(Duration timeout) {
		WebDriverWait wait = new WebDriverWait(this.browser, timeout);
		wait.pollingEvery(Duration.ofMillis(100));
		// the dashboard re-renders its lists as data arrives: an element found a moment ago may be gone
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

	private String text(String css) {
		return this.browser.findElement(By.cssSelector(css)).getText();
	}

	private void screenshot(String name) {
		try {
			byte[] png = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES);
			Files.write(SCREENSHOTS.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The services' JSON shapes (GoalController, SummaryController, ProjectController, ReportController, AlertController). */
	private static void stubServices() {
		goals.answer("GET", "/api/dashboard/summary", 200, """
				{"planYear":2021,
				 "sections":[
				  {"section":5,"title":"持续优化营商环境","counts":{"NOT_STARTED":0,"GREEN":1,"YELLOW":1,"RED":1,"DONE":0}},
				  {"section":8,"title":"加快城市更新","counts":{"NOT_STARTED":0,"GREEN":1,"YELLOW":0,"RED":0,"DONE":0}}],
				 "totals":{"NOT_STARTED":0,"GREEN":2,"YELLOW":1,"RED":1,"DONE":0}}
				""");
		goals.answer("GET", "/api/goals", request -> new Downstream.Answer(200, goalsAnswer(request.query())));
		goals.answer("GET", "/api/clock", 200, """
				{"mode":"SIMULATED","now":"2021-06-30T12:00:00Z","zone":"Asia/Shanghai","today":"2021-06-30"}
				""");
		goals.answer("GET", "/api/goals/changes", 200, """
				[{"itemId":"5.9","title":"新建养老床位","targetId":"5.9#1","targetName":"新增养老床位","from":"YELLOW","to":"RED",
				  "at":"2021-06-16T02:00:00Z","asOf":"2021-06-15","department":"区民政局","leader":"副区长（分管民政）"},
				 {"itemId":"8.3","title":"推进旧区改造","targetId":"8.3#1","targetName":"完成旧区改造","from":"YELLOW","to":"GREEN",
				  "at":"2021-06-01T02:00:00Z","asOf":"2021-05-31","department":"区建设管理委","leader":"副区长（分管城市建设）"}]
				""");
		goals.answer("GET", "/api/goals/rules", 200, """
				{"rules":[{"status":"GREEN","label":"正常","text":"实际进度不低于计划进度"},
				 {"status":"YELLOW","label":"预警","text":"实际进度低于计划进度 10% 以内"},
				 {"status":"RED","label":"滞后","text":"实际进度低于计划进度 10% 以上"},
				 {"status":"UNREPORTED","label":"未报送","text":"每月进展应于当月 28 日前报送，截止后 3 天仍未报送即为未报送"}],
				 "cutoffDay":28,"graceDays":3}
				""");
		goals.answer("GET", "/api/goals/facets", 200, """
				{"departments":["区发展改革委","区建设管理委","区民政局"],"leaders":["副区长（分管发展改革）","副区长（分管城市建设）","副区长（分管民政）"]}
				""");
		goals.answer("GET", "/api/evaluation/2021", 200, EVALUATION);
		projects.answer("GET", "/api/projects/milestones", 404, """
				{"type":"urn:keywork:problem:not-found","title":"没有这个地址","status":404}
				""");
		goals.answer("GET", "/api/goals?year=2021&starred=true", 200, "[" + ITEM_59 + "]");
		goals.answer("GET", "/api/goals/5.8", request -> new Downstream.Answer(200, item58()));
		projects.answer("GET", "/api/projects", 200, PROJECTS);
		goals.answer("GET", "/api/goals/9.26", 404, """
				{"type":"urn:keywork:problem:not-found","title":"没有这个事项","status":404,
				 "errors":[{"field":"itemId","code":"unknown-item","reason":"2021 年计划中没有事项 9.26"}]}
				""");
		projects.answer("GET", "/api/projects/9.26", 200, json.readTree(PROJECTS).get(0).toString());
		progress.answer("GET", "/api/progress", request -> new Downstream.Answer(200,
				request.query().contains("itemId=5.8&") ? reports58() : "[]"));
		progress.answer("POST", "/api/progress", request -> {
			reported.set(true);
			String id = json.readTree(request.body()).get("reportId").asString();
			return new Downstream.Answer(202, "{\"reportId\":\"" + id + "\",\"status\":\"ACCEPTED\",\"location\":\"/api/progress/"
					+ id + "\",\"acceptedAt\":\"2021-06-30T08:00:00Z\"}");
		});
		progress.answer("POST", "/api/progress/bulk", request -> {
			String id = request.query().substring("uploadId=".length());
			return new Downstream.Answer(202, "{\"uploadId\":\"" + id + "\",\"status\":\"ACCEPTED\",\"rows\":2,"
					+ "\"reportIds\":[\"mzj-2021-07-5.8\",\"mzj-2021-07-5.9\"],\"location\":\"/api/progress/bulk/" + id
					+ "\",\"receivedAt\":\"2021-07-31T08:00:00Z\",\"acceptedAt\":\"2021-07-31T08:00:00Z\"}");
		});
		notifications.answer("GET", "/api/alerts", request -> new Downstream.Answer(200,
				request.query().contains("itemId=") && !request.query().contains("itemId=5.8&") ? "[]"
						: "[" + alert() + "]"));
		notifications.answer("POST", "/api/alerts/a-1/ack", request -> {
			acknowledged.set(true);
			return new Downstream.Answer(200, alert());
		});
	}

	/** The goals list as goal-service answers it: an array, or with ?page= one page with its totals and counts. */
	private static String goalsAnswer(String query) {
		String q = (query == null) ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8);
		List<String> items = Stream.of(item58(), ITEM_59, ITEM_510, ITEM_83)
			.filter(item -> !q.contains("starred=true") || item.contains("\"starred\":true"))
			.filter(item -> !q.contains("status=RED") || item.contains("\"status\":\"RED\""))
			.filter(item -> !q.contains("leader=") || item.contains(q.replaceAll(".*leader=([^&]*).*", "$1")))
			.toList();
		if (!q.contains("page=")) {
			return "[" + String.join(",", items) + "]";
		}
		int red = (int) items.stream().filter(item -> item.contains("\"status\":\"RED\"")).count();
		return "{\"content\":[" + String.join(",", items) + "],\"page\":{\"size\":50,\"number\":0,\"totalElements\":"
				+ items.size() + ",\"totalPages\":1},\"counts\":{\"RED\":" + red + "}}";
	}

	static final String EVALUATION = """
			{"planYear":2021,"asOf":"2021-06-30",
			 "total":{"group":"合计","items":4,"targets":4,"met":1,"metOnTime":1,"late":0,"red":1,"completionRate":25.0,"onTimeRate":25.0},
			 "bySection":[{"group":"5 持续优化营商环境","items":3,"targets":3,"met":0,"metOnTime":0,"late":0,"red":1,"completionRate":0.0,"onTimeRate":0.0},
			  {"group":"8 加快城市更新","items":1,"targets":1,"met":1,"metOnTime":1,"late":0,"red":0,"completionRate":100.0,"onTimeRate":100.0}],
			 "byDepartment":[],"byLeader":[],"qualitativeItems":1,
			 "rules":["指标：实际值达到全年目标为完成","定性事项：报送“已完成”为完成"],
			 "itemTotal":{"group":"合计","items":4,"completed":1,"basicallyCompleted":0,"onTrack":1,"unfinished":2,"qualitative":1,"completionRate":25.0},
			 "itemsBySection":[{"group":"5 持续优化营商环境","items":3,"completed":0,"basicallyCompleted":0,"onTrack":1,"unfinished":2,"qualitative":1,"completionRate":0.0},
			  {"group":"8 加快城市更新","items":1,"completed":1,"basicallyCompleted":0,"onTrack":0,"unfinished":0,"qualitative":0,"completionRate":100.0}],
			 "itemsByDepartment":[],"itemsByLeader":[],
			 "items":[{"itemId":"5.9","section":5,"sectionTitle":"持续优化营商环境","title":"新建养老床位","starred":true,"department":"区民政局",
			   "leader":"副区长（分管民政）","kind":"INDICATOR","target":"新增养老床位 400床","actual":"60床","status":"RED","result":"未完成","reason":"完成 15%"},
			  {"itemId":"8.3","section":8,"sectionTitle":"加快城市更新","title":"推进旧区改造","starred":false,"department":"区建设管理委",
			   "leader":"副区长（分管城市建设）","kind":"INDICATOR","target":"完成旧区改造 1000户","actual":"1000户","status":"DONE","result":"完成","reason":"达到全年目标"}]}
			""";

	private static String item58() {
		String status = reported.get() ? "GREEN" : "YELLOW";
		String actual = reported.get() ? "12" : "8";
		String asOf = reported.get() ? "2021-06-30" : "2021-05-31";
		return """
				{"planYear":2021,"itemId":"5.8","section":5,"sectionTitle":"持续优化营商环境",
				 "title":"深化“一网通办”改革","starred":false,"starCount":0,"qualitative":false,"status":"%s",
				 "responsibility":{"leaderPosition":"副区长（分管民政）","leadDepartment":"区民政局","cooperatingDepartments":["区发展改革委"]},
				 "sampleResponsibility":true,"responsibilityChanges":[],"planVersion":1,
				 "indicators":[{"id":"5.8#1","name":"新增“一件事”集成服务","target":20,"unit":"项","direction":"AT_LEAST",
				   "starred":false,"actual":%s,"asOf":"%s","status":"%s","expected":10,"shortfallPoints":-10,
				   "lastReportId":"r-5","rule":"behind-schedule"}],
				 "progress":null}
				""".formatted(status, actual, asOf, status);
	}

	static final String ITEM_59 = """
			{"planYear":2021,"itemId":"5.9","section":5,"sectionTitle":"持续优化营商环境","title":"新建养老床位",
			 "starred":true,"starCount":1,"qualitative":false,"status":"RED",
			 "responsibility":{"leaderPosition":"副区长（分管民政）","leadDepartment":"区民政局","cooperatingDepartments":[]},
			 "sampleResponsibility":true,"responsibilityChanges":[],"planVersion":1,
			 "indicators":[{"id":"5.9#1","name":"新增养老床位","target":400,"unit":"床","direction":"AT_LEAST","starred":true,
			   "actual":60,"asOf":"2021-06-15","status":"RED","expected":200,"shortfallPoints":35,"lastReportId":"r-9",
			   "rule":"behind-schedule"}],
			 "progress":null}
			""";

	static final String ITEM_510 = """
			{"planYear":2021,"itemId":"5.10","section":5,"sectionTitle":"持续优化营商环境","title":"开展优化营商环境专项行动",
			 "starred":false,"starCount":0,"qualitative":true,"status":"GREEN",
			 "responsibility":{"leaderPosition":"副区长（分管发展改革）","leadDepartment":"区发展改革委","cooperatingDepartments":[]},
			 "sampleResponsibility":true,"responsibilityChanges":[],"planVersion":1,"indicators":[],
			 "progress":{"state":"ON_TRACK","status":"GREEN","note":"按计划推进","asOf":"2021-05-31","lastReportId":"r-7"}}
			""";

	static final String ITEM_83 = """
			{"planYear":2021,"itemId":"8.3","section":8,"sectionTitle":"加快城市更新","title":"推进旧区改造",
			 "starred":false,"starCount":0,"qualitative":false,"status":"GREEN",
			 "responsibility":{"leaderPosition":"副区长（分管城市建设）","leadDepartment":"区建设管理委","cooperatingDepartments":[]},
			 "sampleResponsibility":true,"responsibilityChanges":[],"planVersion":1,
			 "indicators":[{"id":"8.3#1","name":"完成旧区改造","target":1000,"unit":"户","direction":"AT_LEAST","starred":false,
			   "actual":500,"asOf":"2021-05-31","status":"GREEN","expected":416,"shortfallPoints":-8,"lastReportId":"r-8",
			   "rule":"on-track"}],
			 "progress":null}
			""";

	static final String PROJECTS = """
			[{"planYear":2021,"itemId":"9.26","section":9,"sectionTitle":"重大工程","title":"静安体育中心改扩建",
			  "starred":false,"starCount":0,
			  "responsibility":{"leaderPosition":"副区长（分管城市建设）","leadDepartment":"区建设管理委","cooperatingDepartments":[]},
			  "sampleResponsibility":true,"responsibilityChanges":[],"planVersion":1,"documentNumber":"静府发〔2021〕5号",
			  "milestones":[
			   {"id":"9.26#1","type":"START","name":"开工","plannedDate":"2021-03-31","forecastDate":"2021-03-31","value":null,
			    "unit":null,"status":"DONE","reachedOn":"2021-03-28"},
			   {"id":"9.26#2","type":"TOPPING_OUT","name":"主体结构封顶","plannedDate":"2021-09-30","forecastDate":"2021-11-15",
			    "value":null,"unit":null,"status":"YELLOW","reachedOn":null}]},
			 {"planYear":2021,"itemId":"9.27","section":9,"sectionTitle":"重大工程","title":"彭浦新村旧住房成套改造",
			  "starred":true,"starCount":1,
			  "responsibility":{"leaderPosition":"副区长（分管城市建设）","leadDepartment":"区建设管理委","cooperatingDepartments":["区民政局"]},
			  "sampleResponsibility":true,"responsibilityChanges":[],"planVersion":1,"documentNumber":"静府发〔2021〕5号",
			  "milestones":[
			   {"id":"9.27#1","type":"START","name":"开工","plannedDate":"2021-06-30","forecastDate":null,"value":null,
			    "unit":null,"status":"NOT_STARTED","reachedOn":null}]}]
			""";

	private static String reports58() {
		String history = """
				{"reportId":"r-3","planYear":2021,"itemId":"5.8","targetId":"5.8#1","targetKind":"INDICATOR","value":3,
				 "reachedOn":null,"asOf":"2021-02-28","department":"区民政局","note":"","acceptedAt":"2021-03-01T02:00:00Z",
				 "published":true,"state":null,"supersedes":null,"supersededBy":null},
				{"reportId":"r-4","planYear":2021,"itemId":"5.8","targetId":"5.8#1","targetKind":"INDICATOR","value":6,
				 "reachedOn":null,"asOf":"2021-04-30","department":"区民政局","note":"按期推进","acceptedAt":"2021-05-01T02:00:00Z",
				 "published":true,"state":null,"supersedes":null,"supersededBy":null},
				{"reportId":"r-5","planYear":2021,"itemId":"5.8","targetId":"5.8#1","targetKind":"INDICATOR","value":8,
				 "reachedOn":null,"asOf":"2021-05-31","department":"区民政局","note":"","acceptedAt":"2021-06-01T02:00:00Z",
				 "published":true,"state":null,"supersedes":null,"supersededBy":null}""";
		if (reported.get()) {
			history += """
					,{"reportId":"web-1","planYear":2021,"itemId":"5.8","targetId":"5.8#1","targetKind":"INDICATOR","value":12,
					 "reachedOn":null,"asOf":"2021-06-30","department":"区民政局","note":"新增 4 项“一件事”服务",
					 "acceptedAt":"2021-06-30T08:00:00Z","published":true,"state":null,"supersedes":null,"supersededBy":null}""";
		}
		return "[" + history + "]";
	}

	private static String alert() {
		boolean acked = acknowledged.get();
		return """
				{"alertId":"a-1","planYear":2021,"itemId":"5.8","itemTitle":"深化“一网通办”改革","targetId":"5.8#1",
				 "indicatorName":"新增“一件事”集成服务","rule":"behind-schedule","period":null,"severity":"YELLOW",
				 "status":"%s","title":"新增“一件事”集成服务进度滞后",
				 "message":"截至 2021-05-31 完成 8 项，计划应达 10 项。详情：#/items/5.8","target":20,"unit":"项","actual":8,
				 "expected":10,"shortfallPoints":10,"asOf":"2021-05-31","recipientPosition":"副区长（分管民政）",
				 "leadDepartment":"区民政局","cooperatingDepartments":["区发展改革委"],"raisedAt":"2021-06-01T01:00:00Z",
				 "acknowledgedAt":%s,"acknowledgedBy":%s,"acknowledgedByName":%s,"ackNote":%s,"resolvedAt":null,"resolvedReason":null,
				 "sourceEventId":"e-1","published":true,"targetKind":"INDICATOR","targetName":"新增“一件事”集成服务",
				 "milestoneType":null,"plannedDate":null,"forecastDate":null,"deadline":null,"lastReportAsOf":"2021-05-31"}
				""".formatted(acked ? "ACKNOWLEDGED" : "OPEN", acked ? "\"2021-06-02T01:00:00Z\"" : "null",
				acked ? "\"leader-minzheng\"" : "null", acked ? "\"张明\"" : "null",
				acked ? "\"请区民政局本周拿出追赶方案\"" : "null");
	}

}
