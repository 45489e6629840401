package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                "KEYWORK_AUTH_ALLOW_PUBLIC_SECRET", "true",
                "KEYWORK_INSTANCE_ID", "goal-service"));
        assertThat(spec.logFile()).isEqualTo(Path.of("/data/kw/logs/goal-service.log"));
    }

    @Test
    void keyworkJavaOptsComeAfterTheLaunchersFlagsSoTheyWin() {
        StackConfig tuned = config.withPartEnvironment(Map.of("KEYWORK_JAVA_OPTS", "  -XX:TieredStopAtLevel=4 -Xmx512m "));

        for (Part part : java.util.List.of(Part.GOAL, Part.GATEWAY)) {
            assertThat(LaunchSpec.of(tuned, part).command()).containsSubsequence("-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-XX:TieredStopAtLevel=4", "-Xmx512m", "-Dkeywork.part=" + part.id(), "-jar");
        }
        assertThat(tuned.serviceJvmFlags()).endsWith("-XX:TieredStopAtLevel=4", "-Xmx512m");
        // the broker and the wire server keep their own
        assertThat(LaunchSpec.of(tuned, Part.KAFKA).command()).doesNotContain("-XX:TieredStopAtLevel=4");
        assertThat(LaunchSpec.of(tuned, Part.MONGO).command()).doesNotContain("-Xmx512m");
    }

    @Test
    void aFurtherInstanceRunsOnItsOwnPortLogAndMarkerAndTheGatewayBalancesOverAll() {
        StackConfig scaled = config.withInstances(Part.PROGRESS, 3);

        LaunchSpec third = LaunchSpec.of(scaled, new Instance(Part.PROGRESS, 3));
        assertThat(third.command()).containsSubsequence("-Dkeywork.part=progress-service", "-Dkeywork.home=/data/kw",
                "-Dkeywork.instance=3", "-jar", "/repo/progress-service/target/progress-service-0.1.0-SNAPSHOT.jar");
        assertThat(third.environment()).containsEntry("SERVER_PORT", "8283")
                .containsEntry("KEYWORK_INSTANCE_ID", "progress-service-3")
                .containsEntry("MONGODB_URI", "mongodb://127.0.0.1:27018/keywork-progress");
        assertThat(third.logFile()).isEqualTo(Path.of("/data/kw/logs/progress-service-3.log"));
        assertThat(scaled.pidFile(new Instance(Part.PROGRESS, 3))).isEqualTo(Path.of("/data/kw/run/progress-service-3.pid"));
        // the first instance keeps the part's own name, port and files, and carries no instance marker
        LaunchSpec first = LaunchSpec.of(scaled, Part.PROGRESS);
        assertThat(first.environment()).containsEntry("SERVER_PORT", "8083");
        assertThat(first.command()).noneMatch(a -> a.startsWith("-Dkeywork.instance"));

        assertThat(LaunchSpec.of(scaled, Part.GATEWAY).environment())
                .containsEntry("PROGRESS_SERVICE_URL", "http://127.0.0.1:8083,http://127.0.0.1:8183,http://127.0.0.1:8283")
                .containsEntry("GOAL_SERVICE_URL", "http://127.0.0.1:18081");
    }

    @Test
    void onlyTheFourServicesScaleAndInstancesMustNotTakeAnotherPartsPort() {
        assertThatThrownBy(() -> config.withInstances(Part.GATEWAY, 2)).hasMessageContaining("只能运行一个实例");
        assertThatThrownBy(() -> config.withInstances(Part.KAFKA, 2)).hasMessageContaining("只能运行一个实例");
        assertThatThrownBy(() -> config.withInstances(Part.GOAL, 10)).hasMessageContaining("不在 1 到 9 之间");
        // goal-service's second instance would land on 18181: give another part that port
        StackConfig crowded = config.withPort(Part.MONGO, 18181);
        assertThatThrownBy(() -> crowded.withInstances(Part.GOAL, 2)).hasMessageContaining("端口 18181")
                .hasMessageContaining("goal-service-2");
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
