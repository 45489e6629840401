package org.keywork.deploy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kustomize build} for the features deploy/kubernetes uses, since neither kubectl nor kustomize is on the
 * build machines: resources (files and directories), namespace, labels (metadata only), replicas, literal
 * ConfigMap/Secret generators without name hash, and patches (strategic merge, {@code $patch: delete}, JSON 6902).
 * Anything else in a kustomization.yaml fails the build here instead of being ignored, as does a named file that
 * does not exist or a patch that matches nothing.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
            "patches", "replicas", "secretGenerator", "configMapGenerator");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "StorageClass", "PriorityClass");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every file a build read (kustomization files, resources, patch files). */
    final Set<Path> filesRead = new LinkedHashSet<>();

    /** The objects {@code kustomize build dir} outputs, in order. */
    List<ObjectNode> build(Path dir) {
        Path file = kustomizationFile(dir);
        filesRead.add(file.normalize());
        ObjectNode kustomization = KubernetesYaml.object(read(file));
        List<String> schemaProblems = KubernetesSchemas.kustomizationProblems(kustomization);
        if (!schemaProblems.isEmpty()) {
            throw new IllegalStateException(file + " does not match the kustomization schema: " + schemaProblems);
        }
        for (String key : kustomization.propertyNames()) {
            if (!SUPPORTED.contains(key)) {
                throw new IllegalStateException(file + ": '" + key + "' is not emulated by this test's kustomize");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = existing(dir, resource.asString(), file);
            if (Files.isDirectory(path)) {
                objects.addAll(build(path));
            } else {
                filesRead.add(path.normalize());
                for (JsonNode document : KubernetesYaml.documents(path)) {
                    if (!document.isObject()) {
                        throw new IllegalStateException(path + ": a resource document that is no object");
                    }
                    objects.add((ObjectNode) document);
                }
            }
        }
        generate(kustomization.path("configMapGenerator"), "ConfigMap", file, objects);
        generate(kustomization.path("secretGenerator"), "Secret", file, objects);
        for (JsonNode patch : kustomization.path("patches")) {
            patch(dir, file, patch, objects);
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            List<ObjectNode> targets = objects.stream().filter(KubernetesYaml::isWorkload)
                    .filter(o -> KubernetesYaml.name(o).equals(replicas.path("name").asString())).toList();
            if (targets.isEmpty()) {
                throw new IllegalStateException(file + ": replicas for " + replicas.path("name").asString()
                        + ", which is no Deployment or StatefulSet here");
            }
            targets.forEach(o -> ((ObjectNode) o.path("spec")).put("replicas", replicas.path("count").asInt()));
        }
        String namespace = kustomization.path("namespace").asString("");
        for (ObjectNode object : objects) {
            ObjectNode metadata = object.has("metadata") ? (ObjectNode) object.get("metadata")
                    : object.putObject("metadata");
            if (!namespace.isEmpty() && !CLUSTER_SCOPED.contains(KubernetesYaml.kind(object))) {
                metadata.put("namespace", namespace);
            }
            for (JsonNode labels : kustomization.path("labels")) {
                if (labels.path("includeSelectors").asBoolean(false) || labels.path("includeTemplates").asBoolean(false)) {
                    throw new IllegalStateException(file + ": labels into selectors/templates are not emulated");
                }
                ObjectNode target = metadata.has("labels") ? (ObjectNode) metadata.get("labels")
                        : metadata.putObject("labels");
                labels.path("pairs").properties().forEach(e -> target.set(e.getKey(), e.getValue()));
            }
        }
        return objects;
    }

    private static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        throw new IllegalStateException(dir + " has no kustomization.yaml");
    }

    private static Path existing(Path dir, String relative, Path namedIn) {
        Path path = dir.resolve(relative).normalize();
        if (!Files.exists(path)) {
            throw new IllegalStateException(namedIn + " names " + relative + ", which does not exist (" + path + ")");
        }
        return path;
    }

    private String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void generate(JsonNode generators, String kind, Path file, List<ObjectNode> objects) {
        for (JsonNode generator : generators) {
            if (!generator.path("options").path("disableNameSuffixHash").asBoolean(false)) {
                throw new IllegalStateException(file + ": generated names with a hash suffix are not emulated "
                        + "(set options.disableNameSuffixHash)");
            }
            if (generator.has("files") || generator.has("envs") || generator.has("env")) {
                throw new IllegalStateException(file + ": only literals are emulated in generators");
            }
            ObjectNode object = NODES.objectNode();
            object.put("apiVersion", "v1");
            object.put("kind", kind);
            object.putObject("metadata").put("name", generator.path("name").asString());
            ObjectNode data = object.putObject("data");
            for (JsonNode literal : generator.path("literals")) {
                String text = literal.asString();
                int eq = text.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalStateException(file + ": literal '" + text + "' is not key=value");
                }
                String value = text.substring(eq + 1);
                data.put(text.substring(0, eq), kind.equals("Secret")
                        ? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) : value);
            }
            if (kind.equals("Secret")) {
                object.put("type", generator.path("type").asString("Opaque"));
            }
            objects.add(object);
        }
    }

    private void patch(Path dir, Path file, JsonNode patch, List<ObjectNode> objects) {
        String text;
        if (patch.has("path")) {
            Path path = existing(dir, patch.path("path").asString(), file);
            filesRead.add(path);
            text = read(path);
        } else {
            text = patch.path("patch").asString();
        }
        List<JsonNode> documents = KubernetesYaml.documents(text);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + ": a patch must be one YAML document");
        }
        JsonNode content = documents.get(0);
        JsonNode target = patch.path("target");
        if (target.has("labelSelector") || target.has("annotationSelector")) {
            throw new IllegalStateException(file + ": patch targets by selector are not emulated");
        }
        if (content.isArray()) {
            if (target.isMissingNode()) {
                throw new IllegalStateException(file + ": a JSON 6902 patch needs a target");
            }
            List<ObjectNode> matched = matching(objects, target.path("kind").asString(""),
                    target.path("name").asString(""), file);
            matched.forEach(o -> jsonPatch(o, (ArrayNode) content, file));
            return;
        }
        ObjectNode merge = (ObjectNode) content;
        String kind = target.path("kind").asString(KubernetesYaml.kind(merge));
        String name = target.path("name").asString(KubernetesYaml.name(merge));
        List<ObjectNode> matched = matching(objects, kind, name, file);
        if ("delete".equals(merge.path("$patch").asString(""))) {
            objects.removeAll(matched);
            return;
        }
        matched.forEach(o -> strategicMerge(o, merge));
    }

    private static List<ObjectNode> matching(List<ObjectNode> objects, String kind, String name, Path file) {
        List<ObjectNode> matched = objects.stream()
                .filter(o -> kind.isEmpty() || KubernetesYaml.kind(o).equals(kind))
                .filter(o -> name.isEmpty() || KubernetesYaml.name(o).equals(name)).toList();
        if (matched.isEmpty()) {
            throw new IllegalStateException(file + ": a patch for " + kind + "/" + name + " matches nothing");
        }
        return matched;
    }

    /** Maps merge key by key (null removes), lists of named items merge by name, other lists are replaced. */
    static void strategicMerge(ObjectNode target, ObjectNode patch) {
        for (var entry : patch.properties()) {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            JsonNode existing = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                strategicMerge((ObjectNode) existing, (ObjectNode) value);
            } else if (value.isArray() && existing != null && existing.isArray() && namedItems(value)
                    && namedItems(existing)) {
                for (JsonNode item : value) {
                    JsonNode same = null;
                    for (JsonNode old : existing) {
                        if (old.path("name").equals(item.path("name"))) {
                            same = old;
                        }
                    }
                    if (same == null) {
                        ((ArrayNode) existing).add(item.deepCopy());
                    } else {
                        strategicMerge((ObjectNode) same, (ObjectNode) item);
                    }
                }
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static boolean namedItems(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return true;
    }

    private static void jsonPatch(ObjectNode object, ArrayNode operations, Path file) {
        for (JsonNode operation : operations) {
            String op = operation.path("op").asString();
            String path = operation.path("path").asString();
            int slash = path.lastIndexOf('/');
            JsonNode parent = slash == 0 ? object : object.at(path.substring(0, slash));
            String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
            if (parent.isMissingNode()) {
                throw new IllegalStateException(file + ": JSON patch path " + path + " not found in " + KubernetesYaml.id(object));
            }
            switch (op) {
                case "add", "replace" -> {
                    if (op.equals("replace") && !exists(parent, last)) {
                        throw new IllegalStateException(file + ": replace of " + path + ", absent in " + KubernetesYaml.id(object));
                    }
                    if (parent.isArray()) {
                        ArrayNode array = (ArrayNode) parent;
                        if (last.equals("-")) {
                            array.add(operation.get("value").deepCopy());
                        } else if (op.equals("add")) {
                            array.insert(Integer.parseInt(last), operation.get("value").deepCopy());
                        } else {
                            array.set(Integer.parseInt(last), operation.get("value").deepCopy());
                        }
                    } else {
                        ((ObjectNode) parent).set(last, operation.get("value").deepCopy());
                    }
                }
                case "remove" -> {
                    if (!exists(parent, last)) {
                        throw new IllegalStateException(file + ": remove of " + path + ", absent in " + KubernetesYaml.id(object));
                    }
                    if (parent.isArray()) {
                        ((ArrayNode) parent).remove(Integer.parseInt(last));
                    } else {
                        ((ObjectNode) parent).remove(last);
                    }
                }
                default -> throw new IllegalStateException(file + ": JSON patch op '" + op + "' is not emulated");
            }
        }
    }

    private static boolean exists(JsonNode parent, String last) {
        return parent.isArray() ? last.matches("\\d+") && Integer.parseInt(last) < parent.size() : parent.has(last);
    }
}
