package org.twgate.gateway.spool;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One line of a message's delivery journal ({@code queue/ID.log}).
 *
 * <p>Form: {@code <time> <event> [rcpt=N] [route=NAME] [next=TIME] [reply=TEXT…]}, where
 * {@code reply} takes the rest of the line. Lines are appended and never rewritten; the state of
 * a queued message is the replay of its journal.
 *
 * @param recipient index of the envelope recipient, or -1 for message-level events
 */
public record JournalRecord(Instant time, Event event, int recipient, String route, Instant next, String reply) {

    public enum Event {
        /** The next hop accepted the recipient. */
        DELIVERED,
        /** A transient failure; {@code next} says when to try again. */
        DEFERRED,
        /** A permanent failure, or the queue lifetime ran out. */
        FAILED,
        /** A failure notice was queued for this recipient. */
        NOTIFIED,
        /** A delay warning was queued for the message. */
        DELAY_NOTIFIED,
        /** An operator held the message back. */
        HOLD,
        /** An operator released it. */
        RELEASE,
        /** An operator asked for an immediate retry. */
        RETRY
    }

    public JournalRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        if (route != null && (route.isEmpty() || route.chars().anyMatch(c -> c <= ' '))) {
            throw new IllegalArgumentException("route name must be one word: '" + route + "'");
        }
    }

    public static JournalRecord of(Instant time, Event event) {
        return new JournalRecord(time, event, -1, null, null, null);
    }

    public static JournalRecord forRecipient(Instant time, Event event, int recipient, String route, Instant next,
            String reply) {
        return new JournalRecord(time, event, recipient, route, next, reply);
    }

    public String format() {
        StringBuilder out = new StringBuilder(96);
        out.append(time).append(' ').append(event.name().toLowerCase(java.util.Locale.ROOT));
        if (recipient >= 0) {
            out.append(" rcpt=").append(recipient);
        }
        if (route != null) {
            out.append(" route=").append(route);
        }
        if (next != null) {
            out.append(" next=").append(next);
        }
        if (reply != null) {
            // A reply comes from a remote server: it must not be able to forge journal lines.
            out.append(" reply=").append(reply.replace('\r', ' ').replace('\n', ' '));
        }
        return out.append('\n').toString();
    }

    /** Parses one line; returns null for a torn last line or one this version does not know. */
    public static JournalRecord parse(String line) {
        String[] head = line.split(" ", 3);
        if (head.length < 2) {
            return null;
        }
        try {
            Instant time = Instant.parse(head[0]);
            Event event = Event.valueOf(head[1].toUpperCase(java.util.Locale.ROOT));
            int rcpt = -1;
            String route = null;
            Instant next = null;
            String reply = null;
            String rest = head.length > 2 ? head[2] : "";
            while (!rest.isEmpty()) {
                if (rest.startsWith("reply=")) {
                    reply = rest.substring(6);
                    break;
                }
                int sp = rest.indexOf(' ');
                String field = sp < 0 ? rest : rest.substring(0, sp);
                rest = sp < 0 ? "" : rest.substring(sp + 1);
                if (field.startsWith("rcpt=")) {
                    rcpt = Integer.parseInt(field.substring(5));
                } else if (field.startsWith("route=")) {
                    route = field.substring(6);
                } else if (field.startsWith("next=")) {
                    next = Instant.parse(field.substring(5));
                }
            }
            return new JournalRecord(time, event, rcpt, route, next, reply);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
