package org.keywork.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from this module's working directory (Surefire runs in infra/deploy-checks). */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root (with docker-compose.yml) not found above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
