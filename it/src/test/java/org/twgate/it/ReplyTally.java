package org.twgate.it;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The replies an attacker got, counted by their first words ({@code 220}, {@code 421 4.7.0}…); thread-safe. */
final class ReplyTally {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void count(String reply) {
        counts.computeIfAbsent(kind(reply), k -> new LongAdder()).increment();
    }

    /** A reply's code and enhanced code ({@code 421 4.7.0}), or its first three characters. */
    static String kind(String reply) {
        return reply.length() >= 9 && reply.charAt(3) == ' ' && Character.isDigit(reply.charAt(4))
                ? reply.substring(0, 9) : reply.substring(0, Math.min(3, reply.length()));
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
