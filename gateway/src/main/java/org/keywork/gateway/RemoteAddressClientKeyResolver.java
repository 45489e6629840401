package org.keywork.gateway;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * Keys clients by their IP address; with {@code trustForwardedFor} (only when a trusted proxy sits in front and
 * sets the header) by the first hop of {@code X-Forwarded-For}.
 */
public class RemoteAddressClientKeyResolver implements ClientKeyResolver {

	private final boolean trustForwardedFor;

	public RemoteAddressClientKeyResolver(boolean trustForwardedFor) {
		this.trustForwardedFor = trustForwardedFor;
	}

	@Override
	public String resolve(ServerWebExchange exchange) {
		if (this.trustForwardedFor) {
			String forwarded = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
			if (forwarded != null) {
				int comma = forwarded.indexOf(',');
				String first = ((comma >= 0) ? forwarded.substring(0, comma) : forwarded).trim();
				if (!first.isEmpty()) {
					return "ip:" + first;
				}
			}
		}
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return "ip:unknown";
		}
		return "ip:" + ((remote.getAddress() != null) ? remote.getAddress().getHostAddress() : remote.getHostString());
	}

}
