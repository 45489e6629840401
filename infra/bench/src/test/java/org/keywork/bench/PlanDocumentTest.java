package org.keywork.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanDocumentTest {

    @Test
    void chineseSectionNumbers() {
        assertThat(PlanDocument.ChineseNumber.of(1)).isEqualTo("一");
        assertThat(PlanDocument.ChineseNumber.of(10)).isEqualTo("十");
        assertThat(PlanDocument.ChineseNumber.of(11)).isEqualTo("十一");
        assertThat(PlanDocument.ChineseNumber.of(20)).isEqualTo("二十");
        assertThat(PlanDocument.ChineseNumber.of(50)).isEqualTo("五十");
        assertThat(PlanDocument.ChineseNumber.of(99)).isEqualTo("九十九");
        assertThatThrownBy(() -> PlanDocument.ChineseNumber.of(100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itemsAreNumberedPerSection() {
        assertThat(PlanDocument.sections(5000, 100)).isEqualTo(50);
        assertThat(PlanDocument.sections(250, 100)).isEqualTo(3);
        assertThat(PlanDocument.itemsInSection(250, 100, 3)).isEqualTo(50);
        assertThat(PlanDocument.itemId(0, 100)).isEqualTo("1.1");
        assertThat(PlanDocument.itemId(99, 100)).isEqualTo("1.100");
        assertThat(PlanDocument.itemId(4999, 100)).isEqualTo("50.100");
        assertThatThrownBy(() -> PlanDocument.generate(2031, 10_000, 100, "基准区"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void documentHasATitleSectionsAndOneTargetPerItem() {
        String doc = PlanDocument.generate(2031, 250, 100, "基准区");
        List<String> lines = doc.lines().toList();
        assertThat(lines.get(0)).isEqualTo("上海市基准区人民政府");
        assertThat(lines.get(2)).isEqualTo("2031年区政府重点工作安排");
        assertThat(lines).filteredOn(l -> l.matches("^[一二三四五六七八九十]+、.*")).hasSize(3);
        List<String> items = lines.stream().filter(l -> l.matches("^\\d+\\..*")).toList();
        assertThat(items).hasSize(250);
        assertThat(items).allMatch(l -> l.endsWith("100个。"));
        // no other digits in an item than its number and its one target
        assertThat(items).allMatch(l -> l.replaceFirst("^\\d+\\.", "").replaceAll("100个。$", "").matches("\\D+"));
    }

    /** The real importer reads it: 5,000 items, one indicator each (needs goal-service compiled; else skipped). */
    @Test
    void goalServicesParserReadsFiveThousandItemsWithOneIndicatorEach() throws Exception {
        Class<?> parserClass;
        try {
            parserClass = Class.forName("org.keywork.goal.plan.document.PlanDocumentParser");
        } catch (ClassNotFoundException e) {
            assumeTrue(false, "goal-service is not compiled: the parser is not on the test classpath");
            return;
        }
        Object parser = parserClass.getDeclaredConstructor().newInstance();
        Method parse = parserClass.getMethod("parse", String.class);
        Object plan = parse.invoke(parser, PlanDocument.generate(2031, 5000, 100, "基准区"));

        List<?> sections = (List<?>) call(plan, "sections");
        assertThat(sections).hasSize(50);
        List<Object> items = new ArrayList<>();
        for (Object section : sections) {
            items.addAll((List<?>) call(section, "items"));
        }
        assertThat(items).hasSize(5000);
        assertThat(call(items.get(0), "id")).isEqualTo("1.1");
        assertThat(call(items.get(4999), "id")).isEqualTo("50.100");
        for (Object item : items) {
            List<?> indicators = (List<?>) call(item, "indicators");
            assertThat(indicators).as("indicators of %s", call(item, "id")).hasSize(1);
            Object indicator = indicators.get(0);
            assertThat(((Number) call(indicator, "value")).intValue()).isEqualTo(100);
            assertThat(call(indicator, "unit")).isEqualTo("个");
            assertThat(String.valueOf(call(indicator, "id"))).isEqualTo(call(item, "id") + "#1");
        }
        Object header = call(plan, "header");
        assertThat(((Number) call(header, "planYear")).intValue()).isEqualTo(2031);
    }

    private static Object call(Object target, String accessor) throws Exception {
        Method m = target.getClass().getMethod(accessor);
        m.setAccessible(true);
        return m.invoke(target);
    }
}
