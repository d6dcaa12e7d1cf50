package org.twgate.gateway.deliver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/** One MX record: preference and exchange host (RFC 1035 §3.3.9). */
record MxRecord(int preference, String exchange) {

    /**
     * Parses the text form the JNDI DNS provider gives, {@code "10 mx.example.com."}; the
     * trailing dot of the absolute name is removed.
     */
    static MxRecord parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("MX record '" + text + "' is not 'preference exchange'");
        }
        int preference;
        try {
            preference = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("MX record '" + text + "' has no numeric preference", e);
        }
        if (preference < 0 || preference > 65535) {
            throw new IllegalArgumentException("MX record '" + text + "' has preference outside 0-65535");
        }
        String exchange = parts[1];
        if (exchange.length() > 1 && exchange.endsWith(".")) {
            exchange = exchange.substring(0, exchange.length() - 1);
        }
        return new MxRecord(preference, exchange);
    }

    /**
     * The exchanges to try in order: by preference, ties in random order (RFC 5321 §5.1: spread
     * the load over equal hosts). A single record with exchange "." is a null MX and gives an
     * empty list; no record at all falls back to the domain itself.
     */
    static List<String> order(String domain, List<MxRecord> records) {
        return order(domain, records, ThreadLocalRandom.current());
    }

    static List<String> order(String domain, List<MxRecord> records, Random random) {
        if (records.isEmpty()) {
            return List.of(domain);
        }
        if (records.size() == 1 && records.get(0).exchange().equals(".")) {
            return List.of();
        }
        List<MxRecord> shuffled = new ArrayList<>(records);
        Collections.shuffle(shuffled, random);
        shuffled.sort(Comparator.comparingInt(MxRecord::preference)); // stable: ties stay shuffled
        return shuffled.stream().map(MxRecord::exchange).filter(e -> !e.equals(".")).distinct().toList();
    }
}
