package org.keywork.goal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PlanCurveTest {

    private static final String MONTHLY = "5,10,20,30,40,50,60,70,80,88,95,100";

    @ParameterizedTest(name = "{0}: {1} on {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                  | curve                           | date       | share
            linear at mid-year                      | linear                          | 2021-06-30 | 0.4959
            linear before the year                  | linear                          | 2020-12-31 | 0
            linear on the last day                  | linear                          | 2021-12-31 | 1
            linear after the year                   | linear                          | 2022-01-01 | 1
            linear in a leap year                   | linear                          | 2024-06-30 | 0.4973
            quarterly at the Q1 checkpoint          | quarterly:20,45,70,100          | 2021-03-31 | 0.2
            quarterly at the Q2 checkpoint          | quarterly:20,45,70,100          | 2021-06-30 | 0.45
            quarterly half-way into Q1              | quarterly:20,45,70,100          | 2021-02-14 | 0.1
            quarterly between Q1 and Q2             | quarterly:20,45,70,100          | 2021-05-15 | 0.3236
            quarterly at year end                   | quarterly:20,45,70,100          | 2021-12-31 | 1
            quarterly before the year               | quarterly:20,45,70,100          | 2020-11-30 | 0
            stepwise the day before Q1 ends         | quarterly-stepwise:20,45,70,100 | 2021-03-30 | 0
            stepwise on the last day of Q1          | quarterly-stepwise:20,45,70,100 | 2021-03-31 | 0.2
            stepwise inside Q2                      | quarterly-stepwise:20,45,70,100 | 2021-05-15 | 0.2
            stepwise the day before year end        | quarterly-stepwise:20,45,70,100 | 2021-12-30 | 0.7
            monthly at the end of January           | monthly:5,10,20,30,40,50,60,70,80,88,95,100 | 2021-01-31 | 0.05
            monthly at the end of April             | monthly:5,10,20,30,40,50,60,70,80,88,95,100 | 2021-04-30 | 0.3
            monthly half-way through April          | monthly:5,10,20,30,40,50,60,70,80,88,95,100 | 2021-04-15 | 0.25
            monthly stepwise half-way through April | monthly-stepwise:5,10,20,30,40,50,60,70,80,88,95,100 | 2021-04-15 | 0.2
            monthly at the end of November          | monthly:5,10,20,30,40,50,60,70,80,88,95,100 | 2021-11-30 | 0.95
            """)
    void expectedShareOverThePlanYear(String name, String curve, LocalDate date, BigDecimal share) {
        assertThat(PlanCurve.parse(curve).expectedShare(date, date.getYear() == 2024 ? 2024 : 2021))
                .isCloseTo(share, within(new BigDecimal("0.00005")));
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"weekly:10,20", "quarterly:20,45,70", "monthly:" + "1,2,3", "quarterly:50,40,70,100",
            "quarterly:20,45,70,120", "quarterly:a,b,c,d", "stepped"})
    void malformedCurvesAreRefused(String spec) {
        assertThatThrownBy(() -> PlanCurve.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"linear", "quarterly:20,45,70,100", "monthly:" + MONTHLY})
    void everyCurveRisesMonotonicallyFromZeroToOne(String spec) {
        PlanCurve curve = PlanCurve.parse(spec);
        BigDecimal last = BigDecimal.ZERO;
        for (LocalDate day = LocalDate.of(2021, 1, 1); day.getYear() == 2021; day = day.plusDays(1)) {
            BigDecimal share = curve.expectedShare(day, 2021);
            assertThat(share).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(BigDecimal.ONE);
            last = share;
        }
        assertThat(last).isEqualByComparingTo(BigDecimal.ONE);
    }
}
