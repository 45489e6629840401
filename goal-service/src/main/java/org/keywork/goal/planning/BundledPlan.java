package org.keywork.goal.planning;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * At start: finishes any plan version a crash left half-applied, and imports the plan document shipped with the
 * service ({@code plan/jingan-2021-key-work-goals.txt}) if its year has no plan yet. This happens before the Kafka
 * consumers start ({@link #PHASE}), so a report never arrives for an item that is only about to be loaded.
 */
@Component
class BundledPlan implements SmartLifecycle {

    /** Before Spring Cloud Stream's input bindings (Integer.MAX_VALUE - 1000) and the web server. */
    static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(BundledPlan.class);

    private final PlanVersions versions;
    private final PlanImporter importer;
    private final String resource;
    private final int year;

    BundledPlan(PlanVersions versions, PlanImporter importer,
            @Value("${keywork.plan.bundled-document:plan/jingan-2021-key-work-goals.txt}") String resource,
            @Value("${keywork.plan.bundled-year:2021}") int year) {
        this.versions = versions;
        this.importer = importer;
        this.resource = resource;
        this.year = year;
    }

    private volatile boolean running;

    @Override
    public void start() {
        running = true;
        versions.applyUnfinished();
        if (versions.latest(year).isPresent()) {
            return;
        }
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            PlanImporter.Imported imported = importer.importDocument(in.readAllBytes(), "text/plain", year, false,
                    "system (bundled document)");
            log.info("Imported the bundled {} plan from {}: version {}, {} warnings", year, resource,
                    imported.version().version(), imported.read().warnings().size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled plan " + resource, e);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
