package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as {@code ./keywork up} runs it — a real Kafka broker, the MongoDB wire server, four services and
 * the gateway, each its own JVM — on free ports with its own data directory. A department's report enters through
 * the gateway and becomes exactly one alert in the responsible leader's inbox; retries and malformed reports change
 * nothing; after a full stop and start the report is still there.
 */
class SystemEndToEndIT {

    static final String LEADER = "副区长（分管民政）";
    static final String REPORT = """
            {"reportId":"e2e-mzj-2021-09-5.6","itemId":"5.6","targetId":"5.6#1","value":0,"asOf":"2021-09-30",
             "department":"区民政局","note":"两处选址仍在协调"}
            """;

    @TempDir
    Path home;

    private LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String gateway;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.stopAll();
        }
    }

    @Test
    void aReportBehindScheduleBecomesExactlyOneAlertForTheResponsibleLeader() throws Exception {
        StackConfig config = StackConfig.onFreePorts(Repository.root(), home).withStartTimeout(Duration.ofSeconds(180));
        stack = new LocalStack(config);
        Instant started = Instant.now();
        stack.startAll(ProgressListener.SILENT);
        System.out.printf("whole stack healthy in %.1f s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        gateway = "http://127.0.0.1:" + config.port(Part.GATEWAY);
        signIn();

        // nobody gets in without signing in: not through the gateway, not around it on a service port
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(gateway + "/api/progress"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(REPORT)).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(json.readTree(anonymous.body()).get("status").asInt()).isEqualTo(401);
        HttpResponse<String> direct = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + config.port(Part.PROGRESS) + "/api/progress?itemId=5.6")).build());
        assertThat(direct.statusCode()).isEqualTo(401);
        assertThat(json.readTree(direct.body()).get("type").asText()).isEqualTo("urn:keywork:problem:unauthenticated");
        // the API documents of every service, in one place (the gateway's Swagger UI reads these)
        for (String service : List.of("goal-service", "project-service", "progress-service", "notification-service")) {
            HttpResponse<String> document = send(HttpRequest.newBuilder(URI.create(gateway + "/v3/api-docs/" + service))
                    .build());
            assertThat(document.statusCode()).as(service).isEqualTo(200);
            assertThat(json.readTree(document.body()).get("openapi").asText()).as(service).startsWith("3.");
        }
        HttpResponse<String> directHealth = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + config.port(Part.PROGRESS) + "/actuator/health")).build());
        assertThat(directHealth.statusCode()).isEqualTo(200);

        // the plan reaches progress-service as events; until then 5.6 is an unknown item there
        Awaits.until(Duration.ofSeconds(60), () -> !post(REPORT.replace("\"department\":\"区民政局\"", "\"department\":\"\""))
                .body().contains("unknown-item"));

        // another department may not report on 5.6 (区民政局 leads it)
        HttpResponse<String> notTheirs = send(HttpRequest.newBuilder(URI.create(gateway + "/api/progress"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + otherDepartment)
                .POST(HttpRequest.BodyPublishers.ofString(REPORT.replace("区民政局", "区发展改革委")
                        .replace("e2e-mzj", "e2e-fgw"))).build());
        assertThat(notTheirs.statusCode()).as(notTheirs.body()).isEqualTo(403);
        assertThat(json.readTree(notTheirs.body()).get("errors").findValuesAsText("code")).contains("not-responsible");

        HttpResponse<String> accepted = post(REPORT);
        Instant postedAt = Instant.now();
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json.readTree(accepted.body()).get("reportId").asText()).isEqualTo("e2e-mzj-2021-09-5.6");

        Awaits.until(Duration.ofSeconds(10), () -> !alertsFor("5.6#1").isEmpty());
        System.out.printf("alert in the leader's inbox %d ms after the report was accepted%n",
                Duration.between(postedAt, Instant.now()).toMillis());
        JsonNode alert = alertsFor("5.6#1").get(0);
        assertThat(alert.get("severity").asText()).isEqualTo("RED");
        assertThat(alert.get("status").asText()).isEqualTo("OPEN");
        assertThat(alert.get("recipientPosition").asText()).isEqualTo(LEADER);
        assertThat(alert.get("title").asText()).contains("5.6").contains("1.5 个");
        assertThat(json.readTree(get("/api/goals/5.6").body()).get("status").asText()).isEqualTo("RED");

        // the same report again (same reportId) changes nothing
        HttpResponse<String> retried = post(REPORT);
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(json.readTree(retried.body())).isEqualTo(json.readTree(accepted.body()));

        // malformed reports: problem+json naming the field, nothing reaches Kafka
        Map<String, String> malformed = Map.of(
                "body", "{\"reportId\": \"e2e-bad-json\",",
                "itemId", REPORT.replace("e2e-mzj-2021-09-5.6", "e2e-bad-item").replace("\"5.6\"", "\"5.99\"")
                        .replace("5.6#1", "5.99#1"),
                "value", REPORT.replace("e2e-mzj-2021-09-5.6", "e2e-bad-value").replace("\"value\":0", "\"value\":-5"),
                "department", REPORT.replace("e2e-mzj-2021-09-5.6", "e2e-bad-department")
                        .replace(",\n \"department\":\"区民政局\"", ""));
        for (Map.Entry<String, String> bad : malformed.entrySet()) {
            HttpResponse<String> refused = post(bad.getValue());
            assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(refused.body()).get("errors").findValuesAsText("field")).contains(bad.getKey());
        }
        HttpResponse<String> tooLarge = post("{\"note\":\"" + "x".repeat(1024 * 1024) + "\"}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json.readTree(tooLarge.body()).get("errors").get(0).get("field").asText()).isEqualTo("body");

        Thread.sleep(2000);
        assertThat(alertsFor("5.6#1")).hasSize(1);
        List<String> published = readTopic(config.kafkaBootstrap(), "keywork.progress.reports", Duration.ofSeconds(3));
        assertThat(published.stream().filter(r -> r.contains("e2e-mzj-2021-09-5.6"))).hasSize(1);
        assertThat(published.stream().filter(r -> r.contains("e2e-bad"))).isEmpty();

        // a full stop leaves nothing of ours running; a new start finds the report and the alert
        stack.stopAll();
        assertThat(Processes.findByHome(config.home())).isEmpty();
        stack = new LocalStack(config);
        stack.startAll(ProgressListener.SILENT);
        signIn();
        JsonNode history = json.readTree(get("/api/progress?itemId=5.6").body());
        assertThat(history.findValuesAsText("reportId")).containsExactly("e2e-mzj-2021-09-5.6");
        assertThat(alertsFor("5.6#1")).hasSize(1);
    }

    private String department;
    private String otherDepartment;
    private String leader;

    private List<JsonNode> alertsFor(String targetId) {
        List<JsonNode> found = new ArrayList<>();
        try {
            // the leader's own inbox: the gateway confines him to his position
            for (JsonNode alert : json.readTree(send(HttpRequest.newBuilder(URI.create(gateway + "/api/alerts"))
                    .header("Authorization", "Bearer " + leader).build()).body())) {
                if (alert.get("targetId").asText().equals(targetId)) {
                    found.add(alert);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** The documented local users (gateway/README.md): 区民政局's reporter, another department, the leader. */
    private void signIn() {
        department = GatewayLogin.token(http, gateway, "dept-minzheng", "dept-minzheng-2021");
        otherDepartment = GatewayLogin.token(http, gateway, "dept-fagaiwei", "dept-fagaiwei-2021");
        leader = GatewayLogin.token(http, gateway, "leader-minzheng", "leader-minzheng-2021");
    }

    private HttpResponse<String> post(String body) {
        return send(HttpRequest.newBuilder(URI.create(gateway + "/api/progress"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + department)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(gateway + path)).header("Authorization", "Bearer " + department)
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        }
    }

    private static List<String> readTopic(String brokers, String topic, Duration window) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(window);
            while (Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

}
