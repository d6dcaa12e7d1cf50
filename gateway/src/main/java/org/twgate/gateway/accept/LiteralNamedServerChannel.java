package org.twgate.gateway.accept;

import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening channel: each accepted connection's remote address carries its own literal as
 * its host name, so {@code getHostName()} on it (James's MDC does it in {@code channelActive})
 * answers at once instead of asking the resolver on the event loop. A name, when wanted, comes
 * from {@link ClientNames}, off the loop.
 */
final class LiteralNamedServerChannel extends NioServerSocketChannel {
    private static final Logger LOG = LoggerFactory.getLogger(LiteralNamedServerChannel.class);

    @Override
    protected int doReadMessages(List<Object> buf) throws Exception {
        SocketChannel accepted = javaChannel().accept();
        if (accepted == null) {
            return 0;
        }
        try {
            buf.add(new Session(this, accepted));
            return 1;
        } catch (RuntimeException e) {
            LOG.warn("event=accept_failed error=\"{}\"", e.toString());
            accepted.close();
            return 0;
        }
    }

    /** One accepted connection. */
    static final class Session extends NioSocketChannel {
        Session(Channel parent, SocketChannel socket) {
            super(parent, socket);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            SocketAddress raw = super.remoteAddress0();
            return raw instanceof InetSocketAddress inet ? named(inet) : raw;
        }
    }

    /** The same address and port, named by the address literal (no lookup can follow). */
    static InetSocketAddress named(InetSocketAddress raw) {
        InetAddress a = raw.getAddress();
        if (a == null) {
            return raw;
        }
        try {
            String literal = a.getHostAddress();
            InetAddress named = a instanceof Inet6Address v6 && v6.getScopeId() != 0
                    ? Inet6Address.getByAddress(literal, a.getAddress(), v6.getScopeId())
                    : InetAddress.getByAddress(literal, a.getAddress());
            return new InetSocketAddress(named, raw.getPort());
        } catch (UnknownHostException e) {
            throw new AssertionError("an address's own bytes are always an address", e);
        }
    }
}
