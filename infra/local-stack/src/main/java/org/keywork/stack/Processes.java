package org.keywork.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Looks at processes: is this pid one of our parts, how much memory does it use, stop it. */
final class Processes {

    private static final Path PROC = Path.of("/proc");

    private Processes() {
    }

    /** The arguments of a live process (argv[0] included), empty when unknown or gone. */
    static List<String> commandLine(long pid) {
        Path cmdline = PROC.resolve(Long.toString(pid)).resolve("cmdline");
        if (Files.isDirectory(PROC)) {
            try {
                byte[] bytes = Files.readAllBytes(cmdline);
                if (bytes.length == 0) {
                    return List.of();
                }
                String text = new String(bytes, StandardCharsets.UTF_8);
                return Arrays.asList(text.split("\0"));
            } catch (IOException e) {
                return List.of();
            }
        }
        // No /proc (not Linux): ProcessHandle may still know.
        return ProcessHandle.of(pid).flatMap(h -> {
            ProcessHandle.Info info = h.info();
            List<String> all = new ArrayList<>();
            info.command().ifPresent(all::add);
            info.arguments().ifPresent(a -> all.addAll(Arrays.asList(a)));
            return all.isEmpty() ? Optional.empty() : Optional.of(all);
        }).orElse(List.of());
    }

    /** Alive, and started by us as that part for that home: both markers on its command line. */
    static boolean isOurs(long pid, Part part, Path home) {
        return isOurs(pid, Instance.first(part), home);
    }

    /** Alive, and started by us as that instance of that part for that home. */
    static boolean isOurs(long pid, Instance instance, Path home) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        List<String> args = commandLine(pid);
        return args.contains(LaunchSpec.partMarker(instance.part())) && args.contains(LaunchSpec.homeMarker(home))
                && instanceNumber(args) == instance.number();
    }

    /** The instance number on a command line: {@code -Dkeywork.instance=<n>}, 1 without it. */
    static int instanceNumber(List<String> args) {
        String prefix = "-D" + LaunchSpec.INSTANCE_PROPERTY + "=";
        return args.stream().filter(a -> a.startsWith(prefix)).findFirst().map(a -> {
            try {
                return Integer.parseInt(a.substring(prefix.length()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }).orElse(1);
    }

    /** Every live process carrying our home marker, with the part it claims to be. */
    static List<Owned> findByHome(Path home) {
        String homeMarker = LaunchSpec.homeMarker(home);
        String partPrefix = "-D" + LaunchSpec.PART_PROPERTY + "=";
        List<Owned> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().filter(h -> h.pid() != self).forEach(h -> {
            List<String> args = commandLine(h.pid());
            if (args.contains(homeMarker)) {
                args.stream().filter(a -> a.startsWith(partPrefix))
                        .map(a -> a.substring(partPrefix.length()))
                        .map(Part::byId).flatMap(Optional::stream).findFirst()
                        .ifPresent(part -> {
                            int n = instanceNumber(args);
                            found.add(new Owned(n >= 1 && n <= Instance.MAX && (n == 1 || part.isService())
                                    ? new Instance(part, n) : Instance.first(part), h));
                        });
            }
        });
        // A child forked by one of ours carries the parent's command line until it execs: count only the parent.
        List<Long> pids = found.stream().map(o -> o.handle().pid()).toList();
        found.removeIf(o -> o.handle().parent().map(p -> pids.contains(p.pid())).orElse(false));
        return found;
    }

    record Owned(Instance instance, ProcessHandle handle) {
        Part part() {
            return instance.part();
        }
    }

    /** Resident set size from {@code /proc/<pid>/status} (VmRSS), in bytes. */
    static OptionalLong rssBytes(long pid) {
        Path status = PROC.resolve(Long.toString(pid)).resolve("status");
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(fields[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * SIGTERM, wait up to {@code grace}, then SIGKILL and wait a little more; then the same for any process it had
     * started that outlived it.
     *
     * @return true if it ended before the grace period ran out (false: it had to be killed)
     */
    static boolean stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return true;
        }
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        boolean graceful = awaitExit(handle, grace);
        if (!graceful) {
            handle.destroyForcibly();
            awaitExit(handle, Duration.ofSeconds(10));
        }
        // Anything it started and left behind goes with it.
        for (ProcessHandle child : descendants) {
            if (child.isAlive()) {
                child.destroy();
                if (!awaitExit(child, grace)) {
                    child.destroyForcibly();
                }
            }
        }
        return graceful;
    }

    static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
