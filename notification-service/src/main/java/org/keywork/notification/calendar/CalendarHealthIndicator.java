package org.keywork.notification.calendar;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code calendar}: the years the business calendar knows and the current or next year it misses,
 * with the warning while one is missing. Always UP: a missing year only makes escalation count Monday to Friday, it
 * must not take the service out of the load balancer (it is not in the readiness group, which holds only
 * {@code readinessState}); the warning is for the operator, in the details (an admin's token sees them).
 */
@Component
class CalendarHealthIndicator implements HealthIndicator {

    private final Calendars calendars;

    CalendarHealthIndicator(Calendars calendars) {
        this.calendars = calendars;
    }

    @Override
    public Health health() {
        Calendars.Coverage coverage = calendars.coverage();
        Health.Builder health = Health.up().withDetail("today", coverage.today().toString())
                .withDetail("years", coverage.years()).withDetail("missing", coverage.missing());
        if (coverage.warning() != null) {
            health.withDetail("warning", coverage.warning());
        }
        return health.build();
    }
}
