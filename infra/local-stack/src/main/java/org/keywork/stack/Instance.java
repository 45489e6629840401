package org.keywork.stack;

import java.util.Optional;

/**
 * One running copy of a part: {@code progress-service} is instance 1 of progress-service, {@code progress-service-2}
 * its second ({@code ./keywork up --scale progress-service=2}). Instance n of a service listens on the part's port
 * plus 100 × (n − 1) (8083, 8183, 8283 …), and has its own log file, pid file and line in {@code ./keywork status}.
 */
public record Instance(Part part, int number) {

    /** How many instances of one part the local stack runs at most. */
    public static final int MAX = 9;
    /** Port distance between consecutive instances of a part. */
    public static final int PORT_STEP = 100;

    public Instance {
        if (number < 1 || number > MAX) {
            throw new IllegalArgumentException("instance number " + number + " of " + part.id() + " not in 1.." + MAX);
        }
        if (number > 1 && !part.isService()) {
            throw new IllegalArgumentException(part.id() + " runs once");
        }
    }

    public static Instance first(Part part) {
        return new Instance(part, 1);
    }

    /** Log file, pid file and status name: the part's id, with {@code -n} from the second instance on. */
    public String id() {
        return number == 1 ? part.id() : part.id() + "-" + number;
    }

    /** {@code progress-service-2} → instance 2 of progress-service; a bare part id is its instance 1. */
    public static Optional<Instance> byId(String id) {
        Optional<Part> whole = Part.byId(id);
        if (whole.isPresent()) {
            return Optional.of(first(whole.get()));
        }
        int dash = id.lastIndexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(id.substring(dash + 1));
            return Part.byId(id.substring(0, dash)).filter(Part::isService).filter(p -> n >= 2 && n <= MAX)
                    .map(p -> new Instance(p, n));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
