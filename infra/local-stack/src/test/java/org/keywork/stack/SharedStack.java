package org.keywork.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One running stack for the end-to-end stories whose data stay apart (another plan year, another item), so that the
 * build starts seven JVMs once for them rather than once each: a test declares a {@link Handle} parameter and calls
 * {@link Handle#stack()} when it needs the stack (after its own assumptions); the first call starts it. It is stopped
 * once every class in {@link #SHARERS} has run (they are ordered first, one after the other, so that no other stack
 * runs beside it), or at the latest when the test run ends; its data directory is deleted unless a test failed. A story
 * that changes what another one reads keeps a stack of its own.
 */
final class SharedStack implements ParameterResolver, AfterAllCallback, TestWatcher {

    /** The test classes that share the stack. */
    static final Set<Class<?>> SHARERS = Set.of(DashboardEndToEndIT.class, PlanReviewEndToEndIT.class);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Handle.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return handle(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        handle(context).failed = true;
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Handle handle = handle(context);
        handle.finished.add(context.getRequiredTestClass());
        if (handle.finished.containsAll(SHARERS)) {
            handle.close();
        }
    }

    private static Handle handle(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Handle.class, key -> new Handle(),
                Handle.class);
    }

    /** The shared stack, started on first use; closed by JUnit with the root context. */
    static final class Handle implements AutoCloseable {

        private final Set<Class<?>> finished = ConcurrentHashMap.newKeySet();
        private volatile boolean failed;
        private Path home;
        private LocalStack stack;

        synchronized LocalStack stack() throws IOException {
            if (stack == null) {
                home = Files.createTempDirectory("keywork-shared-stack");
                StackConfig config = StackConfig.onFreePorts(Repository.root(), home)
                        .withStartTimeout(Duration.ofSeconds(180));
                LocalStack starting = new LocalStack(config);
                try {
                    starting.startAll(ProgressListener.SILENT);
                } catch (RuntimeException e) {
                    starting.stopAll();
                    throw e;
                }
                stack = starting;
            }
            return stack;
        }

        @Override
        public synchronized void close() throws IOException {
            if (stack != null) {
                stack.stopAll();
                stack = null;
            }
            if (home != null && !failed) {
                try (Stream<Path> files = Files.walk(home)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
                home = null;
            }
        }

    }
}
