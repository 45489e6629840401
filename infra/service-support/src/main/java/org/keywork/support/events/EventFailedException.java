package org.keywork.support.events;

/**
 * Thrown by a batch handler ({@link InboundEvents#handleIdempotentBatch}): the event at {@code position} of the list it
 * was given failed with {@code cause}, and every event before that position is done. A {@link PoisonEventException}
 * cause sends that event to the dead-letter topic and the rest of the list is handed over again; any other cause is
 * retried from that event on, as a single event would be.
 */
public class EventFailedException extends RuntimeException {

    private final int position;

    public EventFailedException(int position, RuntimeException cause) {
        super("event " + position + " of the batch failed: " + cause.getMessage(), cause);
        this.position = position;
    }

    public int position() {
        return position;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
