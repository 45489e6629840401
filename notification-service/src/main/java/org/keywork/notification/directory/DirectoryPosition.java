package org.keywork.notification.directory;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One position and everybody who held it, in one document, so a handover (close one term, open the next) is one
 * write, guarded by {@code version} against concurrent handovers.
 *
 * @param position   the position's name, e.g. 副区长（分管民政） or 区民政局 局长; its id
 * @param kind       what it is
 * @param department for a department's head or liaison, the department (e.g. 区民政局); null otherwise
 * @param sample     loaded from the bundled sample (fictional people), not maintained by anyone yet
 * @param holders    the terms, oldest first
 * @param changes    every change, oldest first
 * @param version    incremented by every change
 */
@Document(DirectoryPosition.COLLECTION)
record DirectoryPosition(
        @Id String position,
        PositionKind kind,
        String department,
        boolean sample,
        List<Holder> holders,
        List<DirectoryChange> changes,
        long version) {

    static final String COLLECTION = "directory_positions";

    DirectoryPosition {
        holders = holders == null ? List.of() : List.copyOf(holders);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    Optional<Holder> holderOn(LocalDate date) {
        return holders.stream().filter(h -> h.holdsOn(date)).reduce((first, later) -> later);
    }
}
