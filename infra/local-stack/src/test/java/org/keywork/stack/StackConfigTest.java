package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StackConfigTest {

    private final Path repo = Path.of("/tmp/keywork-repo");

    @Test
    void defaultsWithoutEnvironment() {
        StackConfig config = StackConfig.fromEnvironment(repo, Map.of());

        assertThat(config.home()).isEqualTo(repo.resolve(".keywork"));
        assertThat(config.port(Part.GATEWAY)).isEqualTo(8080);
        assertThat(config.port(Part.GOAL)).isEqualTo(8081);
        assertThat(config.port(Part.PROJECT)).isEqualTo(8082);
        assertThat(config.port(Part.PROGRESS)).isEqualTo(8083);
        assertThat(config.port(Part.NOTIFICATION)).isEqualTo(8084);
        assertThat(config.port(Part.KAFKA)).isEqualTo(9092);
        assertThat(config.kafkaControllerPort()).isEqualTo(9093);
        assertThat(config.port(Part.MONGO)).isEqualTo(27017);
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.kafkaBootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(config.mongoUri()).isEqualTo("mongodb://127.0.0.1:27017");
        assertThat(config.logFile(Part.GOAL)).isEqualTo(repo.resolve(".keywork/logs/goal-service.log"));
        assertThat(config.pidFile(Part.KAFKA)).isEqualTo(repo.resolve(".keywork/run/kafka.pid"));
        assertThat(config.mongoFile()).isEqualTo(repo.resolve(".keywork/mongo/keywork.mv"));
    }

    @Test
    void environmentOverridesHomePortsAndTimeout() {
        StackConfig config = StackConfig.fromEnvironment(repo, Map.of(
                "KEYWORK_HOME", "/var/tmp/kw",
                "KEYWORK_KAFKA_PORT", "19092",
                "KEYWORK_KAFKA_CONTROLLER_PORT", "19093",
                "KEYWORK_MONGO_PORT", " 27018 ",
                "KEYWORK_GATEWAY_PORT", "18080",
                "KEYWORK_GOAL_PORT", "18081",
                "KEYWORK_START_TIMEOUT", "30"));

        assertThat(config.home()).isEqualTo(Path.of("/var/tmp/kw"));
        assertThat(config.port(Part.KAFKA)).isEqualTo(19092);
        assertThat(config.kafkaControllerPort()).isEqualTo(19093);
        assertThat(config.port(Part.MONGO)).isEqualTo(27018);
        assertThat(config.port(Part.GATEWAY)).isEqualTo(18080);
        assertThat(config.port(Part.GOAL)).isEqualTo(18081);
        assertThat(config.port(Part.PROJECT)).isEqualTo(8082);
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.logsDir()).isEqualTo(Path.of("/var/tmp/kw/logs"));
    }

    @Test
    void invalidPortNamesTheVariableAndValue() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(repo, Map.of("KEYWORK_MONGO_PORT", "mongo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEYWORK_MONGO_PORT")
                .hasMessageContaining("mongo")
                .hasMessageContaining("端口");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(repo, Map.of("KEYWORK_GATEWAY_PORT", "70000")))
                .hasMessageContaining("KEYWORK_GATEWAY_PORT");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(repo, Map.of("KEYWORK_START_TIMEOUT", "-1")))
                .hasMessageContaining("KEYWORK_START_TIMEOUT");
    }

    @Test
    void samePortTwiceIsRejected() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(repo, Map.of("KEYWORK_GOAL_PORT", "8080")))
                .hasMessageContaining("8080")
                .hasMessageContaining("KEYWORK_GATEWAY_PORT")
                .hasMessageContaining("KEYWORK_GOAL_PORT");
        assertThatThrownBy(() -> StackConfig.fromEnvironment(repo, Map.of("KEYWORK_KAFKA_CONTROLLER_PORT", "9092")))
                .hasMessageContaining("KEYWORK_KAFKA_CONTROLLER_PORT");
    }

    @Test
    void serviceJarsDefaultToModuleTargetAndCanBeOverridden() {
        StackConfig config = StackConfig.defaults(repo);
        assertThat(config.jar(Part.GOAL))
                .isEqualTo(repo.resolve("goal-service/target/goal-service-0.1.0-SNAPSHOT.jar"));
        assertThat(config.jar(Part.GATEWAY)).isEqualTo(repo.resolve("gateway/target/gateway-0.1.0-SNAPSHOT.jar"));

        StackConfig overridden = config.withJar(Part.GOAL, Path.of("/opt/goal.jar"));
        assertThat(overridden.jar(Part.GOAL)).isEqualTo(Path.of("/opt/goal.jar"));
        assertThat(overridden.jar(Part.PROJECT)).isEqualTo(config.jar(Part.PROJECT));
        assertThatThrownBy(() -> config.withJar(Part.KAFKA, Path.of("/x.jar")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freePortsAreDistinct() {
        StackConfig config = StackConfig.onFreePorts(repo, Path.of("/tmp/kw-free"));
        java.util.Set<Integer> ports = new java.util.HashSet<>(config.ports().values());
        ports.add(config.kafkaControllerPort());
        assertThat(ports).hasSize(Part.values().length + 1);
        assertThat(ports).allSatisfy(p -> assertThat(Preflight.isFree(p)).isTrue());
    }

    @Test
    void infraClasspathIsMadeAbsoluteBecausePartsRunInTheHomeDirectory() {
        String cwd = Path.of("").toAbsolutePath().toString();
        StackConfig config = StackConfig.defaults(repo)
                .withInfraClasspath("target/classes:/abs/lib/*:target/lib/*");

        assertThat(config.infraClasspath())
                .isEqualTo(cwd + "/target/classes:/abs/lib/*:" + cwd + "/target/lib/*");
    }
}
