package org.keywork.notification.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code keywork.notification.*} as operators write it, and the defaults when they write nothing. */
class AlertingPropertiesTest {

    @Test
    void aLadderFromConfigurationIsReadInOrderOfBusinessDays() {
        AlertingProperties props = new Binder(new MapConfigurationPropertySource(Map.of(
                "keywork.notification.dashboard-url", "https://keywork.example/",
                "keywork.notification.digest-window", "PT10M",
                "keywork.notification.escalation.steps[0].after-business-days", "3",
                "keywork.notification.escalation.steps[0].role", "DISTRICT_HEAD",
                "keywork.notification.escalation.steps[1].after-business-days", "1",
                "keywork.notification.escalation.steps[1].role", "LEADER",
                "keywork.notification.escalation.repeat-every-business-days", "2")))
                .bind("keywork.notification", AlertingProperties.class).get();

        assertThat(props.itemLink("5.6")).isEqualTo("https://keywork.example/#/items/5.6");
        assertThat(props.digestWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(props.escalation().steps()).containsExactly(new AlertingProperties.Step(1, RecipientRole.LEADER),
                new AlertingProperties.Step(3, RecipientRole.DISTRICT_HEAD));
        assertThat(props.escalation().repeatEveryBusinessDays()).isEqualTo(2);
        assertThat(props.escalation().districtHeadPosition()).isEqualTo("区长");
    }

    @Test
    void withoutConfigurationTheDefaultsOfTheIssueApply() {
        AlertingProperties props = new AlertingProperties(null, null, null);

        assertThat(props.itemLink("9.8")).isEqualTo("http://localhost:8080/#/items/9.8");
        assertThat(props.digestWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(props.escalation().steps()).containsExactly(
                new AlertingProperties.Step(0, RecipientRole.LEAD_DEPARTMENT),
                new AlertingProperties.Step(2, RecipientRole.LEADER),
                new AlertingProperties.Step(5, RecipientRole.DISTRICT_HEAD));
        assertThat(props.escalation().repeatEveryBusinessDays()).isEqualTo(1);
    }

    @Test
    void aReportSettlesMissingReportsOfPeriodsEndingByItsMonth() {
        assertThat(Alerts.lastMonthOf("2021-09")).isEqualTo(YearMonth.of(2021, 9));
        assertThat(Alerts.lastMonthOf("2021-Q3")).isEqualTo(YearMonth.of(2021, 9));
        assertThat(Alerts.lastMonthOf("2021-H1")).isEqualTo(YearMonth.of(2021, 6));
        assertThat(Alerts.lastMonthOf("2021")).isEqualTo(YearMonth.of(2021, 12));
        assertThat(Alerts.lastMonthOf("sometime")).isNull();
        assertThat(Alerts.lastMonthOf(null)).isNull();
    }
}
