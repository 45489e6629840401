package org.keywork.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keywork.notification.outbound.Contacts;
import org.keywork.notification.outbound.OutgoingMessage;
import org.keywork.notification.outbound.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.keywork.support.store.DocumentStore;
import org.keywork.support.store.DueMarker;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The durable notification log, collection {@value Delivery#COLLECTION}, and the {@link Outbox} alerting hands its
 * messages to. {@link #enqueue} writes one entry per channel the person can be reached on (the inbox always, email,
 * DingTalk and WeCom when an address is given), each an insert-if-absent under {@code messageId:CHANNEL}. Once it
 * returns every entry is stored, so a crash afterwards loses nothing; a crash half way is repaired by the caller's
 * retry (the redelivered event enqueues again, and the entries already there are left alone). Enqueuing the same
 * message any number of times therefore logs, and sends, it once.
 *
 * <p>Every later change is one conditional update of one entry: claim (PENDING, due, lease free or expired),
 * mark sent or failed (still claimed by this instance). Nothing needs a transaction, a TTL index or change streams.
 * Times here are real time ({@link Clock#systemUTC()}), not the business clock.
 */
@Service
class NotificationLog extends DocumentStore implements Outbox {

    /**
     * Present while the entry is PENDING, unique sparse index: {@code CHANNEL|<due, epoch milliseconds, 13 digits>|id},
     * when it is due to be sent (again), or, while an instance holds it, when that lease runs out. A claim asks the
     * index for the marks due by now ({@link DueMarker#notAfter}), so a dispatcher never reads an entry that is not
     * due: not the delivered history, and not the backlog that waits out its backoff while a mail server is down.
     */
    static final String PENDING_ON = "pendingOn";
    static final String PURGE_AFTER = "purgeAfter";
    /** Pending entries a claim looks at, earliest first. */
    static final int CLAIM_CANDIDATES = 64;

    private static final Logger log = LoggerFactory.getLogger(NotificationLog.class);
    private static final int MAX_REPLAY = 500;

    /** Real time: the business clock bean may be set to 2021 in demos, sending must not wait for it. */
    private final Clock clock = Clock.systemUTC();
    private final Duration retention;
    private final DeliveryDoorbell doorbell;

    NotificationLog(MongoTemplate mongo,
            @Value("${keywork.notification.log-retention:400d}") Duration retention, DeliveryDoorbell doorbell) {
        super(mongo, Delivery.COLLECTION);
        this.retention = retention;
        this.doorbell = doorbell;
    }

    /**
     * The pending marks; the log by person, newest first; the inbox replay. Sent and failed entries are kept for
     * {@code keywork.notification.log-retention} (400 days by default: a year's work and its review), then purged.
     */
    @Override
    public List<IndexDefinition> indexes() {
        return List.of(new Index(PENDING_ON, Sort.Direction.ASC).unique().sparse().named(PENDING_ON),
                new CompoundIndexDefinition(new org.bson.Document("personId", 1).append("loggedAt", -1))
                        .named("person-log"),
                new CompoundIndexDefinition(new org.bson.Document("channel", 1).append("loggedAt", 1))
                        .named("channel-log"),
                new Index(PURGE_AFTER, Sort.Direction.ASC).named(PURGE_AFTER));
    }

    @Override
    public long purgeExpired(Instant now, int limit) {
        return deleteBatch(Query.query(Criteria.where(PURGE_AFTER).lt(now)), limit);
    }

    @Override
    public void enqueue(OutgoingMessage message) {
        if (message == null || blank(message.messageId())) {
            throw new IllegalArgumentException("an outgoing message needs a messageId, got " + message);
        }
        Contacts contacts = message.contacts() == null ? Contacts.NONE : message.contacts();
        Instant now = clock.instant();
        int logged = 0;
        logged += insert(message, ChannelKind.INBOX, blank(message.personId()) ? message.position()
                : message.personId(), now);
        if (!blank(contacts.email())) {
            logged += insert(message, ChannelKind.EMAIL, contacts.email().strip(), now);
        }
        if (!blank(contacts.dingtalkWebhook())) {
            logged += insert(message, ChannelKind.DINGTALK, contacts.dingtalkWebhook().strip(), now);
        }
        if (!blank(contacts.wecomWebhook())) {
            logged += insert(message, ChannelKind.WECOM, contacts.wecomWebhook().strip(), now);
        }
        log.info("Logged {} new deliveries of message {} ({}) to {} {}", logged, message.messageId(),
                message.kind(), message.position(), message.personId());
    }

    private int insert(OutgoingMessage message, ChannelKind channel, String address, Instant now) {
        try {
            Delivery delivery = Delivery.pending(message, channel, address, now);
            org.bson.Document stored = new org.bson.Document();
            mongo.getConverter().write(delivery, stored);
            stored.put(PENDING_ON, pendingMark(channel, now, delivery.id()));
            mongo.insert(stored, Delivery.COLLECTION);
            doorbell.ring(channel);
            return 1;
        } catch (DuplicateKeyException loggedBefore) {
            log.debug("{} is logged already", Delivery.id(message.messageId(), channel));
            return 0;
        }
    }

    /**
     * Claims up to {@code max} due pending entries of the channel for {@code instance}: due, and nobody holds a lease
     * on them (or the holder's lease expired, because it died mid-send), earliest due first. Reads only
     * due entries (a few more than {@code max}, in case another instance takes some meanwhile), however many others
     * wait; each claim is one conditional update, so two instances never hold the same entry.
     */
    List<Delivery> claimDue(ChannelKind channel, String instance, Duration lease, int max) {
        Instant now = clock.instant();
        Query due = Query.query(Criteria.where(PENDING_ON).regex(dueBy(channel, now)))
                .limit(Math.min(CLAIM_CANDIDATES, max + 8));
        List<Delivery> candidates = mongo.find(due, Delivery.class).stream()
                .sorted(Comparator.comparing(Delivery::nextAttemptAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(d -> d.id()))
                .toList();
        Instant leaseEnd = now.plus(lease);
        List<Delivery> claimed = new ArrayList<>();
        for (Delivery candidate : candidates) {
            if (claimed.size() >= max) {
                break;
            }
            // the claim itself is one conditional update: another instance may have taken it since it was read
            Criteria stillFree = Criteria.where("_id").is(candidate.id()).and("status").is(DeliveryStatus.PENDING)
                    .orOperator(Criteria.where("claimedUntil").is(null), Criteria.where("claimedUntil").lte(now));
            Update claim = new Update().set("claimedUntil", leaseEnd).set("claimedBy", instance)
                    .set(PENDING_ON, pendingMark(channel, leaseEnd, candidate.id()));
            Delivery taken = mongo.findAndModify(Query.query(stillFree), claim,
                    FindAndModifyOptions.options().returnNew(true), Delivery.class);
            if (taken != null) {
                claimed.add(taken);
            }
        }
        return claimed;
    }

    /** The pending mark: the channel, then the time it is due, sortable as text, then the entry. */
    static String pendingMark(ChannelKind channel, Instant due, String id) {
        return channel.name() + "|" + DueMarker.millisKey(due) + "|" + id;
    }

    /** A regular expression matching exactly the channel's marks due at {@code now} or before. */
    static String dueBy(ChannelKind channel, Instant now) {
        return "^" + channel.name() + "\\|" + DueMarker.notAfter(DueMarker.millisKey(now));
    }

    /** Records the channel's acceptance; false when this instance no longer held the entry. */
    boolean markSent(Delivery delivery, String instance) {
        Update sent = new Update().set("status", DeliveryStatus.SENT).set("sentAt", clock.instant())
                .inc("attempts", 1).unset("claimedUntil").unset("lastError").unset(PENDING_ON)
                .set(PURGE_AFTER, clock.instant().plus(retention));
        return mongo.updateFirst(heldBy(delivery, instance), sent, Delivery.class).getModifiedCount() > 0;
    }

    /** Records a failed round: pending again from {@code nextAttemptAt}, or given up when {@code permanent}. */
    boolean markFailed(Delivery delivery, String instance, String error, boolean permanent, Instant nextAttemptAt) {
        Update failed = new Update().inc("attempts", 1).set("lastError", abbreviate(error)).unset("claimedUntil");
        if (permanent) {
            failed.set("status", DeliveryStatus.FAILED_PERMANENTLY).unset(PENDING_ON)
                    .set(PURGE_AFTER, clock.instant().plus(retention));
        } else {
            failed.set("nextAttemptAt", nextAttemptAt)
                    .set(PENDING_ON, pendingMark(delivery.channel(), nextAttemptAt, delivery.id()));
        }
        return mongo.updateFirst(heldBy(delivery, instance), failed, Delivery.class).getModifiedCount() > 0;
    }

    /**
     * Gives a claimed entry back untouched (its channel's breaker is open, or the round ended before its turn), due
     * now: no attempt is counted; {@code reason}, if any, is noted on it.
     */
    void release(Delivery delivery, String instance, String reason) {
        Update release = new Update().unset("claimedUntil")
                .set(PENDING_ON, pendingMark(delivery.channel(), clock.instant(), delivery.id()));
        if (reason != null) {
            release.set("lastError", abbreviate(reason));
        }
        mongo.updateFirst(heldBy(delivery, instance), release, Delivery.class);
    }

    private static Query heldBy(Delivery delivery, String instance) {
        return Query.query(Criteria.where("_id").is(delivery.id()).and("status").is(DeliveryStatus.PENDING)
                .and("claimedBy").is(instance));
    }

    Optional<Delivery> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Delivery.class));
    }

    long count(ChannelKind channel, DeliveryStatus status) {
        return mongo.count(Query.query(Criteria.where("channel").is(channel).and("status").is(status)),
                Delivery.class);
    }

    /** The log, newest first, optionally for one person, channel and status. */
    List<Delivery> list(String personId, ChannelKind channel, DeliveryStatus status, int limit) {
        Criteria criteria = new Criteria();
        if (personId != null) {
            criteria.and("personId").is(personId);
        }
        if (channel != null) {
            criteria.and("channel").is(channel);
        }
        if (status != null) {
            criteria.and("status").is(status);
        }
        return mongo.find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "loggedAt", "_id")).limit(limit),
                Delivery.class);
    }

    /**
     * The inbox entries of one subscriber logged after the one with id {@code lastEventId}, oldest first: what a
     * reconnecting browser missed. Nothing when that id is unknown.
     */
    List<Delivery> inboxAfter(InboxSubscriber subscriber, String lastEventId) {
        Delivery last = mongo.findById(lastEventId, Delivery.class);
        if (last == null || last.channel() != ChannelKind.INBOX || last.loggedAt() == null) {
            return List.of();
        }
        Criteria criteria = Criteria.where("channel").is(ChannelKind.INBOX).and("loggedAt").gte(last.loggedAt());
        if (subscriber.personId() != null) {
            criteria.and("personId").is(subscriber.personId());
        }
        if (subscriber.position() != null) {
            criteria.and("position").is(subscriber.position());
        }
        List<Delivery> since = mongo.find(Query.query(criteria)
                .with(Sort.by(Sort.Direction.ASC, "loggedAt", "_id")).limit(MAX_REPLAY), Delivery.class);
        List<Delivery> after = new ArrayList<>();
        boolean passed = false;
        for (Delivery delivery : since) {
            if (passed) {
                after.add(delivery);
            } else if (delivery.id().equals(lastEventId)) {
                passed = true;
            } else if (delivery.loggedAt().isAfter(last.loggedAt())) {
                after.add(delivery);
                passed = true;
            }
        }
        // a department follows several positions: the query named none of them
        after.removeIf(delivery -> !subscriber.wants(delivery));
        return after;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
