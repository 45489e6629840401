package org.keywork.stack;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes commands durable in groups: a command's reply may go out only once everything it changed (and everything it
 * read) is in the files, but one write serves every command that finished meanwhile.
 *
 * <p>What is written: normally the group's changes, appended to the {@link WriteAheadLog} in one record. The store
 * itself is committed (a checkpoint: {@link MVStore#commit()}, then the log is emptied) when maintenance asks for it
 * (about once a second, see {@link StoreHousekeeping}), when the log or the unsaved part of the store has grown large,
 * and when a command changed the store's structure (created, dropped or renamed a collection or an index: the log
 * only knows maps that were in the last commit). If some open map does not record its changes in the log, every
 * group is a checkpoint, as safe as before and as slow.
 *
 * <p>How: leader/follower, no thread of its own. A finished command takes a ticket; if no write is running, its
 * thread writes for everyone holding a ticket so far (the leader), after letting commands that are running finish
 * and join (at most {@link #GATHER_NANOS}); otherwise it waits, and one of the waiters not covered leads the next
 * write. The leader takes what to write with the {@link CommandGate} closed, when no command is halfway through
 * changing the store, so a write never holds half a command (say a unique-index entry without its document) that a
 * crash could leave behind; commands that only read go on meanwhile (each reads the store version it started on,
 * which MVStore keeps until it is done), and the gate is closed only briefly unless it is a checkpoint.
 *
 * <p>Commands run on the server's netty event-loop threads and block there until their group is written; the server
 * gets enough of those threads that each client connection normally has its own (see {@link MongoWireServer}).
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** How long a leader waits for running commands to join its group: a bigger group is a cheaper write. */
    private static final long GATHER_NANOS = 1_000_000;
    /** Checkpoint once the log holds this much (so replay after a crash stays quick). */
    private static final long MAX_LOG_BYTES = 32L * 1024 * 1024;
    /** Checkpoint once the store holds this much unsaved (estimated memory of changed pages). */
    private static final int MAX_UNSAVED_MEMORY = 32 * 1024 * 1024;
    private static final Runnable NOTHING = () -> { };

    private final MVStore store;
    private final WriteAheadLog wal;
    private final StoreMaps maps;
    private final CommandGate gate;
    private final AtomicInteger running = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writeEnded = lock.newCondition();
    private final Condition commandDone = lock.newCondition();
    /** Tickets handed out so far (guarded by {@link #lock}). */
    private long ticketsIssued;
    /** Every ticket up to this one is in the files (guarded by {@link #lock}). */
    private long ticketsWritten;
    /** Whether a leader is writing (guarded by {@link #lock}). */
    private boolean writing;
    /** Groups written and checkpoints made, for tests and diagnostics (guarded by {@link #lock}). */
    private long groups;
    private long checkpoints;
    /** The store's map directory at the last checkpoint: another one means the structure changed. */
    private volatile Page<String, String> structureAtCheckpoint;
    /** Set when an open map does not record its changes in the log: then every group is a checkpoint. */
    private volatile boolean checkpointEveryGroup;
    /** Set when writing the log failed: changes taken from it may be in memory only, until a checkpoint. */
    private volatile boolean logWriteFailed;

    GroupCommit(MVStore store, WriteAheadLog wal, StoreMaps maps, CommandGate gate) {
        this.store = store;
        this.wal = wal;
        this.maps = maps;
        this.gate = gate;
        this.structureAtCheckpoint = store.getMetaMap().getRootPage();
    }

    /**
     * Runs {@code command} and returns its result once everything it changed (and everything it read) is in the
     * files; throws if that cannot be done (the store or the log failed, or was closed).
     */
    <T> T run(Supplier<T> command) {
        if (gate.inCommand()) {
            return command.get(); // a command within a command: the outer one waits for the write
        }
        T result;
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            gate.enter();
            running.incrementAndGet();
            try {
                result = command.get();
            } finally {
                running.decrementAndGet();
                gate.leave();
            }
        } catch (RuntimeException | Error failed) {
            store.deregisterVersionUsage(version);
            // a failed command may still have changed something (the first documents of an insert, say)
            try {
                awaitWritten();
            } catch (RuntimeException writeFailed) {
                failed.addSuppressed(writeFailed);
            }
            throw failed;
        }
        store.deregisterVersionUsage(version);
        awaitWritten();
        return result;
    }

    /**
     * Makes a checkpoint, running {@code maintenance} (compaction) first, while no command is halfway through a
     * change, and without recording what it changes in the log (the checkpoint holds it). With {@code alone}, no
     * command runs at all meanwhile (for moving chunks within the file, which readers must not see).
     */
    void checkpoint(Runnable maintenance, boolean alone) {
        lock.lock();
        try {
            while (writing) {
                writeEnded.awaitUninterruptibly();
            }
            lead(maintenance, true, alone);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Checks that every open map records its changes in the log, and if one does not, makes every group a
     * checkpoint from now on. Called once the backend has opened the maps of the existing databases.
     */
    void verifyMaps() {
        List<String> unlogged = maps.unloggedOpenMaps();
        if (!unlogged.isEmpty() && !checkpointEveryGroup) {
            checkpointEveryGroup = true;
            log.warn("Maps {} do not record their changes in the write-ahead log: committing the store for every "
                    + "write from now on (durable, but slower)", unlogged);
        }
    }

    /** Groups written so far (each serving one or more commands). */
    long groups() {
        lock.lock();
        try {
            return groups;
        } finally {
            lock.unlock();
        }
    }

    /** Checkpoints made so far. */
    long checkpoints() {
        lock.lock();
        try {
            return checkpoints;
        } finally {
            lock.unlock();
        }
    }

    private void awaitWritten() {
        lock.lock();
        try {
            commandDone.signal();
            // Nothing waiting to be written and no write running: what this command did or saw is in the files.
            if (!writing && !wal.hasPending() && !logWriteFailed && !structureChanged()) {
                return;
            }
            long ticket = ++ticketsIssued;
            while (ticketsWritten < ticket) {
                if (writing) {
                    writeEnded.awaitUninterruptibly();
                } else {
                    lead(NOTHING, false, false);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes for every ticket issued so far: the logged changes, or a checkpoint. Called and returns with
     * {@link #lock} held, which it releases meanwhile.
     */
    private void lead(Runnable maintenance, boolean checkpoint, boolean alone) {
        writing = true;
        if (!checkpoint) {
            gather();
        }
        long covered = ticketsIssued;
        boolean written = false;
        boolean checkpointed = false;
        lock.unlock();
        try {
            ByteBuffer changes = null;
            gate.close(alone);
            try {
                if (checkpoint || checkpointEveryGroup || logWriteFailed || structureChanged()
                        || wal.size() > MAX_LOG_BYTES || store.getUnsavedMemory() > MAX_UNSAVED_MEMORY) {
                    makeCheckpoint(maintenance);
                    checkpointed = true;
                } else {
                    changes = wal.takePending();
                }
            } finally {
                gate.open();
            }
            if (changes != null) {
                try {
                    wal.write(changes);
                } catch (RuntimeException e) {
                    logWriteFailed = true; // the next group commits the store, which holds these changes too
                    throw e;
                }
            }
            // commit() quietly does nothing on a closed store (closed by shutdown, or by MVStore after a write error)
            written = !store.isClosed();
        } finally {
            lock.lock();
            writing = false;
            if (written) {
                ticketsWritten = covered;
                groups++;
                if (checkpointed) {
                    checkpoints++;
                }
            }
            writeEnded.signalAll();
        }
        if (!written) {
            throw new IllegalStateException("the store is closed, the change may not be in the file",
                    store.getPanicException());
        }
    }

    /** Commits the store and empties the log; with no command halfway through a change. */
    private void makeCheckpoint(Runnable maintenance) {
        boolean structureChanged = structureChanged();
        wal.setRecording(false);
        try {
            maintenance.run();
        } finally {
            wal.setRecording(true);
        }
        store.commit();
        BsonDocumentType.INSTANCE.forgetEncodings();
        if (store.isClosed()) {
            return;
        }
        wal.reset();
        logWriteFailed = false;
        structureAtCheckpoint = store.getMetaMap().getRootPage();
        if (structureChanged) {
            verifyMaps();
        }
    }

    private boolean structureChanged() {
        return store.getMetaMap().getRootPage() != structureAtCheckpoint;
    }

    /** Lets commands that are running finish and join this group, for at most {@link #GATHER_NANOS}. */
    private void gather() {
        long deadline = System.nanoTime() + GATHER_NANOS;
        long left;
        while (running.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
            try {
                commandDone.awaitNanos(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
