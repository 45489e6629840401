package org.keywork.goal.plan.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The 2021 document the service ships (its bundled plan), and the variants the tests build from it. */
final class PlanDocuments {

    static final String JINGAN_2021 = "/plan/jingan-2021-key-work-goals.txt";

    /** Where the shared original lives, relative to the module directory Maven runs the tests in. */
    static final Path SHARED_ORIGINAL = Path.of("").toAbsolutePath()
            .resolve("../../shared/plan/jingan-2021-key-work-goals.txt").normalize();

    private static final Pattern SECTION_HEADING = Pattern.compile("^\\s*([一二三四五六七八九十]+)、(.*)$");

    private PlanDocuments() {
    }

    static String jingan2021() {
        try (InputStream in = PlanDocuments.class.getResourceAsStream(JINGAN_2021)) {
            if (in == null) {
                throw new IllegalStateException(JINGAN_2021 + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedPlan parse(String text) {
        return new PlanDocumentParser().parse(text);
    }

    /**
     * The document with its sections reordered: {@code order} lists the old section numbers in their new order,
     * and each section is renumbered by its new position (一、二、…). Heading and tail (notes, 抄送) stay.
     */
    static String reorderSections(String text, int... order) {
        List<String> lines = List.of(text.split("\n", -1));
        List<String> head = new ArrayList<>();
        List<List<String>> sections = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        for (String line : lines) {
            Matcher heading = SECTION_HEADING.matcher(line);
            if (line.startsWith("注：")) {
                tail.add(line);
            } else if (!tail.isEmpty()) {
                tail.add(line);
            } else if (heading.matches() && ChineseNumerals.parse(heading.group(1)) == sections.size() + 1) {
                sections.add(new ArrayList<>(List.of(heading.group(2))));
            } else if (sections.isEmpty()) {
                head.add(line);
            } else {
                sections.get(sections.size() - 1).add(line);
            }
        }
        if (order.length != sections.size()) {
            throw new IllegalArgumentException("the document has " + sections.size() + " sections");
        }
        List<String> out = new ArrayList<>(head);
        for (int i = 0; i < order.length; i++) {
            List<String> section = sections.get(order[i] - 1);
            out.add(ChineseNumerals.format(i + 1) + "、" + section.get(0));
            out.addAll(section.subList(1, section.size()));
        }
        out.addAll(tail);
        return String.join("\n", out);
    }
}
