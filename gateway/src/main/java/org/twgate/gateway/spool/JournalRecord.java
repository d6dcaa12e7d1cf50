package org.twgate.gateway.spool;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.twgate.dsn.status.EnhancedStatus;
import org.twgate.dsn.status.SmtpReplyStatus;
import org.twgate.gateway.outcome.DeliveryStatus;
import org.twgate.gateway.outcome.Reason;

/**
 * One line of a message's delivery journal ({@code queue/ID.log}).
 *
 * <p>Form: {@code <time> <event> [rcpt=N] [route=NAME] [next=TIME] [status=X.Y.Z] [reason=NAME]
 * [mta=TEXT] [said=TEXT] [reply=TEXT…]}, where {@code reply} (the diagnostic) takes the rest of the
 * line and {@code mta} (the remote MTA) and {@code said} (the next hop's own reply) are
 * percent-encoded (space, %, controls). Lines are appended and never rewritten; the state of a
 * queued message is the replay of its journal.
 *
 * <p>Compatibility: the fields {@code status}, {@code reason}, {@code mta} and {@code said} came
 * with the delivery-status vocabulary. Journals written before them read back with those null
 * ({@link #status} then rebuilds what it can from {@code reply}); versions before them skip
 * fields they do not know, so a downgrade reads these journals too.
 *
 * @param recipient index of the envelope recipient, or -1 for message-level events
 * @param status    the recipient's enhanced status, or null (message-level events, older journals)
 * @param reason    the cause, or null (message-level events, older journals, a newer version's reason)
 */
public record JournalRecord(Instant time, Event event, int recipient, String route, Instant next, String reply,
        EnhancedStatus status, Reason reason, String remoteMta, String remoteReply) {

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

    public JournalRecord(Instant time, Event event, int recipient, String route, Instant next, String reply) {
        this(time, event, recipient, route, next, reply, null, null, null, null);
    }

    public static JournalRecord of(Instant time, Event event) {
        return new JournalRecord(time, event, -1, null, null, null);
    }

    public static JournalRecord forRecipient(Instant time, Event event, int recipient, String route, Instant next,
            String reply) {
        return new JournalRecord(time, event, recipient, route, next, reply);
    }

    /** A recipient's outcome: DELIVERED, DEFERRED or FAILED by the status's result. */
    public static JournalRecord outcome(Instant time, int recipient, String route, Instant next, DeliveryStatus s) {
        Event event = switch (s.result()) {
            case DELIVERED -> Event.DELIVERED;
            case DEFERRED -> Event.DEFERRED;
            case FAILED -> Event.FAILED;
        };
        return new JournalRecord(time, event, recipient, route, next, s.diagnostic(), s.status(), s.reason(),
                s.remoteMta(), s.remoteReply());
    }

    /**
     * The recipient status this record tells of (DELIVERED, DEFERRED, FAILED), also from a journal
     * written before statuses were recorded: then the status is read from the diagnostic when it
     * starts with a reply ("553 5.1.3 …"), else generic, and the reason is unknown (reported as
     * the next hop's reply, which is what most older records were).
     */
    public DeliveryStatus deliveryStatus() {
        DeliveryStatus.Result result = switch (event) {
            case DELIVERED -> DeliveryStatus.Result.DELIVERED;
            case DEFERRED -> DeliveryStatus.Result.DEFERRED;
            case FAILED -> DeliveryStatus.Result.FAILED;
            default -> throw new IllegalStateException(event + " is not a recipient outcome");
        };
        EnhancedStatus known = status;
        if (known == null) {
            EnhancedStatus generic = switch (result) {
                case DELIVERED -> EnhancedStatus.SUCCESS;
                case DEFERRED -> EnhancedStatus.TRANSIENT;
                case FAILED -> EnhancedStatus.PERMANENT;
            };
            known = reply == null ? generic : SmtpReplyStatus.statusOf(reply).orElse(generic);
        }
        return new DeliveryStatus(result, known, reason == null ? Reason.REMOTE_REPLY : reason, remoteReply,
                remoteMta, reply == null ? "" : reply);
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
        if (status != null) {
            out.append(" status=").append(status);
        }
        if (reason != null) {
            out.append(" reason=").append(reason.label());
        }
        if (remoteMta != null) {
            out.append(" mta=").append(encode(remoteMta));
        }
        if (remoteReply != null) {
            out.append(" said=").append(encode(remoteReply));
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
            EnhancedStatus status = null;
            Reason reason = null;
            String mta = null;
            String said = null;
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
                } else if (field.startsWith("status=")) {
                    status = EnhancedStatus.parseLeading(field.substring(7));
                } else if (field.startsWith("reason=")) {
                    reason = Reason.ofLabel(field.substring(7));
                } else if (field.startsWith("mta=")) {
                    mta = decode(field.substring(4));
                } else if (field.startsWith("said=")) {
                    said = decode(field.substring(5));
                }
            }
            return new JournalRecord(time, event, rcpt, route, next, reply, status, reason, mta, said);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }

    /** Space, %, and controls as %XX (UTF-8 octets), so a value is one field. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c <= ' ' || c == '%' || c == 0x7f) {
                out.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                out.append((char) c);
            }
        }
        return new String(out.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    static String decode(String field) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(field.length());
        byte[] raw = field.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length) {
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            out.write(raw[i]);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
