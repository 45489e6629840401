package org.keywork.goal.planning;

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
import org.keywork.goal.plan.document.ParsedLayout;
import org.keywork.goal.plan.document.PlanCheck;
import org.keywork.goal.plan.document.PlanDocumentParser;
import org.keywork.goal.planning.PlanDocumentReader.DocumentSource;
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
    private final PlanDocumentReader reader;

    PlanImporter(PlanVersions versions, PlanItems items, ResponsibilitySample sample, PlanDocumentReader reader) {
        this.versions = versions;
        this.items = items;
        this.sample = sample;
        this.reader = reader;
    }

    /** The result of an import: what stands now, whether it is new, and what the reader could not read. */
    record Imported(String outcome, PlanVersion version, Read read, PlanSnapshot plan, List<PlanChange> changes) {
    }

    /**
     * A document read into a plan, not stored: what the file was, its text, the layout found, the plan with who
     * answers for each item, and what could not be read.
     */
    record Read(DocumentSource source, String text, ParsedLayout layout, PlanSnapshot plan,
            List<PlanVersion.Warning> warnings) {
    }

    /**
     * Reads an uploaded document into a plan without storing anything.
     *
     * @param year the plan year when the document names none (or names it wrongly), else {@code null}
     */
    Read read(byte[] upload, String contentType, Integer year) {
        PlanDocumentReader.ReadDocument document = reader.read(upload, contentType);
        ParsedPlan parsed = new PlanDocumentParser().parse(document.text());
        List<PlanVersion.Warning> warnings = parsed.warnings().stream()
                .map(w -> new PlanVersion.Warning(w.code().name(), w.message(), w.line(), w.excerpt())).toList();
        Optional<String> notAPlan = PlanCheck.notAPlan(parsed);
        if (notAPlan.isPresent()) {
            List<FieldProblem> problems = new ArrayList<>();
            problems.add(new FieldProblem("body", parsed.items().isEmpty() ? "no-sections" : "not-a-plan",
                    notAPlan.get()));
            warnings.stream().limit(20).forEach(w -> problems.add(new FieldProblem("body", w.code().toLowerCase()
                    .replace('_', '-'), "第 " + w.line() + " 行：" + w.message())));
            throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION,
                    "无法导入该文件", problems);
        }
        int planYear = year != null ? year : parsed.header().planYear();
        if (planYear < 2000 || planYear > 2100) {
            throw new InvalidRequestException(HttpStatus.UNPROCESSABLE_CONTENT, Problems.VALIDATION, "无法导入该文件",
                    List.of(new FieldProblem(year != null ? "year" : "body", "no-plan-year", year != null
                            ? "计划年度 " + year + " 不在 2000–2100 之间"
                            : "无法从标题、发文字号或日期识别计划年度（如“2021 年区政府重点工作目标安排”），请用 ?year= 指定")));
        }
        return new Read(document.source(), document.text(), parsed.layout(), snapshot(parsed, planYear), warnings);
    }

    Imported importDocument(byte[] upload, String contentType, Integer year, boolean dryRun, String by) {
        return importDocument(upload, contentType, year, dryRun, by, (done, of) -> {
        });
    }

    /** As above, telling {@code progress} how many of the plan's items are stored so far. */
    Imported importDocument(byte[] upload, String contentType, Integer year, boolean dryRun, String by,
            PlanVersions.Progress progress) {
        Read read = read(upload, contentType, year);
        PlanSnapshot plan = read.plan();
        if (dryRun) {
            List<PlanChange> changes = versions.latest(plan.planYear())
                    .map(latest -> PlanDiff.between(latest.plan(), plan)).orElse(List.of());
            return new Imported("PREVIEW", null, read, plan, changes);
        }
        return store(read, by, progress);
    }

    /** Stores a document already {@link #read} as the year's next version (or finds it unchanged). */
    Imported store(Read read, String by, PlanVersions.Progress progress) {
        PlanSnapshot plan = read.plan();
        PlanVersions.Committed committed = versions.commit(plan, DOCUMENT, by, "导入文件", read.warnings(),
                List.of(), progress);
        return new Imported(committed.created() ? "CREATED" : "UNCHANGED", committed.version(), read,
                committed.version().plan(), committed.created() ? committed.version().changes() : List.of());
    }

    private PlanSnapshot snapshot(ParsedPlan parsed, int year) {
        Optional<PlanVersion> previous = versions.latest(year);
        Map<String, PlanItem> current = items.ofYear(year).stream()
                .collect(Collectors.toMap(PlanItem::itemId, Function.identity()));
        List<Section> sections = new ArrayList<>();
        for (ParsedSection section : parsed.sections()) {
            List<Item> sectionItems = new ArrayList<>();
            for (ParsedItem item : section.items()) {
                sectionItems.add(item(year, section, item, Optional.ofNullable(current.get(item.id())), previous));
            }
            sections.add(new Section(section.number(), section.label(), section.title(),
                    section.kind() == SectionKind.CONSTRUCTION ? Section.CONSTRUCTION : Section.GOALS, sectionItems));
        }
        var header = parsed.header();
        return new PlanSnapshot(year, new Heading(header.issuer(), header.documentNumber(), header.title(),
                header.issuedOn(), parsed.preamble()), sections, parsed.notes(), parsed.copyTo());
    }

    private Item item(int year, ParsedSection section, ParsedItem parsed, Optional<PlanItem> current,
            Optional<PlanVersion> previous) {
        List<Target> targets = parsed.indicators().stream().map(PlanImporter::target).toList();
        Optional<Item> before = previous.flatMap(version -> version.plan().item(parsed.id()));
        // a planned date set for a milestone (任务分解表, editor) stays when the document again gives none
        Map<String, MilestoneDefinition> planned = before.map(item -> item.milestones().stream()
                .filter(m -> m.plannedDate() != null)
                .collect(Collectors.toMap(MilestoneDefinition::id, Function.identity(), (a, b) -> a)))
                .orElse(Map.of());
        List<MilestoneDefinition> milestones = parsed.milestones().stream().map(PlanImporter::milestone)
                .map(m -> m.plannedDate() == null && planned.containsKey(m.id())
                        && planned.get(m.id()).type().equals(m.type())
                        ? new MilestoneDefinition(m.id(), m.type(), m.name(), m.value(), m.unit(),
                                planned.get(m.id()).plannedDate(), m.sourcePhrase())
                        : m)
                .toList();
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
        return new Item(parsed.id(), section.number(), parsed.label(), parsed.group(), parsed.text(),
                parsed.starCount(), targets, milestones, responsibility, sampleResponsibility,
                before.map(Item::deadline).orElse(null));
    }

    static Target target(ParsedIndicator indicator) {
        return new Target(indicator.id(), indicator.name(), indicator.value(), indicator.unit(),
                indicator.direction().name(), indicator.qualifiers().stream().map(Enum::name).sorted().toList(),
                indicator.starred(), indicator.partOf(), indicator.sourcePhrase());
    }

    static MilestoneDefinition milestone(ParsedMilestone milestone) {
        return new MilestoneDefinition(milestone.id(), milestone.type().name(), milestone.name(), milestone.value(),
                milestone.unit(), milestone.plannedDate(), milestone.sourcePhrase());
    }

}
