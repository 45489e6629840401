package org.keywork.notification.delivery;

import java.time.Duration;
import java.util.List;
import org.keywork.notification.outbound.WebhookPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery settings, {@code keywork.delivery.*}. All durations are real time (the dispatcher schedules on
 * {@code Clock.systemUTC()}, never on the business clock, which demos set to 2021).
 *
 * <ul>
 * <li>{@code dispatch-enabled} (true): run the dispatcher. False only to hold sends (tests, maintenance): enqueued
 * entries stay pending in the log and go out when an instance with the dispatcher runs.</li>
 * <li>{@code poll-interval} (PT1S): pause between two rounds of one channel's dispatcher loop while it finds work.</li>
 * <li>{@code idle-poll-interval} (ten poll intervals): pause after a round that found nothing due. A message this
 * instance logs wakes the loop at once; a retry after its backoff, or an entry whose sender died, waits at most this
 * much longer.</li>
 * <li>{@code batch-size} (50): entries one channel claims at most per round.</li>
 * <li>{@code lease} (PT2M): how long a claimed entry is reserved for the instance sending it; longer than the
 * slowest send including its in-call retries. After a crash the entry is sent again once the lease expired.</li>
 * <li>{@code initial-backoff} (PT5S) and {@code max-backoff} (PT5M): after a failed round the next one is due
 * after initial-backoff doubled per failed round, capped at max-backoff.</li>
 * <li>{@code max-attempts} (0 = unlimited): failed rounds after which a transiently failing entry is given up
 * (FAILED_PERMANENTLY). 0 keeps trying: an outage delays but never loses. Permanent errors (invalid address, a
 * robot's 4xx other than 429 or a non rate-limit error code) fail the entry at once whatever this says.</li>
 * <li>{@code heartbeat} (PT15S): comment line sent on every open inbox stream, so proxies keep it open.</li>
 * <li>{@code stream-timeout} (PT30M): an inbox stream is closed after this; the browser reconnects with
 * {@code Last-Event-ID} and misses nothing.</li>
 * <li>{@code max-streams-per-user} (5) and {@code max-streams} (2000): inbox streams one account (a browser tab each),
 * and the instance, may hold open at once; one more is 429 with {@code Retry-After}.</li>
 * <li>{@code email.from} (keywork@jingan.example): sender address. The SMTP server itself is Spring Boot's
 * {@code spring.mail.host/port} ({@code SMTP_HOST}, {@code SMTP_PORT}); a blank host disables email and leaves
 * EMAIL entries pending until one is configured.</li>
 * <li>{@code webhook.connect-timeout} (PT5S), {@code webhook.request-timeout} (PT10S): for the DingTalk and WeCom
 * robots.</li>
 * <li>{@code webhook.allowed-hosts} (oapi.dingtalk.com,qyapi.weixin.qq.com): the only hosts a robot webhook may
 * name, exactly (see {@link WebhookPolicy}); checked on a handover and again, with the resolved addresses, before
 * each send. None listed means the default.</li>
 * <li>{@code webhook.allow-local} (false): also allow {@code http} and loopback hosts, for tests and the local
 * stack whose fake robots listen on this machine. Never in production.</li>
 * </ul>
 *
 * Retries within one round and the circuit breakers are Resilience4j's, per channel: {@code resilience4j.retry
 * .instances.email|dingtalk|wecom} and {@code resilience4j.circuitbreaker.instances.email|dingtalk|wecom}.
 */
@ConfigurationProperties("keywork.delivery")
public record DeliveryProperties(
        Boolean dispatchEnabled,
        Duration pollInterval,
        Duration idlePollInterval,
        Integer batchSize,
        Duration lease,
        Duration initialBackoff,
        Duration maxBackoff,
        Integer maxAttempts,
        Duration heartbeat,
        Duration streamTimeout,
        Integer maxStreamsPerUser,
        Integer maxStreams,
        Email email,
        Webhook webhook) {

    public DeliveryProperties {
        dispatchEnabled = dispatchEnabled == null || dispatchEnabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        idlePollInterval = idlePollInterval == null ? pollInterval.multipliedBy(10) : idlePollInterval;
        if (idlePollInterval.compareTo(pollInterval) < 0) {
            idlePollInterval = pollInterval;
        }
        batchSize = batchSize == null ? 50 : batchSize;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(5) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        maxAttempts = maxAttempts == null ? 0 : maxAttempts;
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        streamTimeout = streamTimeout == null ? Duration.ofMinutes(30) : streamTimeout;
        maxStreamsPerUser = maxStreamsPerUser == null ? 5 : maxStreamsPerUser;
        maxStreams = maxStreams == null ? 2000 : maxStreams;
        email = email == null ? new Email(null) : email;
        webhook = webhook == null ? new Webhook(null, null, null, null) : webhook;
    }

    /** The delay before the next round after {@code failedRounds} failed ones: doubling, capped. */
    Duration backoff(int failedRounds) {
        int doublings = Math.max(0, Math.min(failedRounds - 1, 30));
        Duration delay = initialBackoff.multipliedBy(1L << doublings);
        return delay.compareTo(maxBackoff) > 0 || delay.isNegative() ? maxBackoff : delay;
    }

    public record Email(String from) {

        public Email {
            from = from == null || from.isBlank() ? "keywork@jingan.example" : from;
        }
    }

    public record Webhook(Duration connectTimeout, Duration requestTimeout, List<String> allowedHosts,
            Boolean allowLocal) {

        public Webhook {
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
            allowedHosts = allowedHosts == null || allowedHosts.stream().allMatch(h -> h == null || h.isBlank())
                    ? WebhookPolicy.DEFAULT_ALLOWED_HOSTS
                    : allowedHosts.stream().filter(h -> h != null && !h.isBlank()).map(String::strip).toList();
            allowLocal = allowLocal != null && allowLocal;
        }

        /** The policy these settings describe. */
        public WebhookPolicy policy() {
            return new WebhookPolicy(allowedHosts, allowLocal);
        }
    }
}
