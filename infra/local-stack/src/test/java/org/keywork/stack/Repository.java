package org.keywork.stack;

import java.nio.file.Path;

/** Where the end-to-end tests find the repository: the module runs in {@code infra/local-stack}. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        return Path.of("").toAbsolutePath().getParent().getParent();
    }
}
