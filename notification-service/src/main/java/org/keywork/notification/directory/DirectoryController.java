package org.keywork.notification.directory;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keywork.notification.outbound.Contacts;
import org.keywork.notification.outbound.WebhookPolicy;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/directory}: every position with its holder today (business clock), one position's history, and the
 * handover of a position to a new holder. Every change is recorded with who made it ({@code X-Keywork-User}).
 *
 * <p>Positions and holders' names are for every role the access rules open the directory to; a holder's
 * {@code contacts} (mailbox, robot webhooks, mobile) only for an admin and for the holder himself (the token's
 * {@code personId}), in the current term and the past ones alike. For anyone else they are null. Without a verified
 * identity (the check is off: a service's own tests) they are shown, as the caller is then not known.
 *
 * <p>A handover's robot webhooks must pass the {@link WebhookPolicy} (https, an allowed host; no DNS here): a 400
 * naming the field otherwise, and nothing is stored.
 */
@RestController
@RequestMapping("/api/directory")
class DirectoryController {

    private final Directory directory;
    private final Clock clock;
    private final WebhookPolicy webhooks;

    DirectoryController(Directory directory, Clock clock, WebhookPolicy webhooks) {
        this.directory = directory;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    @GetMapping
    List<PositionSummary> all(HttpServletRequest http) {
        LocalDate today = LocalDate.now(clock);
        Optional<KeyworkIdentity> caller = KeyworkIdentity.of(http);
        return directory.all().stream().map(p -> new PositionSummary(p.position(), p.kind(), p.department(),
                p.sample(), p.holderOn(today).map(h -> HolderView.of(h, caller)).orElse(null))).toList();
    }

    @GetMapping("/{position}")
    PositionHistory one(@PathVariable String position, HttpServletRequest http) {
        Optional<KeyworkIdentity> caller = KeyworkIdentity.of(http);
        return directory.find(position).map(p -> PositionHistory.of(p, LocalDate.now(clock), caller))
                .orElseThrow(() -> Directory.notFound(position));
    }

    /** The handover: 200 with the position's history after it; repeating it changes nothing. */
    @PutMapping("/{position}/holder")
    PositionHistory handover(@PathVariable String position, @RequestBody(required = false) HolderRequest request,
            @RequestHeader(name = "X-Keywork-User", required = false) String user, HttpServletRequest http) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request == null) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("body", "required",
                    "请给出新任职人员：personId、name、from")));
        }
        if (blank(request.personId())) {
            problems.add(new FieldProblem("personId", "required", "请给出人员编号"));
        } else if (request.personId().strip().length() > 64) {
            problems.add(new FieldProblem("personId", "too-long", "最长 64 个字符"));
        }
        if (blank(request.name())) {
            problems.add(new FieldProblem("name", "required", "请给出姓名"));
        } else if (request.name().strip().length() > 64) {
            problems.add(new FieldProblem("name", "too-long", "最长 64 个字符"));
        }
        if (request.from() == null) {
            problems.add(new FieldProblem("from", "required", "请给出任职起始日期，如 2021-10-08"));
        }
        Contacts contacts = request.contacts() == null ? Contacts.NONE : request.contacts();
        if (!blank(contacts.email()) && !contacts.email().strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(new FieldProblem("contacts.email", "invalid-email", "邮箱地址格式不正确"));
        }
        webhook(contacts.dingtalkWebhook(), "contacts.dingtalkWebhook", problems);
        webhook(contacts.wecomWebhook(), "contacts.wecomWebhook", problems);
        if (!problems.isEmpty()) {
            throw InvalidRequestException.invalid(problems);
        }
        DirectoryPosition changed = directory.handover(position, request.personId().strip(), request.name().strip(),
                request.from(), contacts, user);
        return PositionHistory.of(changed, LocalDate.now(clock), KeyworkIdentity.of(http));
    }

    /** A robot webhook the policy refuses: its code and reason (the allowed hosts named) under the field. */
    private void webhook(String url, String field, List<FieldProblem> problems) {
        if (blank(url)) {
            return;
        }
        webhooks.check(url).ifPresent(v -> problems.add(new FieldProblem(field, v.code(), v.reason())));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The body of a handover. */
    record HolderRequest(String personId, String name, LocalDate from, Contacts contacts) {
    }

    /** A position with whoever holds it today (null when vacant). */
    record PositionSummary(String position, PositionKind kind, String department, boolean sample,
            HolderView holder) {
    }

    /** A position with all its terms and changes. */
    record PositionHistory(String position, PositionKind kind, String department, boolean sample, HolderView holder,
            List<HolderView> holders, List<DirectoryChange> changes) {

        static PositionHistory of(DirectoryPosition p, LocalDate today, Optional<KeyworkIdentity> caller) {
            return new PositionHistory(p.position(), p.kind(), p.department(), p.sample(),
                    p.holderOn(today).map(h -> HolderView.of(h, caller)).orElse(null),
                    p.holders().stream().map(h -> HolderView.of(h, caller)).toList(), p.changes());
        }
    }

    /** A term as listed: a {@link Holder}, its contacts null unless the caller may see them. */
    record HolderView(String personId, String name, LocalDate from, LocalDate to, Contacts contacts) {

        static HolderView of(Holder h, Optional<KeyworkIdentity> caller) {
            return new HolderView(h.personId(), h.name(), h.from(), h.to(),
                    seesContacts(h, caller) ? h.contacts() : null);
        }

        /** An admin, the holder himself, or nobody known (the identity check is off). */
        static boolean seesContacts(Holder h, Optional<KeyworkIdentity> caller) {
            if (caller.isEmpty()) {
                return true;
            }
            KeyworkIdentity who = caller.get();
            return who.hasRole(KeyworkIdentity.ADMIN)
                    || who.personId() != null && !who.personId().isBlank() && who.personId().equals(h.personId());
        }
    }
}
