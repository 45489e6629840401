package org.keywork.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * deploy/kubernetes, checked without a cluster: every YAML document parses, every kustomization builds (see
 * {@link Kustomize}), every object it outputs is valid for Kubernetes {@value KubernetesSchemas#KUBERNETES_VERSION}
 * (strict schemas: unknown fields are errors) or for KEDA's ScaledObject CRD, the objects refer to each other
 * correctly, and the services run as docker-compose.yml runs them.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = RepositoryFiles.root();
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final List<String> KUSTOMIZATIONS = List.of("base", "trial", "overlays/local", "overlays/keda");
    private static final List<String> SERVICES = List.of("gateway", "goal-service", "project-service",
            "progress-service", "notification-service");
    private static final Map<String, List<ObjectNode>> BUILDS = new HashMap<>();

    private static synchronized List<ObjectNode> build(String kustomization) {
        return BUILDS.computeIfAbsent(kustomization, k -> new Kustomize().build(KUBERNETES.resolve(k)));
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void everyYamlDocumentParsesAndNamesItsApiVersionKindAndName() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(14);
        int documents = 0;
        for (Path file : files) {
            for (JsonNode document : KubernetesYaml.documents(file)) {
                documents++;
                assertThat(document.isObject()).as(file + " holds a mapping").isTrue();
                assertThat(KubernetesYaml.apiVersion(document)).as(file + " apiVersion").isNotEmpty();
                assertThat(KubernetesYaml.kind(document)).as(file + " kind").isNotEmpty();
                if (!KubernetesYaml.kind(document).equals("Kustomization")) {
                    assertThat(KubernetesYaml.name(document)).as(file + " metadata.name").isNotEmpty();
                }
            }
        }
        // the multi-document files count once per document
        assertThat(documents).isGreaterThan(files.size());
    }

    @Test
    void everyKustomizationBuildsAndTogetherTheyUseEveryFile() throws IOException {
        Kustomize kustomize = new Kustomize();
        KUSTOMIZATIONS.forEach(k -> kustomize.build(KUBERNETES.resolve(k)));
        Set<Path> used = new LinkedHashSet<>();
        kustomize.filesRead.forEach(p -> used.add(p.toAbsolutePath().normalize()));
        assertThat(yamlFiles()).allSatisfy(file ->
                assertThat(used).as("a kustomization uses " + ROOT.relativize(file)).contains(file.toAbsolutePath().normalize()));
    }

    @Test
    void everyBuiltObjectIsValidForItsKubernetesSchema() {
        List<String> problems = new ArrayList<>();
        for (String kustomization : KUSTOMIZATIONS) {
            for (ObjectNode object : build(kustomization)) {
                KubernetesSchemas.problems(object).forEach(p ->
                        problems.add(kustomization + " " + KubernetesYaml.id(object) + ": " + p));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(kinds("overlays/local")).containsEntry("Deployment", 6).containsEntry("StatefulSet", 2)
                .containsEntry("HorizontalPodAutoscaler", 5).containsEntry("PodDisruptionBudget", 5)
                .containsEntry("Secret", 1).containsEntry("Job", 1).containsEntry("Namespace", 1);
        assertThat(kinds("overlays/keda")).containsEntry("ScaledObject", 4).containsEntry("HorizontalPodAutoscaler", 1)
                .doesNotContainKey("Secret");
    }

    @Test
    void aWrongTypeIsRefusedNamingItsPath() {
        ObjectNode deployment = KubernetesYaml.object("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  replicas: "two"
                  selector:
                    matchLabels: {app: broken}
                  template:
                    metadata:
                      labels: {app: broken}
                    spec:
                      containers:
                        - name: app
                          image: keywork/broken:0.1.0
                """);

        assertThat(KubernetesSchemas.problems(deployment)).singleElement().asString()
                .contains("/spec/replicas").contains("string found");
    }

    @Test
    void anUnknownFieldIsRefusedNamingItsPlace() {
        ObjectNode deployment = KubernetesYaml.object("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  replica: 2
                  selector:
                    matchLabels: {app: broken}
                  template:
                    metadata:
                      labels: {app: broken}
                    spec:
                      containers:
                        - name: app
                          image: keywork/broken:0.1.0
                          livenessProbe:
                            httpGet: {path: /actuator/health/liveness, port: http}
                            initialDelay: 10
                """);

        assertThat(KubernetesSchemas.problems(deployment)).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("/spec:").contains("'replica'"))
                .anySatisfy(p -> assertThat(p).startsWith("/spec/template/spec/containers/0/livenessProbe:")
                        .contains("initialDelay"));
    }

    @Test
    void aKustomizationNamingAMissingFileOrAnUnknownFieldIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - deployment.yaml
                """);
        assertThatThrownBy(() -> new Kustomize().build(dir)).hasMessageContaining("names deployment.yaml, which does not exist");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resource:
                  - deployment.yaml
                """);
        assertThatThrownBy(() -> new Kustomize().build(dir)).hasMessageContaining("kustomization schema")
                .hasMessageContaining("resource");
    }

    @Test
    void objectsReferToEachOther() {
        for (String kustomization : List.of("overlays/local", "overlays/keda", "base")) {
            List<ObjectNode> objects = build(kustomization);
            String at = kustomization + ": ";
            Set<String> ids = new LinkedHashSet<>();
            for (ObjectNode object : objects) {
                assertThat(ids.add(KubernetesYaml.id(object))).as(at + "one " + KubernetesYaml.id(object)).isTrue();
                if (!KubernetesYaml.kind(object).equals("Namespace")) {
                    assertThat(object.path("metadata").path("namespace").asString("")).as(at + KubernetesYaml.id(object))
                            .isEqualTo("keywork");
                }
            }
            List<ObjectNode> workloads = objects.stream().filter(KubernetesYaml::isWorkload).toList();
            for (ObjectNode workload : workloads) {
                JsonNode template = workload.path("spec").path("template");
                assertThat(contains(template.path("metadata").path("labels"), workload.path("spec").path("selector").path("matchLabels")))
                        .as(at + KubernetesYaml.id(workload) + " selects its own pods").isTrue();
                for (JsonNode container : template.path("spec").path("containers")) {
                    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                        JsonNode handler = container.path(probe);
                        JsonNode port = handler.has("httpGet") ? handler.path("httpGet").path("port")
                                : handler.path("tcpSocket").path("port");
                        if (!port.isMissingNode()) {
                            assertThat(declares(container, port)).as(at + KubernetesYaml.id(workload) + " " + probe
                                    + " port " + port + " is a port the container declares").isTrue();
                        }
                    }
                    for (JsonNode from : container.path("envFrom")) {
                        assertThat(find(objects, "ConfigMap", from.path("configMapRef").path("name").asString()))
                                .as(at + KubernetesYaml.id(workload) + " envFrom " + from).isNotNull();
                    }
                    for (JsonNode env : container.path("env")) {
                        JsonNode configMapKey = env.path("valueFrom").path("configMapKeyRef");
                        if (!configMapKey.isMissingNode()) {
                            ObjectNode configMap = find(objects, "ConfigMap", configMapKey.path("name").asString());
                            assertThat(configMap).as(at + "ConfigMap of " + env).isNotNull();
                            assertThat(configMap.path("data").has(configMapKey.path("key").asString())).as(at + env).isTrue();
                        }
                        JsonNode secretKey = env.path("valueFrom").path("secretKeyRef");
                        if (!secretKey.isMissingNode()) {
                            ObjectNode secret = find(objects, "Secret", secretKey.path("name").asString());
                            if (kustomization.equals("overlays/local")) {
                                assertThat(secret).as(at + "Secret of " + env).isNotNull();
                                assertThat(secret.path("data").has(secretKey.path("key").asString())).as(at + env).isTrue();
                                String value = new String(java.util.Base64.getDecoder()
                                        .decode(secret.path("data").path(secretKey.path("key").asString()).asString()));
                                assertThat(value.length()).as("a signing secret of at least 32 bytes").isGreaterThanOrEqualTo(32);
                            } else {
                                // created by the operator (see README.md); the base names exactly this one
                                assertThat(secretKey.path("name").asString()).isEqualTo("keywork-auth");
                            }
                        }
                    }
                }
            }
            for (ObjectNode service : kinds(objects, "Service")) {
                List<ObjectNode> selected = workloads.stream().filter(w -> contains(
                        w.path("spec").path("template").path("metadata").path("labels"), service.path("spec").path("selector"))).toList();
                assertThat(selected).as(at + KubernetesYaml.id(service) + " selects a workload").isNotEmpty();
                for (JsonNode port : service.path("spec").path("ports")) {
                    JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                    assertThat(selected).as(at + KubernetesYaml.id(service) + " targetPort " + target).allSatisfy(w ->
                            assertThat(w.path("spec").path("template").path("spec").path("containers").valueStream()
                                    .anyMatch(c -> declares(c, target))).isTrue());
                }
            }
            Set<String> scaled = new LinkedHashSet<>();
            for (ObjectNode scaler : objects.stream().filter(o -> Set.of("HorizontalPodAutoscaler", "ScaledObject")
                    .contains(KubernetesYaml.kind(o))).toList()) {
                JsonNode ref = scaler.path("spec").path("scaleTargetRef");
                assertThat(find(objects, ref.path("kind").asString("Deployment"), ref.path("name").asString()))
                        .as(at + KubernetesYaml.id(scaler) + " targets an existing workload").isNotNull();
                assertThat(scaled.add(ref.path("name").asString()))
                        .as(at + "only one autoscaler for " + ref.path("name").asString()).isTrue();
            }
            for (ObjectNode budget : kinds(objects, "PodDisruptionBudget")) {
                assertThat(workloads).as(at + KubernetesYaml.id(budget) + " covers a workload").anySatisfy(w -> assertThat(contains(
                        w.path("spec").path("template").path("metadata").path("labels"),
                        budget.path("spec").path("selector").path("matchLabels"))).isTrue());
            }
            if (!kustomization.equals("overlays/local")) {
                assertThat(scaled).containsExactlyInAnyOrderElementsOf(SERVICES);
            }
        }
    }

    @Test
    void servicesRunAsDockerComposeRunsThem() {
        List<ObjectNode> objects = build("overlays/local");
        Map<String, Map<String, Object>> compose = ComposeServices.read(ROOT.resolve("docker-compose.yml"));
        for (String name : SERVICES) {
            Map<String, Object> service = compose.get(name);
            assertThat(service).as("docker-compose.yml service " + name).isNotNull();
            Object module = ((Map<?, ?>) ((Map<?, ?>) service.get("build")).get("args")).get("MODULE");
            assertThat(module).as("Dockerfile MODULE of " + name).isEqualTo(name);
            Map<String, String> composeEnv = ComposeServices.environment(service);

            ObjectNode deployment = find(objects, "Deployment", name);
            assertThat(deployment).as("Deployment " + name).isNotNull();
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").path(0);
            assertThat(container.path("image").asString()).isEqualTo("keywork/" + name + ":0.1.0");
            Map<String, String> env = environment(objects, container);
            assertThat(env.keySet()).as(name + " sets every variable docker-compose.yml sets")
                    .containsAll(composeEnv.keySet());
            String port = composeEnv.get("SERVER_PORT");
            assertThat(env).containsEntry("SERVER_PORT", port);
            assertThat(container.path("ports").path(0).path("containerPort").asInt()).isEqualTo(Integer.parseInt(port));
            assertThat(deployment.path("spec").path("template").path("metadata").path("annotations")
                    .path("prometheus.io/port").asString()).isEqualTo(port);
            ObjectNode kubernetesService = find(objects, "Service", name);
            assertThat(kubernetesService.path("spec").path("ports").path(0).path("port").asInt()).isEqualTo(Integer.parseInt(port));
            if (composeEnv.containsKey("MONGODB_URI")) {
                assertThat(URI.create(env.get("MONGODB_URI")).getPath()).as(name + " database")
                        .isEqualTo(URI.create(composeEnv.get("MONGODB_URI")).getPath());
            }
            assertThat(env.get("JAVA_TOOL_OPTIONS")).isEqualTo(composeEnv.get("JAVA_TOOL_OPTIONS"));
            composeEnv.forEach((key, value) -> {
                if (key.endsWith("_SERVICE_URL")) {
                    assertThat(env).containsEntry(key, value);
                    URI uri = URI.create(value);
                    ObjectNode target = find(objects, "Service", uri.getHost());
                    assertThat(target).as(key + " names a Service").isNotNull();
                    assertThat(target.path("spec").path("ports").valueStream().anyMatch(p -> p.path("port").asInt() == uri.getPort()))
                            .as(key + " port").isTrue();
                }
            });
        }
        assertThat(environment(objects, find(objects, "Deployment", "goal-service").path("spec").path("template")
                .path("spec").path("containers").path(0))).containsEntry("KAFKA_PARTITIONS", "6");
    }

    @Test
    void podsAreHardenedProbedAndStopGracefully() {
        for (String name : SERVICES) {
            ObjectNode deployment = find(build("base"), "Deployment", name);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").path(0);
            String at = name + ": ";
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(at + "runAsNonRoot").isTrue();
            assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).as(at).isTrue();
            assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).as(at).isFalse();
            assertThat(container.path("securityContext").path("capabilities").path("drop").valueStream()
                    .map(JsonNode::asString).toList()).as(at).containsExactly("ALL");
            String tmpVolume = container.path("volumeMounts").valueStream()
                    .filter(m -> m.path("mountPath").asString().equals("/tmp")).findFirst()
                    .map(m -> m.path("name").asString()).orElse("");
            assertThat(pod.path("volumes").valueStream().anyMatch(v -> v.path("name").asString().equals(tmpVolume)
                    && v.has("emptyDir"))).as(at + "an emptyDir at /tmp").isTrue();
            assertThat(container.path("startupProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/liveness");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/liveness");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asString()).isEqualTo("/actuator/health/readiness");
            JsonNode startup = container.path("startupProbe");
            assertThat(startup.path("periodSeconds").asInt(10) * startup.path("failureThreshold").asInt(3))
                    .as(at + "seconds a start may take").isGreaterThanOrEqualTo(120);
            int preStop = container.path("lifecycle").path("preStop").path("sleep").path("seconds").asInt(0);
            assertThat(preStop).as(at + "preStop sleep").isPositive();
            assertThat(pod.path("terminationGracePeriodSeconds").asInt(30)).as(at).isGreaterThan(preStop + 30);
            assertThat(container.path("resources").path("requests").has("cpu")).as(at + "CPU request (for the HPA)").isTrue();
            assertThat(container.path("resources").path("limits").path("memory").asString()).as(at).isNotEmpty();
            assertThat(deployment.path("spec").path("template").path("metadata").path("annotations")
                    .path("prometheus.io/path").asString()).isEqualTo("/actuator/prometheus");
        }
    }

    @Test
    void kedaScalesEachConsumerOnTheGroupsAndTopicsItReads() {
        List<ObjectNode> objects = build("overlays/keda");
        for (ObjectNode scaledObject : kinds(objects, "ScaledObject")) {
            String service = scaledObject.path("spec").path("scaleTargetRef").path("name").asString();
            Set<String> triggers = new LinkedHashSet<>();
            for (JsonNode trigger : scaledObject.path("spec").path("triggers")) {
                if (trigger.path("type").asString().equals("kafka")) {
                    JsonNode metadata = trigger.path("metadata");
                    assertThat(metadata.path("bootstrapServers").asString()).isNotEmpty();
                    assertThat(metadata.path("lagThreshold").asString()).isNotEmpty();
                    triggers.add(metadata.path("consumerGroup").asString() + " <- " + metadata.path("topic").asString());
                }
            }
            assertThat(triggers).as(service + ": its kafka triggers are its consumer groups' bindings")
                    .containsExactlyInAnyOrderElementsOf(consumedTopics(service));
            assertThat(scaledObject.path("spec").path("maxReplicaCount").asInt()).isLessThanOrEqualTo(6);
        }
        assertThat(kinds(objects, "ScaledObject")).hasSize(4);
    }

    /** "group <- topic" of every binding with a consumer group in the service's application.yml. */
    private static Set<String> consumedTopics(String service) {
        JsonNode yaml = KubernetesYaml.documents(ROOT.resolve(service).resolve("src/main/resources/application.yml")).get(0);
        Set<String> result = new LinkedHashSet<>();
        for (JsonNode binding : yaml.path("spring").path("cloud").path("stream").path("bindings")) {
            String group = binding.path("group").asString("");
            if (!group.isEmpty()) {
                for (String topic : binding.path("destination").asString().split(",")) {
                    result.add(group + " <- " + topic.trim());
                }
            }
        }
        assertThat(result).as(service + " consumes something").isNotEmpty();
        return result;
    }

    /** What the container's environment holds: env values (ConfigMap and Secret keys resolved) and envFrom keys. */
    private static Map<String, String> environment(List<ObjectNode> objects, JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            find(objects, "ConfigMap", from.path("configMapRef").path("name").asString()).path("data").properties()
                    .forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode configMapKey = variable.path("valueFrom").path("configMapKeyRef");
            String value = variable.has("value") ? variable.path("value").asString()
                    : !configMapKey.isMissingNode()
                            ? find(objects, "ConfigMap", configMapKey.path("name").asString()).path("data")
                                    .path(configMapKey.path("key").asString()).asString()
                            : "(from " + variable.path("valueFrom") + ")";
            env.put(variable.path("name").asString(), value);
        }
        return env;
    }

    private static boolean declares(JsonNode container, JsonNode port) {
        return container.path("ports").valueStream().anyMatch(p -> port.isNumber()
                ? p.path("containerPort").asInt() == port.asInt()
                : p.path("name").asString().equals(port.asString()));
    }

    /** Whether every label of the selector is among the labels. */
    private static boolean contains(JsonNode labels, JsonNode selector) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        return selector.properties().stream().allMatch(e -> labels.path(e.getKey()).equals(e.getValue()));
    }

    private static ObjectNode find(List<ObjectNode> objects, String kind, String name) {
        return objects.stream().filter(o -> KubernetesYaml.kind(o).equals(kind) && KubernetesYaml.name(o).equals(name))
                .findFirst().orElse(null);
    }

    private static List<ObjectNode> kinds(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> KubernetesYaml.kind(o).equals(kind)).toList();
    }

    private static Map<String, Integer> kinds(String kustomization) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        build(kustomization).forEach(o -> counts.merge(KubernetesYaml.kind(o), 1, Integer::sum));
        return counts;
    }
}
