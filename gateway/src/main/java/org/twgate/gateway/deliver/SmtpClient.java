package org.twgate.gateway.deliver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.twgate.gateway.outcome.DeliveryPolicy;
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

    /**
     * A ready session, or why there is none; never throws for network trouble. Each address is
     * tried in turn while {@link DeliveryPolicy#triesNextHost} says the fault is the host's (a
     * refused connection, a 4xx/5xx greeting, a refused EHLO, a STARTTLS fault); when none takes
     * the session, the last host's refusal (or the connection faults) is the outcome.
     */
    SessionOpening open(NextHop hop) {
        List<InetSocketAddress> addresses;
        try {
            addresses = resolve(hop);
        } catch (DnsLookupException e) {
            return new SessionOpening.NotOpened(DeliveryPolicy.forDns(e.answer(),
                    "cannot resolve " + hop + ": " + e.getMessage()), SmtpStage.CONNECT, null);
        } catch (IOException e) {
            return new SessionOpening.NotOpened(DeliveryPolicy.forDns(DeliveryPolicy.DnsAnswer.UNAVAILABLE,
                    "cannot resolve " + hop + ": " + e.getMessage()), SmtpStage.CONNECT, null);
        }
        if (addresses.isEmpty()) {
            return new SessionOpening.NotOpened(DeliveryPolicy.forNullMx(
                    "domain '" + hop.host() + "' publishes a null MX: it accepts no mail (RFC 7505)"),
                    SmtpStage.CONNECT, null);
        }
        List<String> faults = new ArrayList<>();
        SessionOpening.NotOpened refusal = null;
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
                SessionOpening.NotOpened refused = connection.handshake();
                if (refused == null) {
                    return new SessionOpening.Opened(connection);
                }
                connection.close();
                refusal = refused;
            } catch (IOException e) {
                closeQuietly(socket);
                refusal = new SessionOpening.NotOpened(DeliveryPolicy.forFault(SmtpStage.GREETING, e, remoteMta,
                        "session with " + remoteMta + " failed before MAIL: " + e.getMessage()),
                        SmtpStage.GREETING, null);
            }
            if (!DeliveryPolicy.triesNextHost(refusal.stage())) {
                return refusal;
            }
            faults.add(refusal.status().diagnostic());
            LOG.debug("hop {}: {} refused the session, trying the next host: {}", hop.name(), remoteMta,
                    refusal.status().diagnostic());
        }
        if (refusal != null) {
            return refusal;
        }
        IOException unreachable = new IOException(String.join("; ", faults));
        return new SessionOpening.NotOpened(DeliveryPolicy.forFault(SmtpStage.CONNECT, unreachable, null,
                "cannot connect to " + hop + ": " + unreachable.getMessage()), SmtpStage.CONNECT, null);
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
