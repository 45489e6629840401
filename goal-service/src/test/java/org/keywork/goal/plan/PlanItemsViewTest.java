package org.keywork.goal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.keywork.events.Responsibility;
import org.keywork.events.TrackingStatus;

class PlanItemsViewTest {

    /** What the store holds: item id to item; and what the view asked it for. */
    final Map<String, PlanItem> stored = new ConcurrentHashMap<>();
    final List<Collection<String>> reads = new ArrayList<>();
    final PlanItemsView view = new PlanItemsView(() -> List.copyOf(stored.values()), ids -> {
        reads.add(List.copyOf(ids));
        return ids.stream().map(stored::get).filter(java.util.Objects::nonNull).toList();
    });

    static PlanItem item(String itemId, List<String> appliedReports) {
        Indicator planned = Indicator.planned(itemId + "#1", "指标", BigDecimal.TEN, "个", "AT_LEAST", false);
        Indicator indicator = new Indicator(planned.id(), planned.name(), planned.target(), planned.unit(),
                planned.direction(), false, BigDecimal.ONE, LocalDate.of(2021, 6, 30), Instant.EPOCH, "r",
                TrackingStatus.GREEN, null, null, appliedReports);
        return new PlanItem("2021/" + itemId, 2021, itemId, 1, "第一部分", "事项 " + itemId, false, 0,
                new Responsibility("区长", "区民政局", List.of()), true, List.of(), 1, "2021/v1", List.of(indicator), 0,
                List.of());
    }

    @Test
    void readsAnItemAgainUntilItShowsTheReportsTakenMeanwhile() {
        stored.put("2021/1.1", item("1.1", List.of()));
        stored.put("2021/1.2", item("1.2", List.of()));
        assertThat(view.ofYear(2021)).hasSize(2);

        // many reports for one item while nobody reads: one pending entry, read once
        for (int i = 0; i < 20_000; i++) {
            view.reported("2021/1.1", "r-" + i);
        }
        reads.clear();
        stored.put("2021/1.1", item("1.1", List.of("r-19999")));
        assertThat(view.ofYear(2021)).extracting(PlanItem::itemId).containsExactlyInAnyOrder("1.1", "1.2");
        assertThat(reads).containsExactly(List.of("2021/1.1"));

        // the earlier reports are not shown yet: the item is read again on the next answer, not 1.2
        reads.clear();
        view.ofYear(2021);
        assertThat(reads).containsExactly(List.of("2021/1.1"));

        // a report the item shows is not waited for again
        view.reported("2021/1.2", "q-1");
        stored.put("2021/1.2", item("1.2", List.of("q-1")));
        reads.clear();
        view.ofYear(2021);
        view.ofYear(2021);
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0)).containsExactlyInAnyOrder("2021/1.1", "2021/1.2");
        assertThat(reads.get(1)).containsExactly("2021/1.1");
    }

    @Test
    void anItemGoneFromTheStoreLeavesTheView() {
        stored.put("2021/1.1", item("1.1", List.of()));
        assertThat(view.ofYear(2021)).hasSize(1);
        stored.clear();
        view.changed("2021/1.1");
        assertThat(view.ofYear(2021)).isEmpty();
        assertThat(view.ofYear(2022)).isEmpty();
    }
}
