package org.keywork.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks before anything starts: nothing of ours already running, jars present, ports free, home writable. */
final class Preflight {

    private Preflight() {
    }

    /** Every problem found, as a sentence for the user; empty when all is well. Removes stale pid files. */
    static List<String> check(StackConfig config, List<Part> parts) {
        List<String> problems = new ArrayList<>();
        checkHome(config, problems);
        if (!problems.isEmpty()) {
            return problems; // nothing else can be trusted (pid files live under home)
        }
        List<Instance> instances = parts.stream().flatMap(p -> config.instancesOf(p).stream()).toList();
        for (Instance instance : instances) {
            Path pidFile = config.pidFile(instance);
            PidFile.read(pidFile).ifPresentOrElse(entry -> {
                if (Processes.isOurs(entry.pid(), instance, config.home())) {
                    problems.add(Texts.alreadyRunning(instance.part(), entry.pid()));
                } else {
                    PidFile.delete(pidFile);
                }
            }, () -> PidFile.delete(pidFile));
        }
        if (!problems.isEmpty()) {
            return problems; // ports are of course taken by our own running parts
        }
        for (Part part : parts) {
            if (part.isService() && !Files.isRegularFile(config.jar(part))) {
                problems.add(Texts.missingJar(part, config.jar(part)));
            }
        }
        for (Instance instance : instances) {
            Part part = instance.part();
            if (!isFree(config.port(instance))) {
                problems.add(Texts.portTaken(config.port(instance),
                        instance.number() == 1 ? part.displayName() : instance.id(), part.portEnv()));
            }
            if (part == Part.KAFKA && !isFree(config.kafkaControllerPort())) {
                problems.add(Texts.portTaken(config.kafkaControllerPort(), "Kafka controller",
                        StackConfig.CONTROLLER_PORT_ENV));
            }
        }
        return problems;
    }

    private static void checkHome(StackConfig config, List<String> problems) {
        try {
            for (Path dir : config.dataDirs()) {
                Files.createDirectories(dir);
            }
            Path probe = Files.createTempFile(config.home(), ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            problems.add(Texts.homeNotWritable(config.home(), e));
        }
    }

    /** Nobody listens on the port (any local address). */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
