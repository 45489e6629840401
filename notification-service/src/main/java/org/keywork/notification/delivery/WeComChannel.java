package org.keywork.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.keywork.notification.outbound.WebhookPolicy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WeCom (企业微信) group robot: {@code {"msgtype":"markdown","markdown":{"content":...}}}, content at most 4096
 * bytes of UTF-8 (longer text is cut, the link to the details kept). Error code 45009 (API frequency limit) and -1
 * (system busy) are transient.
 */
@Component
class WeComChannel extends RobotWebhookChannel {

    static final int MAX_CONTENT_BYTES = 4096;

    private static final Set<Integer> RETRYABLE = Set.of(45009, -1);

    WeComChannel(JsonMapper json, DeliveryProperties properties, WebhookPolicy policy) {
        super(json, properties, policy);
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.WECOM;
    }

    @Override
    ObjectNode message(Delivery delivery, ObjectNode root) {
        root.put("msgtype", "markdown");
        root.putObject("markdown").put("content", content(delivery));
        return root;
    }

    static String content(Delivery delivery) {
        String head = "**" + subject(delivery) + "**\n";
        String link = delivery.link() == null || delivery.link().isBlank() ? ""
                : "\n[查看详情](" + delivery.link() + ")";
        String body = delivery.body() == null ? "" : delivery.body();
        int room = MAX_CONTENT_BYTES - bytes(head) - bytes(link);
        if (bytes(body) > room) {
            int limit = room - bytes("…");
            StringBuilder cut = new StringBuilder();
            int used = 0;
            for (int i = 0; i < body.length(); i += Character.charCount(body.codePointAt(i))) {
                int codePoint = body.codePointAt(i);
                int size = bytes(new String(Character.toChars(codePoint)));
                if (used + size > limit) {
                    break;
                }
                cut.appendCodePoint(codePoint);
                used += size;
            }
            body = cut + "…";
        }
        return head + body + link;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    Set<Integer> retryableErrorCodes() {
        return RETRYABLE;
    }
}
