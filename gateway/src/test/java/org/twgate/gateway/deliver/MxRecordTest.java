package org.twgate.gateway.deliver;

import org.twgate.gateway.outcome.DeliveryStatus.Result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MxRecordTest {

    @Test
    void parsesTheJndiTextFormAndDropsTheRootDot() {
        assertThat(MxRecord.parse("10 mx1.example.com.")).isEqualTo(new MxRecord(10, "mx1.example.com"));
        assertThat(MxRecord.parse(" 0   mx.example.com")).isEqualTo(new MxRecord(0, "mx.example.com"));
    }

    @Test
    void refusesMalformedRecordsQuotingThem() {
        assertThatThrownBy(() -> MxRecord.parse("mx.example.com")).hasMessageContaining("'mx.example.com'");
        assertThatThrownBy(() -> MxRecord.parse("ten mx.example.com")).hasMessageContaining("numeric");
        assertThatThrownBy(() -> MxRecord.parse("70000 mx.example.com")).hasMessageContaining("0-65535");
    }

    @Test
    void ordersByPreferenceAndSpreadsEqualHostsRandomly() {
        List<MxRecord> records = List.of(new MxRecord(20, "backup"), new MxRecord(10, "a"), new MxRecord(10, "b"));
        java.util.Set<List<String>> seen = new java.util.HashSet<>();
        java.util.Random random = new java.util.Random(5321);
        for (int i = 0; i < 200; i++) {
            List<String> order = MxRecord.order("example.com", records, random);
            assertThat(order).hasSize(3).endsWith("backup");
            seen.add(order);
        }
        assertThat(seen).containsExactlyInAnyOrder(List.of("a", "b", "backup"), List.of("b", "a", "backup"));
    }

    @Test
    void fallsBackToTheDomainItselfWithoutMx() {
        assertThat(MxRecord.order("example.com", List.of())).containsExactly("example.com");
    }

    @Test
    void readsANullMxAsNoMailAccepted() {
        assertThat(MxRecord.order("example.com", List.of(MxRecord.parse("0 .")))).isEmpty();
    }

    @Test
    void failsEveryRecipientOfANullMxDomainWithoutConnecting() {
        SmtpClient client = new SmtpClient(DeliverFixtures.config(), domain -> List.of());

        SessionOpening opening = client.open(NextHop.mxOf("nomail.example", 1));

        assertThat(opening).isInstanceOfSatisfying(SessionOpening.NotOpened.class, refused -> {
            assertThat(refused.outcome()).isEqualTo(Result.FAILED);
            assertThat(refused.diagnostic()).contains("null MX").contains("nomail.example");
        });
    }

    @Test
    void defersWhenTheMxLookupFails() {
        SmtpClient client = new SmtpClient(DeliverFixtures.config(), domain -> {
            throw new java.net.UnknownHostException("no such domain '" + domain + "' (MX lookup)");
        });

        SessionOpening opening = client.open(NextHop.mxOf("gone.example", 1));

        assertThat(opening).isInstanceOfSatisfying(SessionOpening.NotOpened.class, refused -> {
            assertThat(refused.outcome()).isEqualTo(Result.DEFERRED);
            assertThat(refused.diagnostic()).contains("gone.example");
        });
    }
}
