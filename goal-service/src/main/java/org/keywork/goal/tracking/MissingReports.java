package org.keywork.goal.tracking;

import java.time.Clock;
import java.time.LocalDate;
import org.keywork.events.TrackingStatus;
import org.keywork.goal.plan.Indicator;
import org.keywork.goal.plan.PlanItem;
import org.keywork.goal.plan.QualitativeProgress;
import org.keywork.goal.plan.ReportDeadlines;
import org.springframework.stereotype.Component;

/**
 * The plan's view of missing reports ({@link ReportDeadlines}): the same rule, and the same targets, the daily sweep
 * announces missing reports for (an indicator with a numeric target and a qualitative item, neither DONE), at
 * today's business date.
 */
@Component
class MissingReports implements ReportDeadlines {

    private final StatusRules rules;
    private final Clock clock;

    MissingReports(StatusRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public boolean unreported(PlanItem item) {
        LocalDate today = LocalDate.now(clock);
        MissingReportRule rule = rules.missingReports();
        if (item.qualitative()) {
            QualitativeProgress progress = item.qualitativeProgress();
            if (progress != null && progress.status() == TrackingStatus.DONE) {
                return false;
            }
            return rule.check(progress == null ? null : progress.asOf(), today, item.planYear()).isPresent();
        }
        for (Indicator indicator : item.indicators()) {
            if (indicator.target() != null && indicator.status() != TrackingStatus.DONE
                    && rule.check(indicator.asOf(), today, item.planYear()).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
