package org.keywork.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keywork.notification.outbound.Contacts;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Claims read only due entries: a backlog waiting out its backoff (a mail server down for hours) is never read by a
 * round, and never hides the one entry that is due; a lease that runs out makes its entry due again.
 */
@SpringBootTest(properties = {
        "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}",
        "keywork.delivery.dispatch-enabled=false",
        "keywork.delivery.batch-size=50",
        "spring.mail.host=127.0.0.1"})
@EmbeddedKafka(partitions = 1)
@EmbeddedMongoWireServer
class NotificationLogClaimIntegrationTest {

    @Autowired
    NotificationLog notifications;

    @Autowired
    DeliveryDispatcher dispatcher;

    @Autowired
    InboxChannel inbox;

    @Test
    void oneRoundSendsEverythingDueABatchAtATimeNotOneBatchPerPollInterval() {
        for (int i = 0; i < 120; i++) {
            notifications.enqueue(Messages.digest("burst-" + i, "p-burst-" + i, Contacts.NONE));
        }
        int sent = dispatcher.round(inbox);
        assertThat(sent).isGreaterThanOrEqualTo(120); // batches of 50: three of them in this one round
        assertThat(notifications.claimDue(ChannelKind.INBOX, "z", Duration.ofMinutes(2), 10)).isEmpty();
        for (int i = 0; i < 120; i++) {
            assertThat(notifications.find("burst-" + i + ":INBOX").orElseThrow().status())
                    .isEqualTo(DeliveryStatus.SENT);
        }
    }

    /** The one entry a dispatcher would take next, if any. */
    Optional<Delivery> claimOne(ChannelKind channel, String instance, Duration lease) {
        List<Delivery> claimed = notifications.claimDue(channel, instance, lease, 1);
        assertThat(claimed).hasSizeLessThanOrEqualTo(1);
        return claimed.stream().findFirst();
    }

    @Test
    void aDueEntryIsClaimedHoweverManyWaitOutTheirBackoffAndALapsedLeaseMakesItDueAgain() throws Exception {
        Duration lease = Duration.ofMinutes(2);
        for (int i = 0; i < 150; i++) {
            notifications.enqueue(Messages.digest("backlog-" + i, "p-" + i, Messages.email("m" + i + "@jingan.example")));
        }
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
        int failed = 0;
        for (Optional<Delivery> claimed = claimOne(ChannelKind.EMAIL, "a", lease); claimed.isPresent();
                claimed = claimOne(ChannelKind.EMAIL, "a", lease)) {
            assertThat(notifications.markFailed(claimed.get(), "a", "connection refused", false, inAnHour)).isTrue();
            failed++;
        }
        assertThat(failed).isEqualTo(150);
        assertThat(claimOne(ChannelKind.EMAIL, "b", lease)).isEmpty();

        notifications.enqueue(Messages.digest("fresh", "p-fresh", Messages.email("fresh@jingan.example")));
        Delivery fresh = claimOne(ChannelKind.EMAIL, "b", Duration.ofMillis(300)).orElseThrow();
        assertThat(fresh.id()).isEqualTo("fresh:EMAIL");
        assertThat(fresh.claimedBy()).isEqualTo("b");
        assertThat(claimOne(ChannelKind.EMAIL, "c", lease)).isEmpty();

        // b dies holding it: once its lease ran out, c takes it
        Thread.sleep(400);
        Delivery retaken = claimOne(ChannelKind.EMAIL, "c", lease).orElseThrow();
        assertThat(retaken.id()).isEqualTo("fresh:EMAIL");
        assertThat(retaken.claimedBy()).isEqualTo("c");
        assertThat(notifications.markSent(retaken, "c")).isTrue();
        assertThat(notifications.markSent(fresh, "b")).isFalse();
        assertThat(notifications.find("fresh:EMAIL").orElseThrow().status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(notifications.find("backlog-7:EMAIL").orElseThrow())
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING))
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(1))
                .satisfies(d -> assertThat(d.nextAttemptAt()).isEqualTo(inAnHour.truncatedTo(
                        java.time.temporal.ChronoUnit.MILLIS)));
        // the inbox channel's entries were never touched by any of it
        assertThat(claimOne(ChannelKind.INBOX, "d", lease)).get()
                .satisfies(d -> assertThat(d.channel()).isEqualTo(ChannelKind.INBOX));
    }
}
