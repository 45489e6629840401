package org.keywork.notification.delivery;

/**
 * The ways a message reaches a person. Each outside channel has its own Resilience4j retry and circuit breaker,
 * named {@link #resilienceName()}, so that an SMTP outage neither slows nor trips the robots and the other way round.
 */
public enum ChannelKind {
    /** The in-app inbox: the log itself, pushed live to connected browsers. Everyone has it. */
    INBOX(null),
    EMAIL("email"),
    /** A DingTalk (钉钉) group robot webhook. */
    DINGTALK("dingtalk"),
    /** A WeCom (企业微信) group robot webhook. */
    WECOM("wecom");

    private final String resilienceName;

    ChannelKind(String resilienceName) {
        this.resilienceName = resilienceName;
    }

    /** The Resilience4j instance name ({@code resilience4j.retry.instances.<name>}), null for the local inbox. */
    public String resilienceName() {
        return resilienceName;
    }
}
