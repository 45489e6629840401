package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @TempDir
    Path dir;

    @Test
    void everythingFineMeansNoProblemsAndCreatesTheDataDirectories() {
        StackConfig config = StackConfig.onFreePorts(dir, dir.resolve("home"));

        assertThat(Preflight.check(config, Part.INFRASTRUCTURE)).isEmpty();
        assertThat(config.logsDir()).isDirectory();
        assertThat(config.runDir()).isDirectory();
    }

    @Test
    void takenPortIsNamedWithThePartAndTheVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StackConfig config = StackConfig.onFreePorts(dir, dir.resolve("home"))
                    .withPort(Part.KAFKA, taken.getLocalPort());

            List<String> problems = Preflight.check(config, Part.INFRASTRUCTURE);

            assertThat(problems).containsExactly("端口 " + taken.getLocalPort()
                    + " 已被占用（Kafka 需要它）。请释放该端口或设置 KEYWORK_KAFKA_PORT。");
        }
    }

    @Test
    void portTakenOnAllInterfacesIsSeenToo() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            StackConfig config = StackConfig.onFreePorts(dir, dir.resolve("home"))
                    .withPort(Part.MONGO, taken.getLocalPort());

            assertThat(Preflight.check(config, Part.INFRASTRUCTURE))
                    .singleElement().asString()
                    .contains("端口 " + taken.getLocalPort(), "MongoDB", "KEYWORK_MONGO_PORT");
        }
    }

    @Test
    void takenControllerPortIsReported() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StackConfig base = StackConfig.onFreePorts(dir, dir.resolve("home"));
            StackConfig config = new StackConfig(base.repoRoot(), base.home(), base.ports(), taken.getLocalPort(),
                    base.jarOverrides(), base.startTimeout(), base.stopTimeout(), base.infraClasspath(),
                    base.javaCommand());

            assertThat(Preflight.check(config, List.of(Part.KAFKA)))
                    .singleElement().asString()
                    .contains("端口 " + taken.getLocalPort(), "Kafka controller", "KEYWORK_KAFKA_CONTROLLER_PORT");
        }
    }

    @Test
    void portsOfPartsNotStartedAreNotChecked() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            StackConfig config = StackConfig.onFreePorts(dir, dir.resolve("home"))
                    .withPort(Part.GATEWAY, taken.getLocalPort());

            assertThat(Preflight.check(config, Part.INFRASTRUCTURE)).isEmpty();
        }
    }

    @Test
    void missingServiceJarIsNamedWithHowToBuildIt() {
        StackConfig config = StackConfig.onFreePorts(dir, dir.resolve("home"));

        List<String> problems = Preflight.check(config, Part.ALL);

        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).contains("goal-service",
                dir.resolve("goal-service/target/goal-service-0.1.0-SNAPSHOT.jar").toString(),
                "./mvnw -B -DskipTests package -pl goal-service -am");
        assertThat(problems.get(4)).contains("gateway", "gateway-0.1.0-SNAPSHOT.jar");
    }

    @Test
    void presentJarIsAccepted() throws Exception {
        Path jar = Files.createFile(dir.resolve("goal.jar"));
        StackConfig config = StackConfig.onFreePorts(dir, dir.resolve("home")).withJar(Part.GOAL, jar);

        assertThat(Preflight.check(config, List.of(Part.GOAL))).isEmpty();
    }

    @Test
    void unwritableHomeIsReported() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        StackConfig config = StackConfig.onFreePorts(dir, file.resolve("home"));

        assertThat(Preflight.check(config, Part.INFRASTRUCTURE))
                .singleElement().asString()
                .contains("数据目录 " + file.resolve("home"), "KEYWORK_HOME");
    }
}
