package org.keywork.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Looks after a stack started by another JVM (e.g. {@code ./keywork up --detach}), through its pid files and the
 * {@code -Dkeywork.part} / {@code -Dkeywork.home} markers on our processes' command lines.
 */
public final class StackControl {

    /** One part as seen from outside. */
    public record PartStatus(Instance instance, OptionalLong pid, Optional<Instant> started, Health health,
            OptionalLong rssBytes) {
        public Part part() {
            return instance.part();
        }

        public boolean running() {
            return pid.isPresent();
        }
    }

    /** A process {@link #down} stopped. */
    public record Stopped(Instance instance, long pid, Duration took, boolean killed, boolean orphan) {
        public Part part() {
            return instance.part();
        }
    }

    private final StackConfig config;

    public StackControl(StackConfig config) {
        this.config = config;
    }

    /** Pid of the part if it runs (pid file pointing at a live process of ours). */
    public OptionalLong runningPid(Part part) {
        return PidFile.read(config.pidFile(part))
                .filter(e -> Processes.isOurs(e.pid(), part, config.home()))
                .map(e -> OptionalLong.of(e.pid()))
                .orElse(OptionalLong.empty());
    }

    /** Any process of ours for this home, with or without a pid file. */
    public boolean anyRunning() {
        return Part.ALL.stream().flatMap(p -> instances(p).stream()).anyMatch(i -> PidFile.read(config.pidFile(i))
                        .filter(e -> Processes.isOurs(e.pid(), i, config.home())).isPresent())
                || !Processes.findByHome(config.home()).isEmpty();
    }

    /**
     * Every part in start order, each instance of a scaled service on its own line (instance 1 always; the others
     * while they have a pid file): pid, start, health (probed only when running), RSS.
     */
    public List<PartStatus> status() {
        List<PartStatus> result = new ArrayList<>();
        for (Part part : Part.ALL) {
            for (Instance instance : instances(part)) {
                result.add(status(instance));
            }
        }
        return result;
    }

    private PartStatus status(Instance instance) {
        Optional<PidFile.Entry> entry = PidFile.read(config.pidFile(instance))
                .filter(e -> Processes.isOurs(e.pid(), instance, config.home()));
        if (entry.isEmpty()) {
            return new PartStatus(instance, OptionalLong.empty(), Optional.empty(), Health.UNREACHABLE,
                    OptionalLong.empty());
        }
        long pid = entry.get().pid();
        Instant started = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant())
                .orElse(entry.get().started());
        Health health;
        try (HealthProbe probe = HealthProbe.forInstance(config, instance)) {
            health = probe.check();
        }
        return new PartStatus(instance, OptionalLong.of(pid), Optional.of(started), health,
                Processes.rssBytes(pid));
    }

    /** Instance 1 of the part, and every further instance that has a pid file, by number. */
    List<Instance> instances(Part part) {
        List<Instance> found = new ArrayList<>();
        found.add(Instance.first(part));
        if (part.isService()) {
            for (int n = 2; n <= Instance.MAX; n++) {
                Instance instance = new Instance(part, n);
                if (Files.exists(config.pidFile(instance))) {
                    found.add(instance);
                }
            }
        }
        return found;
    }

    /**
     * Stops every part of this home in reverse start order: those in pid files (stale pid files are just removed),
     * then any process still carrying our markers for this home.
     */
    public List<Stopped> down(ProgressListener listener) {
        List<Stopped> stopped = new ArrayList<>();
        List<Part> reverse = new ArrayList<>(Part.ALL);
        java.util.Collections.reverse(reverse);
        for (Part part : reverse) {
            List<Instance> instances = new ArrayList<>(instances(part));
            java.util.Collections.reverse(instances);
            for (Instance instance : instances) {
                Path pidFile = config.pidFile(instance);
                Optional<PidFile.Entry> entry = PidFile.read(pidFile);
                if (entry.isPresent() && Processes.isOurs(entry.get().pid(), instance, config.home())) {
                    ProcessHandle.of(entry.get().pid())
                            .ifPresent(h -> stopped.add(stop(instance, h, false, listener)));
                }
                PidFile.delete(pidFile);
            }
        }
        List<Processes.Owned> orphans = new ArrayList<>(Processes.findByHome(config.home()));
        orphans.sort(Comparator.comparing((Processes.Owned o) -> o.part()).reversed());
        for (Processes.Owned orphan : orphans) {
            stopped.add(stop(orphan.instance(), orphan.handle(), true, listener));
        }
        return stopped;
    }

    private Stopped stop(Instance instance, ProcessHandle handle, boolean orphan, ProgressListener listener) {
        long begin = System.nanoTime();
        listener.stopping(instance, handle.pid());
        boolean graceful = Processes.stop(handle, config.stopTimeout());
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        listener.stopped(instance, handle.pid(), took, !graceful);
        return new Stopped(instance, handle.pid(), took, !graceful, orphan);
    }

    /**
     * Deletes Kafka data, the MongoDB file, logs and pid files.
     *
     * @return what was deleted
     * @throws IllegalStateException while any part runs
     */
    public List<Path> reset() {
        if (anyRunning()) {
            throw new IllegalStateException(Texts.resetWhileRunning());
        }
        List<Path> deleted = new ArrayList<>();
        for (Path dir : config.dataDirs()) {
            if (Files.exists(dir)) {
                deleteRecursively(dir);
                deleted.add(dir);
            }
        }
        try (Stream<Path> rest = Files.exists(config.home()) ? Files.list(config.home()) : Stream.empty()) {
            if (Files.exists(config.home()) && rest.findAny().isEmpty()) {
                Files.delete(config.home());
            }
        } catch (IOException e) {
            // keep a home directory that still holds something else
        }
        return deleted;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
