package org.keywork.progress.report;

import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.keywork.events.Responsibility;
import org.keywork.support.sheet.SheetFile;
import org.keywork.support.sheet.SheetFile.NumberCell;
import org.keywork.progress.report.BulkSheetReader.SheetRow;
import org.keywork.progress.report.BulkUpload.BulkRow;
import org.keywork.progress.report.BulkUpload.Status;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxRelay;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.keywork.support.web.StrictJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;

/**
 * Accepts a monthly report file all or nothing, without transactions. Every row passes {@link ReportValidator}
 * (the rules of a single report) plus the file's own rules; if any row fails, nothing is stored. Otherwise the whole
 * file is stored as ONE {@link BulkUpload} document ({@code PENDING}), which is the moment it is accepted; its rows
 * are then expanded into reports, each inserted with its event exactly as a single report is (a duplicate key means
 * it is already there), and the upload is marked {@code ACCEPTED}. Expanding is idempotent, so an upload left
 * {@code PENDING} by a crash is simply expanded again ({@link BulkRecovery}).
 */
@Service
class BulkIntake {

    static final int MAX_ROWS = 5_000;
    static final int MAX_LISTED_PROBLEMS = 200;
    /** Keeps the upload document well under MongoDB's 16 MB limit, whatever a compressed .xlsx holds. */
    static final long MAX_STORED_CHARS = 4_000_000;
    private static final java.util.regex.Pattern UPLOAD_ID = java.util.regex.Pattern.compile(
            "[A-Za-z0-9._:\\-]{1,128}");
    /** Reports written in one store command. */
    static final int WRITE_BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(BulkIntake.class);

    private final ReportStore reports;
    private final BulkUploadStore uploads;
    private final ReportValidator validator;
    private final EventCodec codec;
    private final OutboxRelay relay;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ReportPermissions permissions;
    private final Plausibility plausibility;
    private final BulkSheetReader reader = new BulkSheetReader(MAX_ROWS);

    BulkIntake(ReportStore reports, BulkUploadStore uploads, ReportValidator validator, EventCodec codec, OutboxRelay relay, Clock clock,
            MeterRegistry meters, ReportPermissions permissions, Plausibility plausibility) {
        this.permissions = permissions;
        this.plausibility = plausibility;
        this.reports = reports;
        this.uploads = uploads;
        this.validator = validator;
        this.codec = codec;
        this.relay = relay;
        this.clock = clock;
        this.meters = meters;
    }

    /** Returns the stored upload: this one, or the earlier identical one when this is a retry. */
    BulkUpload upload(byte[] body, MediaType type, String requestedId) {
        return upload(body, type, requestedId, Optional.empty());
    }

