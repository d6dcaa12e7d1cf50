package org.twgate.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slow clients on one thread: {@code sessions} connections from the given local addresses, each
 * sending one octet of an endless command line every {@code gapMillis} once it has its banner,
 * and connecting again whenever the server closes it. Counts the replies it gets ({@link ReplyTally}).
 */
final class DripAttack implements AutoCloseable {
    private final InetSocketAddress server;
    private final List<InetAddress> from;
    private final int sessions;
    private final long gapMillis;
    private final Selector selector;
    private final Thread thread;
    private final ReplyTally replies = new ReplyTally();
    private final AtomicInteger holding = new AtomicInteger();
    private volatile boolean stopping;

    /** One connection's state: its local address index and what it has read so far. */
    private static final class Drip {
        final int index;
        final StringBuilder line = new StringBuilder();
        boolean greeted;

        Drip(int index) {
            this.index = index;
        }
    }

    DripAttack(InetSocketAddress server, List<InetAddress> from, int sessions, long gapMillis) throws IOException {
        this.server = server;
        this.from = from;
        this.sessions = sessions;
        this.gapMillis = gapMillis;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "drip-attack");
        thread.setDaemon(true);
    }

    DripAttack start() throws IOException {
        for (int i = 0; i < sessions; i++) {
            open(i);
        }
        thread.start();
        return this;
    }

    private void open(int index) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.bind(new InetSocketAddress(from.get(index % from.size()), 0));
        ch.configureBlocking(false);
        ch.connect(server);
        ch.register(selector, SelectionKey.OP_CONNECT, new Drip(index));
    }

    private void run() {
        ByteBuffer in = ByteBuffer.allocate(4096);
        ByteBuffer octet = ByteBuffer.wrap(new byte[] {'X'});
        long nextDrip = System.currentTimeMillis();
        try {
            while (!stopping) {
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    Drip drip = (Drip) key.attachment();
                    try {
                        if (key.isConnectable() && ch.finishConnect()) {
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isReadable()) {
                            in.clear();
                            int n = ch.read(in);
                            if (n < 0) {
                                reopen(key, ch, drip);
                                continue;
                            }
                            take(drip, new String(in.array(), 0, n, StandardCharsets.ISO_8859_1));
                        }
                    } catch (IOException e) {
                        reopen(key, ch, drip);
                    }
                }
                selector.selectedKeys().clear();
                if (System.currentTimeMillis() >= nextDrip) {
                    nextDrip += gapMillis;
                    for (SelectionKey key : selector.keys()) {
                        Drip drip = (Drip) key.attachment();
                        if (key.isValid() && drip.greeted) {
                            try {
                                octet.rewind();
                                ((SocketChannel) key.channel()).write(octet);
                            } catch (IOException e) {
                                reopen(key, (SocketChannel) key.channel(), drip);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            replies.count("attack failed: " + e);
        }
    }

    private void take(Drip drip, String text) {
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                String line = drip.line.toString().strip();
                drip.line.setLength(0);
                replies.count(line);
                if (line.startsWith("220") && !drip.greeted) {
                    drip.greeted = true;
                    holding.incrementAndGet();
                }
            } else {
                drip.line.append(c);
            }
        }
    }

    private void reopen(SelectionKey key, SocketChannel ch, Drip drip) {
        key.cancel();
        if (drip.greeted) {
            holding.decrementAndGet();
        }
        try {
            ch.close();
            if (!stopping) {
                open(drip.index);
            }
        } catch (IOException e) {
            replies.count("reconnect failed");
        }
    }

    /** Sessions that have their banner and are dripping now. */
    int holding() {
        return holding.get();
    }

    Map<String, Long> replies() {
        return replies.snapshot();
    }

    @Override
    public void close() throws Exception {
        stopping = true;
        thread.join(10_000);
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }
}
