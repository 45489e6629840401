package org.keywork.notification.alert;

import java.util.function.Consumer;
import org.keywork.events.EventEnvelope;
import org.keywork.events.IndicatorStatusChanged;
import org.keywork.events.TrackingStatus;
import org.keywork.support.events.InboundEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code indicatorStatus-in-0}: every indicator status change is judged by {@link Alerts}.
 *
 * <p>A qualitative item's change (rule {@value #QUALITATIVE_STATUS}: the lead department reported a state) is judged
 * here first, because its colours mean something else: an indicator turning YELLOW is a recovery from RED, but a
 * qualitative item reported 存在风险 (AT_RISK, YELLOW) is news for its leader. So AT_RISK raises a YELLOW alert
 * (rule {@value #QUALITATIVE_AT_RISK}) and first settles a RED one of the item (it was BLOCKED, it is less so now);
 * BLOCKED raises a RED alert (rule {@value #QUALITATIVE_BLOCKED}); the two rules keep the alerts apart, so a
 * BLOCKED report in the month of an AT_RISK one still reaches the leader (one alert per target, rule and period).
 * ON_TRACK and DONE settle the item's alerts as any recovery does.
 */
@Configuration(proxyBeanMethods = false)
class IndicatorStatusConsumer {

    static final String GROUP = "notification-service";

    /** The rule goal-service names when a qualitative item's reported state changes its status. */
    static final String QUALITATIVE_STATUS = "qualitative-status";
    static final String QUALITATIVE_AT_RISK = "qualitative-at-risk";
    static final String QUALITATIVE_BLOCKED = "qualitative-blocked";

    @Bean
    Consumer<Message<byte[]>> indicatorStatus(InboundEvents inbound, Alerts alerts) {
        // RED only raises an alert, once per (target, rule, period) by its unique key; a recovery resolves what is
        // open, which a late redelivery must not do again: only those are recorded as processed
        return message -> inbound.handleRecording(GROUP, message, IndicatorStatusChanged.class,
                IndicatorStatusChanged.TYPE, IndicatorStatusChanged.VERSION,
                event -> event.current() != TrackingStatus.RED, envelope -> judge(envelope, alerts));
    }

    static void judge(EventEnvelope<IndicatorStatusChanged> envelope, Alerts alerts) {
        IndicatorStatusChanged event = envelope.payload();
        if (!QUALITATIVE_STATUS.equals(event.rule())
                || event.current() != TrackingStatus.YELLOW && event.current() != TrackingStatus.RED) {
            alerts.apply(envelope);
            return;
        }
        if (event.current() == TrackingStatus.YELLOW && event.previous() == TrackingStatus.RED) {
            alerts.resolve(event);
        }
        alerts.raise(withRule(event, event.current() == TrackingStatus.RED ? QUALITATIVE_BLOCKED
                : QUALITATIVE_AT_RISK), envelope.eventId());
    }

    private static IndicatorStatusChanged withRule(IndicatorStatusChanged e, String rule) {
        return new IndicatorStatusChanged(e.planYear(), e.itemId(), e.itemTitle(), e.indicatorId(), e.indicatorName(),
                rule, e.period(), e.previous(), e.current(), e.target(), e.unit(), e.actual(), e.expected(),
                e.shortfallPoints(), e.asOf(), e.reportId(), e.responsibility(), e.periodStatus(),
                e.periodShortfallPoints(), e.caughtUp());
    }
}
