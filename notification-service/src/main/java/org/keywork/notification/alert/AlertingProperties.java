package org.keywork.notification.alert;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code keywork.notification.*}: where the dashboard is, how long a digest collects, and the escalation ladder.
 *
 * @param dashboardUrl  the dashboard's base URL; an item is {@code <dashboardUrl>/#/items/<itemId>}
 * @param digestWindow  how long alerts for one recipient are collected before they go out as one digest (real time)
 * @param escalation    the ladder
 */
@ConfigurationProperties("keywork.notification")
record AlertingProperties(String dashboardUrl, Duration digestWindow, EscalationProperties escalation) {

    AlertingProperties {
        dashboardUrl = dashboardUrl == null || dashboardUrl.isBlank() ? "http://localhost:8080"
                : dashboardUrl.strip().replaceAll("/+$", "");
        digestWindow = digestWindow == null ? Duration.ofMinutes(5) : digestWindow;
        escalation = escalation == null ? new EscalationProperties(null, 0, null) : escalation;
    }

    String itemLink(String itemId) {
        return dashboardUrl + "/#/items/" + itemId;
    }

    String inboxLink() {
        return dashboardUrl + "/#/alerts";
    }

    /**
     * @param steps                   the rungs, by business days after the alert was raised (not cumulative)
     * @param repeatEveryBusinessDays how often the holder of the current rung is reminded until someone acknowledges
     * @param districtHeadPosition    the position of the {@code DISTRICT_HEAD} rung
     */
    record EscalationProperties(List<Step> steps, int repeatEveryBusinessDays, String districtHeadPosition) {

        EscalationProperties {
            steps = steps == null || steps.isEmpty()
                    ? List.of(new Step(0, RecipientRole.LEAD_DEPARTMENT), new Step(2, RecipientRole.LEADER),
                            new Step(5, RecipientRole.DISTRICT_HEAD))
                    : steps.stream().sorted(Comparator.comparingInt(Step::afterBusinessDays)).toList();
            repeatEveryBusinessDays = repeatEveryBusinessDays <= 0 ? 1 : repeatEveryBusinessDays;
            districtHeadPosition = districtHeadPosition == null || districtHeadPosition.isBlank() ? "区长"
                    : districtHeadPosition.strip();
        }
    }

    /**
     * @param afterBusinessDays business days after the day the alert was raised
     * @param role              whom the step addresses (LEAD_DEPARTMENT, LEADER or DISTRICT_HEAD)
     */
    record Step(int afterBusinessDays, RecipientRole role) {
    }
}
