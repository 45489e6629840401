package org.keywork.goal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keywork.events.TrackingStatus;

class StatusRulesTest {

    private final StatusRules rules = new StatusRules(TrackingProperties.defaults());

    private Judgement first(TargetKind kind, String target, String actual, LocalDate asOf) {
        return rules.judge(kind, new BigDecimal(target), PlanCurve.linear(), 2021,
                new StatusRules.Reading(new BigDecimal(actual), asOf), null, TrackingStatus.NOT_STARTED);
    }

    private static void assertJudged(Judgement judgement, TrackingStatus status, String rule, String expected,
            String behind, LocalDate asOf) {
        assertThat(judgement.status()).isEqualTo(status);
        assertThat(judgement.rule()).isEqualTo(rule);
        assertThat(judgement.expected()).isEqualByComparingTo(expected);
        assertThat(judgement.shortfallPoints()).isEqualByComparingTo(behind);
        assertThat(judgement.period()).isEqualTo(asOf.toString().substring(0, 7));
        assertThat(judgement.caughtUp()).isFalse();
    }

    /** The cases of the former ScheduleRule, on the linear curve and through its signature. */
    @ParameterizedTest(name = "{0}: target {1}, actual {2} on {3} -> {4} by {5} (expected {6}, behind {7} pts)")
    @CsvSource(delimiter = '|', textBlock = """
            # case                          | target | actual | asOf       | status | rule            | expected | behind
            nothing done by end of Sept     | 2      | 0      | 2021-09-30 | RED    | behind-schedule | 1.5      | 74.8
            on the curve at mid-year        | 400    | 200    | 2021-07-02 | GREEN  | behind-schedule | 200.55   | 0.1
            slightly ahead                  | 620    | 320    | 2021-06-30 | GREEN  | behind-schedule | 307.45   | -2.0
            15 points behind is yellow      | 100    | 35     | 2021-06-30 | YELLOW | behind-schedule | 49.59    | 14.6
            exactly 10 points is green      | 365    | 55     | 2021-03-31 | GREEN  | behind-schedule | 90       | 9.6
            31 points behind is red         | 100    | 19     | 2021-06-30 | RED    | behind-schedule | 49.59    | 30.6
            target met early is done        | 30     | 30     | 2021-05-01 | DONE   | behind-schedule | 9.95     | -66.8
            beyond the target is done       | 2      | 3      | 2021-12-31 | DONE   | behind-schedule | 2        | -50.0
            short on the last day is green | 800    | 790    | 2021-12-31 | GREEN  | behind-schedule | 800      | 1.3
            short after the year is overdue | 800    | 790    | 2022-01-15 | RED    | overdue         | 800      | 1.3
            before the year nothing is due  | 8      | 0      | 2020-12-31 | GREEN  | behind-schedule | 0        | 0.0
            """)
    void cumulativeTargetsFollowTheLinearCurve(String name, BigDecimal target, BigDecimal actual, LocalDate asOf,
            TrackingStatus status, String rule, String expected, String behind) {
        Judgement judgement = rules.judge(target, "AT_LEAST", actual, asOf, 2021);

        assertJudged(judgement, status, rule, expected, behind, asOf);
    }

