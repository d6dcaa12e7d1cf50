package org.twgate.gateway.accept;

import io.netty.channel.ChannelHandlerContext;
import java.net.InetSocketAddress;
import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.ProtocolMDCContextFactory;
import org.apache.james.util.MDCBuilder;

/** James's logging context without its {@code host} entry: that one is a reverse lookup on the event loop. */
final class NoLookupMdc implements ProtocolMDCContextFactory {
    @Override
    public MDCBuilder onBound(Protocol protocol, ChannelHandlerContext ctx) {
        String ip = ctx.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : "unknown";
        return MDCBuilder.create().addToContext("protocol", protocol.getName()).addToContext("ip", ip);
    }

    @Override
    public MDCBuilder withContext(ProtocolSession session) {
        return ProtocolMDCContextFactory.from(session);
    }
}
