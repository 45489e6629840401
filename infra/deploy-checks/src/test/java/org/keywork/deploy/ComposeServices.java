package org.keywork.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The services of docker-compose.yml as they run: YAML merge keys ({@code <<: *service-env}) applied, which Jackson's
 * YAML reader does not do (snakeyaml-engine, which Jackson's YAML module is built on, resolves the aliases).
 */
final class ComposeServices {

    private ComposeServices() {
    }

    /** Service name to its definition, merge keys applied all the way down. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> read(Path composeFile) {
        try {
            Object root = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(composeFile));
            Map<String, Object> services = (Map<String, Object>) merged(((Map<String, Object>) root).get("services"));
            Map<String, Map<String, Object>> result = new LinkedHashMap<>();
            services.forEach((name, service) -> result.put(name, (Map<String, Object>) service));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's environment, values as strings (${VAR:-default} left as written). */
    @SuppressWarnings("unchecked")
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Object merged(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            Object base = map.get("<<");
            if (base != null) {
                result.putAll((Map<String, Object>) merged(base));
            }
            map.forEach((k, v) -> {
                if (!"<<".equals(k)) {
                    result.put(String.valueOf(k), merged(v));
                }
            });
            return result;
        }
        return node;
    }
}
