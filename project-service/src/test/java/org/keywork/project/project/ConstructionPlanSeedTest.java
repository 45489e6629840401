package org.keywork.project.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/** Pins the shipped 2021 seed to section 九 of the document: 47 items and the milestones each one names. */
class ConstructionPlanSeedTest {

    final ConstructionPlanSeed plan = ConstructionPlanSeed.load(new ClassPathResource(ConstructionPlanSeed.PLAN_2021));

    @Test
    void theSeedHoldsAll47ItemsOfSectionNineInDocumentOrder() {
        assertThat(plan.planYear()).isEqualTo(2021);
        assertThat(plan.section()).isEqualTo(9);
        assertThat(plan.sectionTitle()).isEqualTo("推进区域重点工程建设");
        assertThat(plan.planVersion()).isEqualTo(1);
        assertThat(plan.items()).extracting(ConstructionPlanSeed.Item::itemId)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 47).mapToObj(n -> "9." + n).toList())
                .doesNotHaveDuplicates();
        assertThat(plan.items().stream().flatMap(item -> item.milestones().stream()).map(Milestone::id))
                .doesNotHaveDuplicates();
        assertThat(plan.items()).allSatisfy(item -> {
            assertThat(item.title()).isNotBlank();
            assertThat(item.milestones()).extracting(Milestone::id).containsExactlyElementsOf(
                    IntStream.rangeClosed(1, item.milestones().size()).mapToObj(k -> item.itemId() + "#" + k)
                            .toList());
        });
    }

    @Test
    void milestoneCountsMatchTheDocument() {
        assertThat(itemsWith(MilestoneType.START)).hasSize(26)
                .containsExactlyElementsOf(concat(IntStream.rangeClosed(1, 25), IntStream.of(44)));
        assertThat(itemsWith(MilestoneType.COMPLETION)).hasSize(20)
                .containsExactlyElementsOf(concat(IntStream.of(1), IntStream.rangeClosed(26, 44)));
        assertThat(plan.items().stream().filter(item -> item.milestones().stream()
                        .allMatch(m -> m.type() == MilestoneType.OTHER)).map(ConstructionPlanSeed.Item::itemId))
                .containsExactly("9.45", "9.46", "9.47");
        assertThat(item("9.45").milestones()).hasSize(3);
    }

    @Test
    void fourItemsAreStarredAndTheirTitlesCarryTheStar() {
        assertThat(plan.items().stream().filter(ConstructionPlanSeed.Item::starred)
                .map(ConstructionPlanSeed.Item::itemId)).containsExactly("9.2", "9.26", "9.27", "9.28");
        assertThat(plan.items()).allSatisfy(item ->
                assertThat(item.title().contains("★")).as(item.itemId()).isEqualTo(item.starred()));
    }

    @Test
    void item44NamesFourMilestonesInReadingOrder() {
        assertThat(item("9.44").milestones()).extracting(Milestone::type).containsExactly(MilestoneType.OTHER,
                MilestoneType.COMPLETION, MilestoneType.START, MilestoneType.START);
        assertThat(item("9.44").milestones()).extracting(Milestone::name).containsExactly(
                "推进南北二期（中山北路-中华新路）道路建设",
                "基本建成平陆路（永和路-汶水路）道路新建工程",
                "云飞东路（共和新路-寿阳路）新建工程开工",
                "国庆路（乌镇路-晋元路）道路改建工程开工");
    }

    @Test
    void item1CarriesItsQuantitiesAndTheOthersNone() {
        assertThat(item("9.1").milestones()).satisfiesExactly(
                start -> {
                    assertThat(start.type()).isEqualTo(MilestoneType.START);
                    assertThat(start.value()).isEqualByComparingTo(new BigDecimal(100));
                    assertThat(start.unit()).isEqualTo("万平方米");
                },
                completion -> {
                    assertThat(completion.type()).isEqualTo(MilestoneType.COMPLETION);
                    assertThat(completion.value()).isEqualByComparingTo(new BigDecimal(100));
                    assertThat(completion.unit()).isEqualTo("万平方米");
                });
        assertThat(plan.items().stream().filter(item -> !item.itemId().equals("9.1"))
                .flatMap(item -> item.milestones().stream())).allSatisfy(m -> {
                    assertThat(m.value()).isNull();
                    assertThat(m.unit()).isNull();
                });
    }

    @Test
    void milestonesAreNamedAsTheDocumentSaysAndDueAtYearEnd() {
        assertThat(item("9.2").milestones().get(0).name()).isEqualTo("静安区闸北实验小学（明德）校区扩建项目开工");
        assertThat(item("9.28").milestones().get(0).name()).isEqualTo("第三康复医院竣工");
        assertThat(item("9.26").milestones().get(0).name()).isEqualTo("久隆模范中学扩建项目完工");
        assertThat(plan.items().stream().flatMap(item -> item.milestones().stream()))
                .allSatisfy(m -> assertThat(m.plannedDate()).isEqualTo(LocalDate.of(2021, 12, 31)));
    }

    @Test
    void responsibilityIsMarkedAsSampleButPresentForEveryItem() {
        assertThat(plan.sample()).isTrue();
        assertThat(plan.note()).contains("SAMPLE").contains("division of labour");
        assertThat(plan.items()).allSatisfy(item -> {
            assertThat(item.responsibility().leaderPosition()).as(item.itemId()).startsWith("副区长（分管");
            assertThat(item.responsibility().leadDepartment()).as(item.itemId()).isNotBlank();
            assertThat(item.responsibility().cooperatingDepartments()).as(item.itemId()).isNotEmpty();
        });
    }

    @Test
    void aSeedBreakingTheIdentifierRulesIsRefused() {
        String twoFirsts = """
                {"planYear":2021,"document":"d","section":9,"sectionTitle":"推进区域重点工程建设","planVersion":1,
                 "note":"n","sample":true,"items":[
                  {"itemId":"9.1","starred":false,"title":"a","responsibility":null,
                   "milestones":[{"id":"9.1#1","type":"START","name":"a开工","plannedDate":"2021-12-31"}]},
                  {"itemId":"9.1","starred":false,"title":"b","responsibility":null,
                   "milestones":[{"id":"9.1#1","type":"START","name":"b开工","plannedDate":"2021-12-31"}]}]}
                """;
        assertThatThrownBy(() -> ConstructionPlanSeed.load(resource(twoFirsts)))
                .hasMessageContaining("unique and in document order");
        String secondWithFirstsMilestone = twoFirsts.replace("\"9.1\",\"starred\":false,\"title\":\"b\"",
                "\"9.2\",\"starred\":false,\"title\":\"b\"");
        assertThatThrownBy(() -> ConstructionPlanSeed.load(resource(secondWithFirstsMilestone)))
                .hasMessageContaining("must have id 9.2#1");
        assertThatThrownBy(() -> ConstructionPlanSeed.load(resource(twoFirsts.replace("\"note\"", "\"nots\""))))
                .hasMessageContaining("nots");
    }

    @Test
    void eventIdsAreDerivedFromItemAndPlanVersion() {
        assertThat(ConstructionItemsSeeder.eventId(2021, "9.44", 1))
                .isEqualTo(ConstructionItemsSeeder.eventId(2021, "9.44", 1))
                .isEqualTo(java.util.UUID.nameUUIDFromBytes(
                        "plan-item:2021/9.44:v1".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(ConstructionItemsSeeder.eventId(2021, "9.44", 2));
    }

    private List<String> itemsWith(MilestoneType type) {
        return plan.items().stream().filter(item -> item.milestones().stream().anyMatch(m -> m.type() == type))
                .map(ConstructionPlanSeed.Item::itemId).toList();
    }

    private ConstructionPlanSeed.Item item(String itemId) {
        return plan.items().stream().filter(item -> item.itemId().equals(itemId)).findFirst().orElseThrow();
    }

    private static List<String> concat(IntStream a, IntStream b) {
        return IntStream.concat(a, b).mapToObj(n -> "9." + n).toList();
    }

    private static ByteArrayResource resource(String json) {
        return new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8), "test seed");
    }
}
