package org.keywork.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts and stops the parts of the local system: Kafka and MongoDB, then, once they are healthy, the services and
 * the gateway side by side (each waited for in order).
 *
 * <pre>{@code
 * StackConfig config = StackConfig.onFreePorts(repoRoot, tempHome);       // or withJar(...) per service
 * try (LocalStack stack = new LocalStack(config)) {
 *     stack.startAll(ProgressListener.SILENT);                           // kafka, mongo, services, gateway
 *     // http://127.0.0.1:<config.port(Part.GATEWAY)>/...
 * }                                                                      // close() = stopAll()
 * }</pre>
 *
 * Parts run in their own sessions and are recorded in {@code <home>/run/<part>.pid}, so they outlive this JVM if it
 * dies without calling {@link #stopAll()}; {@code ./keywork down} (or {@link StackControl#down}) then finds them.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final int LOG_TAIL_LINES = 20;
    private static final int FIRST_ERROR_LINES = 12;

    private final StackConfig config;
    private final ProcessLauncher launcher;
    private final Object lock = new Object();
    private final List<RunningPart> running = new ArrayList<>();
    /** Incremented by {@link #stopAll}: a start that sees it change gives up. */
    private long generation;

    public LocalStack(StackConfig config) {
        this.config = config;
        this.launcher = new ProcessLauncher(config);
    }

    public StackConfig config() {
        return config;
    }

    /** Kafka, MongoDB, every service and the gateway. */
    public void startAll(ProgressListener listener) {
        start(Part.ALL, listener);
    }

    /** Kafka and MongoDB only. */
    public void startInfrastructure(ProgressListener listener) {
        start(Part.INFRASTRUCTURE, listener);
    }

    /**
     * Starts the given parts in the order given, in two steps: Kafka and MongoDB together, then, once both are
     * healthy, every service and the gateway together (they need the broker and the store, not each other: events wait
     * in Kafka for a consumer that starts later). Each part is reported ready in order. Spring Boot starts mostly on one
     * thread, so starting the JVMs side by side uses a second core that a one-after-another start leaves idle.
     *
     * @throws PreflightException      nothing started: a port is taken, a jar is missing, ...
     * @throws StartupException        a part failed; everything this stack started has been stopped again
     * @throws StartupAbortedException {@link #stopAll()} was called meanwhile
     */
    public void start(List<Part> parts, ProgressListener listener) {
        long myGeneration;
        synchronized (lock) {
            running.removeIf(rp -> !rp.isAlive());
            for (Part part : parts) {
                for (Instance instance : config.instancesOf(part)) {
                    if (running(instance).isPresent()) {
                        throw new IllegalStateException(instance.id() + " is already running in this stack");
                    }
                }
            }
            myGeneration = generation;
        }
        List<String> problems = Preflight.check(config, parts);
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
        int total = parts.stream().mapToInt(config::instanceCount).sum();
        int index = 0;
        for (List<Part> step : steps(parts)) {
            long begin = System.nanoTime();
            List<RunningPart> launched = new ArrayList<>();
            synchronized (lock) {
                if (generation != myGeneration) {
                    throw new StartupAbortedException();
                }
                for (Part part : step) {
                    for (Instance instance : config.instancesOf(part)) {
                        RunningPart rp = launcher.launch(LaunchSpec.of(config, instance));
                        running.add(rp);
                        launched.add(rp);
                    }
                }
            }
            for (RunningPart rp : launched) {
                Instance instance = rp.instance();
                listener.starting(instance, ++index, total);
                String failure = awaitHealthy(rp, myGeneration);
                Duration took = Duration.ofNanos(System.nanoTime() - begin);
                if (failure == null) {
                    listener.ready(instance, rp.pid(), took);
                } else {
                    listener.failed(instance, took, failure);
                    stopAll(listener);
                    List<String> tail = LogTail.lastLines(rp.logFile(), LOG_TAIL_LINES);
                    List<String> firstError = LogTail.firstError(rp.logFile(), rp.logOffset(), FIRST_ERROR_LINES);
                    throw new StartupException(instance.part(), failure, rp.logFile(), tail,
                            tail.containsAll(firstError) ? List.of() : firstError);
                }
            }
        }
    }

    /** {@code parts} in start steps: the infrastructure among them first, then the services, order kept. */
    static List<List<Part>> steps(List<Part> parts) {
        List<Part> infrastructure = parts.stream().filter(p -> !p.isService()).toList();
        List<Part> services = parts.stream().filter(Part::isService).toList();
        return Stream.of(infrastructure, services).filter(step -> !step.isEmpty()).toList();
    }

    /** @return null when healthy, else why not (Chinese) */
    private String awaitHealthy(RunningPart rp, long myGeneration) {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        try (HealthProbe probe = HealthProbe.forInstance(config, rp.instance())) {
            while (true) {
                if (aborted(myGeneration)) {
                    throw new StartupAbortedException();
                }
                if (!rp.isAlive()) {
                    return Texts.exitedEarly(rp.exitCode().orElse(-1));
                }
                if (probe.check() == Health.UP) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    return Texts.notHealthyInTime(config.startTimeout());
                }
                sleep(POLL);
            }
        }
    }

    private boolean aborted(long myGeneration) {
        synchronized (lock) {
            return generation != myGeneration;
        }
    }

    /** Stops one part started by this stack (SIGTERM, then SIGKILL after the stop timeout). */
    public void stop(Part part) {
        stop(part, ProgressListener.SILENT);
    }

    public void stop(Part part, ProgressListener listener) {
        Optional<RunningPart> rp;
        synchronized (lock) {
            rp = running.stream().filter(r -> r.part() == part).reduce((a, b) -> b);
        }
        rp.ifPresent(r -> stopOne(r, listener));
    }

    /** Stops one instance of a scaled service started by this stack. */
    public void stop(Instance instance, ProgressListener listener) {
        Optional<RunningPart> rp;
        synchronized (lock) {
            rp = running.stream().filter(r -> r.instance().equals(instance)).reduce((a, b) -> b);
        }
        rp.ifPresent(r -> stopOne(r, listener));
    }

    /** Stops everything this stack started, in reverse start order. Aborts a start in progress. */
    public void stopAll() {
        stopAll(ProgressListener.SILENT);
    }

    public void stopAll(ProgressListener listener) {
        List<RunningPart> toStop;
        synchronized (lock) {
            generation++;
            toStop = new ArrayList<>(running);
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            stopOne(toStop.get(i), listener);
        }
    }

    private void stopOne(RunningPart rp, ProgressListener listener) {
        rp.markStopRequested();
        long begin = System.nanoTime();
        boolean wasAlive = rp.isAlive();
        if (wasAlive) {
            listener.stopping(rp.instance(), rp.pid());
        }
        boolean graceful = Processes.stop(rp.handle(), config.stopTimeout());
        try {
            rp.process().waitFor(5, java.util.concurrent.TimeUnit.SECONDS); // reap
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        PidFile.read(rp.pidFile()).filter(e -> e.pid() == rp.pid()).ifPresent(e -> PidFile.delete(rp.pidFile()));
        synchronized (lock) {
            running.remove(rp);
        }
        if (wasAlive) {
            listener.stopped(rp.instance(), rp.pid(), Duration.ofNanos(System.nanoTime() - begin), !graceful);
        }
    }

    /** The parts this stack started that have not been stopped, in start order (some may have died). */
    public List<RunningPart> running() {
        synchronized (lock) {
            return List.copyOf(running);
        }
    }

    public Optional<RunningPart> running(Part part) {
        synchronized (lock) {
            return running.stream().filter(r -> r.part() == part && r.isAlive()).findFirst();
        }
    }

    /** The live process of one instance, if this stack runs it. */
    public Optional<RunningPart> running(Instance instance) {
        synchronized (lock) {
            return running.stream().filter(r -> r.instance().equals(instance) && r.isAlive()).findFirst();
        }
    }

    @Override
    public void close() {
        stopAll();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupAbortedException();
        }
    }
}
