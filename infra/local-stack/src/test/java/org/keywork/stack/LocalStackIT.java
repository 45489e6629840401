package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

/** Starts the real Kafka broker and MongoDB wire server JVMs through {@link LocalStack} on free ports. */
class LocalStackIT {

    @TempDir
    Path home;

    private LocalStack stack;
    private final List<Long> startedPids = Collections.synchronizedList(new ArrayList<>());
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    private final ProgressListener recorder = new ProgressListener() {
        @Override
        public void starting(Part part, int index, int total) {
            events.add("starting " + part.id() + " " + index + "/" + total);
        }

        @Override
        public void ready(Part part, long pid, Duration took) {
            startedPids.add(pid);
            events.add("ready " + part.id());
        }

        @Override
        public void stopped(Part part, long pid, Duration took, boolean killed) {
            events.add("stopped " + part.id() + (killed ? " (killed)" : ""));
        }
    };


    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.stopAll();
        }
    }

    @Test
    void kafkaWorksMongoPersistsAcrossRestartAndKill9AndStopAllLeavesNothing() throws Exception {
        StackConfig config = StackConfig.onFreePorts(Repository.root(), home).withStartTimeout(Duration.ofSeconds(120));
        stack = new LocalStack(config);

        stack.startInfrastructure(recorder);

        assertThat(events).containsExactly("starting kafka 1/2", "ready kafka", "starting mongo 2/2", "ready mongo");
        for (Part part : Part.INFRASTRUCTURE) {
            long pid = stack.running(part).orElseThrow().pid();
            assertThat(PidFile.read(config.pidFile(part))).map(PidFile.Entry::pid).contains(pid);
            assertThat(Processes.isOurs(pid, part, config.home())).isTrue();
        }

        kafkaRoundTrip(config);

        // graceful restart of the wire server
        try (MongoClient client = MongoClients.create(config.mongoUri())) {
            reports(client).insertOne(new Document("_id", "r1").append("value", 1));
            // Spring Boot's MongoDB health check asks "hello", on the service's own database
            assertThat(client.getDatabase("keywork-goal").runCommand(new Document("hello", 1)))
                    .containsEntry("isWritablePrimary", true);
        }
        long firstMongo = stack.running(Part.MONGO).orElseThrow().pid();
        stack.stop(Part.MONGO, recorder);
        assertThat(ProcessHandle.of(firstMongo).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(config.pidFile(Part.MONGO)).doesNotExist();
        stack.start(List.of(Part.MONGO), recorder);
        try (MongoClient client = MongoClients.create(config.mongoUri())) {
            assertThat(reports(client).find(Filters.eq("_id", "r1")).first()).containsEntry("value", 1);

            // every acknowledged write survives kill -9, even right after the last reply
            for (int i = 0; i < 200; i++) {
                reports(client).insertOne(new Document("_id", "burst-" + i).append("value", i));
            }
            reports(client).updateOne(Filters.eq("_id", "r1"), new Document("$inc", new Document("value", 41)));
        }
        RunningPart mongo = stack.running(Part.MONGO).orElseThrow();
        mongo.handle().destroyForcibly();
        assertThat(mongo.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mongo.exitCode()).hasValue(137);

        stack.start(List.of(Part.MONGO), recorder);
        try (MongoClient client = MongoClients.create(config.mongoUri())) {
            assertThat(reports(client).countDocuments(Filters.regex("_id", "^burst-"))).isEqualTo(200);
            assertThat(reports(client).find(Filters.eq("_id", "burst-199")).first()).containsEntry("value", 199);
            assertThat(reports(client).find(Filters.eq("_id", "r1")).first()).containsEntry("value", 42);
        }

        // Kafka data survived too (same broker, but the topic is still readable after all that)
        kafkaStillHasRecord(config);

        List<Long> pids = new ArrayList<>(startedPids);
        assertThat(pids).hasSize(4); // kafka + three wire servers
        stack.stopAll(recorder);

        assertThat(pids).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true)));
        assertThat(stack.running()).isEmpty();
        assertThat(config.pidFile(Part.KAFKA)).doesNotExist();
        assertThat(config.pidFile(Part.MONGO)).doesNotExist();
        assertThat(Processes.findByHome(config.home())).isEmpty();
        assertThat(events).endsWith("stopped mongo", "stopped kafka");
    }

    @Test
    void anotherJvmSeesTheStackInStatusAndDownStopsIt() {
        StackConfig config = StackConfig.onFreePorts(Repository.root(), home).withStartTimeout(Duration.ofSeconds(120));
        stack = new LocalStack(config);
        stack.startInfrastructure(recorder);
        StackControl control = new StackControl(config); // what `./keywork status|down` use

        List<StackControl.PartStatus> status = control.status();

        for (Part part : Part.INFRASTRUCTURE) {
            StackControl.PartStatus s = status.get(part.ordinal());
            assertThat(s.pid()).hasValue(stack.running(part).orElseThrow().pid());
            assertThat(s.health()).isEqualTo(Health.UP);
            assertThat(s.rssBytes().orElse(0)).isGreaterThan(20L * 1024 * 1024);
        }
        assertThat(status.get(Part.GOAL.ordinal()).running()).isFalse();
        assertThatThrownBy(control::reset).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("./keywork down");
        assertThat(config.mongoFile()).exists();

        List<StackControl.Stopped> stopped = control.down(ProgressListener.SILENT);

        assertThat(stopped).extracting(StackControl.Stopped::part).containsExactly(Part.MONGO, Part.KAFKA);
        assertThat(stopped).noneMatch(StackControl.Stopped::killed);
        assertThat(control.anyRunning()).isFalse();
        assertThat(stack.running()).allSatisfy(rp -> assertThat(rp.isAlive()).isFalse());
        assertThat(control.reset()).contains(config.kafkaDir(), config.mongoDir(), config.logsDir());
    }

    private static MongoCollection<Document> reports(MongoClient client) {
        return client.getDatabase("keywork-it").getCollection("reports");
    }

    private static final String TOPIC = "it.progress-reported";

    private static void kafkaRoundTrip(StackConfig config) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(TOPIC);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            RecordMetadata meta = producer.send(new ProducerRecord<>(TOPIC, 1, "5.8#1", "{\"value\":42}"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(meta.partition()).isEqualTo(1);
            assertThat(meta.offset()).isZero();
        }
        kafkaStillHasRecord(config);
    }

    private static void kafkaStillHasRecord(StackConfig config) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 1);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(got::add);
            }
            assertThat(got).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("5.8#1");
                assertThat(r.value()).isEqualTo("{\"value\":42}");
            });
        }
    }
}
