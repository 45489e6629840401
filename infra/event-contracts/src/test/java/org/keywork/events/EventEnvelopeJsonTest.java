package org.keywork.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventEnvelopeJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private final ProgressReportAccepted report = new ProgressReportAccepted("r-1", 2021, "5.6", "5.6#1",
            TargetKind.INDICATOR, new BigDecimal("1"), null, LocalDate.of(2021, 9, 30), "区民政局", "进展顺利",
            Instant.parse("2021-10-01T02:00:00Z"));

    @Test
    void envelopeNamesTypeVersionAndKeyFromThePayload() {
        EventEnvelope<ProgressReportAccepted> envelope = EventEnvelope.wrap("progress-service",
                Instant.parse("2021-10-01T02:00:00Z"), report);

        assertThat(envelope.type()).isEqualTo("progress.report-accepted");
        assertThat(envelope.version()).isEqualTo(1);
        assertThat(envelope.key()).isEqualTo("5.6");
        assertThat(envelope.source()).isEqualTo("progress-service");
    }

    @Test
    void roundTripsThroughJsonWithIsoDatesAndWithoutHelperProperties() {
        EventEnvelope<ProgressReportAccepted> envelope = EventEnvelope.wrap(
                UUID.fromString("00000000-0000-0000-0000-000000000001"), "progress-service",
                Instant.parse("2021-10-01T02:00:00Z"), report);

        String text = json.writeValueAsString(envelope);
        JsonNode tree = json.readTree(text);
        assertThat(tree.get("eventId").asString()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(tree.get("occurredAt").asString()).isEqualTo("2021-10-01T02:00:00Z");
        assertThat(tree.get("payload").get("asOf").asString()).isEqualTo("2021-09-30");
        assertThat(tree.get("payload").has("eventType")).isFalse();
        assertThat(tree.get("payload").has("partitionKey")).isFalse();

        EventEnvelope<ProgressReportAccepted> back = json.readValue(text, new TypeReference<>() { });
        assertThat(back).isEqualTo(envelope);
    }

    @Test
    void readersTolerateFieldsAddedByANewerProducer() {
        String newer = """
                {"eventId":"00000000-0000-0000-0000-000000000002","type":"plan.item-published","version":1,
                 "occurredAt":"2021-03-18T00:00:00Z","source":"goal-service","key":"5.6","addedLater":true,
                 "payload":{"planYear":2021,"itemId":"5.6","section":5,"sectionTitle":"保障和改善民生",
                   "title":"★新增社区长者食堂 2 个。","starred":true,"planVersion":1,"someNewField":"x",
                   "targets":[{"id":"5.6#1","kind":"INDICATOR","name":"新增社区长者食堂","value":2,"unit":"个",
                               "direction":"AT_LEAST","alsoNew":1}],
                   "responsibility":{"leaderPosition":"分管副区长（民生）","leadDepartment":"区民政局"}}}
                """;

        EventEnvelope<PlanItemPublished> read = json.readValue(newer, new TypeReference<>() { });

        assertThat(read.is(PlanItemPublished.TYPE, PlanItemPublished.VERSION)).isTrue();
        assertThat(read.payload().targets()).extracting(PlanTarget::id).containsExactly("5.6#1");
        assertThat(read.payload().responsibility().cooperatingDepartments()).isEmpty();
    }

    @Test
    void aNewerVersionIsNotMistakenForOneThisReaderKnows() {
        EventEnvelope<ProgressReportAccepted> v2 = new EventEnvelope<>(UUID.randomUUID(), ProgressReportAccepted.TYPE,
                2, Instant.now(), "progress-service", "5.6", report);

        assertThat(v2.is(ProgressReportAccepted.TYPE, ProgressReportAccepted.VERSION)).isFalse();
        assertThat(v2.is(AlertRaised.TYPE, 9)).isFalse();
    }

    @Test
    void envelopeRefusesMissingParts() {
        assertThatNullPointerException()
                .isThrownBy(() -> new EventEnvelope<>(null, "t", 1, Instant.now(), "s", "k", report))
                .withMessage("eventId");
    }

    @Test
    void deadLetterTopicsArePerConsumerGroup() {
        assertThat(Topics.deadLetter(Topics.PROGRESS_REPORTS, "goal-service"))
                .isEqualTo("keywork.progress.reports.goal-service.dlq");
        assertThat(List.of(Topics.PLAN_ITEMS, Topics.CONSTRUCTION_ITEMS, Topics.PROGRESS_REPORTS, Topics.INDICATOR_STATUS,
                Topics.ALERTS, Topics.BUSINESS_CLOCK, Topics.REPORTS_MISSING,
                Topics.MILESTONE_STATUS))
                .doesNotHaveDuplicates().allMatch(t -> t.startsWith("keywork."));
    }
}
