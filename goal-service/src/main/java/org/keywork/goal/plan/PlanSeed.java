package org.keywork.goal.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.keywork.events.Responsibility;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the 2021 goals shipped with the service at first start (walking-skeleton seed: section 五; the document
 * importer replaces it). Items already stored are left alone, so a restart loads and publishes nothing new.
 */
@Component
class PlanSeed implements ApplicationRunner {

    static final String RESOURCE = "plan/2021-goals-seed.json";
    private static final Logger log = LoggerFactory.getLogger(PlanSeed.class);

    private final PlanItems items;
    private final EventCodec codec;
    private final JsonMapper json;

    PlanSeed(PlanItems items, EventCodec codec, JsonMapper json) {
        this.items = items;
        this.codec = codec;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        SeedPlan plan = read();
        int created = 0;
        for (PlanItem item : plan.toItems()) {
            if (items.exists(item.planYear(), item.itemId())) {
                continue;
            }
            PlanItem withEvent = new PlanItem(item.id(), item.planYear(), item.itemId(), item.section(),
                    item.sectionTitle(), item.title(), item.starred(), item.responsibility(), item.planVersion(),
                    item.indicators(), 0, List.of(codec.outboxEntry(Topics.PLAN_ITEMS,
                            UUID.nameUUIDFromBytes(("plan-item:" + item.id() + ":v" + item.planVersion())
                                    .getBytes(StandardCharsets.UTF_8)),
                            item.published())));
            try {
                items.create(withEvent);
                created++;
            } catch (DuplicateKeyException anotherInstanceWasFaster) {
                // a second instance seeded the same item at the same moment
            }
        }
        log.info("Plan {}: {} goal items loaded from {} ({} already present)", plan.planYear(), created, RESOURCE,
                plan.toItems().size() - created);
    }

    SeedPlan read() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            return json.readValue(in, SeedPlan.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    record SeedPlan(int planYear, String document, String note, boolean sampleResponsibility,
            List<SeedSection> sections) {

        List<PlanItem> toItems() {
            List<PlanItem> result = new ArrayList<>();
            for (SeedSection section : sections) {
                for (SeedItem item : section.items()) {
                    List<Indicator> indicators = new ArrayList<>();
                    for (SeedIndicator indicator : item.indicators()) {
                        indicators.add(Indicator.planned(item.itemId() + "#" + (indicators.size() + 1),
                                indicator.name(), indicator.value(), indicator.unit(), indicator.direction(),
                                Boolean.TRUE.equals(indicator.starred())));
                    }
                    result.add(new PlanItem(PlanItem.id(planYear, item.itemId()), planYear, item.itemId(),
                            section.section(), section.title(), item.title(), Boolean.TRUE.equals(item.starred()),
                            item.responsibility(), 1, indicators, 0, List.of()));
                }
            }
            return result;
        }
    }

    record SeedSection(int section, String title, List<SeedItem> items) {
    }

    record SeedItem(String itemId, String title, Boolean starred, Responsibility responsibility,
            List<SeedIndicator> indicators) {
    }

    record SeedIndicator(String name, BigDecimal value, String unit, String direction, Boolean starred) {
    }
}