    /** As {@link #upload(byte[], MediaType, String)}, by a caller who must be allowed to file every row (else 403). */
    BulkUpload upload(byte[] body, MediaType type, String requestedId, Optional<KeyworkIdentity> caller) {
        String uploadId = uploadId(body, requestedId);
        List<SheetRow> sheet = reader.read(body, type);

        List<FieldProblem> problems = new ArrayList<>();
        List<Converted> converted = sheet.stream().map(BulkIntake::convert).toList();
        converted.forEach(row -> problems.addAll(row.problems()));
        String contentHash = problems.isEmpty() ? contentHash(converted) : null;
        if (contentHash != null) {
            Optional<BulkUpload> earlier = find(uploadId);
            if (earlier.isPresent()) {
                return retried(earlier.get(), contentHash);
            }
        }

        Map<Integer, ReportValidator.Checked> checks = new HashMap<>();
        List<BulkRow> rows = validate(converted, problems, checks);
        List<FieldProblem> forbidden = forbidden(caller, converted, problems);
        List<FieldProblem> implausible = implausible(rows, checks, problems);
        refuseIfAnyProblem(problems, forbidden, implausible);
        BulkUpload upload = new BulkUpload(uploadId, contentHash, Status.PENDING, rows,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), null, List.of());
        try {
            uploads.insert(upload);
        } catch (DuplicateKeyException race) {
            return retried(find(uploadId).orElseThrow(() -> race), contentHash);
        }
        meters.counter("keywork.progress.bulk", "outcome", "accepted").increment();
        meters.counter("keywork.progress.reports", "outcome", "accepted").increment(rows.size());
        return expandQuietly(upload);
    }

    Optional<BulkUpload> find(String uploadId) {
        return uploads.find(uploadId);
    }

    /** Uploads still {@code PENDING} that were received before {@code before}. */
    List<BulkUpload> pending(Instant before) {
        return uploads.pending(before);
    }

    /**
     * Writes every report of a stored upload that is not there yet, then marks it {@code ACCEPTED}. Safe to run
     * again, and concurrently: each report is one insert under its id, with an event id derived from the upload, so
     * each report and its event exist exactly once.
     */
    BulkUpload expand(BulkUpload upload) {
        Map<String, ProgressReport> existing = reports.findAll(upload.reportIds());
        List<String> conflicts = new ArrayList<>();
        List<ProgressReport> fresh = new ArrayList<>();
        for (BulkRow row : upload.rows()) {
            ProgressReport report = ReportIntake.toReport(row.request(), row.target(), upload.receivedAt(), codec,
                    eventId(upload.uploadId(), row.reportId()));
            ProgressReport earlier = existing.get(row.reportId());
            if (earlier == null) {
                fresh.add(report);
            } else if (!earlier.sameContentAs(report)) {
                conflicts.add(row.reportId());
            }
        }
        int written = 0;
        for (int from = 0; from < fresh.size(); from += WRITE_BATCH) {
            List<ProgressReport> batch = fresh.subList(from, Math.min(fresh.size(), from + WRITE_BATCH));
            Set<String> taken = new java.util.HashSet<>();
            reports.insertAll(batch).forEach(index -> taken.add(batch.get(index).reportId()));
            if (!taken.isEmpty()) {
                // stored meanwhile: by a concurrent expansion of this upload (same content), or by another report
                Map<String, ProgressReport> now = reports.findAll(List.copyOf(taken));
                batch.stream().filter(report -> taken.contains(report.reportId()))
                        .filter(report -> now.get(report.reportId()) == null
                                || !now.get(report.reportId()).sameContentAs(report))
                        .forEach(report -> conflicts.add(report.reportId()));
            }
            for (ProgressReport report : batch) {
                if (!taken.contains(report.reportId())) {
                    relay.publishSoon(ProgressReport.COLLECTION, report.reportId());
                    written++;
                }
            }
        }
        if (!conflicts.isEmpty()) {
            log.warn("Bulk upload {}: report ids taken by other reports meanwhile, rows not stored: {}",
                    upload.uploadId(), conflicts);
        }
        uploads.accepted(upload.uploadId(), clock.instant().truncatedTo(ChronoUnit.MILLIS), conflicts);
        log.info("Bulk upload {}: {} rows, {} reports written now", upload.uploadId(), upload.rows().size(),
                written);
        return find(upload.uploadId()).orElse(upload);
    }

    /** Expands right away; if that fails the upload stays stored and {@link BulkRecovery} finishes it. */
    private BulkUpload expandQuietly(BulkUpload upload) {
        try {
            return expand(upload);
        } catch (RuntimeException e) {
            log.warn("Bulk upload {} stored but not yet expanded (will retry): {}", upload.uploadId(), e.toString());
            return upload;
        }
    }

    private BulkUpload retried(BulkUpload earlier, String contentHash) {
        if (!earlier.contentHash().equals(contentHash)) {
            meters.counter("keywork.progress.bulk", "outcome", "rejected").increment();
            throw new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "上传编号已被使用",
                    List.of(new FieldProblem("uploadId", "already-used", "上传编号 " + earlier.uploadId()
                            + " 已用于另一份内容不同的文件；重新上传更正后的文件请使用新的编号")));
        }
        meters.counter("keywork.progress.bulk", "outcome", "duplicate").increment();
        return earlier.status() == Status.PENDING ? expandQuietly(earlier) : earlier;
    }

    // ---- validation

    /**
     * Refuses the file with every problem of every row in one answer, by row: 400 when any row has a format or plan
     * problem, else 403 when the caller may not file some row, else 422 when some value needs confirming (确认 = 是).
     */
    private void refuseIfAnyProblem(List<FieldProblem> invalid, List<FieldProblem> forbidden,
            List<FieldProblem> implausible) {
        if (invalid.isEmpty() && forbidden.isEmpty() && implausible.isEmpty()) {
            return;
        }
        List<FieldProblem> all = new ArrayList<>(invalid);
        all.addAll(forbidden);
        all.addAll(implausible);
        all.sort(java.util.Comparator.comparingInt(BulkIntake::rowOf));
        List<FieldProblem> listed = capped(all);
        if (!invalid.isEmpty()) {
            meters.counter("keywork.progress.bulk", "outcome", "rejected").increment();
            throw InvalidRequestException.invalid(listed);
        }
        if (!forbidden.isEmpty()) {
            meters.counter("keywork.progress.bulk", "outcome", "forbidden").increment();
            throw ReportPermissions.forbidden(listed);
        }
        meters.counter("keywork.progress.bulk", "outcome", "implausible").increment();
        throw Plausibility.implausible(listed);
    }

    /** The row a problem names ({@code rows[7].value}: 7); problems of the whole file after every row. */
    private static int rowOf(FieldProblem problem) {
        java.util.regex.Matcher row = ROW_FIELD.matcher(problem.field());
        return row.lookingAt() ? Integer.parseInt(row.group(1)) : Integer.MAX_VALUE;
    }

    private static final java.util.regex.Pattern ROW_FIELD = java.util.regex.Pattern.compile("rows\\[(\\d{1,9})]\\.");
    private static final java.util.regex.Pattern ITEM_ID = java.util.regex.Pattern.compile("\\d{1,2}\\.\\d{1,3}");

    /**
     * What the caller may not file, for every row whose item can be read, whatever else is wrong with it; a field
     * that already has a problem on its row is not named twice.
     */
    private List<FieldProblem> forbidden(Optional<KeyworkIdentity> caller, List<Converted> converted,
            List<FieldProblem> invalid) {
        Set<String> named = invalid.stream().map(FieldProblem::field).collect(Collectors.toSet());
        List<FieldProblem> forbidden = new ArrayList<>();
        Map<String, Optional<Responsibility>> responsibilities = new HashMap<>();
        for (Converted row : converted) {
            ReportRequest request = row.request();
            if (request.itemId() == null || !ITEM_ID.matcher(request.itemId()).matches()
                    || request.planYear() == null && request.asOf() == null) {
                continue;
            }
            permissions.problems(caller, request, request.effectivePlanYear(), responsibilities).stream()
                    .map(p -> at(row.row(), p)).filter(p -> !named.contains(p.field())).forEach(forbidden::add);
        }
        return forbidden;
    }

    /** The values to confirm, for the rows that are valid otherwise. */
    private List<FieldProblem> implausible(List<BulkRow> rows, Map<Integer, ReportValidator.Checked> checks,
            List<FieldProblem> invalid) {
        Set<String> named = invalid.stream().map(FieldProblem::field).collect(Collectors.toSet());
        Plausibility.Histories histories = plausibility.histories();
        List<FieldProblem> implausible = new ArrayList<>();
        for (BulkRow row : rows) {
            plausibility.problem(row.request(), checks.get(row.row()).target(), histories)
                    .map(p -> at(row.row(), p)).filter(p -> !named.contains(p.field())).ifPresent(implausible::add);
        }
        return implausible;
    }

    /** A row read into a request; problems name bare fields here and are prefixed with the row. */
    private record Converted(int row, ReportRequest request, Set<String> badFields, List<FieldProblem> problems) {
    }

    /** Validates every row; {@code checks} receives each row's outcome by row number. */
    private List<BulkRow> validate(List<Converted> converted, List<FieldProblem> problems,
            Map<Integer, ReportValidator.Checked> checks) {
        ReportValidator.Plan plan = validator.plan();
        Map<String, Integer> firstRowOf = new HashMap<>();
        Map<String, Integer> firstRowCorrecting = new HashMap<>();
        long chars = 0;
        for (Converted row : converted) {
            ReportRequest request = row.request();
            ReportValidator.Checked checked = validator.check(request, plan);
            checks.put(row.row(), checked);
            checked.problems().stream().filter(p -> !row.badFields().contains(p.field()))
                    .forEach(p -> problems.add(at(row.row(), p)));
            if (checked.valid()) {
                ReportIntake.correctionProblem(reports, request, checked.target().planYear())
                        .ifPresent(p -> problems.add(at(row.row(), p)));
            }
            if (request.supersedes() != null) {
                Integer first = firstRowCorrecting.putIfAbsent(request.supersedes(), row.row());
                if (first != null) {
                    problems.add(at(row.row(), new FieldProblem("supersedes", "duplicate-in-file",
                            "报告 " + request.supersedes() + " 在第 " + first + " 行已经被更正")));
                }
            }
            if (request.reportId() != null) {
                Integer first = firstRowOf.putIfAbsent(request.reportId(), row.row());
                if (first != null) {
                    problems.add(at(row.row(), new FieldProblem("reportId", "duplicate-in-file",
                            "报告编号 " + request.reportId() + " 在第 " + first + " 行已经出现")));
                }
            }
            chars += length(request.note()) + length(request.department()) + 200;
        }
        if (chars > MAX_STORED_CHARS) {
            problems.add(new FieldProblem("body", "too-large", "文件内容过多，请分批上传"));
        }
        List<BulkRow> rows = new ArrayList<>();
        List<Converted> valid = converted.stream().filter(row -> checks.get(row.row()).valid()).toList();
        Map<String, ProgressReport> existing = reports.findAll(valid.stream()
                .map(row -> row.request().reportId()).toList());
        for (Converted row : valid) {
            BulkRow bulkRow = BulkRow.of(row.row(), row.request(), checks.get(row.row()).target());
            ProgressReport earlier = existing.get(bulkRow.reportId());
            if (earlier != null && !earlier.sameContentAs(candidate(bulkRow))) {
                problems.add(at(row.row(), new FieldProblem("reportId", "already-used",
                        "编号 " + bulkRow.reportId() + " 已用于另一份内容不同的报告；更正请使用新的编号")));
            }
            rows.add(bulkRow);
        }
        return rows;
    }

    private static ProgressReport candidate(BulkRow row) {
        return new ProgressReport(row.reportId(), row.effectivePlanYear(), row.itemId(), row.targetId(),
                row.targetKind(), row.value(), row.reachedOn(), row.asOf(), row.department().strip(), row.note(),
                null, null, row.supersedes(), row.state(), row.confirmed());
    }

    private static FieldProblem at(int row, FieldProblem problem) {
        return new FieldProblem("rows[" + row + "]." + problem.field(), problem.code(),
                "第 " + row + " 行：" + problem.reason());
    }

    private static List<FieldProblem> capped(List<FieldProblem> problems) {
        if (problems.size() <= MAX_LISTED_PROBLEMS) {
            return problems;
        }
        List<FieldProblem> listed = new ArrayList<>(problems.subList(0, MAX_LISTED_PROBLEMS));
        listed.add(new FieldProblem("rows", "more-problems",
                "另有 " + (problems.size() - MAX_LISTED_PROBLEMS) + " 处问题未列出；请先更正以上各行"));
        return listed;
    }

    // ---- reading cells

    private static Converted convert(SheetRow row) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<BulkColumn, Object> cells = row.cells();
        for (Map.Entry<BulkColumn, Object> cell : cells.entrySet()) {
            if (!cell.getKey().isNumber() && !cell.getKey().isDate() && cell.getValue() instanceof String text
                    && SheetFile.looksLikeFormula(text)) {
                problems.add(new FieldProblem(cell.getKey().field(), "formula", "“" + abbreviated(text) + "”以 "
                        + text.strip().charAt(0) + " 开头，像是电子表格公式；请填写文字（如需以该符号开头，请在前面加一个字）"));
            } else if (cell.getValue() instanceof String text && StrictJson.hasControlCharacter(text)) {
                // the same rule as a report posted alone (StrictJson): a NUL or an escape sequence is not text
                problems.add(new FieldProblem(cell.getKey().field(), "control-character",
                        "含有控制字符（如 NUL）；请删除后重新上传"));
            }
        }
        ReportRequest request = new ReportRequest(
                text(cells.get(BulkColumn.REPORT_ID)),
                year(cells.get(BulkColumn.PLAN_YEAR), problems),
                text(cells.get(BulkColumn.ITEM_ID)),
                text(cells.get(BulkColumn.TARGET_ID)),
                number(cells.get(BulkColumn.VALUE), problems),
                date(BulkColumn.REACHED_ON, cells.get(BulkColumn.REACHED_ON), problems),
                date(BulkColumn.AS_OF, cells.get(BulkColumn.AS_OF), problems),
                text(cells.get(BulkColumn.DEPARTMENT)),
                text(cells.get(BulkColumn.NOTE)),
                text(cells.get(BulkColumn.SUPERSEDES)),
                text(cells.get(BulkColumn.STATE)),
                confirmed(cells.get(BulkColumn.CONFIRMED), problems));
        Set<String> badFields = problems.stream().map(FieldProblem::field).collect(Collectors.toSet());
        return new Converted(row.number(), request, badFields,
                problems.stream().map(p -> at(row.number(), p)).toList());
    }

    /** 是 / 否 (or true / false, yes / no, y / n, 1 / 0); empty is not confirmed. */
    private static Boolean confirmed(Object cell, List<FieldProblem> problems) {
        String text = text(cell);
        if (text == null) {
            return null;
        }
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "是", "确认", "true", "yes", "y", "1" -> {
                return Boolean.TRUE;
            }
            case "否", "false", "no", "n", "0" -> {
                return null;
            }
            default -> {
                problems.add(new FieldProblem(BulkColumn.CONFIRMED.field(), "invalid-format",
                        "值 " + abbreviated(text) + " 无效：确认 列填“是”表示确认数值无误，或留空"));
                return null;
            }
        }
    }

    private static String abbreviated(String text) {
        String shown = text.strip();
        return shown.length() <= 40 ? shown : shown.substring(0, 40) + "…";
    }

    private static String text(Object cell) {
        if (cell == null) {
            return null;
        }
        String text = cell instanceof NumberCell number ? number.shown() : cell.toString().strip();
        return text.isEmpty() ? null : text;
    }

    private static Integer year(Object cell, List<FieldProblem> problems) {
        BigDecimal number = number(BulkColumn.PLAN_YEAR, cell, problems);
        if (number == null) {
            return null;
        }
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            problems.add(new FieldProblem("planYear", "invalid-format",
                    "值 " + BulkSheetReader.shown(cell) + " 不是有效的年份"));
            return null;
        }
    }

    private static BigDecimal number(Object cell, List<FieldProblem> problems) {
        return number(BulkColumn.VALUE, cell, problems);
    }

    private static BigDecimal number(BulkColumn column, Object cell, List<FieldProblem> problems) {
        if (cell == null) {
            return null;
        }
        if (cell instanceof NumberCell number) {
            return number.number();
        }
        if (cell instanceof String text) {
            try {
                return new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(new FieldProblem(column.field(), "invalid-format",
                "值 " + BulkSheetReader.shown(cell) + " 不是有效的数字"));
        return null;
    }

    private static LocalDate date(BulkColumn column, Object cell, List<FieldProblem> problems) {
        if (cell == null) {
            return null;
        }
        LocalDate day = SheetFile.day(cell);
        if (day == null) {
            problems.add(new FieldProblem(column.field(), "invalid-format",
                    "值 " + BulkSheetReader.shown(cell) + " 不是有效的日期（如 2021-09-30 或 2021/9/30）"));
        }
        return day;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    // ---- identities

    private static String uploadId(byte[] body, String requested) {
        if (requested == null || requested.isBlank()) {
            return sha256(body == null ? new byte[0] : body);
        }
        if (!UPLOAD_ID.matcher(requested).matches()) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("uploadId", "format",
                    "只能包含字母、数字和 . _ : -，最长 128 个字符")));
        }
        return requested;
    }

    /** Over the reports' contents, not the file's bytes: the same rows as CSV or .xlsx are the same upload. */
    private static String contentHash(List<Converted> rows) {
        StringBuilder canonical = new StringBuilder();
        for (Converted row : rows) {
            ReportRequest r = row.request();
            for (Object field : new Object[] {r.reportId(), r.planYear(), r.itemId(), r.targetId(),
                    r.value() == null ? null : r.value().stripTrailingZeros().toPlainString(), r.reachedOn(),
                    r.asOf(), r.department(), r.note()}) {
                canonical.append(field == null ? "\u0000" : field.toString()).append('\u001F');
            }
            canonical.append('\u001E');
        }
        return sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static UUID eventId(String uploadId, String reportId) {
        return UUID.nameUUIDFromBytes(("bulk:" + uploadId + ":" + reportId).getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Duration recoveryGrace() {
        return Duration.ofMinutes(1);
    }
}
