package org.keywork.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Kubernetes YAML as Jackson trees: every document of a (multi-document) file, and what identifies an object. */
final class KubernetesYaml {

    // documents are read one after the other from one parser: the next one is no "trailing token"
    static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private KubernetesYaml() {
    }

    /** Every non-empty document of a YAML file, each an object (a mapping) or an array (a JSON 6902 patch). */
    static List<JsonNode> documents(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + " does not parse: " + e.getMessage(), e);
        }
    }

    static List<JsonNode> documents(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        // document by document (a reader's readValues would take a top-level sequence, a JSON 6902 patch, apart)
        try (JsonParser parser = YAML.createParser(yaml)) {
            while (parser.nextToken() != null) {
                JsonNode document = YAML.readTree(parser);
                if (document != null && !document.isMissingNode() && !document.isNull()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /** The only document of a YAML text, as an object. */
    static ObjectNode object(String yaml) {
        List<JsonNode> documents = documents(yaml);
        if (documents.size() != 1 || !documents.get(0).isObject()) {
            throw new IllegalArgumentException("expected one YAML mapping, got " + documents.size() + " documents");
        }
        return (ObjectNode) documents.get(0);
    }

    static String kind(JsonNode object) {
        return object.path("kind").asString("");
    }

    static String apiVersion(JsonNode object) {
        return object.path("apiVersion").asString("");
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asString("");
    }

    /** kind/name, how kubectl names an object in its messages. */
    static String id(JsonNode object) {
        return kind(object) + "/" + name(object);
    }

    static boolean isWorkload(JsonNode object) {
        return List.of("Deployment", "StatefulSet").contains(kind(object));
    }
}
