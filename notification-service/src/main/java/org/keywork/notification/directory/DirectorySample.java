package org.keywork.notification.directory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.keywork.notification.outbound.Contacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fills an empty directory with the bundled sample (fictional people, marked （示例）, and {@code sample: true}),
 * so that a fresh installation addresses alerts to someone; the real directory is then maintained through
 * {@code PUT /api/directory/{position}/holder}. Runs before the event consumers start, so the first alerts
 * already find their holders. A directory that has any position is left alone; concurrent instances loading at
 * the same time insert the same documents, the second insert of each is ignored.
 */
@Component
class DirectorySample implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(DirectorySample.class);

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;
    private final Resource sample;

    DirectorySample(MongoTemplate mongo, JsonMapper json, Clock clock,
            @Value("${keywork.notification.directory-sample:classpath:directory/2021-directory-sample.json}")
            Resource sample) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        this.sample = sample;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (mongo.estimatedCount(DirectoryPosition.class) > 0 || !sample.exists()) {
            return;
        }
        SampleFile file;
        try (InputStream in = sample.getInputStream()) {
            file = json.readValue(in, SampleFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the directory sample " + sample, e);
        }
        Map<String, List<SampleHolder>> holders = file.holders().stream()
                .collect(Collectors.groupingBy(SampleHolder::position));
        int loaded = 0;
        for (SamplePosition position : file.positions()) {
            List<Holder> terms = holders.getOrDefault(position.position(), List.of()).stream()
                    .sorted(Comparator.comparing(SampleHolder::from))
                    .map(h -> new Holder(h.personId(), h.name(), h.from(), h.to(), h.contacts())).toList();
            List<DirectoryChange> changes = terms.stream().map(h -> new DirectoryChange(
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), "sample", "sample-loaded", h.personId(),
                    h.name(), h.from(), null)).toList();
            try {
                mongo.insert(new DirectoryPosition(position.position(), position.kind(), position.department(), true,
                        terms, changes, 0));
                loaded++;
            } catch (DuplicateKeyException loadedElsewhere) {
                // another instance loads the same sample
            }
        }
        log.info("Directory was empty: loaded {} positions from the sample {} (fictional people)", loaded,
                sample.getFilename());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SampleFile(List<SamplePosition> positions, List<SampleHolder> holders) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SamplePosition(String position, PositionKind kind, String department) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SampleHolder(String personId, String name, String position, LocalDate from, LocalDate to,
            Map<String, String> channels) {

        Contacts contacts() {
            Map<String, String> c = channels == null ? Map.of() : channels;
            return new Contacts(c.get("email"), c.get("dingtalk"), c.get("wecom"), c.get("mobile"));
        }
    }
}
