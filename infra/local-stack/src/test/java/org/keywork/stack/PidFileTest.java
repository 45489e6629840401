package org.keywork.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path home;

    private final FakeParts fakes = new FakeParts();

    @AfterEach
    void cleanUp() {
        fakes.close();
    }

    private StackConfig config() {
        return StackConfig.onFreePorts(home, home).withStopTimeout(Duration.ofSeconds(5));
    }

    @Test
    void writeThenReadGivesPidAndStart() {
        Path file = home.resolve("run/kafka.pid");
        Instant started = Instant.parse("2026-03-01T08:00:00.123Z");

        PidFile.write(file, 4242, started);

        assertThat(PidFile.read(file)).contains(new PidFile.Entry(4242, started));
        assertThat(home.resolve("run/kafka.pid.tmp")).doesNotExist();
    }

    @Test
    void missingOrGarbledFileReadsAsNothing() throws Exception {
        assertThat(PidFile.read(home.resolve("none.pid"))).isEmpty();

        Path garbled = home.resolve("garbled.pid");
        Files.writeString(garbled, "pid=abc\n");
        assertThat(PidFile.read(garbled)).isEmpty();

        Files.writeString(garbled, "started=yesterday\npid=12\n");
        assertThat(PidFile.read(garbled)).isEmpty();
    }

    @Test
    void processIsOursOnlyWithBothMarkersAndAlive() throws Exception {
        Process ours = fakes.ours(Part.MONGO, home);
        Process stranger = fakes.stranger();

        assertThat(Processes.isOurs(ours.pid(), Part.MONGO, home)).isTrue();
        assertThat(Processes.isOurs(ours.pid(), Part.KAFKA, home)).as("other part").isFalse();
        assertThat(Processes.isOurs(ours.pid(), Part.MONGO, home.resolve("other"))).as("other home").isFalse();
        assertThat(Processes.isOurs(stranger.pid(), Part.MONGO, home)).isFalse();
        assertThat(Processes.isOurs(fakes.deadPid(), Part.MONGO, home)).isFalse();
    }

    @Test
    void downRemovesStalePidFilesAndLeavesStrangersAlone() throws Exception {
        StackConfig config = config();
        Process stranger = fakes.stranger();
        PidFile.write(config.pidFile(Part.KAFKA), fakes.deadPid(), Instant.now());
        PidFile.write(config.pidFile(Part.MONGO), stranger.pid(), Instant.now()); // pid reused by someone else

        List<StackControl.Stopped> stopped = new StackControl(config).down(ProgressListener.SILENT);

        assertThat(stopped).isEmpty();
        assertThat(config.pidFile(Part.KAFKA)).doesNotExist();
        assertThat(config.pidFile(Part.MONGO)).doesNotExist();
        assertThat(stranger.isAlive()).isTrue();
    }

    @Test
    void downStopsOurProcessesInReverseOrderIncludingOrphansWithoutPidFile() throws Exception {
        StackConfig config = config();
        Process kafka = fakes.ours(Part.KAFKA, home);
        Process goal = fakes.ours(Part.GOAL, home);
        Process orphanMongo = fakes.ours(Part.MONGO, home); // e.g. its pid file was deleted by hand
        PidFile.write(config.pidFile(Part.KAFKA), kafka.pid(), Instant.now());
        PidFile.write(config.pidFile(Part.GOAL), goal.pid(), Instant.now());

        StackControl control = new StackControl(config);
        assertThat(control.anyRunning()).isTrue();
        List<StackControl.Stopped> stopped = control.down(ProgressListener.SILENT);

        assertThat(stopped).extracting(StackControl.Stopped::part).containsExactly(Part.GOAL, Part.KAFKA, Part.MONGO);
        assertThat(stopped).extracting(StackControl.Stopped::orphan).containsExactly(false, false, true);
        assertThat(stopped).noneMatch(StackControl.Stopped::killed); // SIGTERM was enough
        assertThat(kafka.isAlive()).isFalse();
        assertThat(goal.isAlive()).isFalse();
        assertThat(orphanMongo.isAlive()).isFalse();
        assertThat(config.pidFile(Part.KAFKA)).doesNotExist();
        assertThat(control.anyRunning()).isFalse();
    }

    @Test
    void aForkedChildOfAnOrphanIsStoppedWithItsParentNotCountedTwice() throws Exception {
        StackConfig config = config();
        Process orphanGoal = fakes.oursWithForkedChild(Part.GOAL, home);
        ProcessHandle subshell = orphanGoal.children().findFirst().orElseThrow();

        List<StackControl.Stopped> stopped = new StackControl(config).down(ProgressListener.SILENT);

        assertThat(stopped).singleElement().satisfies(s -> {
            assertThat(s.part()).isEqualTo(Part.GOAL);
            assertThat(s.pid()).isEqualTo(orphanGoal.pid());
            assertThat(s.orphan()).isTrue();
        });
        assertThat(orphanGoal.isAlive()).isFalse();
        assertThat(Processes.awaitExit(subshell, Duration.ofSeconds(5))).as("the subshell went with it").isTrue();
    }

    @Test
    void preflightRemovesStalePidFileButRefusesWhenPartIsAlreadyRunning() throws Exception {
        StackConfig config = config();
        PidFile.write(config.pidFile(Part.KAFKA), fakes.deadPid(), Instant.now());

        assertThat(Preflight.check(config, Part.INFRASTRUCTURE)).isEmpty();
        assertThat(config.pidFile(Part.KAFKA)).doesNotExist();

        Process mongo = fakes.ours(Part.MONGO, home);
        PidFile.write(config.pidFile(Part.MONGO), mongo.pid(), Instant.now());
        assertThat(Preflight.check(config, Part.INFRASTRUCTURE))
                .singleElement().asString()
                .contains("MongoDB 已在运行", "pid " + mongo.pid(), "./keywork down");
    }
}
