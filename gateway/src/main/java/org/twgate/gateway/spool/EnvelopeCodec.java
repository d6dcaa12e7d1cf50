package org.twgate.gateway.spool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The envelope section at the head of every spool file: one {@code key value} per line,
 * LF-terminated, UTF-8, ended by a line holding a single {@code .}; the message follows.
 * The second line is the seal ({@link Seal}), written last, in place: it says how long the
 * file is and what it holds, so a file written in place can tell a finished message from an
 * unfinished one without a rename.
 * Recipient attributes ({@code notify}, {@code orcpt}) follow their {@code rcpt} line.
 * No value can contain a line break (the SMTP server refuses them), so nothing is escaped
 * and an operator can read the file with {@code less}.
 */
public final class EnvelopeCodec {
    static final String MAGIC = "twgate-spool 2";
    /** Files written before the seal (committed by a rename, so present means committed). */
    static final String MAGIC_V1 = "twgate-spool 1";
    private static final int MAX_HEADER = 1 << 20;

    private EnvelopeCodec() {
    }

    public static byte[] encode(QueueId id, Envelope envelope) {
        StringBuilder out = new StringBuilder(256);
        line(out, MAGIC, null);
        out.append(Seal.UNSEALED_LINE);
        line(out, "id", id.value());
        line(out, "arrival", envelope.arrival().toString());
        line(out, "client", envelope.clientAddress());
        line(out, "helo", envelope.clientHelo());
        line(out, "protocol", envelope.protocol());
        line(out, "sender", envelope.sender());
        line(out, "ret", envelope.ret());
        line(out, "envid", envelope.envid());
        line(out, "body", envelope.body());
        if (envelope.smtputf8()) {
            line(out, "smtputf8", "yes");
        }
        for (EnvelopeRecipient r : envelope.recipients()) {
            line(out, "rcpt", r.address());
            line(out, "notify", r.dsnNotify());
            line(out, "orcpt", r.orcpt());
        }
        out.append(".\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, String key, String value) {
        if (value == null && !key.equals(MAGIC)) {
            return;
        }
        out.append(key);
        if (value != null) {
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("line break in envelope field " + key + ": '" + value + "'");
            }
            out.append(' ').append(value);
        }
        out.append('\n');
    }

    /** An envelope read back, with the offset in the file where the message starts. */
    public record Decoded(QueueId id, Envelope envelope, long contentOffset) {
    }

    /** Reads the envelope section; the stream is left positioned at the message. */
    public static Decoded decode(InputStream in, String where) throws IOException {
        List<String> lines = new ArrayList<>();
        long offset = 0;
        ByteArrayOutputStream current = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new SpoolFormatException(where + ": envelope section is not terminated by '.'");
            }
            if (++offset > MAX_HEADER) {
                throw new SpoolFormatException(where + ": envelope section larger than " + MAX_HEADER + " octets");
            }
            if (b != '\n') {
                current.write(b);
                continue;
            }
            String text = current.toString(StandardCharsets.UTF_8);
            current.reset();
            if (text.equals(".")) {
                break;
            }
            lines.add(text);
        }
        QueueId[] id = new QueueId[1];
        Envelope envelope = fields(lines, where, id);
        return new Decoded(id[0], envelope, offset);
    }

    private static String key(String line) {
        int sp = line.indexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }

    private static String value(String line) {
        int sp = line.indexOf(' ');
        return sp < 0 ? "" : line.substring(sp + 1);
    }

    static Envelope fields(List<String> lines, String where, QueueId[] idOut) throws SpoolFormatException {
        if (lines.isEmpty() || !(lines.get(0).equals(MAGIC) || lines.get(0).equals(MAGIC_V1))) {
            throw new SpoolFormatException(where + ": not a twgate spool file (first line is not '" + MAGIC + "')");
        }
        String sender = null;
        String ret = null;
        String envid = null;
        String body = null;
        String client = null;
        String helo = null;
        String protocol = null;
        boolean smtputf8 = false;
        Instant arrival = null;
        List<EnvelopeRecipient> rcpts = new ArrayList<>();
        String rcpt = null;
        String notify = null;
        String orcpt = null;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String value = value(line);
            switch (key(line)) {
                case "id" -> idOut[0] = parseId(value, where, i);
                case "arrival" -> arrival = parseInstant(value, where, i);
                case "client" -> client = value;
                case "helo" -> helo = value;
                case "protocol" -> protocol = value;
                case "sender" -> sender = value;
                case "ret" -> ret = value;
                case "envid" -> envid = value;
                case "body" -> body = value;
                case "smtputf8" -> smtputf8 = true;
                case "rcpt" -> {
                    if (rcpt != null) {
                        rcpts.add(new EnvelopeRecipient(rcpts.size(), rcpt, notify, orcpt));
                    }
                    rcpt = value;
                    notify = null;
                    orcpt = null;
                }
                case "notify" -> notify = value;
                case "orcpt" -> orcpt = value;
                case "seal" -> {
                    // checked when the file is recovered (QueueFileCheck), not each time it is read
                }
                default -> {
                    // Unknown keys come from a newer twgate: keep going, they only add information.
                }
            }
        }
        if (rcpt != null) {
            rcpts.add(new EnvelopeRecipient(rcpts.size(), rcpt, notify, orcpt));
        }
        if (idOut[0] == null || sender == null || arrival == null || rcpts.isEmpty()) {
            throw new SpoolFormatException(where + ": envelope lacks one of id, sender, arrival, rcpt");
        }
        return new Envelope(sender, rcpts, ret, envid, body, smtputf8, arrival, client, helo, protocol);
    }

    private static QueueId parseId(String value, String where, int line) throws SpoolFormatException {
        if (!QueueId.isQueueId(value)) {
            throw new SpoolFormatException(where + ":" + (line + 1) + ": bad queue id '" + value + "'");
        }
        return new QueueId(value);
    }

    private static Instant parseInstant(String value, String where, int line) throws SpoolFormatException {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new SpoolFormatException(where + ":" + (line + 1) + ": bad time '" + value + "'");
        }
    }
}
