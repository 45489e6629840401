package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyworkCliTest {

    @TempDir
    Path repo;

    private Path home;
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final FakeParts fakes = new FakeParts();

    @BeforeEach
    void freePorts() {
        home = repo.resolve("kw-home");
        StackConfig free = StackConfig.onFreePorts(repo, home);
        env.put("KEYWORK_HOME", home.toString());
        for (Part part : Part.values()) {
            env.put(part.portEnv(), Integer.toString(free.port(part)));
        }
        env.put("KEYWORK_KAFKA_CONTROLLER_PORT", Integer.toString(free.kafkaControllerPort()));
    }

    @AfterEach
    void cleanUp() {
        fakes.close();
    }

    private int run(String... args) {
        buffer.reset();
        return new KeyworkCli(new PrintStream(buffer, true, StandardCharsets.UTF_8), env, repo).run(args);
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndUsage() {
        assertThat(run("help")).isZero();
        assertThat(output()).contains("用法：./keywork", "up --detach", "KEYWORK_KAFKA_PORT", "KEYWORK_HOME");

        assertThat(run()).isEqualTo(2);
        assertThat(output()).contains("用法：");

        assertThat(run("launch")).isEqualTo(2);
        assertThat(output()).contains("未知命令：launch", "用法：");

        assertThat(run("up", "--bogus")).isEqualTo(2);
        assertThat(output()).contains("--bogus");
    }

    @Test
    void demoWithoutARunningStackSaysWhatToDo() throws Exception {
        // the gateway's port from freePorts(): free, nothing listens there. (Asking the OS for yet another free port
        // could hand back one freePorts() had just released for another part: a clash, refused as a usage error.)
        assertThat(run("demo")).isEqualTo(1);
        assertThat(output()).contains("./keywork up --detach");
    }

    @Test
    void invalidEnvironmentIsExplained() {
        env.put("KEYWORK_KAFKA_PORT", "kafka");
        assertThat(run("status")).isEqualTo(2);
        assertThat(output()).contains("KEYWORK_KAFKA_PORT", "kafka");
    }

    @Test
    void upWithoutServiceJarsSaysWhichAreMissingAndStartsNothing() {
        assertThat(run("up", "--detach")).isEqualTo(1);

        assertThat(output()).contains("无法启动",
                repo.resolve("goal-service/target/goal-service-0.1.0-SNAPSHOT.jar").toString(),
                "-pl notification-service -am", "gateway-0.1.0-SNAPSHOT.jar");
        assertThat(output()).doesNotContain("[1/");
        assertThat(new StackControl(StackConfig.fromEnvironment(repo, env)).anyRunning()).isFalse();
    }

    @Test
    void upWithATakenPortNamesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            env.put("KEYWORK_MONGO_PORT", Integer.toString(taken.getLocalPort()));

            assertThat(run("up", "--infra", "--detach")).isEqualTo(1);

            assertThat(output()).contains("端口 " + taken.getLocalPort() + " 已被占用（MongoDB 需要它）",
                    "KEYWORK_MONGO_PORT");
            assertThat(output()).doesNotContain("[1/");
        }
    }

    @Test
    void statusWhenNothingRunsListsEveryPartAndFails() {
        assertThat(run("status")).isEqualTo(1);

        for (Part part : Part.values()) {
            assertThat(output()).containsPattern("(?m)^  " + part.id() + " +未运行");
        }
        assertThat(output()).contains("合计内存 (RSS)：0 MB", "0/7", "./keywork up");
    }

    @Test
    void statusShowsPidUptimeAndMemoryOfARunningPart() throws Exception {
        StackConfig config = StackConfig.fromEnvironment(repo, env);
        Process kafka = fakes.ours(Part.KAFKA, home);
        PidFile.write(config.pidFile(Part.KAFKA), kafka.pid(), Instant.now());

        assertThat(run("status")).isEqualTo(1); // not all parts are up

        assertThat(output()).containsPattern("(?m)^  kafka +运行中 +" + kafka.pid() + " +unreachable +\\d+ 秒 +\\d+ MB");
        assertThat(output()).contains("1/7");
    }

    @Test
    void scaleNamesAServiceAndACountOrSaysWhatIsWrong() {
        assertThat(run("up", "--scale", "gateway=2")).isEqualTo(2);
        assertThat(output()).contains("gateway 只能运行一个实例", "progress-service");
        assertThat(run("up", "--scale", "reports=2")).isEqualTo(2);
        assertThat(output()).contains("没有名为“reports”的服务");
        assertThat(run("up", "--scale=progress-service=zwei")).isEqualTo(2);
        assertThat(output()).contains("实例数应为 1 到 9 的整数");
        assertThat(run("up", "--scale")).isEqualTo(2);
        assertThat(output()).contains("--scale 后面需要写 服务名=实例数");
        // a good spec gets as far as the jars (none are built in this empty repository)
        assertThat(run("up", "--detach", "--scale", "progress=2", "--scale", "notification-service=3")).isEqualTo(1);
        assertThat(output()).contains("启动 Keywork 本地环境：10 个进程", "无法启动");
    }

    @Test
    void statusListsEachInstanceOfAScaledServiceAndDownStopsThemAll() throws Exception {
        StackConfig config = StackConfig.fromEnvironment(repo, env);
        Instance second = new Instance(Part.PROGRESS, 2);
        Process first = fakes.ours(Part.PROGRESS, home);
        Process other = fakes.ours(second, home);
        PidFile.write(config.pidFile(Part.PROGRESS), first.pid(), Instant.now());
        PidFile.write(config.pidFile(second), other.pid(), Instant.now());

        assertThat(run("status")).isEqualTo(1);
        assertThat(output()).containsPattern("(?m)^  progress-service +运行中 +" + first.pid() + " ")
                .containsPattern("(?m)^  progress-service-2 +运行中 +" + other.pid() + " ")
                .contains("2/8");

        assertThat(run("down")).isZero();
        assertThat(output()).contains("progress-service-2 (pid " + other.pid() + ")", "已停止 2 个部件");
        assertThat(first.isAlive()).isFalse();
        assertThat(other.isAlive()).isFalse();
        assertThat(config.pidFile(second)).doesNotExist();
    }

    @Test
    void downWithNothingRunning() {
        assertThat(run("down")).isZero();
        assertThat(output()).contains("没有正在运行的 Keywork 部件");
    }

    @Test
    void resetDeletesDataButRefusesWhileSomethingRuns() throws Exception {
        StackConfig config = StackConfig.fromEnvironment(repo, env);
        Files.createDirectories(config.kafkaDir().resolve("data"));
        Files.createDirectories(config.mongoDir());
        Files.writeString(config.mongoFile(), "data");
        Files.createDirectories(config.logsDir());
        Process mongo = fakes.ours(Part.MONGO, home);
        PidFile.write(config.pidFile(Part.MONGO), mongo.pid(), Instant.now());

        assertThat(run("reset")).isEqualTo(1);
        assertThat(output()).contains("./keywork down");
        assertThat(config.mongoFile()).exists();

        assertThat(run("down")).isZero();
        assertThat(output()).contains("mongo (pid " + mongo.pid() + ")", "已停止 1 个部件");
        assertThat(mongo.isAlive()).isFalse();

        assertThat(run("reset")).isZero();
        assertThat(output()).contains("已删除", config.kafkaDir().toString(), config.mongoDir().toString(),
                "MongoDB 数据", "Kafka 数据");
        assertThat(config.kafkaDir()).doesNotExist();
        assertThat(config.mongoDir()).doesNotExist();
        assertThat(config.logsDir()).doesNotExist();

        assertThat(run("reset")).isZero();
        assertThat(output()).contains("没有需要删除的数据");
    }

    @Test
    void displayWidthCountsChineseAsTwoColumns() {
        assertThat(Texts.displayWidth("kafka")).isEqualTo(5);
        assertThat(Texts.displayWidth("运行中")).isEqualTo(6);
        assertThat(Texts.pad("状态", 6)).isEqualTo("状态  ");
    }
}
