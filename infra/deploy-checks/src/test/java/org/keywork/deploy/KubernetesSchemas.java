package org.keywork.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON schemas manifests are checked against, kept in this module (src/test/resources/kubernetes-schemas, see
 * its README.md): Kubernetes {@value #KUBERNETES_VERSION} in the "standalone-strict" flavour of
 * yannh/kubernetes-json-schema (file {@code <kind>-<group>-<version>.json}, core group {@code <kind>-<version>.json}),
 * custom resources as in datreeio/CRDs-catalog ({@code crds/<group>/<kind>_<version>.json}), and SchemaStore's
 * kustomization schema.
 */
final class KubernetesSchemas {

    static final String KUBERNETES_VERSION = "v1.33.0";

    private static final String ROOT = "/kubernetes-schemas/";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private KubernetesSchemas() {
    }

    /** The schema's problems with one Kubernetes object ("$.spec.replicas: ..."), none when it is valid. */
    static List<String> problems(JsonNode object) {
        return validate(schemaFor(KubernetesYaml.apiVersion(object), KubernetesYaml.kind(object)), object);
    }

    /** The problems of a kustomization.yaml with SchemaStore's schema. */
    static List<String> kustomizationProblems(JsonNode kustomization) {
        return validate(schema("schemastore/kustomization.json"), kustomization);
    }

    /** Where the schema of an apiVersion and kind is kept (relative to kubernetes-schemas/). */
    static String schemaPath(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String lowerKind = kind.toLowerCase(Locale.ROOT);
        if (group.contains(".") && !group.endsWith(".k8s.io")) {
            return "crds/" + group + "/" + lowerKind + "_" + version + ".json";
        }
        String dir = KUBERNETES_VERSION + "-standalone-strict/";
        return group.isEmpty()
                ? dir + lowerKind + "-" + version + ".json"
                : dir + lowerKind + "-" + group.split("\\.")[0] + "-" + version + ".json";
    }

    private static Schema schemaFor(String apiVersion, String kind) {
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw new IllegalArgumentException("an object without apiVersion or kind");
        }
        return schema(schemaPath(apiVersion, kind));
    }

    private static Schema schema(String path) {
        return CACHE.computeIfAbsent(path, p -> {
            try (InputStream in = KubernetesSchemas.class.getResourceAsStream(ROOT + p)) {
                if (in == null) {
                    throw new IllegalStateException("no schema kept for " + p + " (add it under src/test/resources"
                            + ROOT + ", see README.md there)");
                }
                ObjectNode node = (ObjectNode) JSON.readTree(in);
                // yannh's files name a meta-schema ("http://json-schema.org/schema#") that is no dialect id
                if (!node.path("$schema").asString("").contains("draft-04")) {
                    node.remove("$schema");
                }
                return REGISTRY.getSchema(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static List<String> validate(Schema schema, JsonNode node) {
        return schema.validate(node).stream().map(Object::toString).toList();
    }
}
