package org.twgate.gateway.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LineBreaksTest {

    private static int naive(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Octets next to CR and LF in value (0x0B, 0x0C, 0x0E, 0x8D, 0x8A...) must not be mistaken for them. */
    @Test
    void findsTheFirstCrOrLfWhereverItIsAndNothingElse() {
        Random random = new Random(20261121L);
        byte[] neighbours = {0x00, 0x09, 0x0B, 0x0C, 0x0E, (byte) 0x8A, (byte) 0x8D, (byte) 0xFF, 'a', '.', 0x01};
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(70)];
            for (int i = 0; i < bytes.length; i++) {
                int pick = random.nextInt(40);
                bytes[i] = pick == 0 ? (byte) '\r' : pick == 1 ? (byte) '\n' : neighbours[random.nextInt(neighbours.length)];
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertThat(LineBreaks.next(bytes, from, to)).isEqualTo(naive(bytes, from, to));
        }
    }
}
