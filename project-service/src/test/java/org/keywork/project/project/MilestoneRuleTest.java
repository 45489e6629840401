package org.keywork.project.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keywork.events.TrackingStatus;

class MilestoneRuleTest {

    @Test
    void aNegativeStartRedMonthsIsRefused() {
        assertThatThrownBy(() -> new MilestoneRule(-1)).isInstanceOf(IllegalArgumentException.class);
    }


    private final MilestoneRule rule = new MilestoneRule(3);

    @ParameterizedTest(name = "{0}: {1} due {2}, forecast {3}, reached {4}, on {5} -> {6} {7}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | type       | baseline   | forecast   | reached    | today      | status | rule
            start not yet due                        | START      | 2021-06-15 |            |            | 2021-05-31 | GREEN  | milestone-on-track
            start due this month, not started        | START      | 2021-06-15 |            |            | 2021-06-01 | YELLOW | milestone-not-started
            start just past due                      | START      | 2021-06-15 |            |            | 2021-06-30 | YELLOW | milestone-not-started
            start a day short of three months late   | START      | 2021-06-15 |            |            | 2021-09-14 | YELLOW | milestone-not-started
            start three months late                  | START      | 2021-06-15 |            |            | 2021-09-15 | RED    | milestone-not-started
            start begun                              | START      | 2021-06-15 |            | 2021-06-10 | 2021-09-20 | DONE   | milestone-reached
            start begun late                         | START      | 2021-06-15 |            | 2021-08-01 | 2021-08-01 | DONE   | milestone-reached
            start forecast to slip                   | START      | 2021-06-15 | 2021-08-01 |            | 2021-05-20 | YELLOW | milestone-slip
            completion due today                     | COMPLETION | 2021-12-31 |            |            | 2021-12-31 | GREEN  | milestone-on-track
            completion past due                      | COMPLETION | 2021-12-31 |            |            | 2022-01-01 | RED    | milestone-overdue
            completion forecast later                | COMPLETION | 2021-12-31 | 2022-03-31 |            | 2021-10-01 | YELLOW | milestone-slip
            completion forecast earlier              | COMPLETION | 2021-12-31 | 2021-11-30 |            | 2021-10-01 | GREEN  | milestone-on-track
            a slip becomes overdue                   | COMPLETION | 2021-12-31 | 2022-03-31 |            | 2022-01-05 | RED    | milestone-overdue
            completion reached                       | COMPLETION | 2021-12-31 |            | 2021-12-20 | 2022-01-05 | DONE   | milestone-reached
            a reached date in the future is not yet  | COMPLETION | 2021-12-31 |            | 2021-12-20 | 2021-12-01 | GREEN  | milestone-on-track
            other step past due                      | OTHER      | 2021-09-30 |            |            | 2021-10-01 | RED    | milestone-overdue
            no baseline, nothing to judge            | OTHER      |            |            |            | 2021-10-01 | GREEN  | milestone-on-track
            """)
    void judgesMilestones(String name, MilestoneType type, LocalDate baseline, LocalDate forecast,
            LocalDate reached, LocalDate today, TrackingStatus status, String ruleName) {
        MilestoneRule.Judgement judgement = rule.judge(type, baseline, forecast, reached, today);

        assertThat(judgement.status()).isEqualTo(status);
        assertThat(judgement.rule()).isEqualTo(ruleName);
        assertThat(judgement.period()).isEqualTo(today.toString().substring(0, 7));
    }

    @ParameterizedTest(name = "unscheduled {0}: forecast {1}, reached {2}, on {3} -> {4} {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | forecast   | reached    | today      | status      | rule
            in September nothing to judge yet        |            |            | 2021-09-30 | NOT_STARTED | milestone-unscheduled
            from October 1 not reached               |            |            | 2021-10-01 | YELLOW      | milestone-year-end
            on the year's last day                   |            |            | 2021-12-31 | YELLOW      | milestone-year-end
            after the year's end                     |            |            | 2022-01-01 | RED         | milestone-overdue
            reached in March                         |            | 2021-03-10 | 2021-06-30 | DONE        | milestone-reached
            reached in December, judged after        |            | 2021-12-20 | 2022-01-05 | DONE        | milestone-reached
            forecast into next year                  | 2022-03-31 |            | 2021-05-31 | YELLOW      | milestone-slip
            forecast within the year                 | 2021-11-30 |            | 2021-05-31 | NOT_STARTED | milestone-unscheduled
            """)
    void judgesUnscheduledMilestonesAgainstTheYearsEndNeverGreen(String name, LocalDate forecast, LocalDate reached,
            LocalDate today, TrackingStatus status, String ruleName) {
        for (MilestoneType type : MilestoneType.values()) {
            MilestoneRule.Judgement judgement = rule.judge(unscheduled(type, forecast, reached), today);

            assertThat(judgement.status()).as(type.name()).isEqualTo(status);
            assertThat(judgement.rule()).as(type.name()).isEqualTo(ruleName);
        }
    }

    @ParameterizedTest(name = "{0}: next look after {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                        | today      | next
            unscheduled in spring: the last quarter       | 2021-03-31 | 2021-10-01
            unscheduled in the last quarter: after 12-31  | 2021-10-01 | 2022-01-01
            unscheduled overdue: nothing more             | 2022-01-01 |
            """)
    void unscheduledMilestonesAreLookedAtWhenTheirJudgementCanChange(String name, LocalDate today, LocalDate next) {
        Milestone milestone = unscheduled(MilestoneType.COMPLETION, null, null);
        assertThat(rule.nextLook(milestone, today)).isEqualTo(next);
        // nothing changes by time alone before the next look
        if (next != null) {
            assertThat(rule.judge(milestone, next.minusDays(1)).status())
                    .isEqualTo(rule.judge(milestone, today).status());
            assertThat(rule.judge(milestone, next).status()).isNotEqualTo(rule.judge(milestone, today).status());
        }
    }

    @ParameterizedTest(name = "a START due {0}: next look after {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2021-06-15 | 2021-03-31 | 2021-06-01
            2021-06-15 | 2021-06-01 | 2021-09-15
            2021-06-15 | 2021-06-16 | 2021-09-15
            2021-06-15 | 2021-09-15 |
            """)
    void scheduledMilestonesAreLookedAtWhenTheirJudgementCanChange(LocalDate due, LocalDate today, LocalDate next) {
        Milestone start = new Milestone("9.1#1", MilestoneType.START, "开工", due, null, null, null, null, null, null,
                null, null, true);
        assertThat(rule.nextLook(start, today)).isEqualTo(next);
    }

    private static Milestone unscheduled(MilestoneType type, LocalDate forecast, LocalDate reached) {
        return new Milestone("9.8#1", type, "大宁中心广场五期项目", LocalDate.of(2021, 12, 31), null, null, null,
                forecast, null, reached, null, null, false);
    }
}
