package org.twgate.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clients that connect as fast as they can, read the first reply and hang up, on a few threads,
 * each from its own local addresses, until stopped or {@code maxPerThread} connections each.
 * Counts the replies ({@link ReplyTally}).
 */
final class ConnectionFlood implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final ReplyTally replies = new ReplyTally();
    private volatile boolean stopping;

    ConnectionFlood(InetSocketAddress server, List<List<InetAddress>> fromPerThread, int maxPerThread) {
        for (List<InetAddress> from : fromPerThread) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < maxPerThread && !stopping; i++) {
                    try (Socket s = new Socket()) {
                        s.bind(new InetSocketAddress(from.get(i % from.size()), 0));
                        s.setSoTimeout(10_000);
                        s.connect(server, 5000);
                        String line = new BufferedReader(new InputStreamReader(s.getInputStream(),
                                StandardCharsets.ISO_8859_1)).readLine();
                        replies.count(line == null ? "closed" : line);
                    } catch (Exception e) {
                        replies.count("error " + e.getClass().getSimpleName());
                    }
                }
            }, "flood");
            t.setDaemon(true);
            threads.add(t);
        }
    }

    ConnectionFlood start() {
        threads.forEach(Thread::start);
        return this;
    }

    long attempts() {
        return replies.total();
    }

    Map<String, Long> replies() {
        return replies.snapshot();
    }

    @Override
    public void close() throws Exception {
        stopping = true;
        for (Thread t : threads) {
            t.join(15_000);
        }
    }
}
