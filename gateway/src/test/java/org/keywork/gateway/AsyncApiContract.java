package org.keywork.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.keywork.events.EventEnvelope;
import org.keywork.events.IntegrationEvent;
import org.keywork.events.Topics;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * Checks an AsyncAPI 3 document against the event contracts in {@code infra/event-contracts} (package
 * {@code org.keywork.events}, found by scanning it, so a new record or topic is checked without being listed here):
 * <ul>
 * <li>{@code asyncapi: 3.0.0};</li>
 * <li>every topic constant in {@link Topics} is the address of a channel, and every channel's address is a topic or
 * the dead-letter topic ({@link Topics#deadLetter}) of a consumer group the document has receive from that topic;
 * every such group has its dead-letter channel; every topic has a producer ({@code send});</li>
 * <li>every event record ({@link IntegrationEvent}) has the message {@code components.messages.<SimpleName>}, on a
 * topic's channel, with a Kafka key, whose payload is the envelope with {@code type} and {@code version} equal to
 * the record's {@code TYPE} and {@code VERSION} and {@code payload} its schema;</li>
 * <li>every record of the package (events, their parts, the envelope) has the schema
 * {@code components.schemas.<SimpleName>}: its properties are the record's components, each of the component's
 * JSON type (nullable unless required), and its {@code required} are exactly the components that are non-null by
 * contract: primitives, those the canonical constructor refuses as null or replaces by a value, and those an
 * {@link EventEnvelope} refuses (an item event's {@code itemId}: the message key);</li>
 * <li>every enum of the package has the schema of that name with exactly the enum's constants.</li>
 * </ul>
 * {@link #check} returns the differences, one sentence each; none when the document is true.
 */
final class AsyncApiContract {

	static final String EVENTS_PACKAGE = "org.keywork.events";

	private static final String SCHEMAS = "#/components/schemas/";

	private final JsonNode document;

	private final List<String> problems = new ArrayList<>();

	private AsyncApiContract(JsonNode document) {
		this.document = document;
	}

	/** The AsyncAPI document as YAML, parsed. */
	static JsonNode read(InputStream yaml) {
		return YAMLMapper.builder().build().readTree(yaml);
	}

	/** What in the document differs from the event contracts; empty when nothing does. */
	static List<String> check(JsonNode document) {
		AsyncApiContract contract = new AsyncApiContract(document);
		contract.checkVersion();
		contract.checkTopics();
		List<Class<?>> classes = eventsPackage();
		for (Class<?> type : classes) {
			if (type.isRecord()) {
				contract.checkRecordSchema(type);
				if (IntegrationEvent.class.isAssignableFrom(type)) {
					contract.checkEventMessage(type);
				}
			}
			else if (type.isEnum()) {
				contract.checkEnum(type);
			}
		}
		return List.copyOf(contract.problems);
	}

	private void checkVersion() {
		if (!"3.0.0".equals(this.document.path("asyncapi").asString(""))) {
			problem("asyncapi is " + this.document.path("asyncapi") + ", not 3.0.0");
		}
	}

	private void checkTopics() {
		Set<String> topics = topics();
		JsonNode channels = this.document.path("channels");
		Set<String> addresses = new TreeSet<>();
		channels.properties().forEach(channel -> addresses.add(channel.getValue().path("address").asString("")));
		for (String topic : topics) {
			if (!addresses.contains(topic)) {
				problem("topic " + topic + " (Topics) has no channel");
			}
			else if (operations(topic, "send").isEmpty()) {
				problem("topic " + topic + " has no send operation (its producer)");
			}
		}
		Set<String> deadLetters = new TreeSet<>();
		for (String topic : topics) {
			for (JsonNode receive : operations(topic, "receive")) {
				JsonNode groups = receive.path("bindings").path("kafka").path("groupId").path("enum");
				for (JsonNode group : groups) {
					String deadLetter = Topics.deadLetter(topic, group.asString());
					deadLetters.add(deadLetter);
					if (!addresses.contains(deadLetter)) {
						problem("consumer group " + group.asString() + " on " + topic + " has no dead-letter channel "
								+ deadLetter);
					}
				}
			}
		}
		for (String address : addresses) {
			if (!topics.contains(address) && !deadLetters.contains(address)) {
				problem("channel address " + address + " is neither a topic in Topics nor the dead-letter topic of a "
						+ "consumer group the document lists");
			}
		}
	}

	/** The operations with this action on the channel whose address is {@code topic}. */
	private List<JsonNode> operations(String topic, String action) {
		List<JsonNode> found = new ArrayList<>();
		this.document.path("operations").properties().forEach(operation -> {
			JsonNode channel = resolve(operation.getValue().path("channel"));
			if (action.equals(operation.getValue().path("action").asString(""))
					&& topic.equals(channel.path("address").asString(""))) {
				found.add(operation.getValue());
			}
		});
		return found;
	}

	private void checkEventMessage(Class<?> event) {
		String name = event.getSimpleName();
		JsonNode message = this.document.path("components").path("messages").path(name);
		if (message.isMissingNode()) {
			problem("event " + name + " has no message components.messages." + name);
			return;
		}
		String type = (String) constant(event, "TYPE");
		Object version = constant(event, "VERSION");
		JsonNode envelope = null;
		for (JsonNode part : message.path("payload").path("allOf")) {
			if (part.path("properties").has("payload")) {
				envelope = part.path("properties");
			}
		}
		if (envelope == null) {
			problem("message " + name + ": its payload is not the envelope (allOf with properties.payload)");
			return;
		}
		if (!Objects.equals(type, envelope.path("type").path("const").asString(null))) {
			problem("message " + name + ": type is " + envelope.path("type").path("const") + ", the record's TYPE is "
					+ type);
		}
		if (!Objects.equals(version, envelope.path("version").path("const").asInt(-1))) {
			problem("message " + name + ": version is " + envelope.path("version").path("const")
					+ ", the record's VERSION is " + version);
		}
		if (!(SCHEMAS + name).equals(envelope.path("payload").path("$ref").asString(""))) {
			problem("message " + name + ": payload is " + envelope.path("payload") + ", not " + SCHEMAS + name);
		}
		if (!message.path("bindings").path("kafka").has("key")) {
			problem("message " + name + ": no Kafka key (bindings.kafka.key)");
		}
		Set<String> topics = topics();
		boolean onATopic = false;
		for (Map.Entry<String, JsonNode> channel : this.document.path("channels").properties()) {
			for (JsonNode ref : channel.getValue().path("messages")) {
				if (("#/components/messages/" + name).equals(ref.path("$ref").asString(""))
						&& topics.contains(channel.getValue().path("address").asString(""))) {
					onATopic = true;
				}
			}
		}
		if (!onATopic) {
			problem("message " + name + " is on no topic's channel");
		}
	}

	private void checkRecordSchema(Class<?> record) {
		String name = record.getSimpleName();
		JsonNode schema = this.document.path("components").path("schemas").path(name);
		if (schema.isMissingNode()) {
			problem("record " + name + " has no schema components.schemas." + name);
			return;
		}
		Set<String> components = Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getName)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		Set<String> properties = new LinkedHashSet<>(schema.path("properties").propertyNames());
		if (!components.equals(properties)) {
			problem("schema " + name + ": properties " + properties + " are not the record's components " + components);
		}
		Set<String> required = requiredComponents(record);
		Set<String> documented = new TreeSet<>();
		schema.path("required").forEach(field -> documented.add(field.asString()));
		if (!new TreeSet<>(required).equals(documented)) {
			problem("schema " + name + ": required " + documented + ", but non-null by contract are "
					+ new TreeSet<>(required));
		}
		for (RecordComponent component : record.getRecordComponents()) {
			JsonNode property = schema.path("properties").path(component.getName());
			if (!property.isMissingNode()) {
				checkType(name + "." + component.getName(), property, component.getGenericType(),
						required.contains(component.getName()));
			}
		}
	}

	/** A component's schema: its JSON type, and {@code null} allowed exactly when it is not required. */
	private void checkType(String where, JsonNode schema, Type type, boolean required) {
		if (type instanceof java.lang.reflect.TypeVariable<?>) {
			return; // the envelope's payload: each message names it
		}
		JsonNode plain = schema;
		boolean nullable = false;
		if (schema.has("oneOf")) {
			List<JsonNode> options = new ArrayList<>();
			schema.path("oneOf").forEach(options::add);
			nullable = options.removeIf(option -> "null".equals(option.path("type").asString("")));
			plain = options.size() == 1 ? options.get(0) : schema;
		}
		else if (schema.path("type").isArray()) {
			List<String> types = new ArrayList<>();
			schema.path("type").forEach(t -> types.add(t.asString()));
			nullable = types.remove("null");
			plain = schema.deepCopy();
			((tools.jackson.databind.node.ObjectNode) plain).put("type", types.size() == 1 ? types.get(0) : types.toString());
		}
		if (nullable == required) {
			problem(where + ": " + (required ? "required, but the schema allows null" : "optional (may be null), but the "
					+ "schema does not allow null"));
		}
		String expected = expectedType(type);
		String actual = describe(plain);
		if (!expected.equals(actual)) {
			problem(where + ": schema " + actual + ", but the record's component is " + expected);
		}
	}

	/** The JSON schema a Java type is written as, in the short form {@link #describe} gives a schema. */
	private static String expectedType(Type type) {
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
			return "array of " + expectedType(parameterized.getActualTypeArguments()[0]);
		}
		Class<?> raw = (Class<?>) type;
		if (raw == String.class) {
			return "string";
		}
		if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
			return "integer";
		}
		if (raw == boolean.class || raw == Boolean.class) {
			return "boolean";
		}
		if (raw == BigDecimal.class) {
			return "number";
		}
		if (raw == Instant.class) {
			return "string date-time";
		}
		if (raw == LocalDate.class) {
			return "string date";
		}
		if (raw == UUID.class) {
			return "string uuid";
		}
		if (raw.isRecord() || raw.isEnum()) {
			return SCHEMAS + raw.getSimpleName();
		}
		throw new IllegalStateException("no JSON schema type known for " + type);
	}

	private static String describe(JsonNode schema) {
		if (schema.has("$ref")) {
			return schema.path("$ref").asString();
		}
		String type = schema.path("type").asString("?");
		if ("array".equals(type)) {
			return "array of " + describe(schema.path("items"));
		}
		return schema.has("format") ? type + " " + schema.path("format").asString() : type;
	}

	private void checkEnum(Class<?> type) {
		String name = type.getSimpleName();
		JsonNode schema = this.document.path("components").path("schemas").path(name);
		List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
		List<String> documented = new ArrayList<>();
		schema.path("enum").forEach(value -> documented.add(value.asString()));
		if (!constants.equals(documented)) {
			problem("enum " + name + ": the schema lists " + documented + ", the Java enum " + constants);
		}
	}

	/**
	 * The components non-null by contract: a primitive; one whose null the canonical constructor refuses or replaces
	 * with a value; for an event, one whose null the envelope refuses (the key).
	 */
	static Set<String> requiredComponents(Class<?> record) {
		Set<String> required = new LinkedHashSet<>();
		RecordComponent[] components = record.getRecordComponents();
		for (int i = 0; i < components.length; i++) {
			RecordComponent component = components[i];
			if (component.getType().isPrimitive()) {
				required.add(component.getName());
				continue;
			}
			Object[] args = sampleArguments(record);
			args[i] = null;
			Object instance;
			try {
				instance = construct(record, args);
			}
			catch (NullPointerException ex) {
				required.add(component.getName());
				continue;
			}
			if (accessor(component, instance) != null) {
				required.add(component.getName());
			}
			else if (instance instanceof IntegrationEvent event) {
				try {
					EventEnvelope.wrap("contract-check", Instant.EPOCH, event);
				}
				catch (NullPointerException ex) {
					required.add(component.getName());
				}
			}
		}
		return required;
	}

	private static Object[] sampleArguments(Class<?> record) {
		RecordComponent[] components = record.getRecordComponents();
		Object[] args = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			args[i] = sample(components[i].getType());
		}
		return args;
	}

	private static Object sample(Class<?> type) {
		if (type == int.class || type == Integer.class) {
			return 1;
		}
		if (type == long.class || type == Long.class) {
			return 1L;
		}
		if (type == boolean.class || type == Boolean.class) {
			return Boolean.TRUE;
		}
		if (type == BigDecimal.class) {
			return BigDecimal.ONE;
		}
		if (type == Instant.class) {
			return Instant.EPOCH;
		}
		if (type == LocalDate.class) {
			return LocalDate.EPOCH;
		}
		if (type == UUID.class) {
			return new UUID(0, 1);
		}
		if (type == List.class) {
			return List.of();
		}
		if (type.isEnum()) {
			return type.getEnumConstants()[0];
		}
		if (type.isRecord()) {
			return construct(type, sampleArguments(type));
		}
		return "x"; // String, and the envelope's payload (Object)
	}

	private static Object construct(Class<?> record, Object[] args) {
		Class<?>[] types = Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		try {
			Constructor<?> canonical = record.getDeclaredConstructor(types);
			return canonical.newInstance(args);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof NullPointerException npe) {
				throw npe;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object accessor(RecordComponent component, Object instance) {
		try {
			return component.getAccessor().invoke(instance);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Object constant(Class<?> type, String name) {
		try {
			return type.getField(name).get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(type.getSimpleName() + " declares no " + name, ex);
		}
	}

	/** The topic names: every public static final String of {@link Topics}. */
	static Set<String> topics() {
		Set<String> topics = new TreeSet<>();
		for (Field field : Topics.class.getFields()) {
			int modifiers = field.getModifiers();
			if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
				try {
					topics.add((String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return topics;
	}

	/** The top-level classes of the events package, found on the class path (the event-contracts jar). */
	static List<Class<?>> eventsPackage() {
		try {
			PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
			SimpleMetadataReaderFactory readers = new SimpleMetadataReaderFactory(resolver);
			List<Class<?>> classes = new ArrayList<>();
			for (Resource resource : resolver
				.getResources("classpath*:" + EVENTS_PACKAGE.replace('.', '/') + "/*.class")) {
				MetadataReader reader = readers.getMetadataReader(resource);
				String className = reader.getClassMetadata().getClassName();
				if (!className.contains("$") && !className.endsWith("package-info")) {
					classes.add(Class.forName(className));
				}
			}
			classes.sort(java.util.Comparator.comparing(Class::getSimpleName));
			return classes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A local {@code $ref} ({@code #/a/b}) resolved in the document; the node itself when it is none. */
	private JsonNode resolve(JsonNode node) {
		String ref = node.path("$ref").asString("");
		if (!ref.startsWith("#/")) {
			return node;
		}
		return this.document.at(ref.substring(1));
	}

	private void problem(String problem) {
		this.problems.add(problem);
	}

}
