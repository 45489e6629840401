package org.keywork.gateway;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Requests the HTTP decoder refuses before the application sees them (a request line over the limit: 414, headers
 * over the limit: 431, or garbage: 400) are answered by Reactor Netty with an empty body. This handler, next to the
 * codec, gives those answers Keywork's problem+json body, like every other refusal.
 */
final class DecodingFailureProblems extends ChannelDuplexHandler {

	static final String NAME = "keywork.decodingFailureProblems";

	private final ProblemWriter problems;

	DecodingFailureProblems(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
		if (msg instanceof FullHttpResponse response && response.content().readableBytes() == 0) {
			Problem problem = problemFor(response.status());
			if (problem != null) {
				byte[] body = this.problems.toJson(problem);
				FullHttpResponse replaced = new DefaultFullHttpResponse(response.protocolVersion(), response.status(),
						Unpooled.wrappedBuffer(body), response.headers().copy(), response.trailingHeaders());
				replaced.headers()
					.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
					.set(HttpHeaderNames.CONTENT_LENGTH, body.length)
					.set(HttpHeaderNames.CACHE_CONTROL, "no-store");
				response.release();
				super.write(ctx, replaced, promise);
				return;
			}
		}
		super.write(ctx, msg, promise);
	}

	static Problem problemFor(HttpResponseStatus status) {
		return switch (status.code()) {
			case 414 -> Problem.of("uri-too-long", "请求地址过长", 414, "请求地址（含查询参数）超过上限，已拒绝；请缩短后重试。", null);
			case 431 -> Problem.of("headers-too-large", "请求头过大", 431, "请求头超过上限，已拒绝；请清理浏览器 Cookie 或缩短请求头后重试。",
					null);
			case 400 -> Problem.of("bad-request", "请求无效", 400, "请求不是有效的 HTTP 请求，已拒绝。", null);
			default -> null;
		};
	}

}
