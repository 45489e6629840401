package org.keywork.stack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker (combined broker + controller) on loopback, from the Maven jars.
 *
 * <p>Usage: {@code KafkaBroker <kafkaDir> <port> <controllerPort>}. Writes {@code <kafkaDir>/server.properties}
 * (every start, so ports may change), formats {@code <kafkaDir>/data} on first run with the cluster id kept in
 * {@code <kafkaDir>/cluster.id}, then runs {@code kafka.Kafka} until SIGTERM.
 */
public final class KafkaBroker {

    private KafkaBroker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: KafkaBroker <kafkaDir> <port> <controllerPort>");
            System.exit(64);
        }
        Path kafkaDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        Path dataDir = kafkaDir.resolve("data");
        Files.createDirectories(dataDir);
        Path serverProperties = kafkaDir.resolve("server.properties");
        writeProperties(serverProperties, serverProperties(dataDir, port, controllerPort));

        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            String clusterId = clusterId(kafkaDir.resolve("cluster.id"));
            System.out.println("keywork: formatting Kafka storage in " + dataDir + " (cluster id " + clusterId + ")");
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            int rc;
            try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
                rc = kafka.tools.StorageTool.execute(
                        new String[] {"format", "-t", clusterId, "-c", serverProperties.toString()}, out);
            }
            System.out.print(buffer.toString(StandardCharsets.UTF_8));
            if (rc != 0) {
                System.err.println("keywork: formatting Kafka storage failed (exit code " + rc + ")");
                System.exit(rc);
            }
        }
        System.out.println("keywork: starting Kafka on 127.0.0.1:" + port + " (controller " + controllerPort + ")");
        System.out.flush();
        kafka.Kafka.main(new String[] {serverProperties.toString()});
    }

    static Map<String, String> serverProperties(Path dataDir, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "3");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "3");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.retention.hours", "168");
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        // a single controller writes a no-op record to its metadata log every 500 ms by default, which the broker
        // role then fetches and applies: a tenth of the idle broker's CPU, for failure detection a one-node
        // quorum does not need at that pace
        p.put("metadata.max.idle.interval.ms", "5000");
        return p;
    }

    private static void writeProperties(Path file, Map<String, String> props) throws IOException {
        StringBuilder text = new StringBuilder("# Written by keywork on every start; edits are overwritten.\n");
        props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String clusterId(Path file) throws IOException {
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }
}
