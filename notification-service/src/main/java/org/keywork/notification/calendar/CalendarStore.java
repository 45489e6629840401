package org.keywork.notification.calendar;

import java.util.List;
import org.keywork.support.store.DocumentStore;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The uploaded calendars ({@value StoredCalendar#COLLECTION}), one document per year, {@code _id} = the year. Its
 * two queries need no index beyond {@code _id}: an upload replaces the document of its year, and every instance
 * re-reads the whole collection every few seconds ({@link Calendars}), which holds one small document per year
 * uploaded (a few dozen at most in a lifetime), so a full read is cheap on MongoDB and on the embedded wire server
 * alike. Nothing expires: a year's calendar stays true.
 */
@Component
class CalendarStore extends DocumentStore {

    CalendarStore(MongoTemplate mongo) {
        super(mongo, StoredCalendar.COLLECTION);
    }

    /** Every uploaded year, oldest first. */
    List<StoredCalendar> all() {
        return mongo.find(new Query().with(Sort.by("_id")), StoredCalendar.class);
    }

    /** Stores the year's calendar, replacing an earlier upload of the same year (one write: the whole document). */
    StoredCalendar save(StoredCalendar calendar) {
        return mongo.save(calendar);
    }
}
