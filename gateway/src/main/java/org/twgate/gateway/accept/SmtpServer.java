package org.twgate.gateway.accept;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.WiringException;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.smtp.SMTPProtocol;
import org.apache.james.protocols.smtp.SMTPProtocolHandlerChain;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.ExpnCmdHandler;
import org.apache.james.protocols.smtp.core.HelpCmdHandler;
import org.apache.james.protocols.smtp.core.NoopCmdHandler;
import org.apache.james.protocols.smtp.core.QuitCmdHandler;
import org.apache.james.protocols.smtp.core.RsetCmdHandler;
import org.apache.james.protocols.smtp.core.UnknownCmdHandler;
import org.apache.james.protocols.smtp.core.VrfyCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.StartTlsCmdHandler;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.gateway.spool.IncomingMessage;
import org.twgate.gateway.spool.Spool;
import org.twgate.gateway.spool.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP server: James's command handlers behind twgate's own Netty pipeline
 * (connection limits, idle timeout, {@link SmtpFramer}). Built on Netty directly rather than
 * James's NettyServer so that every refusal is a {@code 421}/{@code 554} reply, DATA never goes
 * through the library's framer, and shutdown leaves no thread behind.
 *
 * <p>Threads: one acceptor and {@code ioThreads} event loops. Nothing on them waits on the disk
 * (the spool has its own I/O threads; the one exception is a session alone on its loop, whose
 * final sync runs there, see {@link SmtpFramer}), on a downstream server (delivery is elsewhere) or on a
 * name server: accepted connections carry their address literal as their name
 * ({@link LiteralNamedServerChannel}), and the client's PTR name is looked up by
 * {@link ClientNames} on its own threads.
 *
 * <p>At connect, in this order: the client policy ({@code 554 5.7.1}); for a client that is not
 * exempt, its connection rate ({@code 421 4.7.0}); the total of sessions; for a client that is
 * not exempt, its sessions open now ({@code 421 4.7.0}).
 */
