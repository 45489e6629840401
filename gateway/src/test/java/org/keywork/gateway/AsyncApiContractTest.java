package org.keywork.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.keywork.events.IntegrationEvent;
import org.keywork.events.ProgressReportAccepted;
import org.keywork.events.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document the gateway serves ({@code static/api-docs/asyncapi.yaml}) stays true to the event
 * contracts ({@link AsyncApiContract}); and the check itself notices each kind of drift, on a copy with one thing
 * changed. Lives in the gateway, which serves the file, with event-contracts as a test dependency: the document is
 * read from the class path as it is served, and the records by reflection, without paths across modules.
 */
class AsyncApiContractTest {

	static final String DOCUMENT = "/static/api-docs/asyncapi.yaml";

	static JsonNode document() {
		try (InputStream yaml = AsyncApiContractTest.class.getResourceAsStream(DOCUMENT)) {
			assertThat(yaml).as(DOCUMENT).isNotNull();
			return AsyncApiContract.read(yaml);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theDocumentDescribesEveryTopicEventFieldAndEnumAsTheContractsDeclareThem() {
		JsonNode document = document();
		assertThat(AsyncApiContract.check(document)).isEmpty();

		// what the check went through, so that an empty package or a renamed one cannot pass unnoticed
		List<Class<?>> classes = AsyncApiContract.eventsPackage();
		assertThat(classes.stream()
			.filter(type -> type.isRecord() && IntegrationEvent.class.isAssignableFrom(type))
			.map(Class::getSimpleName))
			.contains("PlanItemPublished", "ProgressReportAccepted", "AlertRaised", "BusinessClockSet")
			.hasSize(11);
		assertThat(classes.stream().filter(Class::isEnum).map(Class::getSimpleName)).containsExactlyInAnyOrder(
				"TargetKind", "TrackingStatus");
		assertThat(AsyncApiContract.topics()).hasSize(9)
			.contains(Topics.PROGRESS_REPORTS, Topics.BUSINESS_CLOCK, Topics.NOTIFICATION_LIVE);
		assertThat(document.at("/asyncapi").asString()).isEqualTo("3.0.0");
		assertThat(document.at("/servers/local/host").asString()).isEqualTo("localhost:9092");
		assertThat(document.at("/servers/compose/host").asString()).isEqualTo("kafka:9092");
		assertThat(document.at("/operations/goalService.receive.progressReports/bindings/kafka/groupId/enum/0")
			.asString()).isEqualTo("goal-service");
		assertThat(document.at("/channels/progressReportsGoalServiceDlq/address").asString())
			.isEqualTo(Topics.deadLetter(Topics.PROGRESS_REPORTS, "goal-service"));
		assertThat(document.at("/components/schemas/ProgressReportAccepted/required/0").asString()).isEqualTo("planYear");
	}

	@Test
	void aRenamedFieldIsNoticed() {
		assertThat(problemsAfter(document -> {
			ObjectNode properties = (ObjectNode) document.at("/components/schemas/ProgressReportAccepted/properties");
			properties.set("reportNo", properties.remove("reportId"));
		})).singleElement()
			.asString()
			.contains("schema ProgressReportAccepted", "reportNo", "reportId");
	}

	@Test
	void aMissingOrAnUnknownTopicIsNoticed() {
		assertThat(problemsAfter(document -> ((ObjectNode) document.at("/channels/reportsMissing")).put("address",
				"keywork.goal.report-missing")))
			.anySatisfy(problem -> assertThat(problem).contains("topic keywork.goal.reports-missing", "no channel"))
			.anySatisfy(problem -> assertThat(problem).contains("keywork.goal.report-missing", "neither a topic"));
	}

	@Test
	void aConsumerGroupWithoutItsDeadLetterChannelIsNoticed() {
		assertThat(problemsAfter(document -> ((ObjectNode) document.at("/channels")).remove("milestoneStatusGoalServiceDlq")))
			.singleElement()
			.asString()
			.contains("goal-service", Topics.MILESTONE_STATUS, "dead-letter");
	}

	@Test
	void aWrongEventTypeOrVersionIsNoticed() {
		assertThat(problemsAfter(document -> {
			ObjectNode envelope = (ObjectNode) document.at("/components/messages/AlertRaised/payload/allOf/1/properties");
			((ObjectNode) envelope.get("type")).put("const", "notification.alert-created");
			((ObjectNode) envelope.get("version")).put("const", 2);
		})).anySatisfy(problem -> assertThat(problem).contains("AlertRaised", "notification.alert-raised"))
			.anySatisfy(problem -> assertThat(problem).contains("AlertRaised", "version"))
			.hasSize(2);
	}

	@Test
	void anEnumThatLostAConstantIsNoticed() {
		assertThat(problemsAfter(document -> ((ArrayNode) document.at("/components/schemas/TrackingStatus/enum")).remove(4)))
			.singleElement()
			.asString()
			.contains("TrackingStatus", "DONE");
	}

	@Test
	void aRequiredFieldLeftOptionalOrAWrongTypeIsNoticed() {
		assertThat(problemsAfter(document -> {
			// itemId is the key: the envelope refuses an event without it
			ArrayNode required = (ArrayNode) document.at("/components/schemas/ProgressReportAccepted/required");
			for (int i = 0; i < required.size(); i++) {
				if (required.get(i).asString().equals("itemId")) {
					required.remove(i);
				}
			}
			((ObjectNode) document.at("/components/schemas/IndicatorStatusChanged/properties/target")).put("type",
					"string");
		})).anySatisfy(problem -> assertThat(problem).contains("ProgressReportAccepted", "required", "itemId"))
			.anySatisfy(problem -> assertThat(problem).contains("IndicatorStatusChanged.target", "number"));
	}

	@Test
	void anEventWithoutAMessageIsNoticed() {
		assertThat(problemsAfter(document -> ((ObjectNode) document.at("/components/messages")).remove("ReportMissing")))
			.anySatisfy(problem -> assertThat(problem).contains("event ReportMissing has no message"));
	}

	@Test
	void nonNullByContractIsWhatTheRecordsEnforce() {
		// primitives, and itemId: the envelope's key, which it refuses to be null
		assertThat(AsyncApiContract.requiredComponents(ProgressReportAccepted.class)).containsExactly("planYear",
				"itemId");
		assertThat(AsyncApiContract.requiredComponents(org.keywork.events.EventEnvelope.class)).containsExactly(
				"eventId", "type", "version", "occurredAt", "source", "key", "payload");
		// a list the constructor turns from null into an empty one
		assertThat(AsyncApiContract.requiredComponents(org.keywork.events.Responsibility.class))
			.containsExactly("cooperatingDepartments");
	}

	private static List<String> problemsAfter(Consumer<JsonNode> change) {
		JsonNode broken = document();
		change.accept(broken);
		return AsyncApiContract.check(broken);
	}

}
