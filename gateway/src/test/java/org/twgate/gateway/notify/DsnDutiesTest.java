package org.twgate.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.twgate.dsn.param.Notify;
import org.twgate.dsn.param.NotifyCondition;
import org.twgate.gateway.spool.EnvelopeRecipient;

class DsnDutiesTest {
    @Test
    void orcptPassedOnIsTheClientsOrElseTheAddressAsReceived() {
        assertThat(DsnDuties.orcptToPassOn(new EnvelopeRecipient(0, "a@b.example", null, "rfc822;x+2By@c.example")))
                .isEqualTo("rfc822;x+2By@c.example");
        assertThat(DsnDuties.orcptToPassOn(new EnvelopeRecipient(0, "a+b=c@b.example", null, null)))
                .isEqualTo("rfc822;a+2Bb+3Dc@b.example");
        assertThat(DsnDuties.orcptToPassOn(new EnvelopeRecipient(0, "jürgen@b.example", null, null)))
                .startsWith("utf-8;j");
    }

    @Test
    void noNotifyMeansFailureAndDelay() {
        Notify notify = DsnDuties.notify(new EnvelopeRecipient(0, "a@b.example", null, null));
        assertThat(notify.has(NotifyCondition.FAILURE)).isTrue();
        assertThat(notify.has(NotifyCondition.DELAY)).isTrue();
        assertThat(notify.has(NotifyCondition.SUCCESS)).isFalse();
        assertThat(DsnDuties.notify(new EnvelopeRecipient(0, "a@b.example", "NEVER", null)).isNever()).isTrue();
    }
}
