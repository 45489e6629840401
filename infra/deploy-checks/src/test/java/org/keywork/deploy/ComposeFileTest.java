package org.keywork.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * docker-compose.yml as operators run it: valid by the Compose Specification's JSON schema (compose-spec/compose-spec
 * {@code schema/compose-spec.json} at commit a08f8d51631b7127ddac3d2c65537db429d0f1d0, 2025-10-28, kept in
 * src/test/resources/compose), every service healthy-checked, every mounted file present, and only the entry points
 * publishing host ports, so that each service scales with {@code --scale}.
 */
class ComposeFileTest {

    /** The services a person opens in a browser; every other one must scale, so publishes no host port. */
    private static final Set<String> PUBLISHED = Set.of("gateway", "mailpit", "prometheus", "grafana");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path root;
    private static JsonNode compose;

    @BeforeAll
    static void load() throws IOException {
        root = RepositoryFiles.root();
        Object yaml = new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(root.resolve("docker-compose.yml")));
        compose = JSON.valueToTree(merged(yaml));
    }

    @Test
    void isValidByTheComposeSpecification() throws IOException {
        assertThat(composeSchema().validate(compose)).extracting(Error::toString).isEmpty();
    }

    @Test
    void theSchemaCheckCatchesAMistypedKey() throws IOException {
        ObjectNode broken = (ObjectNode) compose.deepCopy();
        ((ObjectNode) broken.at("/services/prometheus")).put("healtcheck", "typo");

        assertThat(composeSchema().validate(broken)).extracting(Error::toString).anyMatch(e -> e.contains("healtcheck"));
    }

    private static Schema composeSchema() throws IOException {
        ObjectNode schemaNode;
        try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose/compose-spec.json")) {
            schemaNode = (ObjectNode) JSON.readTree(in);
        }
        // its $schema names draft-07 by an address the validator would fetch (the dialect is given instead), and its
        // relative $id is not one the validator takes as a base: only in-document references ("#/...") are used
        schemaNode.remove("$schema");
        schemaNode.put("$id", "https://raw.githubusercontent.com/compose-spec/compose-spec/main/schema/compose-spec.json");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(schemaNode);
    }

    @Test
    void runsTheServicesOperatorsExpect() {
        assertThat(serviceNames()).contains("kafka", "mongo", "goal-service", "project-service", "progress-service",
                "notification-service", "gateway", "mailpit", "prometheus", "grafana");
        assertThat(compose.at("/services/prometheus/image").asString()).startsWith("prom/prometheus:");
        assertThat(compose.at("/services/grafana/image").asString()).startsWith("grafana/grafana:");
    }

    @Test
    void everyServiceHasAHealthcheck() {
        for (String name : serviceNames()) {
            JsonNode test = compose.at("/services/" + name + "/healthcheck/test");
            assertThat(test.isArray() && !test.isEmpty() || test.isString() && !test.asString().isBlank())
                    .as("healthcheck.test of service %s", name).isTrue();
        }
    }

    @Test
    void everyHealthyDependencyHasAHealthcheck() {
        for (String name : serviceNames()) {
            JsonNode dependsOn = compose.at("/services/" + name + "/depends_on");
            for (String dependency : dependsOn.propertyNames()) {
                assertThat(serviceNames()).as("%s depends on %s", name, dependency).contains(dependency);
                if ("service_healthy".equals(dependsOn.get(dependency).path("condition").asString(""))) {
                    assertThat(compose.at("/services/" + dependency + "/healthcheck").isObject())
                            .as("%s waits for %s to be healthy, which has no healthcheck", name, dependency).isTrue();
                }
            }
        }
    }

    @Test
    void everyMountedFileIsInTheRepository() {
        List<String> mounts = new ArrayList<>();
        for (String name : serviceNames()) {
            for (JsonNode volume : compose.at("/services/" + name + "/volumes")) {
                String source = volume.isString() ? volume.asString().split(":")[0] : volume.path("source").asString("");
                if (source.startsWith(".")) {
                    mounts.add(source);
                    assertThat(root.resolve(source).normalize()).as("%s mounts %s", name, source).exists();
                }
            }
        }
        assertThat(mounts).contains("./deploy/observability/prometheus/prometheus.yml",
                "./deploy/observability/prometheus/rules", "./deploy/observability/grafana/provisioning",
                "./deploy/observability/grafana/dashboards");
    }

    @Test
    void onlyTheEntryPointsPublishHostPorts() {
        for (String name : serviceNames()) {
            boolean publishes = !compose.at("/services/" + name + "/ports").isMissingNode();
            assertThat(publishes).as("service %s publishes host ports", name).isEqualTo(PUBLISHED.contains(name));
        }
    }

    private static List<String> serviceNames() {
        return new ArrayList<>(compose.get("services").propertyNames());
    }

    /**
     * The document with YAML merge keys ({@code <<: *anchor}) applied, as Compose applies them (the parser resolves
     * the aliases; merging is left to the application in YAML 1.2): the mapping's own keys win.
     */
    @SuppressWarnings("unchecked")
    static Object merged(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            Object merge = map.get("<<");
            List<Object> sources = merge instanceof List<?> list ? (List<Object>) list
                    : merge == null ? List.of() : List.of(merge);
            for (Object source : sources) {
                ((Map<String, Object>) merged(source)).forEach(result::put);
            }
            map.forEach((key, value) -> {
                if (!"<<".equals(key)) {
                    result.put(String.valueOf(key), merged(value));
                }
            });
            return result;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(ComposeFileTest::merged).toList();
        }
        return node;
    }
}
