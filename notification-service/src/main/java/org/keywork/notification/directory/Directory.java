package org.keywork.notification.directory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keywork.notification.outbound.Contacts;
import org.keywork.support.store.CompareAndSet;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Who holds which position on which day. Alerts are addressed to positions, never to people, because people change
 * while an incident runs; the directory answers, at the moment of sending, whom a position means.
 *
 * <p>Department positions are named {@code <department> <title>} in the directory (区民政局 局长, 区民政局 联络员)
 * and carry their department, so a lead department as the plan names it (区民政局) maps to its positions.
 */
@Service
public class Directory {

    /** The district head: the last step of the escalation ladder. */
    public static final String DISTRICT_HEAD = "区长";

    private static final Logger log = LoggerFactory.getLogger(Directory.class);
    private static final int MAX_ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final Clock clock;

    Directory(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Who held the position on that day; empty for a vacant or unknown position. */
    public Optional<Holder> holderOn(String position, LocalDate date) {
        if (position == null) {
            return Optional.empty();
        }
        return find(position).flatMap(p -> p.holderOn(date));
    }

    /** The positions the person held on that day. */
    public List<String> positionsOf(String personId, LocalDate date) {
        return termsOf(personId).stream()
                .filter(t -> !date.isBefore(t.from()) && (t.to() == null || !date.isAfter(t.to())))
                .map(Term::position).distinct().toList();
    }

    /** Every term the person ever had, in any position, oldest first. */
    public List<Term> termsOf(String personId) {
        Query query = Query.query(Criteria.where("holders.personId").is(personId));
        List<Term> terms = new ArrayList<>();
        for (DirectoryPosition position : mongo.find(query, DirectoryPosition.class)) {
            position.holders().stream().filter(h -> h.personId().equals(personId))
                    .forEach(h -> terms.add(new Term(position.position(), h.from(), h.to())));
        }
        terms.sort(Comparator.comparing(Term::from));
        return terms;
    }

    /** The person as the directory holds him on that day (his term in one of his positions), if he holds any. */
    public Optional<Holder> personOn(String personId, LocalDate date) {
        if (personId == null || personId.isBlank()) {
            return Optional.empty();
        }
        Query query = Query.query(Criteria.where("holders.personId").is(personId.strip()));
        return mongo.find(query, DirectoryPosition.class).stream()
                .flatMap(position -> position.holders().stream())
                .filter(h -> h.personId().equals(personId.strip()) && h.holdsOn(date)).findFirst();
    }

    /** The positions held, at any time, by someone of that name (names repeat: all of theirs). */
    public List<String> positionsHeldBy(String name) {
        if (name == null || name.isBlank()) {
            return List.of();
        }
        Query query = Query.query(Criteria.where("holders.name").is(name.strip()));
        return mongo.find(query, DirectoryPosition.class).stream().map(DirectoryPosition::position).sorted()
                .toList();
    }

    /**
     * The directory positions of a department as the plan names it, heads before liaisons; empty when the
     * directory does not know the department (it then stays addressed by its name alone, in the inbox).
     */
    public List<String> departmentPositions(String department) {
        return departmentPositions(department, null);
    }

    /** The department's head position (主任, 局长, …), if the directory knows it. */
    public Optional<String> departmentHead(String department) {
        return departmentPositions(department, PositionKind.DEPARTMENT_HEAD).stream().findFirst();
    }

    private List<String> departmentPositions(String department, PositionKind kind) {
        if (department == null || department.isBlank()) {
            return List.of();
        }
        Criteria criteria = Criteria.where("department").is(department.strip());
        if (kind != null) {
            criteria = criteria.and("kind").is(kind);
        }
        return mongo.find(Query.query(criteria), DirectoryPosition.class).stream()
                .sorted(Comparator.comparing(DirectoryPosition::kind).thenComparing(DirectoryPosition::position))
                .map(DirectoryPosition::position).toList();
    }

    /** Positions of the given kind, e.g. the supervisors. */
    public List<String> positionsOfKind(PositionKind kind) {
        return mongo.find(Query.query(Criteria.where("kind").is(kind)), DirectoryPosition.class).stream()
                .map(DirectoryPosition::position).sorted().toList();
    }

    Optional<DirectoryPosition> find(String position) {
        return Optional.ofNullable(mongo.findById(position, DirectoryPosition.class));
    }

    List<DirectoryPosition> all() {
        return mongo.find(new Query().with(Sort.by("_id")), DirectoryPosition.class);
    }

    /**
     * Hands the position over to a new holder from {@code from} on: the term running on that day (or any open term
     * begun before it) closes the day before. A term that begins on or after {@code from} is not rewritten: that
     * is a conflict. Repeating the same handover changes nothing.
     */
    DirectoryPosition handover(String positionName, String personId, String name, LocalDate from,
            Contacts contacts, String by) {
        return CompareAndSet.retry(MAX_ATTEMPTS, attempt -> {
            DirectoryPosition position = find(positionName).orElseThrow(() -> notFound(positionName));
            Optional<Holder> same = position.holders().stream()
                    .filter(h -> h.personId().equals(personId) && h.from().equals(from)).findFirst();
            if (same.isPresent()) {
                return CompareAndSet.done(position);
            }
            Optional<Holder> later = position.holders().stream().filter(h -> !h.from().isBefore(from)).findFirst();
            if (later.isPresent()) {
                throw conflict("from", "term-overlap", "该职务已有 " + later.get().from() + " 起的任职记录（"
                        + later.get().name() + "），交接日期应晚于该日期");
            }
            Optional<Holder> current = position.holderOn(from);
            if (current.isPresent() && current.get().personId().equals(personId)) {
                throw conflict("personId", "already-holding", personId + " 在 " + from + " 已担任该职务");
            }
            List<Holder> holders = new ArrayList<>();
            String previous = null;
            for (Holder holder : position.holders()) {
                if (holder.to() == null || !holder.to().isBefore(from)) {
                    holders.add(holder.until(from.minusDays(1)));
                    previous = holder.personId();
                } else {
                    holders.add(holder);
                }
            }
            holders.add(new Holder(personId, name, from, null, contacts));
            DirectoryChange change = new DirectoryChange(now(), by == null || by.isBlank() ? "anonymous" : by.strip(),
                    "handover", personId, name, from, previous);
            Query unchanged = Query.query(Criteria.where("_id").is(positionName).and("version").is(position.version()));
            Update update = new Update().set("holders", holders).push("changes", change).inc("version", 1)
                    .set("sample", false);
            if (mongo.updateFirst(unchanged, update, DirectoryPosition.class).getModifiedCount() != 1) {
                return CompareAndSet.lost();
            }
            log.info("Handover of {}: {} from {} (previous {}), by {}", positionName, personId, from, previous,
                    change.by());
            return CompareAndSet.done(find(positionName).orElseThrow());
        }, () -> conflict("position", "concurrent-change", "该职务正在被同时修改，请稍后重试"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static InvalidRequestException notFound(String position) {
        return new InvalidRequestException(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这个职务",
                List.of(new FieldProblem("position", "not-found", "名录中没有职务 " + position)));
    }

    private static InvalidRequestException conflict(String field, String code, String reason) {
        return new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "与现有任职记录冲突",
                List.of(new FieldProblem(field, code, reason)));
    }
}
