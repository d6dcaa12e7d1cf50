package org.twgate.dsn.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmtpReplyStatusTest {

    @Test
    void readsTheEnhancedCodeAfterTheReplyCode() {
        assertThat(SmtpReplyStatus.enhancedStatus("550 5.1.1 <x@y>: unknown user"))
                .contains(new EnhancedStatus(5, 1, 1));
        assertThat(SmtpReplyStatus.enhancedStatus("451-4.7.1 greylisted")).contains(new EnhancedStatus(4, 7, 1));
    }

    @Test
    void ignoresAnEnhancedCodeOfAnotherClassThanTheReply() {
        assertThat(SmtpReplyStatus.enhancedStatus("550 4.1.1 confused")).isEmpty();
        assertThat(SmtpReplyStatus.statusOf("550 4.1.1 confused")).contains(EnhancedStatus.PERMANENT);
    }

    @Test
    void fallsBackToTheClassOfABareReplyCode() {
        assertThat(SmtpReplyStatus.statusOf("554 no thanks")).contains(EnhancedStatus.PERMANENT);
        assertThat(SmtpReplyStatus.statusOf("421 closing")).contains(EnhancedStatus.TRANSIENT);
        assertThat(SmtpReplyStatus.statusOf("not a reply")).isEmpty();
    }

    @Test
    void doesNotTakeANumberInsideTheTextForACode() {
        assertThat(SmtpReplyStatus.enhancedStatus("550 user 5.1.1x unknown")).isEmpty();
        assertThat(SmtpReplyStatus.enhancedStatus("550 5.1.1.2 odd")).isEmpty();
    }

    @Test
    void parsesAndRefusesStatusCodes() {
        assertThat(EnhancedStatus.parse("2.0.0")).isEqualTo(EnhancedStatus.SUCCESS);
        assertThat(EnhancedStatus.parse("5.7.123").toString()).isEqualTo("5.7.123");
        assertThatThrownBy(() -> EnhancedStatus.parse("3.0.0")).hasMessageContaining("'3.0.0'");
        assertThatThrownBy(() -> EnhancedStatus.parse("5.1")).hasMessageContaining("'5.1'");
        assertThat(EnhancedStatus.parse("4.4.7").withClass(5)).isEqualTo(new EnhancedStatus(5, 4, 7));
    }

    @Test
    void actionsReadAndWriteTheirFieldValues() {
        assertThat(Action.parse(" Relayed ")).isEqualTo(Action.RELAYED);
        assertThat(Action.FAILED.fieldValue()).isEqualTo("failed");
        assertThatThrownBy(() -> Action.parse("bounced")).hasMessageContaining("'bounced'");
    }
}
