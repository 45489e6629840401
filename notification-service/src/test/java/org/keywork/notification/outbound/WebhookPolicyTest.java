package org.keywork.notification.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The robot webhook policy without a network: which URLs a handover may store (no DNS), and which addresses a send
 * may go to, with a resolver that plays DNS (including a rebinding one that names an internal address).
 */
class WebhookPolicyTest {

    static final Map<String, String> DNS = Map.of(
            "oapi.dingtalk.com", "203.0.113.10",
            "qyapi.weixin.qq.com", "203.0.113.20",
            "localhost", "127.0.0.1");

    final WebhookPolicy policy = new WebhookPolicy(null, false, WebhookPolicyTest::resolve);

    @Test
    void theRobotsHostsOverHttpsPassAndNothingElse() {
        assertThat(policy.allowedHosts()).containsExactlyInAnyOrder("oapi.dingtalk.com", "qyapi.weixin.qq.com");
        assertThat(policy.check("https://oapi.dingtalk.com/robot/send?access_token=x")).isEmpty();
        assertThat(policy.check("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")).isEmpty();
        assertThat(policy.check("https://OAPI.DingTalk.com/robot/send?access_token=x")).as("case-insensitive")
                .isEmpty();

        assertThat(code("http://127.0.0.1:8084/api/admin/clock")).isEqualTo("host-not-allowed");
        assertThat(code("http://169.254.169.254/latest")).isEqualTo("host-not-allowed");
        assertThat(code("https://evil.example/robot")).isEqualTo("host-not-allowed");
        assertThat(code("https://oapi.dingtalk.com.evil.example/x")).isEqualTo("host-not-allowed");
        assertThat(code("https://evil-oapi.dingtalk.com/x")).isEqualTo("host-not-allowed");
        assertThat(code("https://dingtalk.com/x")).isEqualTo("host-not-allowed");
        assertThat(code("https://user@oapi.dingtalk.com@127.0.0.1/")).isEqualTo("host-not-allowed");
        assertThat(code("https://user@oapi.dingtalk.com/robot/send")).isEqualTo("host-not-allowed");
        assertThat(code("https://oapi.dingtalk.com:pw@127.0.0.1/")).isEqualTo("host-not-allowed");
        assertThat(code("https://203.0.113.10/robot/send")).as("an IP literal only if listed")
                .isEqualTo("host-not-allowed");
        assertThat(code("https://[::1]/robot/send")).isEqualTo("host-not-allowed");
        assertThat(code("https://localhost/robot/send")).isEqualTo("host-not-allowed");
        assertThat(code("http://oapi.dingtalk.com/robot/send?access_token=x")).isEqualTo("insecure-url");
        assertThat(code("ftp://oapi.dingtalk.com/x")).isEqualTo("invalid-url");
        assertThat(code("oapi.dingtalk.com/robot/send")).isEqualTo("invalid-url");
        assertThat(code("https:///robot/send")).isEqualTo("invalid-url");
        assertThat(code("https://oapi.dingtalk.com\\@127.0.0.1/")).isEqualTo("invalid-url");
        assertThat(code("not a url")).isEqualTo("invalid-url");
    }

    @Test
    void theReasonIsChineseAndNamesTheAllowedHostsTheDetailNeverTheToken() {
        WebhookPolicy.Violation refused = policy.check("https://evil.example/robot?access_token=secret").orElseThrow();
        assertThat(refused.reason()).contains("evil.example", "oapi.dingtalk.com、qyapi.weixin.qq.com", "只能发往");
        assertThat(refused.detail()).contains("evil.example").doesNotContain("secret");
        assertThat(policy.check("http://oapi.dingtalk.com/x").orElseThrow().reason()).contains("https",
                "oapi.dingtalk.com");
    }

