package org.keywork.notification.delivery;

import java.util.Set;
import org.keywork.notification.outbound.WebhookPolicy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A DingTalk (钉钉) group robot: {@code {"msgtype":"markdown","markdown":{"title":...,"text":...}}}. Error code
 * 130101 ("send too fast", more than 20 messages a minute) is transient, as is -1 (busy).
 */
@Component
class DingTalkChannel extends RobotWebhookChannel {

    private static final Set<Integer> RETRYABLE = Set.of(130101, -1);

    DingTalkChannel(JsonMapper json, DeliveryProperties properties, WebhookPolicy policy) {
        super(json, properties, policy);
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.DINGTALK;
    }

    @Override
    ObjectNode message(Delivery delivery, ObjectNode root) {
        root.put("msgtype", "markdown");
        // DingTalk markdown needs a blank line for a line break
        String text = "#### " + subject(delivery) + "\n\n" + markdownBody(delivery).replace("\n", "\n\n")
                .replace("\n\n\n\n", "\n\n");
        root.putObject("markdown").put("title", subject(delivery)).put("text", text);
        return root;
    }

    @Override
    Set<Integer> retryableErrorCodes() {
        return RETRYABLE;
    }
}
