package org.twgate.gateway.deliver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens SMTP sessions to a next hop: resolves it (IP literal, host, or MX), tries each
 * address in turn until one accepts the TCP connection, then greets. Stateless and safe
 * for concurrent use.
 */
public final class SmtpClient {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpClient.class);

    private final SmtpClientConfig config;
    private final MxResolver mxResolver;

    public SmtpClient(SmtpClientConfig config, MxResolver mxResolver) {
        this.config = config;
        this.mxResolver = mxResolver;
    }

    /** A ready session, or why there is none; never throws for network trouble. */
    SessionOpening open(NextHop hop) {
        List<InetSocketAddress> addresses;
        try {
            addresses = resolve(hop);
        } catch (IOException e) {
            return new SessionOpening.NotOpened(FailureClassifier.forFault(SmtpStage.CONNECT, e), SmtpStage.CONNECT,
                    null, null, "cannot resolve " + hop + ": " + e.getMessage());
        }
        if (addresses.isEmpty()) {
            return new SessionOpening.NotOpened(FailureClassifier.forNullMx(), SmtpStage.CONNECT, null, null,
                    "domain '" + hop.host() + "' publishes a null MX: it accepts no mail (RFC 7505)");
        }
        List<String> faults = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            Socket socket = new Socket();
            String remoteMta = address.getHostString() + " [" + address.getAddress().getHostAddress() + "]:"
                    + address.getPort();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(address, (int) config.connectTimeout().toMillis());
            } catch (IOException e) {
                closeQuietly(socket);
                faults.add(remoteMta + ": " + e.getMessage());
                LOG.debug("hop {}: connect to {} failed: {}", hop.name(), remoteMta, e.toString());
                continue;
            }
            SmtpConnection connection = null;
            try {
                connection = new SmtpConnection(socket, hop, remoteMta, config);
                SessionOpening.NotOpened refusal = connection.handshake();
                if (refusal != null) {
                    connection.close();
                    return refusal;
                }
                return new SessionOpening.Opened(connection);
            } catch (IOException e) {
                closeQuietly(socket);
                return new SessionOpening.NotOpened(FailureClassifier.forFault(SmtpStage.GREETING, e),
                        SmtpStage.GREETING, null, remoteMta,
                        "session with " + remoteMta + " failed before MAIL: " + e.getMessage());
            }
        }
        IOException unreachable = new IOException(String.join("; ", faults));
        return new SessionOpening.NotOpened(FailureClassifier.forFault(SmtpStage.CONNECT, unreachable),
                SmtpStage.CONNECT, null, null, "cannot connect to " + hop + ": " + unreachable.getMessage());
    }

    private List<InetSocketAddress> resolve(NextHop hop) throws IOException {
        List<String> hosts = hop.mx() ? mxResolver.exchanges(hop.host()) : List.of(hop.host());
        List<InetSocketAddress> addresses = new ArrayList<>();
        UnknownHostException lastUnknown = null;
        for (String host : hosts) {
            try {
                for (InetAddress ip : InetAddress.getAllByName(host)) {
                    addresses.add(new InetSocketAddress(InetAddress.getByAddress(host, ip.getAddress()), hop.port()));
                }
            } catch (UnknownHostException e) {
                lastUnknown = e; // try the other MX hosts before giving up
            }
        }
        if (addresses.isEmpty() && lastUnknown != null) {
            throw lastUnknown;
        }
        return addresses;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was sent on it
        }
    }
}
