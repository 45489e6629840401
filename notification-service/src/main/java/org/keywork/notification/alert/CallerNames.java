package org.keywork.notification.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import org.keywork.notification.directory.Directory;
import org.keywork.notification.directory.Holder;
import org.keywork.support.security.KeyworkIdentity;
import org.springframework.stereotype.Component;

/**
 * Who a caller is by name, from the directory on today's business date: the holder of a leader's position, else the
 * person his token names. Recorded with what he does (an acknowledgement, a feedback), so that the name shown is the
 * one of that day, whatever handovers come later.
 */
@Component
class CallerNames {

    private final Directory directory;
    private final Clock clock;

    CallerNames(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The caller's name in the directory today, or {@code fallback} when it does not know him. */
    String nameOf(KeyworkIdentity caller, String fallback) {
        LocalDate today = LocalDate.now(clock);
        Optional<Holder> holder = caller.hasRole(KeyworkIdentity.LEADER) && caller.position() != null
                ? directory.holderOn(caller.position(), today) : Optional.empty();
        if (holder.isEmpty()) {
            holder = directory.personOn(caller.personId(), today);
        }
        return holder.map(Holder::name).filter(name -> !name.isBlank()).orElse(fallback);
    }
}
