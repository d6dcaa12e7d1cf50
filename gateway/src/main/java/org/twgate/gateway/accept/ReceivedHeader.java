package org.twgate.gateway.accept;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.twgate.gateway.spool.Envelope;
import org.twgate.gateway.spool.QueueId;

/**
 * The {@code Received:} trace field twgate prepends (RFC 5321 §4.4), folded, CRLF-terminated:
 * {@code from HELO (NAME [ADDRESS])}, NAME being the client's forward-confirmed PTR name when
 * {@link ClientNames} found one in time.
 */
final class ReceivedHeader {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private ReceivedHeader() {
    }

    static String render(Envelope envelope, java.util.Optional<String> clientName, QueueId id, String hostname,
            Instant now) {
        String helo = envelope.clientHelo() == null ? "[" + envelope.clientAddress() + "]" : printable(envelope.clientHelo());
        StringBuilder out = new StringBuilder(200);
        out.append("Received: from ").append(helo)
                .append(" (").append(clientName.map(n -> printable(n) + " ").orElse(""))
                .append('[').append(envelope.clientAddress()).append("])\r\n")
                .append("\tby ").append(hostname).append(" (twgate) with ").append(envelope.protocol())
                .append(" id ").append(id.value());
        // Name the recipient only when there is one: several would disclose the Bcc list.
        if (envelope.recipients().size() == 1) {
            out.append("\r\n\tfor <").append(envelope.recipients().get(0).address()).append('>');
        }
        out.append("; ").append(DATE.format(now)).append("\r\n");
        return out.toString();
    }

    /** A HELO argument is client-chosen text: keep it on one line and printable. */
    private static String printable(String helo) {
        StringBuilder out = new StringBuilder(Math.min(helo.length(), 255));
        for (int i = 0; i < helo.length() && i < 255; i++) {
            char c = helo.charAt(i);
            out.append(c > ' ' && c < 127 && c != '(' && c != ')' ? c : '?');
        }
        return out.toString();
    }
}
