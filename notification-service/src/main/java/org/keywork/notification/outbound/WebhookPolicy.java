package org.keywork.notification.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the DingTalk and WeCom robot channels may send (the guard against server-side request forgery through a
 * position's contacts): a robot webhook is an {@code https} URL whose host is exactly one of the allowed hosts
 * (case-insensitive; no suffix or prefix matching, no user information {@code user@host}, an IP literal only if it
 * is listed itself), and every address that host resolves to is a public one: never loopback, link-local
 * (169.254/16, fe80::/10), site-local or private (10/8, 172.16/12, 192.168/16, fec0::/10, fc00::/7), any-local
 * (0.0.0.0, ::, 0/8), multicast, carrier-grade NAT (100.64/10) or reserved (240/4, broadcast). IPv6 addresses that
 * embed an IPv4 one (IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the embedded address.
 *
 * <p>Two checks: {@link #check(String)} looks at the URL only, without DNS (a handover is judged by it, DNS may be
 * unavailable there); {@link #checkBeforeSending(String)} also resolves the host and looks at every address, right
 * before a channel sends (it catches a name that resolves, or was rebound, to an internal address, and entries
 * logged before this policy existed).
 *
 * <p>{@code allowLocal} is for tests and the local stack, whose fake robots listen on this machine: it also allows
 * {@code http} and loopback hosts ({@code localhost}, 127/8, ::1), nothing else; {@code http} to any other host stays
 * refused. Never set it in production.
 */
public final class WebhookPolicy {

    /** The robots' public endpoints: DingTalk's {@code oapi.dingtalk.com}, WeCom's {@code qyapi.weixin.qq.com}. */
    public static final List<String> DEFAULT_ALLOWED_HOSTS = List.of("oapi.dingtalk.com", "qyapi.weixin.qq.com");

    /** Resolves a host name to all its addresses; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Resolver {

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Why a webhook URL is refused.
     *
     * @param code   stable code for the API: {@code invalid-url}, {@code insecure-url}, {@code host-not-allowed},
     *               {@code address-not-allowed}
     * @param reason for the user, Simplified Chinese, naming the allowed hosts
     * @param detail for logs and the notification log's {@code lastError}, English, without the URL's query (it
     *               holds the robot's access token)
     */
    public record Violation(String code, String reason, String detail) {
    }

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-fA-F:.]+]");

    private final Set<String> allowedHosts;
    /** The allowed hosts as the reasons list them, e.g. {@code oapi.dingtalk.com、qyapi.weixin.qq.com}. */
    private final String listed;
    private final boolean allowLocal;
    private final Resolver resolver;

    /** A policy resolving with the JVM's resolver (and its address cache, see {@link #checkBeforeSending}). */
    public WebhookPolicy(Collection<String> allowedHosts, boolean allowLocal) {
        this(allowedHosts, allowLocal, InetAddress::getAllByName);
    }

    /**
     * @param allowedHosts the exact hosts robots may be reached at; null or none listed means
     *                     {@link #DEFAULT_ALLOWED_HOSTS}
     * @param allowLocal   also allow {@code http} and loopback hosts (tests, local stack)
     * @param resolver     how {@link #checkBeforeSending} resolves a host
     */
    public WebhookPolicy(Collection<String> allowedHosts, boolean allowLocal, Resolver resolver) {
        Set<String> hosts = new LinkedHashSet<>();
        if (allowedHosts != null) {
            allowedHosts.stream().filter(h -> h != null && !h.isBlank())
                    .map(h -> h.strip().toLowerCase(Locale.ROOT)).forEach(hosts::add);
        }
        this.allowedHosts = Set.copyOf(hosts.isEmpty() ? new LinkedHashSet<>(DEFAULT_ALLOWED_HOSTS) : hosts);
        this.allowLocal = allowLocal;
        this.resolver = resolver;
        this.listed = String.join("、", hosts.isEmpty() ? DEFAULT_ALLOWED_HOSTS : List.copyOf(hosts));
    }

    public Set<String> allowedHosts() {
        return allowedHosts;
    }

    public boolean allowLocal() {
        return allowLocal;
    }

    /**
     * The URL alone, without DNS: form, scheme, user information and host, and the address if the host is an IP
     * literal. Empty when it passes.
     */
    public Optional<Violation> check(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of(invalid("no URL"));
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of(invalid("not a URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.isOpaque()) {
            return Optional.of(invalid("scheme " + (scheme.isEmpty() ? "missing" : scheme) + " is not https"));
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            return Optional.of(invalid("no host"));
        }
        if (authority.contains("@")) {
            return Optional.of(new Violation("host-not-allowed",
                    "地址中不得包含用户信息（…@）；机器人地址只能发往：" + listed,
                    "user information in the authority is not allowed (only " + listed(", ") + ")"));
        }
        if (uri.getHost() == null) {
            return Optional.of(invalid("no valid host"));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean local = allowLocal && isLocalHost(host);
        if (!local && !allowedHosts.contains(host)) {
            return Optional.of(new Violation("host-not-allowed",
                    "主机 " + host + " 不在允许范围内；机器人地址只能发往：" + listed,
                    "host " + host + " is not an allowed webhook host (" + listed(", ") + ")"));
        }
        if (scheme.equals("http") && !local) {
            return Optional.of(new Violation("insecure-url", "只允许 https 地址；机器人地址只能发往：" + listed,
                    "scheme http is not allowed for host " + host + ", only https"));
        }
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            return checkAddress(host, literal.get());
        }
        return Optional.empty();
    }

    /**
     * {@link #check(String)}, then resolves the host and checks every address it has: what a channel calls right
     * before it sends. An unresolvable host throws (DNS may be down: the caller treats it as transient).
     *
     * <p>The check is only as good as the address the HTTP client then connects to. The JDK's client resolves the
     * host again itself, through the same {@link InetAddress} cache this resolver fills (30 s by default,
     * {@code networkaddress.cache.ttl}), so it connects to one of the addresses just checked; the residual window is
     * the cache entry expiring between the two look-ups (or a TTL of 0), and an HTTP proxy configured for the JVM,
     * which resolves the host itself.
     */
    public Optional<Violation> checkBeforeSending(String url) throws UnknownHostException {
        Optional<Violation> form = check(url);
        if (form.isPresent()) {
            return form;
        }
        String host = URI.create(url.strip()).getHost().toLowerCase(Locale.ROOT);
        Optional<InetAddress> literal = literal(host);
        if (literal.isPresent()) {
            return Optional.empty(); // an IP literal: check(url) judged its address already
        }
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            Optional<Violation> refused = checkAddress(host, address);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /** Whether the address may be connected to: empty when it is a public one (or loopback, with allowLocal). */
    public Optional<Violation> checkAddress(String host, InetAddress address) {
        String kind = forbiddenKind(address);
        if (kind == null) {
            return Optional.empty();
        }
        String shown = address.getHostAddress();
        return Optional.of(new Violation("address-not-allowed",
                "主机 " + host + " 的地址 " + shown + " 属于本机、内网或保留地址，不能作为机器人地址；只能发往：" + listed,
                "host " + host + " resolves to " + shown + " (" + kind + "), not allowed for a webhook"));
    }

    /** What kind of internal address it is, or null for a public one (and for loopback with allowLocal). */
    String forbiddenKind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return allowLocal ? null : "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "any-local";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "site-local";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4Kind(b);
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local (private)";
            }
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    String inner = forbiddenKind(InetAddress.getByAddress(embedded));
                    return inner == null ? null : inner + " (embedded IPv4)";
                } catch (UnknownHostException e) {
                    return "invalid";
                }
            }
        }
        return null;
    }

    private static String ipv4Kind(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return "this-network (0/8)";
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return "carrier-grade NAT (100.64/10)";
        }
        if (first >= 240) {
            return "reserved (240/4)";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) one. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        if (compatible) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }

    /** {@code localhost}, or an IP literal of a loopback address. */
    private static boolean isLocalHost(String host) {
        return host.equals("localhost") || literal(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** The address of an IP literal host (127.0.0.1, [::1]), parsed without DNS; empty for a name. */
    static Optional<InetAddress> literal(String host) {
        try {
            if (IPV4_LITERAL.matcher(host).matches()) {
                String[] parts = host.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) part;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            if (IPV6_LITERAL.matcher(host).matches()) {
                // contains ':', so the JDK parses it as an IPv6 literal and never asks DNS
                return Optional.of(InetAddress.getByName(host.substring(1, host.length() - 1)));
            }
        } catch (UnknownHostException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Violation invalid(String detail) {
        return new Violation("invalid-url", "应为 https 地址；机器人地址只能发往：" + listed, "invalid webhook URL: "
                + detail);
    }

    private String listed(String separator) {
        return listed.replace("、", separator);
    }

    @Override
    public String toString() {
        return "WebhookPolicy[allowedHosts=" + listed(", ") + ", allowLocal=" + allowLocal + "]";
    }
}
