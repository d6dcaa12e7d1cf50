package org.twgate.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A real SMTP server on 127.0.0.1 and an ephemeral port, for transcript tests of SMTP
 * clients. Its answers are scripted (any time, from any thread); it records every command
 * line, the read batches they arrived in (to prove pipelining), and each message's exact
 * octets.
 *
 * <p>A scripted reply is the reply text ("550 5.1.1 no such user"); lines separated by
 * "\n" make a multiline reply. A reply with code 421 is sent and then the connection is
 * closed; {@link #CLOSE} closes it without a word. Scripts run on the connection's thread
 * and may block (to hold a client mid-transaction).
 */
public final class RecordingSmtpServer implements AutoCloseable {

    /** As a scripted reply: drop the connection without answering. */
    public static final String CLOSE = "<close>";

    private final ServerSocket listener;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadCount = new AtomicInteger();
    final Object lock = new Object();

    // The script: replaced whole by the setters, read by sessions.
    volatile List<String> keywords = List.of("PIPELINING", "8BITMIME", "SIZE 52428800", "DSN",
            "ENHANCEDSTATUSCODES");
    volatile boolean heloOnly;
    volatile Function<String, String> mailReply = line -> "250 2.1.0 sender ok";
    volatile Function<String, String> rcptReply = address -> "250 2.1.5 recipient ok";
    volatile Function<Integer, String> dataReply = accepted -> accepted > 0 ? "354 end with <CRLF>.<CRLF>"
            : "554 5.5.1 no valid recipients";
    volatile IntFunction<String> endOfDataReply = index -> "250 2.0.0 queued as " + (index + 1);
    volatile int closeAfterDataOctets = -1;

    // The record, guarded by lock.
    final List<RecordedTransaction> transactions = new ArrayList<>();
    final List<String> commands = new ArrayList<>();
    final List<List<String>> batches = new ArrayList<>();
    int connections;
    int openConnections;
    int maxOpenConnections;
    int quits;
    int messagesEnded;

    private RecordingSmtpServer() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "recording-smtp-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::acceptLoop);
    }

    /** Starts a server advertising PIPELINING, 8BITMIME, SIZE, DSN, ENHANCEDSTATUSCODES. */
    public static RecordingSmtpServer start() throws IOException {
        return new RecordingSmtpServer();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return listener.getLocalPort();
    }

    // ---- script ----

    /** The EHLO keywords to advertise, replacing the defaults ("SIZE 1000" carries a parameter). */
    public RecordingSmtpServer advertise(String... ehloKeywords) {
        keywords = List.of(ehloKeywords);
        return this;
    }

    /** EHLO is answered 502, as by a server that knows only HELO. */
    public RecordingSmtpServer heloOnly() {
        heloOnly = true;
        return this;
    }

    /** The reply to each MAIL command, given its whole line. */
    public RecordingSmtpServer onMail(Function<String, String> reply) {
        mailReply = reply;
        return this;
    }

    /** The reply to each RCPT command, given the address between the angle brackets. */
    public RecordingSmtpServer onRcpt(Function<String, String> reply) {
        rcptReply = reply;
        return this;
    }

    /** The reply to DATA, given how many recipients were accepted. */
    public RecordingSmtpServer onData(Function<Integer, String> reply) {
        dataReply = reply;
        return this;
    }

    /** The reply after ".", given the index (0, 1, ...) of the message across all connections. */
    public RecordingSmtpServer onEndOfData(IntFunction<String> reply) {
        endOfDataReply = reply;
        return this;
    }

    /** Answers {@code reply} to the end of data of the first {@code n} messages, then 250. */
    public RecordingSmtpServer failFirstMessages(int n, String reply) {
        return onEndOfData(index -> index < n ? reply : "250 2.0.0 queued as " + (index + 1));
    }

    /** Drops the connection once this many octets of message data arrived. */
    public RecordingSmtpServer closeAfterDataOctets(int octets) {
        closeAfterDataOctets = octets;
        return this;
    }

    // ---- record ----

    /** Every transaction that reached the end of data, in order. */
    public List<RecordedTransaction> transactions() {
        synchronized (lock) {
            return List.copyOf(transactions);
        }
    }

    /** Every command line received, in order, prefixed by the connection number: "1 MAIL FROM:<a>". */
    public List<String> commands() {
        synchronized (lock) {
            return List.copyOf(commands);
        }
    }

    /**
     * The command lines grouped by the socket read that completed them; a pipelining client
     * shows MAIL, its RCPTs and DATA in one group.
     */
    public List<List<String>> readBatches() {
        synchronized (lock) {
            return batches.stream().map(List::copyOf).toList();
        }
    }

    public int connectionCount() {
        synchronized (lock) {
            return connections;
        }
    }

    public int openConnections() {
        synchronized (lock) {
            return openConnections;
        }
    }

    /** The most connections that were open at the same time. */
    public int maxOpenConnections() {
        synchronized (lock) {
            return maxOpenConnections;
        }
    }

    public int quitCount() {
        synchronized (lock) {
            return quits;
        }
    }

    /** Waits until {@code n} messages reached the end of data; returns them all. */
    public List<RecordedTransaction> awaitMessages(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (transactions.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + n
                            + " messages; got " + transactions.size() + "; commands " + commands);
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return List.copyOf(transactions);
        }
    }

    // ---- machinery ----

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(socket);
            try {
                socket.setTcpNoDelay(true); // else pipelined replies wait out the client's delayed ACK
            } catch (SocketException ignored) {
                // the connection is already gone; the session will notice
            }
            int number;
            synchronized (lock) {
                number = ++connections;
                openConnections++;
                maxOpenConnections = Math.max(maxOpenConnections, openConnections);
                lock.notifyAll();
            }
            try {
                threads.execute(() -> serve(socket, number));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                closeQuietly(socket);
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            new FixtureSession(this, socket, number).run();
        } catch (SocketException | java.io.EOFException gone) {
            // the client or close() dropped the connection
        } catch (IOException e) {
            // the session ends either way; tests see what was recorded
        } finally {
            open.remove(socket);
            synchronized (lock) {
                openConnections--;
                lock.notifyAll();
            }
        }
    }

    void record(Runnable change) {
        synchronized (lock) {
            change.run();
            lock.notifyAll();
        }
    }

    /** Drops every open connection without a word, as a server restart or idle timeout would. */
    public void dropConnections() {
        open.forEach(RecordingSmtpServer::closeQuietly);
    }

    /** Closes the port, every connection and every thread of the server. */
    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(RecordingSmtpServer::closeQuietly);
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IOException("recording SMTP server threads still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
