package org.keywork.goal.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keywork.events.TrackingStatus;

class ScheduleRuleTest {

    private final ScheduleRule rule = new ScheduleRule(BigDecimal.TEN, BigDecimal.valueOf(30));

    @ParameterizedTest(name = "{0}: target {1} {2}, actual {3} on {4} -> {5} (expected {6}, behind {7} pts)")
    @CsvSource(delimiter = '|', textBlock = """
            # case                          | target | direction     | actual | asOf       | status | expected | behind
            nothing done by end of Sept     | 2      | AT_LEAST      | 0      | 2021-09-30 | RED    | 1.5      | 74.8
            on the curve at mid-year        | 400    | AT_LEAST      | 200    | 2021-07-02 | GREEN  | 200.55   | 0.1
            slightly ahead                  | 620    | AT_LEAST      | 320    | 2021-06-30 | GREEN  | 307.45   | -2.0
            15 points behind is yellow      | 100    | AT_LEAST      | 35     | 2021-06-30 | YELLOW | 49.59    | 14.6
            exactly 10 points is green      | 365    | AT_LEAST      | 55     | 2021-03-31 | GREEN  | 90       | 9.6
            31 points behind is red         | 100    | AT_LEAST      | 19     | 2021-06-30 | RED    | 49.59    | 30.6
            target met early is done        | 30     | AT_LEAST      | 30     | 2021-05-01 | DONE   | 9.95     | -66.8
            beyond the target is done       | 2      | AT_LEAST      | 3      | 2021-12-31 | DONE   | 2        | -50.0
            short at year end is red        | 800    | AT_LEAST      | 790    | 2021-12-31 | GREEN  | 800      | 1.3
            short after the year is overdue | 800    | AT_LEAST      | 790    | 2022-01-15 | RED    | 800      | 1.3
            before the year nothing is due  | 8      | AT_LEAST      | 0      | 2020-12-31 | GREEN  | 0        | 0.0
            ceiling kept                    | 750    | AT_MOST       | 700    | 2021-06-30 | GREEN  | 750      | 0
            ceiling broken                  | 750    | AT_MOST       | 760    | 2021-06-30 | RED    | 750      | 0
            floor kept                      | 80     | KEEP_AT_LEAST | 85     | 2021-06-30 | GREEN  | 80       | 0
            floor broken                    | 80     | KEEP_AT_LEAST | 78     | 2021-06-30 | RED    | 80       | 0
            """)
    void judgesAgainstALinearPlanCurve(String name, BigDecimal target, String direction, BigDecimal actual,
            LocalDate asOf, TrackingStatus status, BigDecimal expected, BigDecimal behind) {
        Judgement judgement = rule.judge(target, direction, actual, asOf, 2021);

        assertThat(judgement.status()).isEqualTo(status);
        assertThat(judgement.expected()).isEqualByComparingTo(expected);
        assertThat(judgement.shortfallPoints()).isEqualByComparingTo(behind);
        assertThat(judgement.period()).isEqualTo(asOf.toString().substring(0, 7));
    }
}
