package org.keywork.notification.directory;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.keywork.notification.outbound.Contacts;
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
 */
@RestController
@RequestMapping("/api/directory")
class DirectoryController {

    private final Directory directory;
    private final Clock clock;

    DirectoryController(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    List<PositionSummary> all() {
        LocalDate today = LocalDate.now(clock);
        return directory.all().stream().map(p -> new PositionSummary(p.position(), p.kind(), p.department(),
                p.sample(), p.holderOn(today).orElse(null))).toList();
    }

    @GetMapping("/{position}")
    PositionHistory one(@PathVariable String position) {
        return directory.find(position).map(p -> PositionHistory.of(p, LocalDate.now(clock)))
                .orElseThrow(() -> Directory.notFound(position));
    }

    /** The handover: 200 with the position's history after it; repeating it changes nothing. */
    @PutMapping("/{position}/holder")
    PositionHistory handover(@PathVariable String position, @RequestBody(required = false) HolderRequest request,
            @RequestHeader(name = "X-Keywork-User", required = false) String user) {
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
        return PositionHistory.of(changed, LocalDate.now(clock));
    }

    private static void webhook(String url, String field, List<FieldProblem> problems) {
        if (blank(url)) {
            return;
        }
        try {
            URI uri = URI.create(url.strip());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                problems.add(new FieldProblem(field, "invalid-url", "应为 http(s) 地址"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem(field, "invalid-url", "应为 http(s) 地址"));
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The body of a handover. */
    record HolderRequest(String personId, String name, LocalDate from, Contacts contacts) {
    }

    /** A position with whoever holds it today (null when vacant). */
    record PositionSummary(String position, PositionKind kind, String department, boolean sample, Holder holder) {
    }

    /** A position with all its terms and changes. */
    record PositionHistory(String position, PositionKind kind, String department, boolean sample, Holder holder,
            List<Holder> holders, List<DirectoryChange> changes) {

        static PositionHistory of(DirectoryPosition p, LocalDate today) {
            return new PositionHistory(p.position(), p.kind(), p.department(), p.sample(),
                    p.holderOn(today).orElse(null), p.holders(), p.changes());
        }
    }
}
