package org.keywork.stack;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./keywork demo}: replays the 2021 plan year on a running stack with the simulated business clock. Month by
 * month the departments file their monthly report (one CSV through {@code POST /api/progress/bulk}); most work keeps
 * pace, a few items slip in clear ways; after each month it prints the status counts the dashboard shows and the
 * alerts that reached leaders.
 */
final class PlanYearDemo {

    static final int YEAR = 2021;

    /** What slips, and how, so that the output can be checked against the plan. */
    static final String STALLED_CANTEENS = "5.6#1";         // ★新增社区长者食堂 2 个: nothing all year
    static final String SLOW_CHARGING = "公共充电桩";            // 新建 350 个公共充电桩: at 40 % of the pace
    static final String DRY_WASTE = "干垃圾";                   // 干垃圾 ≤ 750 吨/日: above the ceiling from July
    static final String NEVER_STARTED = "9.8#1";             // 大宁中心广场五期项目开工: never starts
    static final String NEVER_COMPLETED = "9.36#1";          // 静安寺广场项目竣工: not done by year end

    private final PrintStream out;
    private final String gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Duration settle;

    /** The local stack's documented admin (gateway/README.md); override with KEYWORK_DEMO_USER / _PASSWORD. */
    static final String DEMO_USER = System.getenv().getOrDefault("KEYWORK_DEMO_USER", "admin");
    static final String DEMO_PASSWORD = System.getenv().getOrDefault("KEYWORK_DEMO_PASSWORD", "admin-2021");

    private String token;

    PlanYearDemo(PrintStream out, String gateway, Duration settle) {
        this.out = out;
        this.gateway = gateway;
        this.settle = settle;
    }

    int run() {
        JsonNode clock;
        try {
            clock = get("/api/admin/clock");
        } catch (RuntimeException e) {
            out.println("无法连接 Keywork（" + gateway + "）。请先运行 ./keywork up --detach，再运行 ./keywork demo。");
            return 1;
        }
        if (!"SIMULATED".equals(clock.path("mode").asString())) {
            out.println("业务时钟为真实时间，无法回放。请以 KEYWORK_CLOCK_MODE=simulated 启动（./keywork up 默认如此）。");
            return 1;
        }
        JsonNode plan = get("/api/plans/" + YEAR);
        List<Target> targets = targets(plan);
        out.printf("回放 %d 年计划：%d 个指标、%d 个节点；每月底各部门报送月报（CSV 批量上传）。%n", YEAR,
                targets.stream().filter(t -> !t.milestone()).count(), targets.stream().filter(Target::milestone).count());
        out.println("设定的滞后情形：5.6 社区长者食堂全年无进展；公共充电桩按 40% 的进度推进；干垃圾处置量 7 月起超过上限；");
        out.println("              9.8 大宁中心广场五期未开工；9.36 静安寺广场年底未竣工。");
        out.println();
        Set<String> seenAlerts = new LinkedHashSet<>();
        for (int month = 1; month <= 12; month++) {
            YearMonth period = YearMonth.of(YEAR, month);
            setClock(period.atEndOfMonth() + "T20:00:00+08:00", "demo: " + period + " 月底");
            HttpResponse<String> upload = post("/api/progress/bulk?uploadId=demo-" + period, "text/csv; charset=UTF-8",
                    csv(targets, period));
            String outcome = upload.statusCode() == 202 ? "已受理" : "被拒绝（" + upload.statusCode() + "）："
                    + tree(upload.body()).path("detail").asString();
            pause();
            report(period.toString(), outcome, seenAlerts);
        }
        setClock(YEAR + 1 + "-01-15T09:00:00+08:00", "demo: 年度结束后");
        pause();
        report((YEAR + 1) + "-01-15", "年度结束，检查逾期", seenAlerts);
        out.println();
        out.println("工作台：" + gateway + "/（督查：supervisor / supervisor-2021；分管领导：leader-minzheng / "
                + "leader-minzheng-2021）");
        out.println("总览：" + gateway + "/api/dashboard/summary?year=" + YEAR + "   提醒：" + gateway + "/api/alerts");
        out.println("计划与状态：" + gateway + "/api/plans/" + YEAR + "   重点工程：" + gateway + "/api/projects?year=" + YEAR);
        return 0;
    }

    private void report(String when, String outcome, Set<String> seenAlerts) {
        JsonNode totals = get("/api/dashboard/summary?year=" + YEAR).path("totals");
        out.printf("%-10s 月报%s  │ 绿 %3d  黄 %3d  红 %3d  完成 %3d  未开始 %3d%n", when, outcome,
                totals.path("GREEN").asInt(), totals.path("YELLOW").asInt(), totals.path("RED").asInt(),
                totals.path("DONE").asInt(), totals.path("NOT_STARTED").asInt());
        for (JsonNode alert : get("/api/alerts?year=" + YEAR + "&limit=1000")) {
            if (seenAlerts.add(alert.path("alertId").asString())) {
                out.printf("           ↳ 提醒 %s → %s%n", alert.path("title").asString(),
                        alert.path("recipientPosition").asString());
            }
        }
    }

