package org.twgate.gateway.accept;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Opens an admitted session. When the client's name is wanted, the banner waits for it at most
 * {@code timeout} (no thread waits: the lookup runs in {@link ClientNames}, the timer on the
 * event loop); then James sends the banner, the session is told what is known about its client
 * ({@link ClientSession}), and only then does reading from the client begin, so nothing it sent
 * early runs before the banner.
 */
final class SessionStart extends ChannelInboundHandlerAdapter {
    private final ClientSession client;
    private final InetAddress address;
    private final ClientNames names;
    private final Duration timeout;
    private boolean begun;
    private ScheduledFuture<?> timer;

    /** @param names null when no name is looked up */
    SessionStart(ClientSession client, InetAddress address, ClientNames names, Duration timeout) {
        this.client = client;
        this.address = address;
        this.names = names;
        this.timeout = timeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (names == null) {
            begin(ctx, Optional.empty());
            return;
        }
        var lookup = names.lookup(address);
        if (lookup.isDone()) {
            begin(ctx, lookup.getNow(Optional.empty()));
            return;
        }
        timer = ctx.executor().schedule(() -> begin(ctx, Optional.empty()), timeout.toNanos(), TimeUnit.NANOSECONDS);
        lookup.whenComplete((name, failure) -> ctx.executor().execute(
                () -> begin(ctx, name == null ? Optional.empty() : name)));
    }

    private void begin(ChannelHandlerContext ctx, Optional<String> name) {
        if (begun) {
            return;
        }
        begun = true;
        if (timer != null) {
            timer.cancel(false);
        }
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.fireChannelActive(); // James creates its session and sends the banner
        SMTPSession session = (SMTPSession) ctx.channel().attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();
        session.setAttachment(ClientSession.KEY, client.named(name), State.Connection);
        session.setRelayingAllowed(client.verdict().relayClient());
        ctx.pipeline().remove(this);
        ctx.channel().config().setAutoRead(true);
    }

    /** A client that leaves before its banner never had a session: James is not told about it. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        begun = true;
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
