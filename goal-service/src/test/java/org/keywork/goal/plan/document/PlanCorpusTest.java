package org.keywork.goal.plan.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The corpus of plan layouts ({@code src/test/resources/corpus}): each document is read exactly into the plan its
 * {@code .expected.json} holds (01–10 written to cover the layouts the parser was built for, 11–18 written blind,
 * by an author who did not see the parser, to test it on what it was not tuned for), sections, items, labels, targets, milestones and warnings alike. The 2021 Jing'an
 * document (the bundled plan) is part of it as {@code jingan-2021}.
 *
 * <p>After a deliberate change of the parser, {@code ./mvnw -pl goal-service test -Dtest=PlanCorpusTest
 * -Dkeywork.corpus.update=true} writes the expected plans anew; review the diff before committing it.
 */
class PlanCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static Stream<String> documents() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".txt"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            return Stream.concat(Stream.of("jingan-2021"), names.stream());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void readsExactlyTheExpectedPlan(String name) throws IOException {
        String text = name.equals("jingan-2021") ? PlanDocuments.jingan2021()
                : Files.readString(CORPUS.resolve(name + ".txt"), StandardCharsets.UTF_8);
        String actual = JSON.writeValueAsString(PlanDocuments.parse(text));
        Path expected = CORPUS.resolve(name + ".expected.json");
        if (Boolean.getBoolean("keywork.corpus.update")) {
            Files.writeString(expected, actual + "\n", StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(expected)).as("%s has an expected plan", name).isTrue();
        JsonNode want = read(expected);
        assertThat(JSON.readTree(actual)).as(name).isEqualTo(want);
    }

    /** What a reader checks first: the layout recognised and the items per section. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            jingan-2021                         | 一、     | -      | （一） | PER_SECTION | 8 26 16 18 15 9 12 7 47
            01-dun-sections-arabic-items        | 一、     | -      | 1.     | PER_SECTION | 6 5 5 4 6 4 6
            02-dun-sections-continuous-numbering | 一、    | -      | 1.     | CONTINUOUS  | 8 6 6 7 7 5 6
            03-shishi-list                      | -        | -      | 1.     | PER_SECTION | 20
            04-nested-headings                  | 一、     | （一） | 1.     | PER_SECTION | 5 5 7 7
            05-hard-wrapped-pdf-text            | 一、     | -      | 1.     | PER_SECTION | 5 4 5 4
            06-fullwidth-mixed                  | 一、     | -      | 1.     | PER_SECTION | 6 5 3 5 5
            07-paren-sections                   | （一）   | -      | 1.     | PER_SECTION | 5 4 5 3 6 3
            08-part-chapters                    | 第一部分 | 一、   | 1.     | PER_SECTION | 8 13 8 12
            10-cover-letter-plus-plan           | 一、     | -      | （一） | PER_SECTION | 5 4 6 4 3
            11-binhu-2023-key-work              | 一、     | -      | （一） | PER_SECTION | 5 5 4 5 6 3
            12-qingshan-2024-targets-by-category | 一、    | -      | 1.     | PER_SECTION | 8 7 5 6 9 4
            13-yunxi-2023-shishi-projects       | -        | -      | 1.     | PER_SECTION | 12
            14-hexi-2023-goals-with-project-table | 一、   | -      | （一） | PER_SECTION | 5 4 4 4 5 18
            15-songling-county-2024-tasks       | 一、     | -      | （1）  | PER_SECTION | 6 6 5 5 4 7 3
            16-linjiang-2023-pdf-hardwrap       | 一、     | -      | （一） | PER_SECTION | 4 13 7 3
            17-jinsha-2023-40-tasks-star        | 一、     | （一） | 1.     | CONTINUOUS  | 8 9 6 9 8
            18-wutong-2023-web-copy             | 一、     | -      | 1.     | PER_SECTION | 5 4 3 5 6 3
            """)
    void recognisesTheLayout(String name, String sections, String groups, String items, String numbering,
            String counts) throws IOException {
        String text = name.equals("jingan-2021") ? PlanDocuments.jingan2021()
                : Files.readString(CORPUS.resolve(name + ".txt"), StandardCharsets.UTF_8);
        ParsedPlan plan = PlanDocuments.parse(text);

        assertThat(plan.layout()).isEqualTo(new ParsedLayout(sections.equals("-") ? null : sections,
                groups.equals("-") ? List.of() : List.of(groups), items, numbering));
        assertThat(plan.sections()).extracting(s -> s.items().size())
                .containsExactlyElementsOf(Stream.of(counts.split(" ")).map(Integer::valueOf).toList());
        assertThat(PlanCheck.notAPlan(plan)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aMeetingNoticeIsNoPlan() throws IOException {
        ParsedPlan notice = PlanDocuments.parse(Files.readString(CORPUS.resolve("09-meeting-notice.txt"),
                StandardCharsets.UTF_8));

        assertThat(notice.header().notice()).isEqualTo("关于召开2022年区政府重点工作推进会的通知");
        assertThat(PlanCheck.notAPlan(notice)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("关于召开2022年区政府重点工作推进会的通知", "不是重点工作计划"));
    }

    private static JsonNode read(Path path) {
        try {
            return JSON.readTree(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
