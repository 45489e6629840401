package org.keywork.goal.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keywork.events.TrackingStatus;

class MissingReportRuleTest {

    @ParameterizedTest(name = "{0}: cut-off {1} + {2} days, last {3}, on {4} -> missing {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                      | cutoff | grace | lastReport | today      | missing | since   | deadline
            February in, March still within grace       | 28     | 3     | 2021-02-26 | 2021-03-31 |         |         |
            March missing the day after grace           | 28     | 3     | 2021-02-26 | 2021-04-01 | 2021-03 | 2021-03 | 2021-03-31
            a month-end report is that month's          | 28     | 3     | 2021-03-31 | 2021-04-01 |         |         |
            no report, January still within grace       | 28     | 3     |            | 2021-01-31 |         |         |
            no report after January's grace             | 28     | 3     |            | 2021-02-01 | 2021-01 | 2021-01 | 2021-01-31
            several months missing                      | 28     | 3     | 2021-01-28 | 2021-05-10 | 2021-04 | 2021-02 | 2021-05-01
            February's grace ends on 3 March            | 28     | 3     | 2021-01-31 | 2021-03-03 |         |         |
            February missing on 4 March                 | 28     | 3     | 2021-01-31 | 2021-03-04 | 2021-02 | 2021-02 | 2021-03-03
            a weekend deadline is not extended          | 28     | 3     | 2021-06-30 | 2021-08-01 | 2021-07 | 2021-07 | 2021-07-31
            December missing after the year             | 28     | 3     | 2021-11-30 | 2022-02-15 | 2021-12 | 2021-12 | 2021-12-31
            December in, nothing more asked             | 28     | 3     | 2021-12-31 | 2022-03-01 |         |         |
            nothing asked before the plan year          | 28     | 3     |            | 2020-12-15 |         |         |
            a report from the year before counts not    | 28     | 3     | 2020-12-20 | 2021-03-10 | 2021-02 | 2021-01 | 2021-03-03
            an earlier cut-off without grace            | 25     | 0     | 2021-02-20 | 2021-03-26 | 2021-03 | 2021-03 | 2021-03-25
            cut-off 31 is February's last day           | 31     | 0     | 2021-01-31 | 2021-03-01 | 2021-02 | 2021-02 | 2021-02-28
            """)
    void aReportIsMissingOnceItsGracePeriodHasPassed(String name, int cutoff, int grace, LocalDate lastReport,
            LocalDate today, YearMonth missing, YearMonth since, LocalDate deadline) {
        Optional<MissingReportRule.MissingReport> result = new MissingReportRule(cutoff, grace)
                .check(lastReport, today, 2021);

        if (missing == null) {
            assertThat(result).isEmpty();
            return;
        }
        assertThat(result).hasValueSatisfying(report -> {
            assertThat(report.period()).isEqualTo(missing);
            assertThat(report.firstMissing()).isEqualTo(since);
            assertThat(report.deadline()).isEqualTo(deadline);
            assertThat(report.judgement().status()).isEqualTo(TrackingStatus.YELLOW);
            assertThat(report.judgement().rule()).isEqualTo(StatusRules.REPORT_MISSING);
            assertThat(report.judgement().period()).isEqualTo(missing.toString());
        });
    }
}
