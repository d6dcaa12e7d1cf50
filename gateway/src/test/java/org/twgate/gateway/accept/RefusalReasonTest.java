package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every refusal the server really sends carries, from where it is made, the reason its metrics and logs name. */
class RefusalReasonTest {

    @Test
    void theEndOfDataRefusalsNameTheirCause() {
        assertThat(DataVerdict.tooBig(100).reply().reason()).isEqualTo(RefusalReason.SIZE);
        assertThat(DataVerdict.tooManyHops(101).reply().reason()).isEqualTo(RefusalReason.LOOP);
        assertThat(DataVerdict.lineTooLong(3, 1000).reply().reason()).isEqualTo(RefusalReason.LINE_LENGTH);
        assertThat(DataVerdict.bareLineEnding(7).reply().reason()).isEqualTo(RefusalReason.BARE_LINE_ENDING);
        assertThat(DataVerdict.nul(7).reply().reason()).isEqualTo(RefusalReason.NUL_CHARACTER);
        assertThat(DataVerdict.pipelinedAfterEndOfData().reply().reason()).isEqualTo(RefusalReason.UNAUTH_PIPELINING);
        assertThat(AcceptReplies.SPOOL_FULL.reason()).isEqualTo(RefusalReason.SPOOL_FULL);
        assertThat(AcceptReplies.SPOOL_ERROR.reason()).isEqualTo(RefusalReason.SPOOL_ERROR);
    }

    @Test
    void theCommandRefusalsNameTheirCause() {
        assertThat(AcceptReplies.messageTooBig(10, 5).reason()).isEqualTo(RefusalReason.SIZE);
        assertThat(AcceptReplies.tooManyRecipients(100).reason()).isEqualTo(RefusalReason.TOO_MANY_RECIPIENTS);
        assertThat(AcceptReplies.messageRate("c", 1, "1m").reason()).isEqualTo(RefusalReason.MESSAGE_RATE);
        assertThat(AcceptReplies.recipientRate("c", 1, "1m").reason()).isEqualTo(RefusalReason.RECIPIENT_RATE);
        assertThat(AcceptReplies.MAIL_SYNTAX.reason()).isEqualTo(RefusalReason.SYNTAX);
        assertThat(AcceptReplies.nonAsciiAddress("ü@x").reason()).isEqualTo(RefusalReason.SYNTAX);
        assertThat(AcceptReplies.NEED_MAIL.reason()).isEqualTo(RefusalReason.SEQUENCE);
        assertThat(AcceptReplies.NESTED_MAIL.reason()).isEqualTo(RefusalReason.SEQUENCE);
        // A 421 that ends a session is a session closure, not a command refusal.
        assertThat(AcceptReplies.shuttingDown("gw").reason()).isNull();
    }

    @Test
    void theFramersCommandLineRefusalsNameTheirCause() {
        assertThat(AcceptReplies.lineTooLong(512).reason()).isEqualTo(RefusalReason.LINE_LENGTH);
        assertThat(AcceptReplies.BARE_LF_IN_COMMAND.reason()).isEqualTo(RefusalReason.BARE_LINE_ENDING);
        assertThat(AcceptReplies.controlCharacter(0, 1).reason()).isEqualTo(RefusalReason.SYNTAX);
    }

    @Test
    void jamesHandlersRefusalsAreNamedByTheirBasicCode() {
        assertThat(RefusalReason.ofLibraryReply(500)).isEqualTo(RefusalReason.SYNTAX); // unknown command
        assertThat(RefusalReason.ofLibraryReply(501)).isEqualTo(RefusalReason.SYNTAX);
        assertThat(RefusalReason.ofLibraryReply(503)).isEqualTo(RefusalReason.SEQUENCE);
        assertThat(RefusalReason.ofLibraryReply(502)).isEqualTo(RefusalReason.OTHER);
    }

    @Test
    void readsJamesResponsesBackIntoReplies() {
        Reply reply = CommandRefusals.toReply(554, Reply.of(554, "5.7.1", "<x@y>: Relay access denied").toResponse());
        assertThat(reply).isEqualTo(Reply.refusal(RefusalReason.OTHER, 554, "5.7.1", "<x@y>: Relay access denied"));
        assertThat(CommandRefusals.toReply(503, new org.apache.james.protocols.smtp.SMTPResponse("503", "Bad sequence")))
                .isEqualTo(Reply.refusal(RefusalReason.SEQUENCE, 503, null, "Bad sequence"));
    }

    @Test
    void aRefusalsResponseKeepsItsReply() {
        Reply refusal = AcceptReplies.tooManyRecipients(2);
        assertThat(refusal.toResponse()).isInstanceOfSatisfying(Reply.Refused.class,
                r -> assertThat(r.reply()).isEqualTo(refusal));
        assertThat(refusal.toResponse().getLines()).containsExactly("452 4.5.3 Too many recipients (at most 2 per message)");
    }
}
