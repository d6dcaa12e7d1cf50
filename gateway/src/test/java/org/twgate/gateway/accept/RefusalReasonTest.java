package org.twgate.gateway.accept;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every refusal the server really sends maps to the reason its metrics and logs carry. */
class RefusalReasonTest {

    @Test
    void classifiesTheEndOfDataRefusals() {
        assertThat(RefusalReason.of(DataVerdict.tooBig(100).reply())).isEqualTo(RefusalReason.SIZE);
        assertThat(RefusalReason.of(DataVerdict.tooManyHops(101).reply())).isEqualTo(RefusalReason.LOOP);
        assertThat(RefusalReason.of(DataVerdict.lineTooLong(3, 1000).reply())).isEqualTo(RefusalReason.LINE_LENGTH);
        assertThat(RefusalReason.of(DataVerdict.bareLineEnding(7).reply())).isEqualTo(RefusalReason.BARE_LINE_ENDING);
        assertThat(RefusalReason.of(AcceptReplies.SPOOL_FULL)).isEqualTo(RefusalReason.SPOOL_FULL);
        assertThat(RefusalReason.of(AcceptReplies.SPOOL_ERROR)).isEqualTo(RefusalReason.SPOOL_ERROR);
    }

    @Test
    void classifiesTheCommandRefusals() {
        assertThat(RefusalReason.of(AcceptReplies.messageTooBig(10, 5))).isEqualTo(RefusalReason.SIZE);
        assertThat(RefusalReason.of(AcceptReplies.tooManyRecipients(100))).isEqualTo(RefusalReason.TOO_MANY_RECIPIENTS);
        assertThat(RefusalReason.of(Reply.of(554, "5.7.1", "<a@b>: Relay access denied"))).isEqualTo(RefusalReason.RELAY_DENIED);
        assertThat(RefusalReason.of(AcceptReplies.MAIL_SYNTAX)).isEqualTo(RefusalReason.SYNTAX);
        assertThat(RefusalReason.of(Reply.of(501, "5.1.3", "Bad recipient address syntax"))).isEqualTo(RefusalReason.SYNTAX);
        assertThat(RefusalReason.of(Reply.of(501, "5.5.2", "Syntax error"))).isEqualTo(RefusalReason.SYNTAX);
        assertThat(RefusalReason.of(AcceptReplies.NEED_MAIL)).isEqualTo(RefusalReason.SEQUENCE);
        assertThat(RefusalReason.of(AcceptReplies.NESTED_MAIL)).isEqualTo(RefusalReason.SEQUENCE);
        assertThat(RefusalReason.of(Reply.of(500, "5.5.1", "Command FOO unrecognized"))).isEqualTo(RefusalReason.SYNTAX);
        assertThat(RefusalReason.of(AcceptReplies.shuttingDown("gw"))).isEqualTo(RefusalReason.OTHER);
    }

    @Test
    void classifiesTheFramersCommandLineRefusals() {
        assertThat(RefusalReason.of(AcceptReplies.lineTooLong(512))).isEqualTo(RefusalReason.LINE_LENGTH);
        assertThat(RefusalReason.of(AcceptReplies.BARE_LF_IN_COMMAND)).isEqualTo(RefusalReason.BARE_LINE_ENDING);
    }

    @Test
    void readsJamesResponsesBackIntoReplies() {
        Reply reply = RefusedCommandLog.toReply(554, Reply.of(554, "5.7.1", "<x@y>: Relay access denied").toResponse());
        assertThat(reply).isEqualTo(Reply.of(554, "5.7.1", "<x@y>: Relay access denied"));
        assertThat(RefusedCommandLog.toReply(503, new org.apache.james.protocols.smtp.SMTPResponse("503", "Bad sequence")))
                .isEqualTo(Reply.of(503, null, "Bad sequence"));
    }
}
