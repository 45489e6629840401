package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LaunchSpecTest {

    private final StackConfig config = StackConfig.fromEnvironment(Path.of("/repo"), Map.of(
            "KEYWORK_HOME", "/data/kw", "KEYWORK_KAFKA_PORT", "19092", "KEYWORK_MONGO_PORT", "27018",
            "KEYWORK_GOAL_PORT", "18081", "KEYWORK_NOTIFICATION_PORT", "18084"));

    @Test
    void serviceRunsItsJarWithLeanFlagsMarkersAndEnvironment() {
        LaunchSpec spec = LaunchSpec.of(config, Part.GOAL);

        assertThat(spec.command()).containsSubsequence(
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-Dkeywork.part=goal-service", "-Dkeywork.home=/data/kw",
                "-jar", "/repo/goal-service/target/goal-service-0.1.0-SNAPSHOT.jar");
        assertThat(spec.command().get(0)).endsWith("/bin/java");
        assertThat(spec.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SERVER_PORT", "18081",
                "KAFKA_BROKERS", "127.0.0.1:19092",
                "MONGODB_URI", "mongodb://127.0.0.1:27018/keywork-goal",
                "KEYWORK_CLOCK_MODE", System.getenv().getOrDefault("KEYWORK_CLOCK_MODE", "simulated"),
                "KEYWORK_AUTH_ALLOW_PUBLIC_SECRET", "true"));
        assertThat(spec.logFile()).isEqualTo(Path.of("/data/kw/logs/goal-service.log"));
    }

    @Test
    void eachServiceHasItsOwnDatabase() {
        assertThat(LaunchSpec.of(config, Part.PROJECT).environment())
                .containsEntry("MONGODB_URI", "mongodb://127.0.0.1:27018/keywork-project");
        assertThat(LaunchSpec.of(config, Part.PROGRESS).environment())
                .containsEntry("MONGODB_URI", "mongodb://127.0.0.1:27018/keywork-progress");
        assertThat(LaunchSpec.of(config, Part.NOTIFICATION).environment())
                .containsEntry("MONGODB_URI", "mongodb://127.0.0.1:27018/keywork-notification")
                .containsEntry("SERVER_PORT", "18084");
    }

    @Test
    void gatewayKnowsWhereEveryServiceIs() {
        LaunchSpec spec = LaunchSpec.of(config, Part.GATEWAY);

        assertThat(spec.environment())
                .containsEntry("SERVER_PORT", "8080")
                .containsEntry("GOAL_SERVICE_URL", "http://127.0.0.1:18081")
                .containsEntry("PROJECT_SERVICE_URL", "http://127.0.0.1:8082")
                .containsEntry("PROGRESS_SERVICE_URL", "http://127.0.0.1:8083")
                .containsEntry("NOTIFICATION_SERVICE_URL", "http://127.0.0.1:18084")
                .doesNotContainKey("MONGODB_URI");
        assertThat(spec.command()).contains("-Dkeywork.part=gateway", "-jar");
    }

    @Test
    void extraEnvironmentReachesEveryServiceLastButNotKafkaOrMongo() {
        StackConfig bench = config.withPartEnvironment(Map.of("KEYWORK_RATE_LIMIT_ENABLED", "false"))
                .withPartEnvironment(Map.of("KEYWORK_CLOCK_MODE", "simulated", "KEYWORK_X", "1"));

        for (Part service : new Part[] {Part.GOAL, Part.PROGRESS, Part.GATEWAY}) {
            assertThat(LaunchSpec.of(bench, service).environment())
                    .containsEntry("KEYWORK_RATE_LIMIT_ENABLED", "false")
                    .containsEntry("KEYWORK_CLOCK_MODE", "simulated")
                    .containsEntry("KEYWORK_X", "1")
                    .containsKey("SERVER_PORT");
        }
        assertThat(LaunchSpec.of(bench, Part.KAFKA).environment()).isEmpty();
        assertThat(LaunchSpec.of(bench, Part.MONGO).environment()).isEmpty();
        assertThat(LaunchSpec.of(config, Part.GATEWAY).environment()).doesNotContainKey("KEYWORK_RATE_LIMIT_ENABLED");
        assertThat(bench.withHome(Path.of("/elsewhere")).partEnvironment()).containsKeys("KEYWORK_X");
    }

    @Test
    void kafkaAndMongoRunFromTheInfraClasspath() {
        StackConfig withCp = config.withInfraClasspath("/cp/classes:/cp/lib/*");

        LaunchSpec kafka = LaunchSpec.of(withCp, Part.KAFKA);
        assertThat(kafka.command()).containsSubsequence("-Xmx512m", "-XX:+UseSerialGC", "-Dkeywork.part=kafka",
                "-cp", "/cp/classes:/cp/lib/*", KafkaBroker.class.getName(), "/data/kw/kafka", "19092", "9093");

        LaunchSpec mongo = LaunchSpec.of(withCp, Part.MONGO);
        assertThat(mongo.command()).containsSubsequence("-Xmx192m", "-XX:+UseSerialGC", "-Dkeywork.part=mongo",
                "-cp", "/cp/classes:/cp/lib/*", MongoWireServer.class.getName(), "/data/kw/mongo/keywork.mv", "27018");
        assertThat(mongo.environment()).isEmpty();
    }

    @Test
    void brokerSettingsFollowTheKraftRecipe() {
        Map<String, String> p = KafkaBroker.serverProperties(Path.of("/data/kafka/data"), 19092, 19093);
        assertThat(p).containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("inter.broker.listener.name", "PLAINTEXT")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("num.partitions", "3")
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("log.dirs", "/data/kafka/data");
    }
}
