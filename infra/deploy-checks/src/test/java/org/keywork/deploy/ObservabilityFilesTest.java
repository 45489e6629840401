package org.keywork.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Prometheus configuration, its alert rules and the Grafana dashboard under deploy/observability: they parse,
 * are complete, and use only metrics the services really expose (src/test/resources/observability/exposed-metrics.txt,
 * captured from a running stack's /actuator/prometheus).
 */
class ObservabilityFilesTest {

    private static final Path DIR = RepositoryFiles.root().resolve("deploy/observability");
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CHINESE = Pattern.compile("\\p{IsHan}");

    /** Series Prometheus makes itself, not exposed by a service. */
    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    /** PromQL words that look like metric names: functions, aggregations, keywords, time units of offsets. */
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "deriv", "delta", "histogram_quantile", "by", "without", "and", "or", "unless", "on",
            "ignoring", "group_left", "group_right", "offset", "bool", "label_values", "topk", "bottomk", "abs",
            "clamp_min", "clamp_max", "time", "vector", "absent", "predict_linear", "avg_over_time", "max_over_time",
            "min_over_time", "sum_over_time", "quantile", "humanize");

    @Test
    void prometheusScrapesEveryServiceByDnsOnItsPort() throws IOException {
        JsonNode config = YAML.readTree(DIR.resolve("prometheus/prometheus.yml").toFile());

        JsonNode keywork = null;
        for (JsonNode job : config.get("scrape_configs")) {
            if ("keywork".equals(job.path("job_name").asString(""))) {
                keywork = job;
            }
        }
        assertThat(keywork).as("scrape job keywork").isNotNull();
        assertThat(keywork.path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
        List<String> targets = new ArrayList<>();
        for (JsonNode sd : keywork.get("dns_sd_configs")) {
            assertThat(sd.path("type").asString()).isEqualTo("A");
            sd.get("names").forEach(name -> targets.add(name.asString() + ":" + sd.path("port").asInt()));
        }
        assertThat(targets).containsExactlyInAnyOrder("goal-service:8081", "project-service:8082",
                "progress-service:8083", "notification-service:8084", "gateway:8080");
        assertThat(config.get("rule_files").get(0).asString()).isEqualTo("/etc/prometheus/rules/*.yml");
    }

    @Test
    void everyAlertRuleIsComplete() throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode rule : rules()) {
            String name = rule.path("alert").asString("");
            names.add(name);
            assertThat(name).as("alert name").matches("[A-Z][A-Za-z0-9]+");
            assertThat(rule.path("expr").asString("")).as("%s expr", name).isNotBlank();
            assertThat(rule.path("for").asString("")).as("%s for", name).matches("\\d+[smh]");
            assertThat(rule.at("/labels/severity").asString("")).as("%s severity", name).isIn("critical", "warning");
            assertThat(rule.at("/annotations/summary").asString("")).as("%s summary", name).containsPattern(CHINESE);
            assertThat(rule.at("/annotations/description").asString("")).as("%s description", name)
                    .containsPattern(CHINESE);
        }
        assertThat(names).doesNotHaveDuplicates().contains("KeyworkInstanceDown", "KeyworkCircuitBreakerOpen",
                "KeyworkConsumerLagGrowing", "KeyworkDeadLetters", "KeyworkOutboxStuck", "KeyworkDeliveryFailing",
                "KeyworkDeliveryBacklogGrowing");
    }

    @Test
    void everyDashboardPanelHasAnIdADatasourceAndAQuery() throws IOException {
        JsonNode dashboard = dashboard();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            String title = panel.path("title").asString("");
            assertThat(ids.add(panel.path("id").asInt())).as("panel id of %s is unique", title).isTrue();
            assertThat(title).as("panel title").containsPattern(CHINESE);
            assertThat(panel.path("datasource").path("uid").asString("")).as("%s datasource", title).isNotBlank();
            assertThat(panel.get("targets")).as("%s queries", title).isNotEmpty();
            panel.get("targets").forEach(target ->
                    assertThat(target.path("expr").asString("")).as("%s query", title).isNotBlank());
        }
        List<String> variables = new ArrayList<>();
        dashboard.at("/templating/list").forEach(variable -> variables.add(variable.path("name").asString()));
        assertThat(variables).contains("service", "instance");
    }

    @Test
    void grafanaIsProvisionedWithTheDashboardAndPrometheus() throws IOException {
        JsonNode datasource = YAML.readTree(DIR.resolve("grafana/provisioning/datasources/prometheus.yml").toFile())
                .at("/datasources/0");
        assertThat(datasource.path("type").asString()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asString()).isEqualTo("http://prometheus:9090");
        assertThat(dashboard().at("/templating/list/0/current/value").asString())
                .isEqualTo(datasource.path("uid").asString());
        JsonNode provider = YAML.readTree(DIR.resolve("grafana/provisioning/dashboards/keywork.yml").toFile())
                .at("/providers/0");
        assertThat(provider.at("/options/path").asString()).isEqualTo("/var/lib/grafana/dashboards");
    }

    @Test
    void everyMetricUsedIsOneTheServicesExpose() throws IOException {
        Set<String> exposed = exposedMetrics();
        Set<String> used = new TreeSet<>();
        for (JsonNode rule : rules()) {
            used.addAll(metricNames(rule.path("expr").asString()));
        }
        for (JsonNode panel : dashboard().get("panels")) {
            panel.get("targets").forEach(target -> used.addAll(metricNames(target.path("expr").asString())));
        }
        dashboard().at("/templating/list").forEach(variable ->
                used.addAll(metricNames(variable.path("definition").asString(""))));

        assertThat(used).as("metrics used by the rules and the dashboard").isNotEmpty()
                .contains("keywork_outbox_pending", "keywork_events_dead_lettered_total",
                        "spring_cloud_stream_binder_kafka_offset", "resilience4j_circuitbreaker_state");
        List<String> unknown = used.stream().filter(name -> !PROMETHEUS_OWN.contains(name))
                .filter(name -> !exposed.contains(name)).toList();
        assertThat(unknown).as("metrics not in exposed-metrics.txt").isEmpty();
    }

    @Test
    void theMetricNameExtractionSkipsLabelsFunctionsAndStrings() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (application, le) "
                + "(rate(http_server_requests_seconds_bucket{application=~\"$service\", outcome=\"x_y\"}[5m]))) "
                + "and deriv(max by (channel) (keywork_delivery_pending)[15m:1m]) > 0"))
                .containsExactlyInAnyOrder("http_server_requests_seconds_bucket", "keywork_delivery_pending");
        assertThat(metricNames("label_values(up{job=\"keywork\", service=~\"$service\"}, instance)"))
                .containsExactly("up");
    }

    /** Metric names in a PromQL expression: identifiers outside strings, label matchers and grouping lists. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // strings
                .replaceAll("\\{[^}]*}", "") // label matchers
                .replaceAll("label_values\\(([^,()]*),[^)]*\\)", "$1") // Grafana's label_values(metric, label)
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "") // label lists
                .replaceAll("\\[[^]]*]", ""); // ranges
        Set<String> names = new TreeSet<>();
        Matcher matcher = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (matcher.find()) {
            String word = matcher.group();
            if (!PROMQL_WORDS.contains(word) && !word.matches("\\d.*")) {
                names.add(word);
            }
        }
        return names;
    }

    private static List<JsonNode> rules() throws IOException {
        JsonNode file = YAML.readTree(DIR.resolve("prometheus/rules/keywork.yml").toFile());
        List<JsonNode> rules = new ArrayList<>();
        file.get("groups").forEach(group -> group.get("rules").forEach(rules::add));
        assertThat(rules).isNotEmpty();
        return rules;
    }

    private static JsonNode dashboard() throws IOException {
        return JSON.readTree(Files.readString(DIR.resolve("grafana/dashboards/keywork.json")));
    }

    /** The captured names; histogram series may carry _bucket, _count or _sum beyond what was captured. */
    private static Set<String> exposedMetrics() throws IOException {
        Set<String> names = new HashSet<>();
        try (InputStream in = ObservabilityFilesTest.class.getResourceAsStream("/observability/exposed-metrics.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                    if (name.endsWith("_bucket")) {
                        String base = name.substring(0, name.length() - "_bucket".length());
                        names.addAll(List.of(base + "_count", base + "_sum"));
                    }
                }
            }
        }
        return names;
    }
}
