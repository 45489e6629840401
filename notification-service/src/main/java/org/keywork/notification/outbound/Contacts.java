package org.keywork.notification.outbound;

/**
 * How a person is reached besides the in-app inbox (which everyone has). Any of them may be null.
 *
 * @param email           mailbox for SMTP
 * @param dingtalkWebhook a DingTalk group robot's webhook URL
 * @param wecomWebhook    a WeCom (企业微信) group robot's webhook URL
 * @param mobile          for the message text only; no SMS channel yet
 */
public record Contacts(String email, String dingtalkWebhook, String wecomWebhook, String mobile) {

    public static final Contacts NONE = new Contacts(null, null, null, null);
}
