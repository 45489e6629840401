package org.keywork.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How one part is started: its command line (java onwards), extra environment and log file. */
record LaunchSpec(Instance instance, List<String> command, Map<String, String> environment, Path logFile, Path workDir) {

    static final String PART_PROPERTY = "keywork.part";
    static final String HOME_PROPERTY = "keywork.home";
    static final String INSTANCE_PROPERTY = "keywork.instance";

    /**
     * Small heaps, the serial collector and the C1 compiler only (2 cores, 7 JVMs). Measured on such a machine: once
     * fully warm, both compilers need about half the CPU per report (4.9 vs 10.7 ms across the stack, 542 vs 181
     * reports/s directly at 4 clients), but C2 then compiles for minutes in all seven JVMs at once, and the benchmark
     * (which starts its own stack) got less through the gateway in its first minutes (warm-up 22 vs 72 reports/s,
     * 35 vs 101 reports/s of background traffic). Measured again with a whole benchmark run (both compilers through
     * {@code KEYWORK_JAVA_OPTS=-XX:TieredStopAtLevel=4}): the stack took 81 instead of 55 s to start, and in the
     * minutes after the warm-up the gateway took 89 instead of 119 reports/s and the summary's p95 was 532 instead of
     * 225 ms; only the later bulk load was faster (305 vs 230 reports/s). The container images ({@code Dockerfile}),
     * which run for days, use both compilers.
     */
    static final List<String> SERVICE_JVM_FLAGS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
    static final List<String> KAFKA_JVM_FLAGS = List.of("-Xmx512m", "-Xms128m", "-XX:+UseSerialGC");
    static final List<String> MONGO_JVM_FLAGS =
            List.of("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");
    /** log4j2 configuration of the broker and wire server JVMs (quiet: warnings and a start line). */
    static final String PART_LOG_CONFIG = "keywork-part-log4j2.xml";

    static String partMarker(Part part) {
        return "-D" + PART_PROPERTY + "=" + part.id();
    }

    /** From the second instance of a part on: {@code -Dkeywork.instance=<n>} beside the part marker. */
    static String instanceMarker(int number) {
        return "-D" + INSTANCE_PROPERTY + "=" + number;
    }

    static String homeMarker(Path home) {
        return "-D" + HOME_PROPERTY + "=" + home;
    }

    Part part() {
        return instance.part();
    }

    static LaunchSpec of(StackConfig config, Part part) {
        return of(config, Instance.first(part));
    }

    static LaunchSpec of(StackConfig config, Instance instance) {
        Part part = instance.part();
        List<String> cmd = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        cmd.add(config.javaCommand().toString());
        switch (part) {
            case KAFKA -> {
                cmd.addAll(KAFKA_JVM_FLAGS);
                addMarkers(cmd, config, part);
                cmd.add("-Dlog4j2.configurationFile=classpath:" + PART_LOG_CONFIG);
                cmd.add("-cp");
                cmd.add(config.infraClasspath());
                cmd.add(KafkaBroker.class.getName());
                cmd.add(config.kafkaDir().toString());
                cmd.add(Integer.toString(config.port(Part.KAFKA)));
                cmd.add(Integer.toString(config.kafkaControllerPort()));
            }
            case MONGO -> {
                cmd.addAll(MONGO_JVM_FLAGS);
                addMarkers(cmd, config, part);
                cmd.add("-Dlog4j2.configurationFile=classpath:" + PART_LOG_CONFIG);
                cmd.add("-cp");
                cmd.add(config.infraClasspath());
                cmd.add(MongoWireServer.class.getName());
                cmd.add(config.mongoFile().toString());
                cmd.add(Integer.toString(config.port(Part.MONGO)));
            }
            default -> {
                cmd.addAll(config.serviceJvmFlags());
                addMarkers(cmd, config, part);
                if (instance.number() > 1) {
                    cmd.add(instanceMarker(instance.number()));
                }
                cmd.add("-jar");
                cmd.add(config.jar(part).toString());
                env.put("SERVER_PORT", Integer.toString(config.port(instance)));
                env.put("KEYWORK_INSTANCE_ID", instance.id());
                env.put("KAFKA_BROKERS", config.kafkaBootstrap());
                part.database().ifPresent(db -> env.put("MONGODB_URI", config.mongoUri() + "/" + db));
                // the local stack is where plan years are replayed (./keywork demo): its business clock can be set;
                // until someone sets it, it reads real time. KEYWORK_CLOCK_MODE=real in the environment overrides.
                env.put("KEYWORK_CLOCK_MODE", System.getenv().getOrDefault("KEYWORK_CLOCK_MODE", "simulated"));
                // a local stack on this machine may sign with the public default secret (unless KEYWORK_AUTH_SECRET
                // names another); anywhere else the gateway and the services refuse to start on it
                env.put("KEYWORK_AUTH_ALLOW_PUBLIC_SECRET", "true");
                if (part == Part.GATEWAY) {
                    // every instance of each service: the gateway's load balancer takes turns over them
                    env.put("GOAL_SERVICE_URL", config.serviceUrls(Part.GOAL));
                    env.put("PROJECT_SERVICE_URL", config.serviceUrls(Part.PROJECT));
                    env.put("PROGRESS_SERVICE_URL", config.serviceUrls(Part.PROGRESS));
                    env.put("NOTIFICATION_SERVICE_URL", config.serviceUrls(Part.NOTIFICATION));
                }
                // what the stack's owner adds (e.g. a benchmark switching the gateway's rate limit off) comes last
                env.putAll(config.partEnvironment());
            }
        }
        return new LaunchSpec(instance, List.copyOf(cmd), Map.copyOf(env), config.logFile(instance), config.home());
    }

    private static void addMarkers(List<String> cmd, StackConfig config, Part part) {
        cmd.add(partMarker(part));
        cmd.add(homeMarker(config.home()));
    }
}
