package org.twgate.gateway.deliver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.twgate.gateway.outcome.DeliveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open SMTP session with a next hop: commands out, replies in, and the state the pool
 * needs to decide on reuse. Driven by one thread at a time; only {@link #abort()} may be
 * called from another (the reaper's transaction deadline).
 */
final class SmtpConnection implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpConnection.class);
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(5);

    private Socket socket;
    private ReplyReader replies;
    private OutputStream wire;
    private DotStuffingOutputStream stuffer;
    private final SmtpClientConfig config;
    private final NextHop hop;
    private final String remoteMta;
    private EhloCapabilities capabilities = EhloCapabilities.HELO;
    /** A transaction was started and not ended with a reply to "." or RSET. */
    private boolean dirty;
    /** An I/O fault or 421: never reuse, never say QUIT. */
    private volatile boolean broken;
    private long idleSinceNanos = System.nanoTime();
    private int transactions;

    SmtpConnection(Socket socket, NextHop hop, String remoteMta, SmtpClientConfig config) throws IOException {
        this.socket = socket;
        this.hop = hop;
        this.remoteMta = remoteMta;
        this.config = config;
        this.replies = new ReplyReader(new BufferedInputStream(socket.getInputStream(), 8192));
        this.wire = new BufferedOutputStream(socket.getOutputStream(), 65536);
    }

    /**
     * Reads the greeting and says EHLO, falling back to HELO when EHLO gets a 5xx (old
     * servers answer 500/502). Returns null when the session is ready, else why not.
     */
    SessionOpening.NotOpened handshake() throws IOException {
        SmtpReply greeting = read(SmtpStage.GREETING, config.commandTimeout());
        if (!greeting.positive()) {
            return refused(SmtpStage.GREETING, greeting);
        }
        send("EHLO " + config.heloName());
        flush();
        SmtpReply ehlo = read(SmtpStage.EHLO, config.commandTimeout());
        if (ehlo.positive()) {
            capabilities = EhloCapabilities.parse(ehlo);
            return hop.tls().attempts() ? startTls() : null;
        }
        if (!ehlo.permanentNegative()) {
            return refused(SmtpStage.EHLO, ehlo);
        }
        send("HELO " + config.heloName());
        flush();
        SmtpReply helo = read(SmtpStage.HELO, config.commandTimeout());
        if (helo.positive()) {
            capabilities = EhloCapabilities.HELO;
            return hop.tls().required() ? tlsUnavailable("answers only HELO, so it cannot offer STARTTLS") : null;
        }
        return refused(SmtpStage.HELO, helo);
    }

    /**
     * RFC 3207: STARTTLS, the handshake, then EHLO again (everything learnt before TLS is
     * forgotten). Opportunistic mode goes on in clear text when the hop does not offer it.
     */
    private SessionOpening.NotOpened startTls() throws IOException {
        if (!capabilities.has("STARTTLS")) {
            return hop.tls().required() ? tlsUnavailable("does not offer STARTTLS") : null;
        }
        send("STARTTLS");
        flush();
        SmtpReply ready = read(SmtpStage.STARTTLS, config.commandTimeout());
        if (ready.code() != 220) {
            if (hop.tls().required() || DeliveryPolicy.closesSession(ready)) {
                return refused(SmtpStage.STARTTLS, ready);
            }
            return null;
        }
        try {
            socket = ClientTls.upgrade(socket, hop);
        } catch (IOException e) {
            broken = true;
            return new SessionOpening.NotOpened(DeliveryPolicy.forTlsFailure(remoteMta,
                    "TLS handshake with " + remoteMta + " failed: " + e.getMessage()), SmtpStage.STARTTLS, null);
        }
        replies = new ReplyReader(new BufferedInputStream(socket.getInputStream(), 8192));
        wire = new BufferedOutputStream(socket.getOutputStream(), 65536);
        send("EHLO " + config.heloName());
        flush();
        SmtpReply ehlo = read(SmtpStage.EHLO, config.commandTimeout());
        if (!ehlo.positive()) {
            return refused(SmtpStage.EHLO, ehlo);
        }
        capabilities = EhloCapabilities.parse(ehlo);
        return null;
    }

    /** Required TLS that the hop cannot give: deferred, the queue lifetime bounds the wait. */
    private SessionOpening.NotOpened tlsUnavailable(String why) {
        return new SessionOpening.NotOpened(DeliveryPolicy.forTlsUnavailable(remoteMta,
                "TLS is required for route " + hop.name() + " but " + remoteMta + " " + why), SmtpStage.STARTTLS, null);
    }


    private SessionOpening.NotOpened refused(SmtpStage stage, SmtpReply reply) {
        if (DeliveryPolicy.closesSession(reply)) {
            broken = true;
        }
        return new SessionOpening.NotOpened(DeliveryPolicy.forReply(stage, reply, remoteMta,
                remoteMta + " said in reply to " + stage.label() + ": " + reply.oneLine()), stage, reply);
    }

    /** Buffers one command line; CRLF is added here. */
    void send(String command) throws IOException {
        WireText.requireSingleLine(command, "SMTP command");
        LOG.trace("{} >>> {}", remoteMta, command);
        wire.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void flush() throws IOException {
        wire.flush();
    }

    /** Waits up to {@code timeout} for the next reply. */
    SmtpReply read(SmtpStage stage, Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        SmtpReply reply = replies.read();
        LOG.trace("{} <<< {} ({})", remoteMta, reply, stage.label());
        if (DeliveryPolicy.closesSession(reply)) {
            broken = true;
        }
        return reply;
    }

    /**
     * The DATA stream of one transaction: this connection's dot-stuffer, reset, over the current
     * wire (STARTTLS replaces the wire). Kept for the connection's life, so its two 64 KiB buffers
     * are not allocated again for every message.
     */
    DotStuffingOutputStream dataStream() {
        if (stuffer == null || !stuffer.writesTo(wire)) {
            stuffer = new DotStuffingOutputStream(wire);
        }
        stuffer.reset();
        return stuffer;
    }

    /** Ends an unfinished transaction so the session can carry another. */
    boolean reset() {
        try {
            send("RSET");
            flush();
            SmtpReply reply = read(SmtpStage.RSET, config.commandTimeout());
            dirty = !reply.positive();
            return reply.positive();
        } catch (IOException e) {
            broken = true;
            return false;
        }
    }

    /** Says QUIT (unless the session is broken) and closes the socket. */
    @Override
    public void close() {
        if (!broken && !socket.isClosed()) {
            try {
                send("QUIT");
                flush();
                read(SmtpStage.QUIT, QUIT_TIMEOUT);
            } catch (IOException e) {
                LOG.debug("{}: QUIT not answered: {}", remoteMta, e.toString());
            }
        }
        closeSocket();
    }

    /** Drops the connection without a word; safe from another thread. */
    void abort() {
        broken = true;
        closeSocket();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("{}: close failed: {}", remoteMta, e.toString());
        }
    }

    EhloCapabilities capabilities() {
        return capabilities;
    }

    NextHop hop() {
        return hop;
    }

    String remoteMta() {
        return remoteMta;
    }

    void markDirty(boolean dirty) {
        this.dirty = dirty;
    }

    boolean dirty() {
        return dirty;
    }

    void markBroken() {
        broken = true;
    }

    /** Whether the session may carry another transaction. */
    boolean reusable() {
        return !broken && !socket.isClosed();
    }

    void transactionEnded() {
        transactions++;
        idleSinceNanos = System.nanoTime();
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    int transactions() {
        return transactions;
    }
}