    record Target(String itemId, String id, String name, BigDecimal value, String direction, String type,
            String department, int order) {

        boolean milestone() {
            return type != null;
        }
    }

    static List<Target> targets(JsonNode plan) {
        List<Target> targets = new ArrayList<>();
        for (JsonNode section : plan.path("sections")) {
            for (JsonNode item : section.path("items")) {
                String department = item.path("responsibility").path("leadDepartment").asString("演示部门");
                for (JsonNode indicator : item.path("indicators")) {
                    targets.add(new Target(item.path("itemId").asString(), indicator.path("id").asString(),
                            indicator.path("name").asString(), indicator.path("value").decimalValue(),
                            indicator.path("direction").asString(), null, department, targets.size()));
                }
                for (JsonNode milestone : item.path("milestones")) {
                    targets.add(new Target(item.path("itemId").asString(), milestone.path("id").asString(),
                            milestone.path("name").asString(), null, null, milestone.path("type").asString(), department,
                            targets.size()));
                }
            }
        }
        return targets;
    }

    /** The month's report: every indicator's value to date, and the milestones reached that month. */
    static String csv(List<Target> targets, YearMonth period) {
        StringBuilder csv = new StringBuilder("reportId,itemId,targetId,value,reachedOn,asOf,department,note\n");
        String asOf = period.atEndOfMonth().toString();
        for (Target target : targets) {
            String reportId = "demo-" + period + "-" + target.id().replace('#', '-');
            if (target.milestone()) {
                LocalDate reached = reachedOn(target, period);
                if (reached != null) {
                    csv.append(String.join(",", reportId, target.itemId(), target.id(), "", reached.toString(), asOf,
                            quote(target.department()), "")).append('\n');
                }
                continue;
            }
            csv.append(String.join(",", reportId, target.itemId(), target.id(),
                    value(target, period.getMonthValue()).toPlainString(), "", asOf, quote(target.department()),
                    "")).append('\n');
        }
        return csv.toString();
    }

    static BigDecimal value(Target target, int month) {
        BigDecimal goal = target.value();
        BigDecimal share = BigDecimal.valueOf(month).divide(BigDecimal.valueOf(12), 6, RoundingMode.HALF_UP);
        return switch (target.direction()) {
            case "AT_MOST" -> target.name().contains(DRY_WASTE) && month >= 7
                    ? scaled(goal, new BigDecimal("1.04")) : scaled(goal, new BigDecimal("0.95"));
            case "KEEP_AT_LEAST" -> goal.add(BigDecimal.valueOf(2));
            case "INCREASE_BY", "REDUCE_BY" -> goal;
            default -> {
                if (target.id().equals(STALLED_CANTEENS)) {
                    yield BigDecimal.ZERO;
                }
                BigDecimal pace = target.name().contains(SLOW_CHARGING) ? share.multiply(new BigDecimal("0.4")) : share;
                yield scaled(goal, pace);
            }
        };
    }

    /**
     * Starts are reached in spring and summer, other milestones (推进, 启动, 开展) by autumn, completions in November
     * and December; two milestones never are.
     */
    static LocalDate reachedOn(Target target, YearMonth period) {
        if (target.id().equals(NEVER_STARTED) || target.id().equals(NEVER_COMPLETED)) {
            return null;
        }
        int month = switch (target.type()) {
            case "START" -> 3 + target.order() % 7;
            case "COMPLETION" -> 11 + target.order() % 2;
            default -> 6 + target.order() % 4;
        };
        return period.getMonthValue() == month ? period.atDay(15) : null;
    }

    /** Whole things (个, 家, 台 …) are reported whole, rounded up: a department that is on pace says so. */
    private static BigDecimal scaled(BigDecimal goal, BigDecimal factor) {
        BigDecimal value = goal.multiply(factor);
        return goal.stripTrailingZeros().scale() > 0 ? value.setScale(2, RoundingMode.HALF_UP)
                : value.setScale(0, RoundingMode.CEILING);
    }

    private static String quote(String text) {
        return text.contains(",") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private void setClock(String now, String reason) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/admin/clock"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"now\":\"" + now + "\",\"reason\":\"" + reason + "\"}")));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cannot set the business clock: " + response.body());
        }
    }

    private void pause() {
        try {
            Thread.sleep(settle.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return tree(response.body());
    }

    private JsonNode tree(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return json.createObjectNode().put("detail", body);
        }
    }

    private HttpResponse<String> post(String path, String type, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Sends as the demo's user (the local admin: the demo sets the clock and reports for every department). */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (token == null) {
            token = GatewayLogin.token(http, gateway, DEMO_USER, DEMO_PASSWORD);
        }
        HttpRequest built = request.header("Authorization", "Bearer " + token).build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(built.uri() + ": " + e.getMessage(), e);
        }
    }

    private URI uri(String path) {
        return URI.create(gateway + path);
    }
}
