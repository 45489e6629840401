package org.keywork.project.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keywork.events.ConstructionItemDefined;
import org.keywork.events.MilestoneDefinition;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;
import org.keywork.project.project.ConstructionItemDefinitions.Outcome;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.events.PoisonEventException;
import org.keywork.testing.MongoWireServers;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.json.JsonMapper;

/**
 * The definition rules on the embedded MongoDB wire server, without a broker: versions, kept tracking fields, a kept
 * responsibility edit, and that instances racing on the same definition store and queue it exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConstructionItemDefinitionsTest {

    static final int YEAR = 2031;
    static final Responsibility RESPONSIBILITY = new Responsibility("副区长（分管城市建设）", "区建设管理委",
            List.of("区规划资源局"));

    MongoClient client;
    MongoTemplate mongo;
    OutboxRelay relay;
    EventCodec codec;
    ConstructionItemDefinitions definitions;
    StoredConstructionItems items;

    @BeforeAll
    void start() {
        client = MongoClients.create(MongoWireServers.uri("project-definitions-test"));
        mongo = new MongoTemplate(client, "project-definitions-test");
        relay = mock(OutboxRelay.class);
        Clock clock = Clock.fixed(Instant.parse("2031-03-01T08:00:00Z"), ZoneOffset.UTC);
        codec = new EventCodec(JsonMapper.builder().build(), "project-service", clock);
        definitions = new ConstructionItemDefinitions(mongo, codec, relay, clock, new SimpleMeterRegistry());
        items = new StoredConstructionItems(mongo, relay);
    }

    @AfterAll
    void stop() {
        client.close();
    }

    @Test
    void racingInstancesStoreEachVersionOnceAndQueueOneEventPerVersion() throws Exception {
        ConstructionItemDefined v1 = item("9.7", 1, milestone("9.7#1", "START", "体育中心开工"));
        assertThat(race(v1)).containsOnlyOnce(Outcome.STORED).containsOnly(Outcome.STORED, Outcome.STALE);
        ConstructionItemDefined v2 = item("9.7", 2, milestone("9.7#1", "START", "体育中心开工"),
                milestone("9.7#2", "COMPLETION", "体育中心竣工"));
        assertThat(race(v2)).containsOnlyOnce(Outcome.UPDATED).containsOnly(Outcome.UPDATED, Outcome.STALE);

        ConstructionItem stored = mongo.findById(ConstructionItem.id(YEAR, "9.7"), ConstructionItem.class);
        assertThat(stored.planVersion()).isEqualTo(2);
        assertThat(stored.milestones()).extracting(Milestone::id).containsExactly("9.7#1", "9.7#2");
        assertThat(stored.outbox()).extracting(entry -> entry.eventId()).containsExactly(
                ConstructionItemDefinitions.eventId(YEAR, "9.7", 1).toString(),
                ConstructionItemDefinitions.eventId(YEAR, "9.7", 2).toString());
        verify(relay, times(2)).publishSoon(eq(ConstructionItem.COLLECTION), eq(ConstructionItem.id(YEAR, "9.7")));
    }

    @Test
    void aNewVersionKeepsTheTrackingOfKeptMilestonesAndClearsWhatItLeavesOut() {
        definitions.apply(item("9.8", 1, milestone("9.8#1", "START", "甲开工"), milestone("9.8#2", "COMPLETION",
                "乙竣工")));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(ConstructionItem.id(YEAR, "9.8"))),
                new Update().set("milestones.0.status", TrackingStatus.YELLOW.name())
                        .set("milestones.0.forecastDate", LocalDate.of(YEAR, 11, 30)), ConstructionItem.class);

        ConstructionItemDefined v3 = new ConstructionItemDefined(YEAR, 3, "9.8", 9, "推进区域重点工程建设",
                "甲开工（调整）。", 0, List.of(milestone("9.8#1", "start", "甲开工（调整）"),
                        milestone("9.8#3", "GROUNDBREAKING", "丙奠基")), null, false, null);
        assertThat(definitions.apply(v3)).isEqualTo(Outcome.UPDATED);
        assertThat(definitions.apply(item("9.8", 2, milestone("9.8#1", "START", "甲开工")))).isEqualTo(Outcome.STALE);

        ConstructionItem stored = mongo.findById(ConstructionItem.id(YEAR, "9.8"), ConstructionItem.class);
        assertThat(stored.title()).isEqualTo("甲开工（调整）。");
        assertThat(stored.planVersion()).isEqualTo(3);
        assertThat(stored.responsibility()).isNull();
        assertThat(stored.documentNumber()).isNull();
        assertThat(stored.milestones()).satisfiesExactly(kept -> {
            assertThat(kept.name()).isEqualTo("甲开工（调整）");
            assertThat(kept.type()).isEqualTo(MilestoneType.START);
            assertThat(kept.status()).isEqualTo(TrackingStatus.YELLOW);
            assertThat(kept.forecastDate()).isEqualTo(LocalDate.of(YEAR, 11, 30));
        }, added -> {
            assertThat(added.type()).isEqualTo(MilestoneType.OTHER);
            assertThat(added.status()).isEqualTo(TrackingStatus.NOT_STARTED);
            assertThat(added.forecastDate()).isNull();
        });
        assertThat(stored.outbox()).hasSize(2);
    }

    @Test
    void aResponsibilityEditedHereOutlastsANewVersionEvenOnADocumentStoredBeforeRevisionsWereKept() {
        assertThat(definitions.apply(item("9.6", 1, milestone("9.6#1", "START", "戊开工")))).isEqualTo(Outcome.STORED);
        withoutRevision("9.6");
        ConstructionItem v1 = items.find(YEAR, "9.6").orElseThrow();
        assertThat(v1.revision()).isZero();
        Responsibility assigned = new Responsibility("副区长（分管卫生健康）", "区卫生健康委", List.of());
        ResponsibilityChange change = new ResponsibilityChange(Instant.parse("2031-03-02T08:00:00Z"), "jsw-admin",
                "分工调整", RESPONSIBILITY, assigned);
        ConstructionItem after = v1.withResponsibility(change);

        assertThat(items.changeResponsibility(v1, change, codec.outboxEntry("keywork.plan.items",
                ResponsibilityController.eventId(v1), after.published()))).isTrue();
        assertThat(items.changeResponsibility(v1, change, codec.outboxEntry("keywork.plan.items",
                ResponsibilityController.eventId(v1), after.published()))).as("read before the change").isFalse();

        ConstructionItem edited = items.find(YEAR, "9.6").orElseThrow();
        assertThat(edited.responsibility()).isEqualTo(assigned);
        assertThat(edited.sampleResponsibility()).isFalse();
        assertThat(edited.responsibilityChanges()).containsExactly(change);
        assertThat(edited.revision()).isEqualTo(1L);
        assertThat(edited.outbox()).hasSize(2).last().satisfies(entry -> {
            assertThat(entry.eventId()).isEqualTo(ResponsibilityController.eventId(v1).toString());
            assertThat(entry.envelope()).contains("区卫生健康委").doesNotContain("区建设管理委");
        });

        assertThat(definitions.apply(item("9.6", 2, milestone("9.6#1", "START", "戊开工（调整）"))))
                .isEqualTo(Outcome.UPDATED);
        ConstructionItem v2 = items.find(YEAR, "9.6").orElseThrow();
        assertThat(v2.planVersion()).isEqualTo(2);
        assertThat(v2.responsibility()).isEqualTo(assigned);
        assertThat(v2.sampleResponsibility()).isFalse();
        assertThat(v2.responsibilityChanges()).containsExactly(change);
        assertThat(v2.revision()).isEqualTo(2L);
        assertThat(v2.outbox()).hasSize(3).last().satisfies(entry ->
                assertThat(entry.envelope()).contains("区卫生健康委").doesNotContain("区建设管理委"));
    }

    @Test
    void withoutAnEditANewVersionTakesTheResponsibilityItSendsAlsoOnADocumentStoredBeforeRevisionsWereKept() {
        definitions.apply(item("9.11", 1, milestone("9.11#1", "START", "己开工")));
        withoutRevision("9.11");
        Responsibility reassigned = new Responsibility("副区长（分管城市管理）", "区绿化市容局", List.of());
        ConstructionItemDefined v2 = new ConstructionItemDefined(YEAR, 2, "9.11", 9, "推进区域重点工程建设",
                "第 2 版", 0, List.of(milestone("9.11#1", "START", "己开工")), reassigned, false, null);

        assertThat(definitions.apply(v2)).isEqualTo(Outcome.UPDATED);

        ConstructionItem stored = items.find(YEAR, "9.11").orElseThrow();
        assertThat(stored.responsibility()).isEqualTo(reassigned);
        assertThat(stored.sampleResponsibility()).isFalse();
        assertThat(stored.responsibilityChanges()).isEmpty();
        assertThat(stored.revision()).isEqualTo(1L);
    }

    @Test
    void aMilestoneWithoutAPlannedDateIsUnscheduledAndDueAtTheYearsEnd() {
        definitions.apply(new ConstructionItemDefined(YEAR, 1, "9.9", 9, "t", "标题", 0,
                List.of(new MilestoneDefinition("9.9#1", "START", "某项目", null, null, null, "实现某项目开工")), null,
                false, null));

        Milestone stored = mongo.findById(ConstructionItem.id(YEAR, "9.9"), ConstructionItem.class).milestones().get(0);
        assertThat(stored.unscheduled()).isTrue();
        assertThat(stored.plannedDate()).isEqualTo(LocalDate.of(YEAR, 12, 31));
        MilestoneView view = MilestoneView.of(stored, LocalDate.of(YEAR, 3, 1));
        assertThat(view.plannedDate()).isNull();
        assertThat(view.dueDate()).isEqualTo(LocalDate.of(YEAR, 12, 31));
        assertThat(view.scheduled()).isFalse();
        assertThat(view.dueInDays()).isNull();
        assertThat(view.status()).isEqualTo(MilestoneStatus.UNSCHEDULED);
        // a new definition is due a look by the next sweep, on the day it was stored
        assertThat(mongo.findById(ConstructionItem.id(YEAR, "9.9"), ConstructionItem.class).milestoneCheck())
                .isEqualTo("2031-03-01|" + YEAR + "/9.9");

        // the 任务分解表 dates it, and assigns the item: the assignment is recorded
        definitions.apply(new ConstructionItemDefined(YEAR, 2, "9.9", 9, "t", "标题", 0,
                List.of(new MilestoneDefinition("9.9#1", "START", "某项目", null, null, LocalDate.of(YEAR, 6, 30),
                        "实现某项目开工")),
                new org.keywork.events.Responsibility("副区长（分管民政）", "区民政局", List.of()), false, null,
                "dcs-supervisor", "任务分解表"));
        ConstructionItem item = mongo.findById(ConstructionItem.id(YEAR, "9.9"), ConstructionItem.class);
        assertThat(item.milestones().get(0).unscheduled()).isFalse();
        assertThat(item.milestones().get(0).plannedDate()).isEqualTo(LocalDate.of(YEAR, 6, 30));
        assertThat(item.responsibility().leadDepartment()).isEqualTo("区民政局");
        assertThat(item.responsibilityChanges()).singleElement().satisfies(change -> {
            assertThat(change.changedBy()).isEqualTo("dcs-supervisor");
            assertThat(change.reason()).isEqualTo("任务分解表");
        });
    }

    @Test
    void definitionsBreakingTheIdentifierRulesArePoison() {
        MilestoneDefinition ok = milestone("9.9#1", "START", "开工");
        List<ConstructionItemDefined> broken = List.of(
                new ConstructionItemDefined(YEAR, 1, "九.9", 9, "t", "标题", 0, List.of(ok), null, false, null),
                new ConstructionItemDefined(YEAR, 1, "9.9", 4, "t", "标题", 0, List.of(ok), null, false, null),
                new ConstructionItemDefined(YEAR, 0, "9.9", 9, "t", "标题", 0, List.of(ok), null, false, null),
                new ConstructionItemDefined(YEAR, 1, "9.9", 9, "t", " ", 0, List.of(ok), null, false, null),
                new ConstructionItemDefined(YEAR, 1, "9.9", 9, "t", "标题", 0,
                        List.of(milestone("9.10#1", "START", "开工")), null, false, null),
                new ConstructionItemDefined(YEAR, 1, "9.9", 9, "t", "标题", 0, List.of(ok, ok), null, false, null),
                new ConstructionItemDefined(YEAR, 1, "9.9", 9, "t", "标题", 0,
                        List.of(new MilestoneDefinition("9.9#1", "START", " ", null, null, null, null)), null,
                        false, null));
        for (ConstructionItemDefined definition : broken) {
            assertThatThrownBy(() -> definitions.apply(definition)).as(definition.toString())
                    .isInstanceOf(PoisonEventException.class);
        }
        assertThat(mongo.findById(ConstructionItem.id(YEAR, "9.9"), ConstructionItem.class)).isNull();
    }

    private List<Outcome> race(ConstructionItemDefined definition) throws Exception {
        int instances = 6;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Callable<Outcome> apply = () -> {
                    start.await();
                    return definitions.apply(definition);
                };
                futures.add(pool.submit(apply));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Makes the stored item look like one stored before revisions were kept. */
    private void withoutRevision(String itemId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(ConstructionItem.id(YEAR, itemId))),
                new Update().unset("revision").unset("responsibilityChanges"), ConstructionItem.COLLECTION);
        assertThat(mongo.getCollection(ConstructionItem.COLLECTION).find(new org.bson.Document("_id",
                ConstructionItem.id(YEAR, itemId))).first()).doesNotContainKeys("revision", "responsibilityChanges");
    }

    private static ConstructionItemDefined item(String itemId, int planVersion, MilestoneDefinition... milestones) {
        return new ConstructionItemDefined(YEAR, planVersion, itemId, 9, "推进区域重点工程建设",
                "第 " + planVersion + " 版 " + itemId, 0, List.of(milestones), RESPONSIBILITY,
                true, "静府发〔2031〕1号");
    }

    private static MilestoneDefinition milestone(String id, String type, String name) {
        return new MilestoneDefinition(id, type, name, null, null, LocalDate.of(YEAR, 12, 31), name);
    }
}
