package org.twgate.gateway.spool;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A queue id: 11 hex digits of the time it was made in milliseconds, then 5 of a per-process
 * sequence started at a random point, so ids made by one process sort by that time and two
 * processes (a restart within the same millisecond) do not collide in practice. A message
 * written into a reserved file has the id made when the file was reserved, so ids sort by
 * arrival only roughly; the envelope keeps the arrival.
 */
public record QueueId(String value) implements Comparable<QueueId> {
    private static final Pattern FORM = Pattern.compile("[0-9A-F]{16}");
    private static final AtomicLong SEQUENCE = new AtomicLong(ThreadLocalRandom.current().nextInt(1 << 20));

    public QueueId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a queue id: '" + value + "'");
        }
    }

    public static QueueId next(long epochMillis) {
        long seq = SEQUENCE.getAndIncrement() & 0xFFFFF;
        // By hand rather than String.format("%011X%05X"): one id per message and one per reserved file.
        long value = (epochMillis & 0xFFFFFFFFFFFL) << 20 | seq;
        char[] digits = new char[16];
        for (int i = 15; i >= 0; i--) {
            digits[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new QueueId(new String(digits));
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public static boolean isQueueId(String text) {
        return FORM.matcher(text).matches();
    }

    @Override
    public int compareTo(QueueId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
