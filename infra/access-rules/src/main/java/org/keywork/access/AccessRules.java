package org.keywork.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: one table of (methods, paths) -> roles, read top to bottom, first match wins, enforced by the
 * gateway and by every service on its own port (a token valid for one role opens nothing more by going around the
 * gateway). Deny by default: a request no rule matches reaches nothing (an anonymous caller gets 401, a signed-in
 * one 404, since there is nothing there he may use). This is the coarse cut by role; finer checks by responsibility
 * (may this department report on this item? is this alert his?) are the services' business, with the same token.
 * <p>
 * Alerts are readable by every role, but a leader or a department only sees its own: the gateway forces the filter
 * on the way through and notification-service checks it again. Likewise the notification log: every role reads it,
 * notification-service shows an admin all and anyone else only his own entries (his token's {@code personId}); and
 * the directory's contacts only to the admin and to the holder himself.
 */
public final class AccessRules {

	private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

	private static final Set<Role> NOBODY = EnumSet.noneOf(Role.class);

	private static final Set<HttpMethod> READ = Set.of(HttpMethod.GET, HttpMethod.HEAD);

	private static final Set<HttpMethod> WRITE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
			HttpMethod.DELETE);

	private static final Set<HttpMethod> ANY = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
			HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

	/**
	 * The table. {@code action} says in Chinese what the rule lets one do; a 403 names it.
	 */
	public static final List<Rule> RULES = List.of(
			// anonymous: the login, the dashboard's static files, the API documents, health probes
			anonymous(Set.of(HttpMethod.POST), "登录", "/api/auth/token"),
			anonymous(READ, "打开工作台页面", "/", "/index.html", "/favicon.ico", "/assets/**", "/webjars/**"),
			anonymous(READ, "查看接口文档", "/api-docs", "/api-docs/**", "/swagger-ui/**", "/v3/api-docs/**"),
			anonymous(READ, "查看健康状态", "/actuator/health", "/actuator/health/**"),

			// plans under review are the 督查室's and the admin's until published
			rule(READ, roles(Role.SUPERVISOR, Role.ADMIN), "查看待审核的计划草稿", "/api/plans/drafts",
					"/api/plans/drafts/**"),

			// the plan, its projects and its progress: every signed-in role reads
			rule(READ, EVERYONE, "查看计划事项", "/api/goals", "/api/goals/**", "/api/plans/**"),
			rule(READ, EVERYONE, "查看重点工程", "/api/projects", "/api/projects/**"),
			rule(READ, EVERYONE, "查看进度报告", "/api/progress", "/api/progress/**"),
			rule(READ, EVERYONE, "查看总览", "/api/dashboard/**"),
			rule(READ, EVERYONE, "查看业务日期", "/api/clock"),
			rule(READ, EVERYONE, "查看节假日安排", "/api/calendars"),
			rule(READ, roles(Role.SUPERVISOR, Role.ADMIN, Role.LEADER), "查看考核评价", "/api/evaluation/**"),

			// reporting
			rule(Set.of(HttpMethod.POST), roles(Role.DEPARTMENT, Role.ADMIN), "填报进度", "/api/progress",
					"/api/progress/bulk"),

			// alerts: everyone reads (his own: the gateway filters, the service checks); the addressees acknowledge
			rule(READ, EVERYONE, "查看提醒", "/api/alerts", "/api/alerts/stream", "/api/alerts/{alertId}"),
			rule(Set.of(HttpMethod.POST), roles(Role.LEADER, Role.DEPARTMENT, Role.ADMIN), "确认提醒",
					"/api/alerts/{alertId}/ack"),
			rule(Set.of(HttpMethod.POST), roles(Role.DEPARTMENT, Role.ADMIN), "反馈落实情况",
					"/api/alerts/{alertId}/feedback"),

			// the plan itself: the 督查室 (supervisors) and the admin review, correct and assign it
			rule(WRITE, roles(Role.SUPERVISOR, Role.ADMIN), "审核修改计划", "/api/plans/drafts",
					"/api/plans/drafts/**"),
			rule(Set.of(HttpMethod.POST), roles(Role.SUPERVISOR, Role.ADMIN), "上传任务分解表",
					"/api/plans/*/breakdown"),
			rule(Set.of(HttpMethod.POST), roles(Role.ADMIN), "导入计划", "/api/plans/import"),
			rule(WRITE, roles(Role.ADMIN), "修改计划", "/api/plans/**"),
			rule(Set.of(HttpMethod.PUT), roles(Role.ADMIN), "调整责任分工", "/api/goals/*/responsibility",
					"/api/projects/*/responsibility"),
			rule(Set.of(HttpMethod.PUT), roles(Role.ADMIN), "调整工程里程碑", "/api/projects/*/milestones/**"),
			rule(Set.of(HttpMethod.PUT), roles(Role.ADMIN), "设置进度曲线", "/api/goals/*/indicators/*/curve"),

			// the directory of people and positions (a holder's contacts: the admin's and his own, notification-service
			// hides the rest), and the delivery log (everyone reads his own, the admin all: notification-service filters)
			rule(READ, roles(Role.SUPERVISOR, Role.ADMIN, Role.LEADER), "查看通讯录", "/api/directory/**"),
			rule(WRITE, roles(Role.ADMIN), "维护通讯录", "/api/directory/**"),
			rule(READ, EVERYONE, "查看通知发送记录", "/api/notifications/**"),
			rule(WRITE, roles(Role.ADMIN), "管理通知发送", "/api/notifications/**"),

			// administration: the business clock, escalations, a year's 节假日安排, actuator beyond health
			rule(Set.of(HttpMethod.PUT), roles(Role.ADMIN), "载入节假日安排", "/api/admin/calendars/{year}"),
			rule(ANY, roles(Role.ADMIN), "使用管理功能", "/api/admin/**"),
			rule(READ, roles(Role.ADMIN), "查看运行监控", "/actuator/**"));

	private AccessRules() {
	}

	/** The rule that decides this request, if any. */
	public static Optional<Rule> match(HttpMethod method, String path) {
		PathContainer container = PathContainer.parsePath(path);
		return RULES.stream().filter(rule -> rule.matches(method, container)).findFirst();
	}

	/** What happens to a request by a caller with these roles ({@code null}: anonymous). */
	public static Decision decide(HttpMethod method, String path, Set<Role> roles) {
		Optional<Rule> rule = match(method, path);
		if (rule.isPresent() && rule.get().anonymous()) {
			return Decision.ALLOW;
		}
		if (roles == null) {
			return Decision.UNAUTHENTICATED;
		}
		if (rule.isEmpty()) {
			return Decision.NO_SUCH_PATH;
		}
		return rule.get().roles().stream().anyMatch(roles::contains) ? Decision.ALLOW : Decision.FORBIDDEN;
	}

	/**
	 * What the rule deciding this request lets one do, with the request, for a 403: e.g. {@code 使用管理功能（PUT
	 * /api/admin/clock）}.
	 */
	public static String action(HttpMethod method, String path) {
		return match(method, path).map(Rule::action).orElse("访问该接口") + "（" + method.name() + " " + path + "）";
	}

	/** What a 403 says: the caller's roles, and what they may not do. */
	public static String refusal(Set<Role> roles, String what) {
		String who = roles.isEmpty() ? "未分配角色"
				: roles.stream().sorted().map(Role::label).collect(Collectors.joining("、"));
		return "当前账号（" + who + "）无权" + what + "。";
	}

	public enum Decision {

		ALLOW, UNAUTHENTICATED, FORBIDDEN, NO_SUCH_PATH

	}

	/**
	 * @param methods the methods it covers
	 * @param patterns the paths it covers
	 * @param roles who may (empty with {@code anonymous})
	 * @param anonymous anyone may, signed in or not
	 * @param action what it lets one do, in Chinese
	 */
	public record Rule(Set<HttpMethod> methods, List<PathPattern> patterns, Set<Role> roles, boolean anonymous,
			String action) {

		public boolean matches(HttpMethod method, PathContainer path) {
			return this.methods.contains(method) && this.patterns.stream().anyMatch(p -> p.matches(path));
		}

	}

	private static Rule anonymous(Set<HttpMethod> methods, String action, String... paths) {
		return new Rule(methods, patterns(paths), NOBODY, true, action);
	}

	private static Rule rule(Set<HttpMethod> methods, Set<Role> roles, String action, String... paths) {
		return new Rule(methods, patterns(paths), roles, false, action);
	}

	private static Set<Role> roles(Role first, Role... more) {
		return EnumSet.of(first, more);
	}

	private static List<PathPattern> patterns(String... paths) {
		return Arrays.stream(paths).map(PathPatternParser.defaultInstance::parse).toList();
	}

}
