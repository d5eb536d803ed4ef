package org.lianfang.gateway.problem;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.web.embedded.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;

/**
 * A request Netty cannot decode (a header block over {@code server.max-http-request-header-size},
 * a request line over its limit, garbage) or whose target is not a URI (a malformed
 * percent-escape) never reaches a filter: Reactor Netty or Spring answers it with an empty
 * 431/414/400. This handler sits between the HTTP codec and Reactor Netty's own handler and
 * answers such requests with a problem detail instead, then closes the connection (what follows
 * on it cannot be framed).
 */
@Component
class DecodingFailureProblems implements NettyServerCustomizer {

    private static final String NAME = "lianfang.decodingFailureProblems";

    @Override
    public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpTrafficHandler) != null && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addBefore(NettyPipeline.HttpTrafficHandler, NAME, new Handler());
            }
        });
    }

    static final class Handler extends ChannelInboundHandlerAdapter {

        /** Set once this connection has been answered: whatever else arrives on it is dropped. */
        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (refused) {
                ReferenceCountUtil.release(message);
                return;
            }
            Throwable cause = message instanceof DecoderResultProvider provider && provider.decoderResult().isFailure()
                    ? provider.decoderResult().cause() : null;
            if (cause == null && message instanceof HttpRequest request && !isUri(request.uri())) {
                cause = new IllegalArgumentException("request target");
            }
            if (cause == null) {
                context.fireChannelRead(message);
                return;
            }
            refused = true;
            ReferenceCountUtil.release(message);
            HttpResponseStatus status;
            String type;
            String detail;
            if (cause instanceof IllegalArgumentException) {
                status = HttpResponseStatus.BAD_REQUEST;
                type = "malformed-request";
                detail = "The request target is not a valid URI (e.g. a malformed percent-escape).";
            } else if (cause instanceof TooLongHttpHeaderException) {
                status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
                type = "request-header-fields-too-large";
                detail = "The request headers are too large.";
            } else if (cause instanceof TooLongHttpLineException || cause instanceof TooLongFrameException) {
                status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
                type = "uri-too-long";
                detail = "The request line is too long.";
            } else {
                status = HttpResponseStatus.BAD_REQUEST;
                type = "malformed-request";
                detail = "The request cannot be read as HTTP.";
            }
            byte[] body = ("{\"type\":\"" + Problems.TYPE_BASE + type + "\",\"title\":\"" + status.reasonPhrase()
                    + "\",\"status\":" + status.code() + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        /** Spring builds a {@link URI} from the target and answers an empty 400 if it cannot. */
        private static boolean isUri(String target) {
            try {
                new URI(target);
                return true;
            } catch (URISyntaxException e) {
                return false;
            }
        }
    }
}
