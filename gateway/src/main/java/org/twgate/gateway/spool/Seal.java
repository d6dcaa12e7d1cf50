package org.twgate.gateway.spool;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The second line of a spool file: {@code seal LENGTH CRC}, the file's length in octets and the
 * CRC-32C of everything after this line, both in fixed-width hex so that the line can be written
 * over in place once the message is complete. Until then it reads {@code seal 0000000000000000
 * 00000000} (unsealed).
 *
 * <p>Why: a message received into a reserved file ({@link ReservedFiles}) gets its final name
 * before its first octet arrives, so "the file exists" no longer means "the message was
 * committed". The seal is written after the content and the same {@code fdatasync} makes both
 * durable before the {@code 250}; after a power failure a file whose seal is missing, or does not
 * match what follows it, was never acknowledged.
 */
record Seal(long length, int crc) {
    /** Where the seal line starts: right after the first line, {@code twgate-spool 2\n}. */
    static final int OFFSET = EnvelopeCodec.MAGIC.length() + 1;
    static final String UNSEALED_LINE = "seal 0000000000000000 00000000\n";
    static final int LINE_LENGTH = UNSEALED_LINE.length();
    /** Where the octets the CRC covers start. */
    static final int COVERED_FROM = OFFSET + LINE_LENGTH;

    boolean sealed() {
        return length > 0;
    }

    byte[] line() {
        return String.format(Locale.ROOT, "seal %016X %08X\n", length, crc).getBytes(StandardCharsets.US_ASCII);
    }

    /** A seal line as written ({@code seal} and two hex numbers), or null for anything else. */
    static Seal parse(String line) {
        if (line.length() != LINE_LENGTH - 1 || !line.startsWith("seal ") || line.charAt(21) != ' ') {
            return null;
        }
        try {
            return new Seal(Long.parseUnsignedLong(line.substring(5, 21), 16),
                    (int) Long.parseLong(line.substring(22), 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