    @ParameterizedTest(name = "{0}: 1300 亿元, {1} on {2} -> {3} by {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                   | actual | asOf       | status | rule            | expected | behind
            on the curve             | 600    | 2021-06-30 | GREEN  | behind-schedule | 644.66   | 3.4
            eleven points behind     | 500    | 2021-06-30 | YELLOW | behind-schedule | 644.66   | 11.1
            total reached            | 1300   | 2021-11-30 | DONE   | behind-schedule | 1189.59  | -8.5
            short after the year     | 1250   | 2022-01-10 | RED    | overdue         | 1300     | 3.8
            """)
    void levelTargetsAreJudgedLikeCumulativeOnes(String name, String actual, LocalDate asOf, TrackingStatus status,
            String rule, String expected, String behind) {
        assertJudged(first(TargetKind.LEVEL, "1300", actual, asOf), status, rule, expected, behind, asOf);
    }

    @ParameterizedTest(name = "{0}: {1} of {2}% on {3} -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                           | kind      | target | actual | asOf       | status | rule        | behind
            growth above the target is done  | INCREASE  | 5      | 5.2    | 2021-06-30 | DONE   | rate-behind | -0.2
            growth at the target is done     | INCREASE  | 5      | 5      | 2021-03-31 | DONE   | rate-behind | 0
            half a point below is green      | INCREASE  | 5      | 4.5    | 2021-06-30 | GREEN  | rate-behind | 0.5
            exactly 1 point below is green   | INCREASE  | 5      | 4.0    | 2021-06-30 | GREEN  | rate-behind | 1.0
            1.5 points below is yellow       | INCREASE  | 5      | 3.5    | 2021-06-30 | YELLOW | rate-behind | 1.5
            exactly 3 points below is yellow | INCREASE  | 5      | 2.0    | 2021-06-30 | YELLOW | rate-behind | 3.0
            3.1 points below is red          | INCREASE  | 5      | 1.9    | 2021-06-30 | RED    | rate-behind | 3.1
            shrinking is red                 | INCREASE  | 5      | -1     | 2021-06-30 | RED    | rate-behind | 6
            growth short after the year      | INCREASE  | 5      | 4.5    | 2022-01-20 | RED    | overdue     | 0.5
            reduction beyond the target      | REDUCTION | 3.2    | 3.5    | 2021-09-30 | DONE   | rate-behind | -0.3
            reduction 0.7 short is green     | REDUCTION | 3.2    | 2.5    | 2021-09-30 | GREEN  | rate-behind | 0.7
            reduction 2.2 short is yellow    | REDUCTION | 3.2    | 1.0    | 2021-09-30 | YELLOW | rate-behind | 2.2
            no reduction yet is red          | REDUCTION | 3.2    | 0      | 2021-09-30 | RED    | rate-behind | 3.2
            reduction short after the year   | REDUCTION | 3.2    | 3.0    | 2022-01-31 | RED    | overdue     | 0.2
            """)
    void ratesAreJudgedAgainstTheTargetRate(String name, TargetKind kind, String target, String actual,
            LocalDate asOf, TrackingStatus status, String rule, String behind) {
        Judgement judgement = first(kind, target, actual, asOf);

        assertJudged(judgement, status, rule, target, behind, asOf);
        assertThat(judgement.periodStatus()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}: {1} 吨/日 of at most 750 on {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                            | actual | asOf       | status | percent over
            well within                       | 700    | 2021-06-30 | GREEN  | -6.7
            exactly 5 % below is green        | 712.5  | 2021-06-30 | GREEN  | -5.0
            within the last 5 % is yellow     | 730    | 2021-06-30 | YELLOW | -2.7
            at the ceiling is yellow          | 750    | 2021-06-30 | YELLOW | 0
            above the ceiling is red          | 760    | 2021-06-30 | RED    | 1.3
            held at year end is done          | 740    | 2021-12-31 | DONE   | -1.3
            held after the year is done       | 700    | 2022-01-05 | DONE   | -6.7
            exceeded after the year is red    | 760    | 2022-01-05 | RED    | 1.3
            """)
    void ceilingsAreJudgedByTheLevel(String name, String actual, LocalDate asOf, TrackingStatus status,
            String over) {
        Judgement judgement = first(TargetKind.CEILING, "750", actual, asOf);

        assertJudged(judgement, status, StatusRules.CEILING_EXCEEDED, "750", over, asOf);
        assertThat(judgement.periodStatus()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}: {1}% of at least 80% on {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                             | actual | asOf       | status | points below
            above the floor                    | 85     | 2021-06-30 | GREEN  | -5
            at the floor                       | 80     | 2021-06-30 | GREEN  | 0
            a point below is yellow            | 79     | 2021-06-30 | YELLOW | 1
            exactly 2 points below is yellow   | 78     | 2021-06-30 | YELLOW | 2
            more than 2 points below is red    | 77.9   | 2021-06-30 | RED    | 2.1
            held at year end is done           | 81     | 2021-12-31 | DONE   | -1
            missed at year end is red          | 79     | 2021-12-31 | RED    | 1
            """)
    void floorsAreJudgedByTheLevel(String name, String actual, LocalDate asOf, TrackingStatus status,
            String below) {
        assertJudged(first(TargetKind.FLOOR, "80", actual, asOf), status, StatusRules.BELOW_FLOOR, "80", below,
                asOf);
    }

    @ParameterizedTest(name = "{0}: {1} was {2}, now {5} on {6} -> {7}, caught up {8}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                | kind       | target | before | prev | prevAsOf   | actual | asOf       | status | caughtUp
            red back within the red threshold     | CUMULATIVE | 100    | RED    | 20   | 2021-06-30 | 40     | 2021-07-31 | YELLOW | true
            red back within the yellow threshold  | CUMULATIVE | 100    | RED    | 20   | 2021-06-30 | 55     | 2021-07-31 | GREEN  | true
            red still too far behind              | CUMULATIVE | 100    | RED    | 20   | 2021-06-30 | 25     | 2021-07-31 | RED    | false
            red straight to done                  | CUMULATIVE | 100    | RED    | 20   | 2021-06-30 | 100    | 2021-07-31 | DONE   | true
            yellow to green is no catch-up        | CUMULATIVE | 100    | YELLOW | 30   | 2021-06-30 | 55     | 2021-07-31 | GREEN  | false
            a rate recovering to yellow           | INCREASE   | 5      | RED    | 1    | 2021-06-30 | 3      | 2021-07-31 | YELLOW | true
            a ceiling back under                  | CEILING    | 750    | RED    | 760  | 2021-06-30 | 740    | 2021-07-31 | YELLOW | true
            a floor back above                    | FLOOR      | 80     | RED    | 70   | 2021-06-30 | 81     | 2021-07-31 | GREEN  | true
            """)
    void anIndicatorLeavingRedIsMarkedCaughtUp(String name, TargetKind kind, String target, TrackingStatus before,
            String previous, LocalDate previousAsOf, String actual, LocalDate asOf, TrackingStatus status,
            boolean caughtUp) {
        Judgement judgement = rules.judge(kind, new BigDecimal(target), PlanCurve.linear(), 2021,
                new StatusRules.Reading(new BigDecimal(actual), asOf),
                new StatusRules.Reading(new BigDecimal(previous), previousAsOf), before);

        assertThat(judgement.status()).isEqualTo(status);
        assertThat(judgement.caughtUp()).isEqualTo(caughtUp);
    }

    @ParameterizedTest(name = "{0}: -> cumulative {6}, period {8}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                 | curve                           | prev | prevAsOf   | actual | asOf       | status | behind | period | periodBehind
            a month without progress while ahead   | linear                          | 600  | 2021-05-31 | 600    | 2021-06-30 | GREEN  | -0.4   | RED    | 100.0
            a good month while far behind          | linear                          | 100  | 2021-05-31 | 200    | 2021-06-30 | RED    | 32.9   | GREEN  | -1.4
            the first report judges from January   |                                 |      |            | 80     | 2021-01-31 | GREEN  | 1.8    | YELLOW | 21.5
            nothing due between stepped checkpoints| quarterly-stepwise:20,45,70,100 | 240  | 2021-03-31 | 240    | 2021-04-30 | GREEN  | 0.0    | GREEN  | 0
            a checkpoint month without progress    | quarterly-stepwise:20,45,70,100 | 240  | 2021-05-31 | 240    | 2021-06-30 | YELLOW | 25.0   | RED    | 100.0
            done is done for the period too        | linear                          | 1100 | 2021-10-31 | 1200   | 2021-11-30 | DONE   | -8.5   | DONE   | 0.0
            """)
    void thePeriodIsJudgedApartFromTheCumulativePosition(String name, String curve, String previous,
            LocalDate previousAsOf, String actual, LocalDate asOf, TrackingStatus status, String behind,
            TrackingStatus periodStatus, String periodBehind) {
        StatusRules.Reading before = previous == null ? null
                : new StatusRules.Reading(new BigDecimal(previous), previousAsOf);
        Judgement judgement = rules.judge(TargetKind.CUMULATIVE, new BigDecimal("1200"), PlanCurve.parse(curve),
                2021, new StatusRules.Reading(new BigDecimal(actual), asOf), before,
                before == null ? TrackingStatus.NOT_STARTED : TrackingStatus.GREEN);

        assertThat(judgement.status()).isEqualTo(status);
        assertThat(judgement.shortfallPoints()).isEqualByComparingTo(behind);
        assertThat(judgement.periodStatus()).isEqualTo(periodStatus);
        if (periodStatus != TrackingStatus.DONE) {
            assertThat(judgement.periodShortfallPoints()).isEqualByComparingTo(periodBehind);
        }
    }

    @ParameterizedTest(name = "{0}: {2} of 350 on {3} with {1} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                              | curve                                           | actual | asOf       | status | expected | behind
            quarterly Q1 checkpoint is lower    | quarterly:20,45,70,100                          | 40     | 2021-03-31 | GREEN  | 70       | 8.6
            the same on the linear curve        | linear                                          | 40     | 2021-03-31 | YELLOW | 86.3     | 13.2
            a front-loaded monthly profile      | monthly:20,35,50,60,65,70,75,80,85,90,95,100    | 100    | 2021-03-31 | YELLOW | 175      | 21.4
            stepwise: nothing due before Q1 end | quarterly-stepwise:20,45,70,100                 | 0      | 2021-03-30 | GREEN  | 0        | 0
            stepwise: Q1 due on its last day    | quarterly-stepwise:20,45,70,100                 | 0      | 2021-03-31 | YELLOW | 70       | 20.0
            stepwise: Q2 missed                 | quarterly-stepwise:20,45,70,100                 | 50     | 2021-06-30 | RED    | 157.5    | 30.7
            """)
    void otherCurvesChangeWhatIsExpected(String name, String curve, String actual, LocalDate asOf,
            TrackingStatus status, String expected, String behind) {
        Judgement judgement = rules.judge(TargetKind.CUMULATIVE, new BigDecimal("350"), PlanCurve.parse(curve), 2021,
                new StatusRules.Reading(new BigDecimal(actual), asOf), null, TrackingStatus.NOT_STARTED);

        assertJudged(judgement, status, StatusRules.BEHIND_SCHEDULE, expected, behind, asOf);
    }

    @Test
    void thresholdsAndCurvesAreConfigurable() {
        StatusRules strict = new StatusRules(new TrackingProperties(BigDecimal.valueOf(5), BigDecimal.valueOf(15),
                null, null, new BigDecimal("0.5"), BigDecimal.valueOf(2), BigDecimal.TEN, BigDecimal.valueOf(5),
                null, null, null, Map.of("5.6#1", "quarterly:20,45,70,100")));
        LocalDate june = LocalDate.of(2021, 6, 30);

        assertThat(strict.judge(new BigDecimal("100"), "AT_LEAST", new BigDecimal("40"), june, 2021).status())
                .isEqualTo(TrackingStatus.YELLOW);
        assertThat(strict.judge(new BigDecimal("100"), "AT_LEAST", new BigDecimal("30"), june, 2021).status())
                .isEqualTo(TrackingStatus.RED);
        assertThat(strict.judge(new BigDecimal("5"), "INCREASE_BY", new BigDecimal("4.2"), june, 2021).status())
                .isEqualTo(TrackingStatus.YELLOW);
        assertThat(strict.judge(new BigDecimal("750"), "AT_MOST", new BigDecimal("700"), june, 2021).status())
                .isEqualTo(TrackingStatus.YELLOW);
        assertThat(strict.judge(new BigDecimal("80"), "KEEP_AT_LEAST", new BigDecimal("76"), june, 2021).status())
                .isEqualTo(TrackingStatus.YELLOW);
        assertThat(strict.curveFor("5.6#1")).isEqualTo(PlanCurve.quarterly(false, 20, 45, 70, 100));
        assertThat(strict.curveFor("5.6#2")).isEqualTo(PlanCurve.linear());
        assertThat(strict.missingReports().deadline(java.time.YearMonth.of(2021, 3)))
                .isEqualTo(LocalDate.of(2021, 3, 31));
    }

    @Test
    void aRedThresholdBelowItsYellowOneIsRefused() {
        assertThatThrownBy(() -> new TrackingProperties(BigDecimal.valueOf(30), BigDecimal.TEN, null, null, null,
                null, null, null, null, null, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrackingProperties(null, null, null, null, null, null, null, null, null,
                null, "weekly:1,2", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
