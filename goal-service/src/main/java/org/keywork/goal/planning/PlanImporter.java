package org.keywork.goal.planning;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Optional;
import org.keywork.events.MilestoneDefinition;
import org.keywork.events.Responsibility;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.PlanItems;
import org.keywork.goal.plan.document.ParsedIndicator;
import org.keywork.goal.plan.document.ParsedItem;
import org.keywork.goal.plan.document.ParsedMilestone;
import org.keywork.goal.plan.document.ParsedPlan;
import org.keywork.goal.plan.document.ParsedSection;
import org.keywork.goal.plan.document.PlanDocumentParser;
import org.keywork.goal.plan.document.SectionKind;
import org.keywork.goal.planning.PlanSnapshot.Heading;
import org.keywork.goal.planning.PlanSnapshot.Item;
import org.keywork.goal.planning.PlanSnapshot.Section;
import org.keywork.goal.planning.PlanSnapshot.Target;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Imports an official plan document: reads it, keeps who answers for each item (as now assigned, else as in the
 * previous version, else the shipped sample), and commits it as the next plan version — or, for a dry run, only
 * shows what would be imported.
 */
@Service
class PlanImporter {

    static final String DOCUMENT = "DOCUMENT";

    private final PlanVersions versions;
    private final PlanItems items;
    private final ResponsibilitySample sample;

    PlanImporter(PlanVersions versions, PlanItems items, ResponsibilitySample sample) {
        this.versions = versions;
        this.items = items;
        this.sample = sample;
    }

    /** The result of an import: what stands now, whether it is new, and what the reader could not read. */
    record Imported(String outcome, PlanVersion version, PlanSnapshot plan, List<PlanVersion.Warning> warnings,
            List<PlanChange> changes) {
    }

    Imported importDocument(byte[] upload, boolean dryRun, String by) {
        String text = decode(upload);
        ParsedPlan parsed = new PlanDocumentParser().parse(text);
        List<PlanVersion.Warning> warnings = parsed.warnings().stream()
                .map(w -> new PlanVersion.Warning(w.code().name(), w.message(), w.line(), w.excerpt())).toList();
        if (parsed.sections().isEmpty() || parsed.header() == null || parsed.header().planYear() <= 0) {
            List<FieldProblem> problems = new ArrayList<>();
            problems.add(new FieldProblem("body", parsed.sections().isEmpty() ? "no-sections" : "no-plan-year",
                    parsed.sections().isEmpty() ? "没有识别出任何章节（如“一、……”）和事项（如“（一）……”），请确认上传的是重点工作目标安排原文"
                            : "无法从标题中识别计划年度（如“2021 年区政府重点工作目标安排”）"));
            warnings.stream().limit(20).forEach(w -> problems.add(new FieldProblem("body", w.code().toLowerCase()
                    .replace('_', '-'), "第 " + w.line() + " 行：" + w.message())));
            throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION,
                    "无法导入该文件", problems);
        }
        PlanSnapshot plan = snapshot(parsed);
        if (dryRun) {
            List<PlanChange> changes = versions.latest(plan.planYear())
                    .map(latest -> PlanDiff.between(latest.plan(), plan)).orElse(List.of());
            return new Imported("PREVIEW", null, plan, warnings, changes);
        }
        PlanVersions.Committed committed = versions.commit(plan, DOCUMENT, by, "导入文件", warnings);
        return new Imported(committed.created() ? "CREATED" : "UNCHANGED", committed.version(),
                committed.version().plan(), warnings, committed.created() ? committed.version().changes() : List.of());
    }

    private PlanSnapshot snapshot(ParsedPlan parsed) {
        int year = parsed.header().planYear();
        Optional<PlanVersion> previous = versions.latest(year);
        Map<String, PlanItem> current = items.ofYear(year).stream()
                .collect(Collectors.toMap(PlanItem::itemId, Function.identity()));
        List<Section> sections = new ArrayList<>();
        for (ParsedSection section : parsed.sections()) {
            List<Item> sectionItems = new ArrayList<>();
            for (ParsedItem item : section.items()) {
                sectionItems.add(item(year, section, item, Optional.ofNullable(current.get(item.id())), previous));
            }
            sections.add(new Section(section.number(), section.title(),
                    section.kind() == SectionKind.CONSTRUCTION ? Section.CONSTRUCTION : Section.GOALS, sectionItems));
        }
        var header = parsed.header();
        return new PlanSnapshot(year, new Heading(header.issuer(), header.documentNumber(), header.title(),
                header.issuedOn()), sections, parsed.notes(), parsed.copyTo());
    }

    private Item item(int year, ParsedSection section, ParsedItem parsed, Optional<PlanItem> current,
            Optional<PlanVersion> previous) {
        List<Target> targets = parsed.indicators().stream().map(PlanImporter::target).toList();
        List<MilestoneDefinition> milestones = parsed.milestones().stream().map(PlanImporter::milestone).toList();
        Optional<Item> before = previous.flatMap(version -> version.plan().item(parsed.id()));
        Responsibility responsibility;
        boolean sampleResponsibility;
        if (current.isPresent() && current.get().responsibility() != null) {
            responsibility = current.get().responsibility();
            sampleResponsibility = current.get().sampleResponsibility();
        } else if (before.isPresent() && before.get().responsibility() != null) {
            responsibility = before.get().responsibility();
            sampleResponsibility = before.get().sampleResponsibility();
        } else {
            responsibility = sample.forItem(year, parsed.id()).orElse(null);
            sampleResponsibility = responsibility != null;
        }
        return new Item(parsed.id(), section.number(), parsed.text(), parsed.starCount(), targets, milestones,
                responsibility, sampleResponsibility);
    }

    private static Target target(ParsedIndicator indicator) {
        return new Target(indicator.id(), indicator.name(), indicator.value(), indicator.unit(),
                indicator.direction().name(), indicator.qualifiers().stream().map(Enum::name).sorted().toList(),
                indicator.starred(), indicator.partOf(), indicator.sourcePhrase());
    }

    private static MilestoneDefinition milestone(ParsedMilestone milestone) {
        return new MilestoneDefinition(milestone.id(), milestone.type().name(), milestone.name(), milestone.value(),
                milestone.unit(), milestone.plannedDate(), milestone.sourcePhrase());
    }

    /** The upload as UTF-8 text; an empty or binary upload is refused with the reason. */
    static String decode(byte[] upload) {
        if (upload == null || upload.length == 0) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("body", "empty", "上传的文件为空")));
        }
        for (byte b : upload) {
            if (b == 0) {
                throw binary();
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(upload)).toString();
            if (text.isBlank()) {
                throw InvalidRequestException.invalid(List.of(new FieldProblem("body", "empty", "上传的文件只有空白")));
            }
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw binary();
        }
    }

    private static InvalidRequestException binary() {
        return new InvalidRequestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "不是文本文件", List.of(new FieldProblem("body", "not-text",
                        "上传内容不是 UTF-8 文本（可能是 Word、PDF 或其他二进制文件），请上传文件的纯文本（.txt，UTF-8）")));
    }
}
