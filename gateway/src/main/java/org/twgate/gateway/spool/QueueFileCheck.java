package org.twgate.gateway.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * What a file {@code queue/ID.msg} holds, decided from its first lines and its {@link Seal}:
 * <ul>
 * <li>a committed message: sealed, with its own id, length and checksum matching (or a file of
 * the first format, whose id is its name: those were committed by a rename);
 * <li>a reserve: empty, unsealed (a message being written, never acknowledged), or holding
 * another id (the finished message whose file it was);
 * <li>corrupt: sealed with its own id but not matching what follows, or not a spool file at
 * all; kept in {@code corrupt/} for an operator.
 * </ul>
 */
final class QueueFileCheck {
    enum Kind { MESSAGE, RESERVE, CORRUPT }

    /** @param size the file's length in octets when it was checked */
    record Verdict(Kind kind, String reason, long size) {
    }

    /** Enough for the magic, seal and id lines. */
    private static final int HEAD = 128;

    private QueueFileCheck() {
    }

    static Verdict check(Path file, QueueId named) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return new Verdict(Kind.RESERVE, "empty", size);
            }
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(HEAD, size));
            while (head.hasRemaining() && channel.read(head) >= 0) {
                // fill
            }
            String[] lines = new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1).split("\n", 4);
            if (lines.length < 3) {
                return new Verdict(Kind.CORRUPT, "not a twgate spool file (too short)", size);
            }
            if (lines[0].equals(EnvelopeCodec.MAGIC_V1)) {
                return idLine(lines[1]).equals(named.value()) ? new Verdict(Kind.MESSAGE, "first format", size)
                        : new Verdict(Kind.RESERVE, "holds " + idLine(lines[1]), size);
            }
            if (!lines[0].equals(EnvelopeCodec.MAGIC)) {
                return new Verdict(Kind.CORRUPT, "not a twgate spool file (first line is not '" + EnvelopeCodec.MAGIC + "')", size);
            }
            Seal seal = Seal.parse(lines[1]);
            if (seal == null) {
                return new Verdict(Kind.CORRUPT, "second line is not a seal", size);
            }
            if (!seal.sealed()) {
                return new Verdict(Kind.RESERVE, "unsealed", size);
            }
            String id = idLine(lines[2]);
            if (!id.equals(named.value())) {
                return new Verdict(Kind.RESERVE, "holds " + id, size);
            }
            if (seal.length() != size) {
                return new Verdict(Kind.CORRUPT, "sealed for " + seal.length() + " octets, the file has " + size, size);
            }
            int crc = checksum(channel, Seal.COVERED_FROM, size);
            if (crc != seal.crc()) {
                return new Verdict(Kind.CORRUPT, String.format("checksum %08X, sealed with %08X", crc, seal.crc()), size);
            }
            return new Verdict(Kind.MESSAGE, "sealed", size);
        }
    }

    /** The CRC-32C of {@code [from, to)} of the file. */
    private static int checksum(FileChannel channel, long from, long to) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
        long position = from;
        while (position < to) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                break;
            }
            buffer.flip();
            crc.update(buffer);
            position += n;
        }
        return (int) crc.getValue();
    }

    private static String idLine(String line) {
        return line.startsWith("id ") ? line.substring(3) : "";
    }
}