public final class SmtpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);

    /** The settings new sessions get, with the handler chain built from them; replaced by {@link #applyToNewSessions}. */
    private volatile Wiring wiring;
    private final RelayPolicy policy;
    private final Spool spool;
    private final MessageIntake intake;
    private final Clock clock;
    private final SmtpListener listener;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final ChannelGroup listeners = new DefaultChannelGroup("listeners", GlobalEventExecutor.INSTANCE);
    private final ChannelGroup sessions = new DefaultChannelGroup("sessions", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger connections = new AtomicInteger();
    private final ClientRates rates;
    private final ClientNames names = new ClientNames();
    private final Encryption startTls;

    public SmtpServer(AcceptSettings settings, RelayPolicy policy, Spool spool, MessageIntake intake, int ioThreads,
            Clock clock) {
        this(settings, policy, spool, intake, ioThreads, clock, null, SmtpListener.NONE);
    }

    /** @param startTls STARTTLS offered with this key material, or null for none */
    public SmtpServer(AcceptSettings settings, RelayPolicy policy, Spool spool, MessageIntake intake, int ioThreads,
            Clock clock, Encryption startTls) {
        this(settings, policy, spool, intake, ioThreads, clock, startTls, SmtpListener.NONE);
    }

    /** @param listener told of sessions opened, closed and refused and of refused commands (metrics) */
    public SmtpServer(AcceptSettings settings, RelayPolicy policy, Spool spool, MessageIntake intake, int ioThreads,
            Clock clock, Encryption startTls, SmtpListener listener) {
        this.startTls = startTls;
        this.policy = policy;
        this.spool = spool;
        this.intake = intake;
        this.clock = clock;
        this.listener = listener;
        this.rates = new ClientRates(clock);
        this.wiring = wire(settings);
        this.acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("twgate-smtp-accept", true));
        this.workers = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("twgate-smtp-io", true));
    }

    /** A session's settings and the handler chain that enforces them: fixed for the session's life. */
    private record Wiring(AcceptSettings settings, SMTPProtocol protocol) {
    }

    private Wiring wire(AcceptSettings settings) {
        return new Wiring(settings, new OctetSmtpProtocol(chain(settings, policy, spool, announcing(intake), clock, listener),
                new GatewaySmtpConfiguration(settings.hostname())));
    }

    /**
     * Sessions opened from now on get {@code next} (a configuration reload); sessions already
     * open keep the settings they started with. The connection limits count every open session.
     */
    public void applyToNewSessions(AcceptSettings next) {
        wiring = wire(next);
    }

    /** Each end of data is told to the listener (accepted or refused, with its reason), then handed to {@code next}. */
    private MessageIntake announcing(MessageIntake next) {
        return new MessageIntake() {
            @Override
            public void finished(IncomingMessage message, StoredMessage stored, Reply reply) {
                if (stored != null) {
                    listener.messageAccepted(new SmtpListener.MessageAccepted(message, stored, reply));
                } else {
                    listener.messageRefused(new SmtpListener.MessageRefused(message, reply));
                }
                next.finished(message, stored, reply);
            }

            @Override
            public boolean hasRoom() {
                return next.hasRoom();
            }
        };
    }

    private static SMTPProtocolHandlerChain chain(AcceptSettings settings, RelayPolicy policy, Spool spool,
            MessageIntake intake, Clock clock, SmtpListener listener) {
        NoopMetricFactory metrics = new NoopMetricFactory();
        SMTPProtocolHandlerChain chain = new SMTPProtocolHandlerChain(metrics, false);
        chain.addAll(List.<org.apache.james.protocols.api.handler.ProtocolHandler>of(
                new CommandDispatcher<SMTPSession>(),
                new Greeting(settings.hostname()),
                new HelloReplies.Ehlo(metrics),
                new HelloReplies.Helo(metrics),
                new HeloNameCheck(),
                new EsmtpFeatures(settings),
                new MailCommandHandler(settings, intake),
                new RcptCommandHandler(settings, policy),
                new DataCommandHandler(metrics, spool, intake, settings, clock),
                new RsetCmdHandler(),
                new NoopCmdHandler(),
                new QuitCmdHandler(metrics),
                new HelpCmdHandler(),
                new VrfyCmdHandler(),
                new ExpnCmdHandler(),
                new StartTlsCmdHandler(),
                new UnknownCmdHandler(metrics),
                new CommandRefusals(listener)));
        try {
            chain.wireExtensibleHandlers();
        } catch (WiringException e) {
            throw new IllegalStateException("SMTP handler chain does not wire", e);
        }
        return chain;
    }

    /** Binds every listen address and accepts connections on them ({@link #bind}, then {@link #accept}). */
    public void start(List<InetSocketAddress> addresses) throws InterruptedException {
        bind(addresses);
        accept();
    }

    /**
     * Binds every listen address without accepting yet: connections wait in the backlog until
     * {@link #accept}, so the gateway can hold every port before it recovers its queue. Fails
     * naming the address (and releases what it bound) if any cannot be bound.
     */
    public void bind(List<InetSocketAddress> addresses) throws InterruptedException {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channelFactory(LiteralNamedServerChannel::new)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false) // no accept before accept()
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        initSession(channel);
                    }
                });
        for (InetSocketAddress address : addresses) {
            try {
                listeners.add(bootstrap.bind(address).sync().channel());
            } catch (InterruptedException e) {
                close();
                throw e;
            } catch (Exception e) { // Netty rethrows the checked BindException undeclared
                close();
                throw new IllegalStateException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
            LOG.info("event=listening address={}", address);
        }
    }

    /** Starts accepting connections on the bound addresses. */
    public void accept() {
        listeners.forEach(c -> c.config().setAutoRead(true));
    }

    /** The addresses actually bound (an ephemeral port resolved). */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        listeners.forEach(c -> out.add((InetSocketAddress) c.localAddress()));
        return out;
    }

    private void initSession(SocketChannel channel) {
        Wiring session = wiring;
        AcceptSettings settings = session.settings();
        ChannelPipeline pipeline = channel.pipeline();
        java.net.InetAddress address = channel.remoteAddress().getAddress();
        String ip = address.getHostAddress();
        RelayPolicy.ClientVerdict verdict = policy.client(address);
        if (!verdict.allowed()) {
            refuse(pipeline, new SmtpListener.ConnectionRefused(ip, ConnectionRefusal.POLICY, verdict.rule(), 0),
                    Reply.of(554, "5.7.1",
                    settings.hostname() + " client " + ip + " is not allowed to connect (" + verdict.rule() + ")"));
            return;
        }
        RateLimits limits = settings.defences().rates();
        boolean exempt = verdict.relayClient() && limits.exemptRelayClients();
        ClientRates.Client client = ClientRates.Client.UNLIMITED;
        if (!exempt) {
            String key = ClientRates.key(address, limits);
            ClientRates.Admission admission = rates.connect(key, limits, settings.maxConnectionsPerIp());
            if (admission.refusal() != null) {
                refuse(pipeline, new SmtpListener.ConnectionRefused(ip, admission.refusal(), null, admission.limit()),
                        admission.refusal() == ConnectionRefusal.CONNECTION_RATE
                        ? AcceptReplies.connectionRate(settings.hostname(), key, admission.limit(),
                                org.twgate.config.syntax.Durations.format(limits.unit()))
                        : AcceptReplies.tooManyConnectionsFrom(settings.hostname(), key, admission.limit()));
                return;
            }
            client = admission.client();
            channel.closeFuture().addListener(f -> admission.client().closed());
        }
        int total = connections.incrementAndGet();
        channel.closeFuture().addListener(f -> connections.decrementAndGet());
        if (settings.maxConnections() > 0 && total > settings.maxConnections()) {
            refuse(pipeline, new SmtpListener.ConnectionRefused(ip, ConnectionRefusal.MAX_CONNECTIONS, null, 0),
                    AcceptReplies.tooManyConnections(settings.hostname()));
            return;
        }
        sessions.add(channel);
        listener.sessionOpened();
        channel.closeFuture().addListener(f -> listener.sessionClosed());
        channel.config().setAutoRead(false); // SessionStart reads once the banner is out
        SmtpFramer framer = new SmtpFramer(settings, listener, verdict.relayClient());
        pipeline.addLast(HandlerConstants.TIMEOUT_HANDLER,
                new IdleTimeoutHandler(settings.idleTimeout().toMillis(), framer, settings.hostname()));
        pipeline.addLast("twgate-session-start", new SessionStart(
                new ClientSession(ip, verdict, java.util.Optional.empty(), client), address,
                settings.defences().reverseDns() ? names : null, settings.defences().reverseDnsTimeout()));
        pipeline.addLast(HandlerConstants.FRAMER, framer);
        pipeline.addLast(HandlerConstants.CORE_HANDLER, new BasicChannelInboundHandler(
                new NoLookupMdc(), session.protocol(), startTls, false));
    }

    private void refuse(ChannelPipeline pipeline, SmtpListener.ConnectionRefused refusal, Reply reply) {
        listener.connectionRefused(refusal);
        pipeline.addLast(new ConnectionRefuser(reply));
    }

    /**
     * Stops accepting, tells idle sessions {@code 421} at once and busy ones after their current
     * transaction, waits up to {@code grace}, then closes what is left.
     */
    public void shutdown(Duration grace) {
        listeners.close().awaitUninterruptibly();
        sessions.forEach(c -> c.pipeline().fireUserEventTriggered(ShutdownRequested.INSTANCE));
        long deadline = System.nanoTime() + grace.toNanos();
        for (Channel session : sessions) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !session.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        if (!sessions.isEmpty()) {
            LOG.warn("event=shutdown_forced sessions={} grace={}", sessions.size(),
                    org.twgate.config.syntax.Durations.format(grace));
            sessions.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        close();
    }

    @Override
    public void close() {
        names.close();
        listeners.close().awaitUninterruptibly();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
