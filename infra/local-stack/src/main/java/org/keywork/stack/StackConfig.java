package org.keywork.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where the local stack lives and which ports it uses.
 *
 * @param repoRoot          repository root; service jars are looked up under it
 * @param home              data, logs and pid files ({@code KEYWORK_HOME}, default {@code <repoRoot>/.keywork})
 * @param ports             the port of every part
 * @param kafkaControllerPort the KRaft controller listener
 * @param jarOverrides      service jars to use instead of {@code <repoRoot>/<module>/target/<module>-<version>.jar}
 * @param startTimeout      how long one part may take to become healthy
 * @param stopTimeout       how long a part gets after SIGTERM before it is killed
 * @param infraClasspath    classpath of the Kafka broker and MongoDB wire server JVMs
 * @param javaCommand       the {@code java} executable for every part
 * @param partEnvironment   extra environment for every service and the gateway, set after (and so overriding) the
 *                          variables the launcher sets itself; e.g. {@code KEYWORK_RATE_LIMIT_ENABLED=false} for a
 *                          benchmark's own stack
 */
public record StackConfig(
        Path repoRoot,
        Path home,
        Map<Part, Integer> ports,
        int kafkaControllerPort,
        Map<Part, Path> jarOverrides,
        Duration startTimeout,
        Duration stopTimeout,
        String infraClasspath,
        Path javaCommand,
        Map<String, String> partEnvironment) {

    /** Version of the service jars built by this repository. */
    public static final String SERVICE_VERSION = "0.1.0-SNAPSHOT";
    public static final String HOME_ENV = "KEYWORK_HOME";
    public static final String CONTROLLER_PORT_ENV = "KEYWORK_KAFKA_CONTROLLER_PORT";
    public static final String START_TIMEOUT_ENV = "KEYWORK_START_TIMEOUT";
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(90);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(20);

    public StackConfig {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
        EnumMap<Part, Integer> p = new EnumMap<>(Part.class);
        p.putAll(ports);
        for (Part part : Part.values()) {
            if (!p.containsKey(part)) {
                throw new IllegalArgumentException("no port for " + part.id());
            }
        }
        ports = Collections.unmodifiableMap(p);
        EnumMap<Part, Path> j = new EnumMap<>(Part.class);
        j.putAll(jarOverrides);
        jarOverrides = Collections.unmodifiableMap(j);
        infraClasspath = absoluteClasspath(infraClasspath);
        partEnvironment = partEnvironment == null ? Map.of()
                : Collections.unmodifiableMap(new java.util.TreeMap<>(partEnvironment));
    }

    /** A configuration without extra environment for the parts. */
    public StackConfig(Path repoRoot, Path home, Map<Part, Integer> ports, int kafkaControllerPort,
            Map<Part, Path> jarOverrides, Duration startTimeout, Duration stopTimeout, String infraClasspath,
            Path javaCommand) {
        this(repoRoot, home, ports, kafkaControllerPort, jarOverrides, startTimeout, stopTimeout, infraClasspath,
                javaCommand, Map.of());
    }

    /** The parts run with {@code <home>} as working directory: relative classpath entries would not resolve. */
    private static String absoluteClasspath(String classpath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            boolean wildcard = entry.equals("*") || entry.endsWith(java.io.File.separator + "*");
            String dir = wildcard ? entry.substring(0, entry.length() - 1) : entry;
            String absolute = Path.of(dir.isEmpty() ? "." : dir).toAbsolutePath().normalize().toString();
            entries.add(wildcard ? absolute + java.io.File.separator + "*" : absolute);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Defaults on the standard ports with {@code <repoRoot>/.keywork} as home. */
    public static StackConfig defaults(Path repoRoot) {
        return fromEnvironment(repoRoot, Map.of());
    }

    /**
     * Configuration from {@code KEYWORK_*} environment variables, defaults for anything unset.
     *
     * @throws IllegalArgumentException (message in Chinese, for the user) on an invalid value
     */
    public static StackConfig fromEnvironment(Path repoRoot, Map<String, String> env) {
        String homeValue = env.get(HOME_ENV);
        Path home = homeValue == null || homeValue.isBlank()
                ? repoRoot.resolve(".keywork")
                : Path.of(homeValue.trim());
        EnumMap<Part, Integer> ports = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            ports.put(part, port(env, part.portEnv(), part.defaultPort()));
        }
        int controllerPort = port(env, CONTROLLER_PORT_ENV, DEFAULT_CONTROLLER_PORT);
        Duration startTimeout = DEFAULT_START_TIMEOUT;
        String timeout = env.get(START_TIMEOUT_ENV);
        if (timeout != null && !timeout.isBlank()) {
            try {
                long seconds = Long.parseLong(timeout.trim());
                if (seconds <= 0) {
                    throw new NumberFormatException();
                }
                startTimeout = Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("环境变量 " + START_TIMEOUT_ENV + " 的值“" + timeout
                        + "”不是正整数（单位：秒）。");
            }
        }
        StackConfig config = new StackConfig(repoRoot, home, ports, controllerPort, Map.of(), startTimeout,
                DEFAULT_STOP_TIMEOUT, currentClasspath(), currentJava());
        config.checkDistinctPorts();
        return config;
    }

    /** A configuration on free ephemeral ports, e.g. for tests that run beside a developer's stack. */
    public static StackConfig onFreePorts(Path repoRoot, Path home) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            EnumMap<Part, Integer> ports = new EnumMap<>(Part.class);
            for (Part part : Part.values()) {
                ports.put(part, holdFreePort(held));
            }
            int controllerPort = holdFreePort(held);
            return new StackConfig(repoRoot, home, ports, controllerPort, Map.of(), DEFAULT_START_TIMEOUT,
                    DEFAULT_STOP_TIMEOUT, currentClasspath(), currentJava());
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static int holdFreePort(List<ServerSocket> held) {
        try {
            ServerSocket socket = new ServerSocket(0);
            held.add(socket);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classpath of this JVM (the script passes the short wildcard form as {@code keywork.infra.classpath}). */
    private static String currentClasspath() {
        return System.getProperty("keywork.infra.classpath", System.getProperty("java.class.path"));
    }

    private static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("环境变量 " + name + " 的值“" + value + "”不是有效的端口号（1-65535）。");
        }
    }

    private void checkDistinctPorts() {
        Map<Integer, String> seen = new java.util.HashMap<>();
        for (Part part : Part.values()) {
            String previous = seen.put(port(part), part.portEnv());
            if (previous != null) {
                throw new IllegalArgumentException("端口 " + port(part) + " 同时配置给了 " + previous + " 和 "
                        + part.portEnv() + "，每个部件需要不同的端口。");
            }
        }
        String previous = seen.get(kafkaControllerPort);
        if (previous != null) {
            throw new IllegalArgumentException("端口 " + kafkaControllerPort + " 同时配置给了 " + previous + " 和 "
                    + CONTROLLER_PORT_ENV + "，每个部件需要不同的端口。");
        }
    }

    public StackConfig withHome(Path newHome) {
        return new StackConfig(repoRoot, newHome, ports, kafkaControllerPort, jarOverrides, startTimeout,
                stopTimeout, infraClasspath, javaCommand, partEnvironment);
    }

    public StackConfig withPort(Part part, int port) {
        EnumMap<Part, Integer> p = new EnumMap<>(ports);
        p.put(part, port);
        return new StackConfig(repoRoot, home, p, kafkaControllerPort, jarOverrides, startTimeout, stopTimeout,
                infraClasspath, javaCommand, partEnvironment);
    }

    /** Use this jar for a service instead of the one under its module's {@code target/}. */
    public StackConfig withJar(Part service, Path jar) {
        if (!service.isService()) {
            throw new IllegalArgumentException(service.id() + " does not run from a jar");
        }
        EnumMap<Part, Path> j = new EnumMap<>(Part.class);
        j.putAll(jarOverrides);
        j.put(service, jar.toAbsolutePath());
        return new StackConfig(repoRoot, home, ports, kafkaControllerPort, j, startTimeout, stopTimeout,
                infraClasspath, javaCommand, partEnvironment);
    }

    public StackConfig withStartTimeout(Duration timeout) {
        return new StackConfig(repoRoot, home, ports, kafkaControllerPort, jarOverrides, timeout, stopTimeout,
                infraClasspath, javaCommand, partEnvironment);
    }

    public StackConfig withStopTimeout(Duration timeout) {
        return new StackConfig(repoRoot, home, ports, kafkaControllerPort, jarOverrides, startTimeout, timeout,
                infraClasspath, javaCommand, partEnvironment);
    }

    public StackConfig withInfraClasspath(String classpath) {
        return new StackConfig(repoRoot, home, ports, kafkaControllerPort, jarOverrides, startTimeout, stopTimeout,
                classpath, javaCommand, partEnvironment);
    }

    /**
     * The same configuration with {@code variables} added to the environment of every service and the gateway
     * (replacing earlier extra variables of the same name).
     */
    public StackConfig withPartEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new java.util.TreeMap<>(partEnvironment);
        merged.putAll(variables);
        return new StackConfig(repoRoot, home, ports, kafkaControllerPort, jarOverrides, startTimeout, stopTimeout,
                infraClasspath, javaCommand, merged);
    }

    public int port(Part part) {
        return ports.get(part);
    }

    /** The jar a service runs from. */
    public Path jar(Part service) {
        Path override = jarOverrides.get(service);
        if (override != null) {
            return override;
        }
        String module = service.module();
        return repoRoot.resolve(module).resolve("target").resolve(module + "-" + SERVICE_VERSION + ".jar");
    }

    public Path kafkaDir() {
        return home.resolve("kafka");
    }

    public Path mongoDir() {
        return home.resolve("mongo");
    }

    public Path mongoFile() {
        return mongoDir().resolve("keywork.mv");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path runDir() {
        return home.resolve("run");
    }

    public Path logFile(Part part) {
        return logsDir().resolve(part.id() + ".log");
    }

    public Path pidFile(Part part) {
        return runDir().resolve(part.id() + ".pid");
    }

    /** Everything {@code reset} deletes. */
    public List<Path> dataDirs() {
        return List.of(kafkaDir(), mongoDir(), logsDir(), runDir());
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + port(Part.KAFKA);
    }

    public String mongoUri() {
        return "mongodb://127.0.0.1:" + port(Part.MONGO);
    }

    /** Base URL of a service (loopback, as the parts call each other). */
    public String serviceUrl(Part service) {
        return "http://127.0.0.1:" + port(service);
    }

    /** URL a person opens in a browser. */
    public String publicUrl(Part service) {
        return "http://localhost:" + port(service);
    }

    public String healthUrl(Part service) {
        return serviceUrl(service) + "/actuator/health";
    }

    @Override
    public String toString() {
        return "StackConfig[home=" + home + ", ports=" + ports + ", controller=" + kafkaControllerPort + "]";
    }
}