    @Test
    void beforeSendingEveryResolvedAddressMustBePublic() throws Exception {
        assertThat(policy.checkBeforeSending("https://oapi.dingtalk.com/robot/send?access_token=x")).isEmpty();

        // an allowed name that resolves (or was rebound) to an internal address is refused
        for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1",
                "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1",
                "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:0a00:0001::1")) {
            WebhookPolicy rebound = new WebhookPolicy(null, false, host -> new InetAddress[] {
                    InetAddress.getByName("203.0.113.10"), InetAddress.getByName(internal)});
            Optional<WebhookPolicy.Violation> refused = rebound.checkBeforeSending(
                    "https://oapi.dingtalk.com/robot/send?access_token=x");
            assertThat(refused).as(internal).isPresent();
            assertThat(refused.get().code()).as(internal).isEqualTo("address-not-allowed");
            assertThat(refused.get().detail()).as(internal).contains("oapi.dingtalk.com", "not allowed")
                    .doesNotContain("access_token");
        }
        // public neighbours of the ranges pass
        for (String outside : List.of("100.63.255.255", "100.128.0.1", "172.15.255.255", "172.32.0.1",
                "169.253.1.1", "11.0.0.1", "2001:db8::1", "2400:cb00::1")) {
            WebhookPolicy resolved = new WebhookPolicy(null, false,
                    host -> new InetAddress[] {InetAddress.getByName(outside)});
            assertThat(resolved.checkBeforeSending("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"))
                    .as(outside).isEmpty();
        }
        // a host that does not resolve is not refused but unknown (DNS may be down): the channel tries again
        WebhookPolicy noDns = new WebhookPolicy(null, false, host -> {
            throw new UnknownHostException(host);
        });
        assertThatThrownBy(() -> noDns.checkBeforeSending("https://oapi.dingtalk.com/robot/send"))
                .isInstanceOf(UnknownHostException.class);
        // and what the form already refuses is never resolved
        assertThat(noDns.checkBeforeSending("https://evil.example/x")).get()
                .extracting(WebhookPolicy.Violation::code).isEqualTo("host-not-allowed");
    }

    @Test
    void allowLocalAdmitsHttpAndLoopbackHostsOnly() throws Exception {
        WebhookPolicy local = new WebhookPolicy(List.of("oapi.dingtalk.com"), true, WebhookPolicyTest::resolve);
        assertThat(local.check("http://127.0.0.1:40123/dingtalk/ok?access_token=t")).isEmpty();
        assertThat(local.check("http://localhost:40123/dingtalk/ok")).isEmpty();
        assertThat(local.check("http://[::1]:40123/dingtalk/ok")).isEmpty();
        assertThat(local.checkBeforeSending("http://127.0.0.1:40123/dingtalk/ok")).isEmpty();
        assertThat(local.checkBeforeSending("http://localhost:40123/dingtalk/ok")).isEmpty();

        assertThat(local.check("http://169.254.169.254/latest").orElseThrow().code()).isEqualTo("host-not-allowed");
        assertThat(local.check("http://10.0.0.1/x").orElseThrow().code()).isEqualTo("host-not-allowed");
        assertThat(local.check("http://oapi.dingtalk.com/x").orElseThrow().code()).isEqualTo("insecure-url");
        assertThat(local.check("https://qyapi.weixin.qq.com/x").orElseThrow().code()).as("not listed here")
                .isEqualTo("host-not-allowed");
    }

    @Test
    void aListedIpLiteralPassesTheHostRuleButStillNotIfItIsInternal() throws Exception {
        WebhookPolicy listed = new WebhookPolicy(List.of(" 203.0.113.7 ", "10.0.0.9", ""), false,
                WebhookPolicyTest::resolve);
        assertThat(listed.allowedHosts()).containsExactlyInAnyOrder("203.0.113.7", "10.0.0.9");
        assertThat(listed.check("https://203.0.113.7/robot")).isEmpty();
        assertThat(listed.checkBeforeSending("https://203.0.113.7/robot")).isEmpty();
        assertThat(listed.check("https://10.0.0.9/robot").orElseThrow().code()).isEqualTo("address-not-allowed");
        assertThat(listed.check("https://oapi.dingtalk.com/robot").orElseThrow().code())
                .isEqualTo("host-not-allowed");
        assertThat(new WebhookPolicy(List.of(" "), false).allowedHosts()).as("none listed: the default")
                .containsExactlyInAnyOrderElementsOf(WebhookPolicy.DEFAULT_ALLOWED_HOSTS);
    }

    private String code(String url) {
        return policy.check(url).map(WebhookPolicy.Violation::code).orElse("passed");
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    }
}
