package org.keywork.gateway.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * How {@code Failover} tells an instance that went away (send elsewhere) from one that is slow or answered (never
 * send again): every way a killed instance shows up in the gateway counts, wrapped or not, and no time-out does.
 */
class FailoverErrorsTest {

	@Test
	void aRefusedOrUnreachableInstanceNeverSawTheRequest() {
		assertThat(FailoverGatewayFilterFactory.notSent(new ConnectException("Connection refused"))).isTrue();
		assertThat(FailoverGatewayFilterFactory.notSent(new ConnectTimeoutException("connection timed out"))).isTrue();
		assertThat(FailoverGatewayFilterFactory.notSent(new RuntimeException(new ConnectException("refused"))))
			.isTrue();
		assertThat(FailoverGatewayFilterFactory.notSent(PrematureCloseException.TEST_EXCEPTION)).isFalse();
	}

	@Test
	void everyWayAKilledInstanceDropsARequestCountsAsDropped() {
		// "Connection prematurely closed BEFORE response" (the only instance the class lets a test have)
		assertThat(FailoverGatewayFilterFactory.dropped(PrematureCloseException.TEST_EXCEPTION)).isTrue();
		// closed before or while the request was written: not a PrematureCloseException, and the reason a report
		// once got the gateway's 503 during a kill -9 in ScaleOutEndToEndIT
		assertThat(FailoverGatewayFilterFactory
			.dropped(AbortedException.beforeSend())).isTrue();
		assertThat(FailoverGatewayFilterFactory.dropped(new ClosedChannelException())).isTrue();
		// reset and broken connections from the NIO transport (the native one throws its own IOException)
		assertThat(FailoverGatewayFilterFactory.dropped(new SocketException("Connection reset"))).isTrue();
		assertThat(FailoverGatewayFilterFactory.dropped(new IOException("Broken pipe"))).isTrue();
		assertThat(FailoverGatewayFilterFactory
			.dropped(new IllegalStateException("wrapped", new SocketException("Connection reset")))).isTrue();
	}

	@Test
	void aSlowInstanceIsNotADroppedOne() {
		assertThat(FailoverGatewayFilterFactory.dropped(new SocketTimeoutException("Read timed out"))).isFalse();
		assertThat(FailoverGatewayFilterFactory.dropped(ReadTimeoutException.INSTANCE)).isFalse();
		assertThat(FailoverGatewayFilterFactory.dropped(new TimeoutException("response took too long"))).isFalse();
		assertThat(FailoverGatewayFilterFactory.dropped(new IllegalStateException("no instance"))).isFalse();
		assertThat(FailoverGatewayFilterFactory.notSent(ReadTimeoutException.INSTANCE)).isFalse();
	}

}
