package org.twgate.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueueIdTest {
    @Test
    void anIdIsTheTimeInElevenHexDigitsThenFiveOfASequence() {
        long millis = 0x19AE3F0C2D1L;
        QueueId first = QueueId.next(millis);
        QueueId second = QueueId.next(millis);

        assertThat(first.value()).hasSize(16).startsWith(String.format("%011X", millis)).matches("[0-9A-F]{16}");
        long firstSeq = Long.parseLong(first.value().substring(11), 16);
        long secondSeq = Long.parseLong(second.value().substring(11), 16);
        assertThat(secondSeq).isEqualTo((firstSeq + 1) & 0xFFFFF);
        assertThat(QueueId.next(1).value()).startsWith("00000000001");
        assertThat(QueueId.next(0xFFFFFFFFFFFFL).value()).as("the time is cut to 11 digits").startsWith("FFFFFFFFFFF");
    }
}
