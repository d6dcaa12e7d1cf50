package org.twgate.gateway.accept;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.smtp.SMTPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the client's byte stream into commands for the James handler chain, and takes the
 * message content after {@code 354} away from it entirely: content is decoded by a
 * {@link DataDecoder} and streamed to the spool, never buffered as lines (the library's framer
 * loses long lines and ends DATA on {@code .<LF>}; see the gateway README).
 *
 * <p>A command line holding a control character (anything below 0x20, or DEL, other than its
 * CRLF) is refused whole: James trims such characters, so {@code \0MAIL FROM:…} would run as
 * MAIL. The {@link SessionDeadlines} run from here. From a client that is not a relay client,
 * anything already sent after the end of data refuses the message (Postfix's
 * {@code smtpd_forbid_unauth_pipelining}), when configured.
 *
 * <p>While a message is being committed to disk this handler holds back every further byte
 * the client pipelined, so the {@code 250} after DATA goes out before any later reply. The
 * commit runs on the spool's I/O thread, so that the event loop's other sessions never wait on
 * this one's disk; a session alone on its event loop commits on the loop itself, since nothing
 * waits behind it there. Commands pipelined behind STARTTLS are discarded when
 * TLS starts: they were sent in clear text and must never be answered inside TLS.
 */
final class SmtpFramer extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpFramer.class);
    private static final int CHUNK = 64 << 10;
    private static final byte[] END_OF_DATA_SIGNAL = {'.'};

    private enum Mode { COMMAND, DISCARD_LONG_LINE, DATA, COMMITTING, CLOSING }

    private static final ByteProcessor NOT_CONTROL = b -> (b & 0xff) >= 0x20 && b != 0x7f;

    private final AcceptSettings settings;
    private final DataLimits limits;
    private final boolean forbidPipelining;
    private final SmtpListener listener;
    private SessionDeadlines deadlines;
    private ByteBuf buffer;
    private Mode mode = Mode.COMMAND;
    private InboundData data;
    private DataDecoder decoder;
    private ByteBuf chunk;
    private boolean closeAfterReply;

    /** @param relayClient relay clients have their own rules for bare line endings and pipelining */
    SmtpFramer(AcceptSettings settings, SmtpListener listener, boolean relayClient) {
        this.settings = settings;
        this.limits = settings.dataLimits(relayClient);
        this.forbidPipelining = settings.defences().forbidUnauthPipelining() && !relayClient;
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // On the heap: the DataDecoder scans its array for line breaks (see DataDecoder).
        buffer = ctx.alloc().heapBuffer(1024);
        deadlines = new SessionDeadlines(settings.defences().deadlines(), settings.hostname(), ctx.executor(),
                (reason, reply) -> {
                    listener.sessionClosedByServer(new SmtpListener.SessionClosed(client(ctx), reason, reply));
                    closeWith(ctx, reply);
                });
    }

    /** The banner is out (see {@link SessionStart}): the first command is due. */
    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        deadlines.awaitCommand();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            if (mode == Mode.CLOSING) {
                return;
            }
            buffer.writeBytes(in);
        } finally {
            in.release();
        }
        process(ctx);
    }

    private void process(ChannelHandlerContext ctx) {
        while (buffer.isReadable() && ctx.channel().isActive()) {
            switch (mode) {
                case COMMAND -> {
                    if (!nextCommand(ctx)) {
                        compact();
                        return;
                    }
                }
                case DISCARD_LONG_LINE -> discardLongLine();
                case DATA -> readContent(ctx);
                case COMMITTING, CLOSING -> {
                    return;
                }
                default -> throw new IllegalStateException(mode.name());
            }
        }
        compact();
    }

    /** Frames one command line and hands it to the chain; false when no complete line is buffered. */
    private boolean nextCommand(ChannelHandlerContext ctx) {
        int start = buffer.readerIndex();
        int lf = buffer.forEachByte(ByteProcessor.FIND_LF);
        int limit = settings.maxCommandLine();
        if (lf < 0) {
            if (buffer.readableBytes() > limit) {
                refuse(ctx, AcceptReplies.lineTooLong(limit));
                buffer.skipBytes(buffer.readableBytes());
                mode = Mode.DISCARD_LONG_LINE;
            }
            return false;
        }
        deadlines.awaitCommand(); // a whole line is in: the next one is due
        int lineLength = lf - start + 1;
        boolean crlf = lf > start && buffer.getByte(lf - 1) == '\r';
        if (lineLength > limit) {
            buffer.readerIndex(lf + 1);
            refuse(ctx, AcceptReplies.lineTooLong(limit));
            return true;
        }
        if (!crlf && limits.rejectBareLineEndings()) {
            buffer.readerIndex(lf + 1);
            refuse(ctx, AcceptReplies.BARE_LF_IN_COMMAND);
            return true;
        }
        int length = lf - start - (crlf ? 1 : 0);
        int control = length == 0 ? -1 : buffer.forEachByte(start, length, NOT_CONTROL);
        if (control >= 0) {
            int value = buffer.getByte(control) & 0xff;
            buffer.readerIndex(lf + 1);
            refuse(ctx, AcceptReplies.controlCharacter(value, control - start + 1));
            return true;
        }
        ByteBuf line = buffer.retainedSlice(start, length);
        buffer.readerIndex(lf + 1);
        boolean tlsBefore = ctx.pipeline().get(SslHandler.class) != null;
        ctx.fireChannelRead(line);
        if (!tlsBefore && ctx.pipeline().get(SslHandler.class) != null && buffer.isReadable()) {
            LOG.warn("client={} discarded {} octets pipelined after STARTTLS (command injection attempt?)",
                    client(ctx), buffer.readableBytes());
            buffer.skipBytes(buffer.readableBytes());
        }
        InboundData started = session(ctx).getAttachment(InboundData.KEY, ProtocolSession.State.Transaction)
                .orElse(null);
        if (started != null && started != data) {
            startContent(started);
        }
        return true;
    }

    private void discardLongLine() {
        int lf = buffer.forEachByte(ByteProcessor.FIND_LF);
        if (lf < 0) {
            buffer.skipBytes(buffer.readableBytes());
        } else {
            buffer.readerIndex(lf + 1);
            mode = Mode.COMMAND;
            deadlines.awaitCommand();
        }
    }

    private void startContent(InboundData started) {
        data = started;
        decoder = new DataDecoder(limits);
        mode = Mode.DATA;
        deadlines.awaitData();
    }

    private void readContent(ChannelHandlerContext ctx) {
        if (chunk == null) {
            chunk = ctx.alloc().buffer(CHUNK);
        }
        int before = buffer.readableBytes();
        boolean end = decoder.decode(buffer, chunk);
        deadlines.received(before - buffer.readableBytes());
        if (end) {
            // Sent on without waiting for the reply: the client assumes how "." will be read.
            boolean pipelined = forbidPipelining && buffer.isReadable();
            finishContent(ctx, pipelined); // the last chunk goes with the commit, in one spool task
        } else if (chunk.readableBytes() >= CHUNK) {
            handOver(ctx);
        }
    }

    /** Passes the decoded content to the spool; pauses reading while the disk lags behind. */
    private void handOver(ChannelHandlerContext ctx) {
        ByteBuf full = chunk;
        chunk = null;
        if (!full.isReadable() || decoder.verdict().refused()) {
            full.release();
            return;
        }
        if (data.message().write(full)) {
            ctx.channel().config().setAutoRead(false);
            data.message().onDrained(() -> ctx.executor().execute(() -> {
                if (mode == Mode.DATA) { // after ".", the commit's completion resumes reading
                    ctx.channel().config().setAutoRead(true);
                }
            }));
        }
    }

    private void finishContent(ChannelHandlerContext ctx, boolean pipelined) {
        InboundData finished = data;
        DataVerdict verdict = pipelined && !decoder.verdict().refused()
                ? DataVerdict.pipelinedAfterEndOfData() : decoder.verdict();
        data = null;
        decoder = null;
        ByteBuf last = chunk;
        chunk = null;
        if (verdict.refused()) {
            last.release();
            finished.message().abort();
            finished.setOutcome(verdict.reply(), null);
            finished.announce();
            answerEndOfData(ctx);
            if (pipelined) {
                LOG.info("event=session_closed client={} reason=unauth_pipelining discarded={}",
                        client(ctx), buffer.readableBytes());
                mode = Mode.CLOSING;
                buffer.skipBytes(buffer.readableBytes());
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        mode = Mode.COMMITTING;
        CompletableFuture<Reply> committed = finished.commit(last.isReadable() ? last : release(last), alone(ctx));
        if (committed.isDone()) {
            // Committed on this thread: answer now, and the process loop this was called from
            // goes on with whatever the client pipelined after ".".
            ctx.channel().config().setAutoRead(true); // a drain may have paused it before "."
            answerEndOfData(ctx);
            finished.announce();
            return;
        }
        deadlines.pause();
        ctx.channel().config().setAutoRead(false);
        committed.whenComplete((reply, failure) -> {
            ctx.executor().execute(() -> {
                if (!ctx.channel().isActive() || buffer.refCnt() == 0) {
                    return; // the client left; the message is queued all the same
                }
                ctx.channel().config().setAutoRead(true);
                answerEndOfData(ctx);
                process(ctx);
            });
            // Logging and queueing happen after the reply is on its way, off the event loop.
            finished.announce();
        });
    }

    /**
     * Whether this session is the only one its event loop serves: then the loop has nothing to do
     * while the message is synced, and syncing it here saves the handoff to the spool's I/O thread
     * and back. With other sessions on the loop, they would stall behind the disk.
     */
    private static boolean alone(ChannelHandlerContext ctx) {
        return ctx.channel().eventLoop() instanceof SingleThreadEventLoop loop && loop.registeredChannels() == 1;
    }

    private static ByteBuf release(ByteBuf empty) {
        empty.release();
        return null;
    }

    /** Lets the chain answer the end of data; the reply is already waiting in the session. */
    private void answerEndOfData(ChannelHandlerContext ctx) {
        mode = Mode.COMMAND;
        deadlines.awaitCommand();
        ctx.fireChannelRead(Unpooled.wrappedBuffer(END_OF_DATA_SIGNAL));
        if (closeAfterReply) {
            closeForShutdown(ctx);
        }
    }

    /** Shutdown: idle sessions hear 421 now, a session inside a transaction after its reply. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event == ShutdownRequested.INSTANCE) {
            if (mode == Mode.DATA || mode == Mode.COMMITTING) {
                closeAfterReply = true;
            } else {
                closeForShutdown(ctx);
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    private void closeForShutdown(ChannelHandlerContext ctx) {
        Reply reply = AcceptReplies.shuttingDown(settings.hostname());
        listener.sessionClosedByServer(new SmtpListener.SessionClosed(client(ctx), SessionClosure.SHUTDOWN, reply));
        closeWith(ctx, reply);
    }

    /** The idle timer fired: 421, counted, then close. */
    void closeIdle(ChannelHandlerContext ctx, Reply reply) {
        listener.sessionClosedByServer(new SmtpListener.SessionClosed(client(ctx), SessionClosure.IDLE_TIMEOUT, reply));
        closeWith(ctx, reply);
    }

    void closeWith(ChannelHandlerContext ctx, Reply reply) {
        mode = Mode.CLOSING;
        deadlines.cancel();
        ctx.writeAndFlush(Unpooled.copiedBuffer(reply.wire(), StandardCharsets.US_ASCII))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** A command line refused here never reaches the chain's {@link CommandRefusals}: told to the listener alike. */
    private void refuse(ChannelHandlerContext ctx, Reply reply) {
        SMTPSession session = session(ctx);
        listener.commandRefused(new SmtpListener.CommandRefused(session == null ? null : session.getSessionID(),
                client(ctx), SmtpListener.UNREAD_LINE, reply));
        reply(ctx, reply);
    }

    private void reply(ChannelHandlerContext ctx, Reply reply) {
        ctx.writeAndFlush(Unpooled.copiedBuffer(reply.wire(), StandardCharsets.US_ASCII));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (data != null) {
            data.message().abort(); // the client went away before the end of data
            data = null;
        }
        release();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        if (deadlines != null) {
            deadlines.cancel();
        }
        if (chunk != null) {
            chunk.release();
            chunk = null;
        }
        if (buffer != null && buffer.refCnt() > 0) {
            buffer.release();
        }
    }

    private void compact() {
        if (buffer.refCnt() > 0 && buffer.readerIndex() > 0 && buffer.readerIndex() > buffer.capacity() / 2) {
            buffer.discardReadBytes();
        }
    }

    /** The client's address for a log line (the channel's own toString would repeat it as its name). */
    private static String client(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }

    private static SMTPSession session(ChannelHandlerContext ctx) {
        return (SMTPSession) ctx.channel().attr(BasicChannelInboundHandler.SESSION_ATTRIBUTE_KEY).get();
    }
}
