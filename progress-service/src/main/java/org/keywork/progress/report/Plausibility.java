package org.keywork.progress.report;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.keywork.events.TargetKind;
import org.keywork.progress.catalog.KnownTarget;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Questions an indicator's value that looks like a typing slip, unless the report confirms it
 * ({@code confirmed: true}, in a file the column 确认 = 是):
 * <ul>
 *   <li>a value above 150 % of the target's value (any indicator with a positive numeric target), or</li>
 *   <li>for a cumulative count ({@link KnownTarget#cumulative()}), a value lower than the last accepted value of the
 *   same target and plan year: the latest report by as-of date (then arrival) whose as-of date is not after this
 *   one's, leaving out reports that were corrected, the report this one corrects, and this report itself.</li>
 * </ul>
 * The answer is 422 {@value #IMPLAUSIBLE} naming {@code value}; nothing is stored.
 */
@Component
class Plausibility {

    static final String IMPLAUSIBLE = "implausible-value";
    static final BigDecimal CEILING = new BigDecimal("1.5");
    /** How many of a target's latest reports a single report's check reads at first. */
    static final int LATEST = 8;

    private final ReportStore reports;

    Plausibility(ReportStore reports) {
        this.reports = reports;
    }

    /** Item histories read during one check (a bulk file reuses one, so each item is read once). */
    static final class Histories {
        private final Map<String, List<ProgressReport>> byItem = new HashMap<>();
    }

    Histories histories() {
        return new Histories();
    }

    /** As {@link #problem(ReportRequest, KnownTarget, Histories)} for one report: reads only the target's latest. */
    Optional<FieldProblem> problem(ReportRequest request, KnownTarget target) {
        return problem(request, target, null);
    }

    /**
     * The question about {@code request}'s value, field {@code value}; empty when plausible or confirmed. A bulk file
     * passes its {@code histories} (each item's reports read once for all its rows); null reads, for one report, only
     * the target's latest values.
     */
    Optional<FieldProblem> problem(ReportRequest request, KnownTarget target, Histories histories) {
        BigDecimal value = request.value();
        if (request.isConfirmed() || value == null || target.kind() != TargetKind.INDICATOR) {
            return Optional.empty();
        }
        boolean aboveTarget = target.value() != null && target.value().signum() > 0
                && value.compareTo(target.value().multiply(CEILING)) > 0;
        if (!aboveTarget && !target.cumulative()) {
            return Optional.empty();
        }
        Optional<ProgressReport> last = lastAccepted(request, target, histories);
        boolean belowLast = target.cumulative() && last.isPresent() && value.compareTo(last.get().value()) < 0;
        if (!aboveTarget && !belowLast) {
            return Optional.empty();
        }
        String unit = target.unit() == null ? "" : target.unit();
        String goal = target.value() == null ? "无数值目标" : plain(target.value()) + unit;
        String lastText = last.map(r -> plain(r.value()) + unit + "（截至 " + r.asOf() + "，报告 " + r.reportId() + "）")
                .orElse("无");
        String why = aboveTarget ? "超过目标值的 150%" : "低于上次填报的累计值（累计数只增不减）";
        return Optional.of(new FieldProblem("value", IMPLAUSIBLE, "填报数值 " + plain(value) + unit + " " + why
                + "：指标 " + target.targetId() + (target.name() == null ? "" : "（" + target.name() + "）")
                + " 目标 " + goal + "，上次填报 " + lastText + "，本次填报 " + plain(value) + unit
                + "。如确认无误，请加上 \"confirmed\": true 重新提交（批量上传：确认 列填“是”）"));
    }

    static InvalidRequestException implausible(List<FieldProblem> problems) {
        return new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, IMPLAUSIBLE, "数值需要确认", problems);
    }

    private Optional<ProgressReport> lastAccepted(ReportRequest request, KnownTarget target, Histories histories) {
        if (histories == null) {
            Optional<Optional<ProgressReport>> latest = lastAcceptedAmongLatest(request, target);
            if (latest.isPresent()) {
                return latest.get();
            }
            histories = histories(); // the latest were all corrected or excluded: the whole history decides
        }
        List<ProgressReport> history = histories.byItem.computeIfAbsent(target.planYear() + "/" + request.itemId(),
                key -> reports.history(request.itemId(), target.planYear()));
        Set<String> corrected = history.stream().map(ProgressReport::supersedes).filter(id -> id != null)
                .collect(Collectors.toSet());
        return history.stream()
                .filter(r -> r.targetId().equals(request.targetId()) && r.value() != null)
                .filter(r -> !r.reportId().equals(request.reportId()) && !r.reportId().equals(request.supersedes()))
                .filter(r -> !corrected.contains(r.reportId()))
                .filter(r -> request.asOf() == null || !r.asOf().isAfter(request.asOf()))
                .max(Comparator.comparing(ProgressReport::asOf).thenComparing(ProgressReport::acceptedAt));
    }

    /**
     * The last accepted value among the target's {@value #LATEST} latest reports with a value (by as-of date, then
     * arrival; not after this one's as-of date), leaving out this report, the one it corrects and corrected ones; empty
     * (undecided) when all of those {@value #LATEST} were left out, so that older reports must be read.
     */
    private Optional<Optional<ProgressReport>> lastAcceptedAmongLatest(ReportRequest request, KnownTarget target) {
        List<ProgressReport> latest = reports.latestValues(target.planYear(), request.targetId(), request.asOf(),
                LATEST);
        List<ProgressReport> candidates = latest.stream()
                .filter(r -> !r.reportId().equals(request.reportId()) && !r.reportId().equals(request.supersedes()))
                .toList();
        Set<String> corrected = candidates.isEmpty() ? Set.of()
                : reports.corrections(candidates.stream().map(ProgressReport::reportId).toList()).keySet();
        Optional<ProgressReport> last = candidates.stream().filter(r -> !corrected.contains(r.reportId())).findFirst();
        return last.isPresent() || latest.size() < LATEST ? Optional.of(last) : Optional.empty();
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
