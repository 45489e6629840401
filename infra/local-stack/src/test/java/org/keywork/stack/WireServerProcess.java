package org.keywork.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link MongoWireServer} in a JVM of its own, launched as {@code ./keywork up} launches it (same JVM flags), so a
 * test can measure its CPU alone and can {@code kill -9} it.
 */
final class WireServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final List<String> output = new ArrayList<>();

    private WireServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server on {@code dataFile} and a free port; returns once it listens. */
    static WireServerProcess start(Path dataFile) throws IOException, InterruptedException {
        return start(dataFile, List.of());
    }

    /** As {@link #start(Path)}, with more JVM flags (a profiler, say) after the usual ones. */
    static WireServerProcess start(Path dataFile, List<String> extraJvmFlags)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(LaunchSpec.MONGO_JVM_FLAGS);
        cmd.addAll(extraJvmFlags);
        cmd.add("-Dlog4j2.configurationFile=classpath:" + LaunchSpec.PART_LOG_CONFIG);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MongoWireServer.class.getName());
        cmd.add(dataFile.toString());
        cmd.add(Integer.toString(port));
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        WireServerProcess server = new WireServerProcess(process, port);
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws InterruptedException {
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.contains("listening on")) {
                        listening.complete(true);
                    }
                }
            } catch (IOException e) {
                // the process went away: nothing more to read
            }
            listening.complete(false);
        }, "wire-server-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        boolean started;
        try {
            started = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            started = false;
        }
        if (!started) {
            kill();
            throw new IllegalStateException("wire server did not start: " + output());
        }
    }

    String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time (user + system) the server JVM has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** What the server printed so far (stdout and stderr). */
    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** {@code kill -9}: no shutdown hook runs, the store is not closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook closes the server and the store. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
