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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients that connect as fast as they can, read the first reply and hang up, on a few threads,
 * each from its own local addresses, until stopped or {@code maxPerThread} connections each.
 * Counts the replies by their first words.
 */
final class ConnectionFlood implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, LongAdder> replies = new ConcurrentHashMap<>();
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
                        count(line == null ? "closed" : line);
                    } catch (Exception e) {
                        count("error " + e.getClass().getSimpleName());
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

    private void count(String reply) {
        replies.computeIfAbsent(kind(reply), k -> new LongAdder()).increment();
    }

    /** A reply's code and enhanced code ({@code 421 4.7.0}), or its first three characters. */
    static String kind(String reply) {
        return reply.length() >= 9 && reply.charAt(3) == ' ' && Character.isDigit(reply.charAt(4))
                ? reply.substring(0, 9) : reply.substring(0, Math.min(3, reply.length()));
    }

    long attempts() {
        return replies.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> replies() {
        Map<String, Long> out = new java.util.TreeMap<>();
        replies.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public void close() throws Exception {
        stopping = true;
        for (Thread t : threads) {
            t.join(15_000);
        }
    }
}
