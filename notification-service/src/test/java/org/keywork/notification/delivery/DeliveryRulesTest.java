package org.keywork.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keywork.notification.outbound.Contacts;
import org.keywork.notification.outbound.OutgoingMessage;

/** The rules of delivery that need no peer: backoff, the Message-ID, the WeCom size limit, the inbox filter. */
class DeliveryRulesTest {

    @Test
    void theBackoffDoublesPerFailedRoundAndStopsAtTheCap() {
        DeliveryProperties properties = new DeliveryProperties(null, null, null, null, null, Duration.ofSeconds(5),
                Duration.ofMinutes(5), null, null, null, null, null, null, null);
        assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(properties.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoff(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.backoff(7)).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.backoff(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void unsetPropertiesTakeTheDocumentedDefaults() {
        DeliveryProperties defaults = new DeliveryProperties(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
        assertThat(defaults.dispatchEnabled()).isTrue();
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.idlePollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(new DeliveryProperties(null, Duration.ofMillis(200), null, null, null, null, null, null, null, null,
                null, null, null, null).idlePollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxAttempts()).isZero();
        assertThat(defaults.heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.maxStreamsPerUser()).isEqualTo(5);
        assertThat(defaults.maxStreams()).isEqualTo(2000);
        assertThat(defaults.email().from()).isEqualTo("keywork@jingan.example");
        assertThat(defaults.webhook().allowedHosts()).containsExactly("oapi.dingtalk.com", "qyapi.weixin.qq.com");
        assertThat(defaults.webhook().allowLocal()).isFalse();
        assertThat(defaults.webhook().policy().check("https://oapi.dingtalk.com/robot/send?access_token=x")).isEmpty();
        assertThat(defaults.webhook().policy().check("http://127.0.0.1:8084/x")).isPresent();
    }

    @Test
    void theMessageIdIsDerivedFromTheLogEntrySoARepeatCanBeRecognised() {
        Delivery mail = delivery("digest/2021-09 王", ChannelKind.EMAIL, "正文");
        assertThat(EmailChannel.messageId(mail)).isEqualTo("<digest-2021-09--.EMAIL@keywork>");
        assertThat(EmailChannel.messageId(mail)).isEqualTo(EmailChannel.messageId(mail));
    }

    @Test
    void aLongWeComMessageIsCutToTheRobotsLimitKeepingTheLink() {
        Delivery wecom = delivery("long", ChannelKind.WECOM, "进度滞后。".repeat(2000));
        String content = WeComChannel.content(wecom);
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(WeComChannel.MAX_CONTENT_BYTES);
        assertThat(content).startsWith("**预警**\n进度滞后。").contains("…").endsWith("[查看详情](https://keywork/x)");

        Delivery shortOne = delivery("short", ChannelKind.WECOM, "进度滞后。");
        assertThat(WeComChannel.content(shortOne)).isEqualTo("**预警**\n进度滞后。\n[查看详情](https://keywork/x)");
    }

    @Test
    void anInboxStreamSeesOnlyItsPersonsAndPositionsEntries() {
        Delivery inbox = delivery("m", ChannelKind.INBOX, "正文");
        assertThat(new InboxSubscriber("p-1", null).wants(inbox)).isTrue();
        assertThat(new InboxSubscriber(null, "分管副区长（民生）").wants(inbox)).isTrue();
        assertThat(new InboxSubscriber("p-1", "区民政局").wants(inbox)).isFalse();
        assertThat(new InboxSubscriber("p-2", null).wants(inbox)).isFalse();
        assertThat(new InboxSubscriber("p-1", null).wants(delivery("m", ChannelKind.EMAIL, "正文"))).isFalse();
    }

    private static Delivery delivery(String messageId, ChannelKind channel, String body) {
        OutgoingMessage message = new OutgoingMessage(messageId, OutgoingMessage.Kind.ESCALATION, "分管副区长（民生）",
                "p-1", "王晓明", Contacts.NONE, "预警", body, "https://keywork/x", List.of("a-1"),
                Instant.parse("2021-09-30T02:00:00Z"));
        return Delivery.pending(message, channel, "address", Instant.now());
    }
}
