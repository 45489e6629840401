package org.keywork.stack;

/**
 * Lets the group commit find a moment when no command is halfway through changing the store, without waiting for
 * commands that only read.
 *
 * <p>Why: what the group commit writes (a batch of the log, or a checkpoint of the store) must not hold half a
 * command, say a unique-index entry without its document, that a crash could leave behind. A plain read-write lock
 * around every command gives that, but then each write waits for every read running at the time, and a read of a
 * whole collection (an outbox relay polling) stalls all writes for as long as it runs.
 *
 * <p>How: commands {@link #enter()} and {@link #leave()}; a command becomes a writer at its first change
 * ({@link #beforeChange()}, called by {@link LoggedMVMap}). {@link #close(boolean)} stops new commands from entering
 * and waits until no writer is left (or no command at all, for moving chunks in the file); a command already inside
 * may still start writing while the gate drains, and is waited for too. Once closed, a command that wants to start
 * writing waits until the gate {@link #open() opens} again: it may hold a collection's lock meanwhile, which is safe
 * because the closer, past draining, waits for nobody.
 */
final class CommandGate {

    private enum State { OPEN, DRAINING, CLOSED }

    /** The command the current thread is in, if any (one object per thread, reused). */
    private static final class Command {
        boolean inside;
        boolean writing;
    }

    private final ThreadLocal<Command> current = ThreadLocal.withInitial(Command::new);
    private State state = State.OPEN;
    private int commands;
    private int writers;

    /** Whether the current thread is in a command. */
    boolean inCommand() {
        return current.get().inside;
    }

    /** Enters a command; waits while the gate is not open. */
    void enter() {
        Command command = current.get();
        synchronized (this) {
            while (state != State.OPEN) {
                await();
            }
            commands++;
        }
        command.inside = true;
        command.writing = false;
    }

    /** Called before each change to the store: the command's first one makes it a writer. */
    void beforeChange() {
        Command command = current.get();
        if (!command.inside || command.writing) {
            return; // a change outside commands (opening the store) or not the first one
        }
        synchronized (this) {
            while (state == State.CLOSED) {
                await();
            }
            writers++;
        }
        command.writing = true;
    }

    /** Leaves the command entered by this thread. */
    void leave() {
        Command command = current.get();
        synchronized (this) {
            commands--;
            if (command.writing) {
                writers--;
            }
            notifyAll();
        }
        command.inside = false;
        command.writing = false;
    }

    /**
     * Closes the gate: no new command enters; returns once no command is writing (or, with {@code everyone}, once no
     * command is inside at all). Must not be called from within a command.
     */
    synchronized void close(boolean everyone) {
        while (state != State.OPEN) {
            await();
        }
        state = State.DRAINING;
        try {
            while (everyone ? commands > 0 : writers > 0) {
                await();
            }
        } catch (RuntimeException interrupted) {
            open();
            throw interrupted;
        }
        state = State.CLOSED;
    }

    /** Opens the gate again. */
    synchronized void open() {
        state = State.OPEN;
        notifyAll();
    }

    /** Waits to be notified; an interrupt ends the wait with an exception (nothing here interrupts its threads). */
    private void await() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the store", e);
        }
    }
}
