package org.keywork.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a part in its own session ({@code setsid}), so that it survives the terminal and the CLI JVM and a Ctrl-C in
 * the terminal reaches only the CLI (which then stops the parts in reverse order). Output is appended to the part's
 * log file, stdin is {@code /dev/null}, and the pid goes to {@code <home>/run/<part>.pid}.
 */
final class ProcessLauncher {

    private static final Path SETSID = findSetsid();

    private final StackConfig config;

    ProcessLauncher(StackConfig config) {
        this.config = config;
    }

    RunningPart launch(LaunchSpec spec) {
        try {
            Files.createDirectories(spec.logFile().getParent());
            Files.createDirectories(spec.workDir());
            Instant started = Instant.now();
            long logOffset = Files.exists(spec.logFile()) ? Files.size(spec.logFile()) : 0;
            Files.writeString(spec.logFile(),
                    System.lineSeparator() + "===== keywork: " + spec.instance().id() + " 启动 " + started + " ====="
                            + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>();
            if (SETSID != null) {
                command.add(SETSID.toString());
            }
            command.addAll(spec.command());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.workDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectErrorStream(true);
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            Path pidFile = config.pidFile(spec.instance());
            PidFile.write(pidFile, process.pid(), started);
            return new RunningPart(spec.instance(), process, spec.logFile(), logOffset, pidFile, started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + spec.instance().id(), e);
        }
    }

    private static Path findSetsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, "setsid");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
