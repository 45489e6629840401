package org.keywork.goal.planning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.keywork.events.Responsibility;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample assignment of responsibility shipped for a plan year ({@code plan/<year>-responsibility-sample.json}).
 * The document assigns items "by division of labour" without names, so this is sample data, marked as such
 * wherever it shows, and editable through the API. Each year's file is read once.
 */
@Component
class ResponsibilitySample {

    private final JsonMapper json;
    private final Map<Integer, Optional<Sample>> byYear = new ConcurrentHashMap<>();

    ResponsibilitySample(JsonMapper json) {
        this.json = json;
    }

    Optional<Responsibility> forItem(int planYear, String itemId) {
        return byYear.computeIfAbsent(planYear, this::load).map(sample -> sample.items().get(itemId));
    }

    private Optional<Sample> load(int planYear) {
        ClassPathResource resource = new ClassPathResource("plan/" + planYear + "-responsibility-sample.json");
        if (!resource.exists()) {
            return Optional.empty();
        }
        try (InputStream in = resource.getInputStream()) {
            return Optional.of(json.readValue(in, Sample.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource.getPath(), e);
        }
    }

    record Sample(int planYear, boolean sample, String note, List<Position> positions,
            Map<String, Responsibility> items) {
    }

    record Position(String position, String kind) {
    }
}
