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
 * @param instances         how many instances of a service to run ({@code ./keywork up --scale}); 1 when absent
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
        Map<String, String> partEnvironment,
        Map<Part, Integer> instances) {

    /** Version of the service jars built by this repository. */
    public static final String SERVICE_VERSION = "0.1.0-SNAPSHOT";
    public static final String HOME_ENV = "KEYWORK_HOME";
    public static final String CONTROLLER_PORT_ENV = "KEYWORK_KAFKA_CONTROLLER_PORT";
    public static final String START_TIMEOUT_ENV = "KEYWORK_START_TIMEOUT";
    public static final String JAVA_OPTS_ENV = "KEYWORK_JAVA_OPTS";
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
        EnumMap<Part, Integer> n = new EnumMap<>(Part.class);
        if (instances != null) {
            instances.forEach((part, count) -> {
                new Instance(part, count); // in range, and only services run more than once
                if (count > 1 && part == Part.GATEWAY) {
                    throw new IllegalArgumentException("gateway runs once");
                }
                n.put(part, count);
            });
        }
        instances = Collections.unmodifiableMap(n);
    }

    /** A configuration running every part once. */
    public StackConfig(Path repoRoot, Path home, Map<Part, Integer> ports, int kafkaControllerPort,
            Map<Part, Path> jarOverrides, Duration startTimeout, Duration stopTimeout, String infraClasspath,
            Path javaCommand, Map<String, String> partEnvironment) {
        this(repoRoot, home, ports, kafkaControllerPort, jarOverrides, startTimeout, stopTimeout, infraClasspath,
                javaCommand, partEnvironment, Map.of());
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
            for (Instance instance : instancesOf(part)) {
                String name = instance.number() == 1 ? part.portEnv() : instance.id();
                String previous = seen.put(port(instance), name);
                if (previous != null) {
                    throw new IllegalArgumentException("端口 " + port(instance) + " 同时配置给了 " + previous + " 和 "
                            + name + "，每个部件（和每个实例）需要不同的端口。");
                }
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
                stopTimeout, infraClasspath, javaCommand, partEnvironment, instances);
    }

    public StackConfig withPort(Part part, int port) {
        EnumMap<Part, Integer> p = new EnumMap<>(ports);
        p.put(part, port);
        return new StackConfig(repoRoot, home, p, kafkaControllerPort, jarOverrides, startTimeout, stopTimeout,
                infraClasspath, javaCommand, partEnvironment, instances);
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
                infraClasspath, javaCommand, partEnvironment, instances);
    }

    public StackConfig withStartTimeout(Duration timeout) {
        return new StackConfig(repoRoot, home, ports, kafkaControllerPort, jarOverrides, timeout, stopTimeout,
                infraClasspath, javaCommand, partEnvironment, instances);
    }

    public StackConfig withStopTimeout(Duration timeout) {
        return new StackConfig(repoRoot, home, ports, kafkaControllerPort, jarOverrides, startTimeout, timeout,
                infraClasspath, javaCommand, partEnvironment, instances);
    }

    public StackConfig withInfraClasspath(String classpath) {
        return new StackConfig(repoRoot, home, ports, kafkaControllerPort, jarOverrides, startTimeout, stopTimeout,
                classpath, javaCommand, partEnvironment, instances);
    }

    /**
     * The same configuration with {@code variables} added to the environment of every service and the gateway
     * (replacing earlier extra variables of the same name).
     */
    public StackConfig withPartEnvironment(Map<String, String> variables) {
        Map<String, String> merged = new java.util.TreeMap<>(partEnvironment);
        merged.putAll(variables);
        return new StackConfig(repoRoot, home, ports, kafkaControllerPort, jarOverrides, startTimeout, stopTimeout,
                infraClasspath, javaCommand, merged, instances);
    }

    /**
     * The same configuration running {@code count} instances of {@code service} (ports {@link #port(Instance)}).
     *
     * @throws IllegalArgumentException (message in Chinese) for Kafka, MongoDB or the gateway, or a count outside
     *                                  1..{@value Instance#MAX}, or when an instance's port is another part's
     */
    public StackConfig withInstances(Part service, int count) {
        if (!service.isService() || service == Part.GATEWAY) {
            throw new IllegalArgumentException(service.id() + " 只能运行一个实例；可以扩展的是 goal-service、"
                    + "project-service、progress-service、notification-service。");
        }
        if (count < 1 || count > Instance.MAX) {
            throw new IllegalArgumentException(service.id() + " 的实例数 " + count + " 不在 1 到 " + Instance.MAX
                    + " 之间。");
        }
        EnumMap<Part, Integer> n = new EnumMap<>(Part.class);
        n.putAll(instances);
        n.put(service, count);
        StackConfig scaled = new StackConfig(repoRoot, home, ports, kafkaControllerPort, jarOverrides, startTimeout,
                stopTimeout, infraClasspath, javaCommand, partEnvironment, n);
        scaled.checkDistinctPorts();
        return scaled;
    }

    /** How many instances of the part run. */
    public int instanceCount(Part part) {
        return instances.getOrDefault(part, 1);
    }

    /** Every instance of the part, first to last. */
    public List<Instance> instancesOf(Part part) {
        List<Instance> all = new ArrayList<>();
        for (int n = 1; n <= instanceCount(part); n++) {
            all.add(new Instance(part, n));
        }
        return all;
    }

    /** The port of one instance: the part's port, plus {@value Instance#PORT_STEP} for each instance before it. */
    public int port(Instance instance) {
        return port(instance.part()) + Instance.PORT_STEP * (instance.number() - 1);
    }

    public Path logFile(Instance instance) {
        return logsDir().resolve(instance.id() + ".log");
    }

    public Path pidFile(Instance instance) {
        return runDir().resolve(instance.id() + ".pid");
    }

    public String serviceUrl(Instance instance) {
        return "http://127.0.0.1:" + port(instance);
    }

    public String publicUrl(Instance instance) {
        return "http://localhost:" + port(instance);
    }

    public String healthUrl(Instance instance) {
        return serviceUrl(instance) + "/actuator/health";
    }

    /**
     * The JVM flags of every service and the gateway: the launcher's own ({@code LaunchSpec}), then those in
     * {@code KEYWORK_JAVA_OPTS} (split at spaces; from the parts' environment, else this process's), which so win for
     * the same option: e.g. {@code -XX:TieredStopAtLevel=1} for the quickest start, {@code -Xmx512m} for a large plan.
     */
    public List<String> serviceJvmFlags() {
        List<String> flags = new ArrayList<>(LaunchSpec.SERVICE_JVM_FLAGS);
        String extra = partEnvironment.getOrDefault(JAVA_OPTS_ENV, System.getenv(JAVA_OPTS_ENV));
        if (extra != null && !extra.isBlank()) {
            flags.addAll(List.of(extra.trim().split("\\s+")));
        }
        return List.copyOf(flags);
    }

    /** Every instance's base URL, comma separated: what the gateway balances over. */
    public String serviceUrls(Part service) {
        return String.join(",", instancesOf(service).stream().map(this::serviceUrl).toList());
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
        return logFile(Instance.first(part));
    }

    public Path pidFile(Part part) {
        return pidFile(Instance.first(part));
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
        return serviceUrl(Instance.first(service));
    }

    /** URL a person opens in a browser. */
    public String publicUrl(Part service) {
        return publicUrl(Instance.first(service));
    }

    public String healthUrl(Part service) {
        return healthUrl(Instance.first(service));
    }

    @Override
    public String toString() {
        return "StackConfig[home=" + home + ", ports=" + ports + ", controller=" + kafkaControllerPort + "]";
    }
}
