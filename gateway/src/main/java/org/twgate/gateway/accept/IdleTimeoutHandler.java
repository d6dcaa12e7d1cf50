package org.twgate.gateway.accept;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Closes a session that sent nothing for the idle time, saying {@code 421} first (never a silent close). */
final class IdleTimeoutHandler extends IdleStateHandler {
    private final SmtpFramer framer;
    private final String hostname;

    IdleTimeoutHandler(long idleMillis, SmtpFramer framer, String hostname) {
        super(idleMillis, 0, 0, TimeUnit.MILLISECONDS);
        this.framer = framer;
        this.hostname = hostname;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (event.state() == io.netty.handler.timeout.IdleState.READER_IDLE) {
            framer.closeIdle(ctx.pipeline().context(framer), AcceptReplies.idleTimeout(hostname));
        }
    }
}
