package org.keywork.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wire server's data: the MVStore file, its {@link WriteAheadLog}, the {@link GroupCommit} that makes each
 * command durable and the {@link StoreHousekeeping} that checkpoints and compacts in the background.
 *
 * <p>How the store is set up, and why:
 * <ul>
 * <li>no auto-commit, and no commit from a writing thread however much is unsaved: every commit is a checkpoint of
 *     {@link GroupCommit}, between commands, followed by emptying the log (a commit elsewhere would be harmless, since
 *     replaying the log is idempotent, but it would cost a command its latency and capture half a command);</li>
 * <li>retention time 0 and no old versions kept: a chunk whose pages are all dead is reused at once, where MVStore's
 *     default keeps dead chunks 45 s (at one commit per command that was most of the 845 MB file). Old chunks matter
 *     only to readers of old versions and after a power cut; each command registers the version it reads
 *     ({@link MVStore#registerVersionUsage()}), which MVStore keeps until it is done, and the promise is to survive
 *     the server being killed, not the machine losing power, as before (there is no fsync per write).</li>
 * </ul>
 */
final class WireStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WireStore.class);

    /** Larger than anything unsaved between two checkpoints: a writing thread never commits by itself. */
    private static final int AUTO_COMMIT_BUFFER_KB = 1024 * 1024;

    private final MVStore store;
    private final WriteAheadLog wal;
    private final StoreMaps maps;
    private final GroupCommit commits;
    private final StoreHousekeeping housekeeping;

    private WireStore(MVStore store, WriteAheadLog wal) {
        this.store = store;
        this.wal = wal;
        CommandGate gate = new CommandGate();
        this.maps = new StoreMaps(store, wal, gate);
        this.commits = new GroupCommit(store, wal, maps, gate);
        this.housekeeping = new StoreHousekeeping(store, commits);
    }

    /** Opens (or creates) the store in {@code file}, replays its log and starts the housekeeping. */
    static WireStore open(Path file) throws IOException {
        WireStore store = openWithoutHousekeeping(file);
        store.housekeeping.start();
        return store;
    }

    /** As {@link #open(Path)}, without the background thread: tests run {@link #housekeeping()} rounds themselves. */
    static WireStore openWithoutHousekeeping(Path file) throws IOException {
        Path path = file.toAbsolutePath();
        Files.createDirectories(path.getParent());
        MVStore store = new MVStore.Builder()
                .fileName(path.toString())
                .autoCommitDisabled()
                .autoCommitBufferSize(AUTO_COMMIT_BUFFER_KB)
                .open();
        WriteAheadLog wal;
        try {
            store.setRetentionTime(0);
            store.setVersionsToKeep(0);
            wal = WriteAheadLog.open(path);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
        WireStore wire = new WireStore(store, wal);
        try {
            wire.recover();
        } catch (RuntimeException e) {
            store.closeImmediately();
            wal.close();
            throw e;
        }
        return wire;
    }

    /** Applies what the log holds beyond the last commit, commits it, and opens the backend's maps. */
    private void recover() {
        maps.checkFormat();
        long changes = wal.replay(maps::byId);
        if (changes > 0) {
            log.warn("The store was not closed cleanly: recovered {} changes from {}", changes, wal.path());
        }
        store.commit();
        wal.reset();
        maps.openAll();
    }

    MVStore mvStore() {
        return store;
    }

    StoreMaps maps() {
        return maps;
    }

    GroupCommit commits() {
        return commits;
    }

    StoreHousekeeping housekeeping() {
        return housekeeping;
    }

    /**
     * Closes the files without writing anything more, leaving them as a crash of the process would (what was written
     * stays, nothing is committed or emptied): for tests of recovery.
     */
    void closeAbruptly() {
        housekeeping.stop();
        store.closeImmediately();
        wal.close();
    }

    /** Stops the housekeeping and closes the store (a last commit) and the log (then empty). */
    @Override
    public void close() {
        housekeeping.stop();
        if (!store.isClosed()) {
            store.close();
            wal.reset();
        }
        wal.close();
    }
}
