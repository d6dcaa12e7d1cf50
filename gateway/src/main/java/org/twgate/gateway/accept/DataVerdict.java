package org.twgate.gateway.accept;

/**
 * Whether the content after DATA may be queued, and if not, the reply that says why.
 * A refusal is only announced after the end of data: the client is not listening before.
 */
record DataVerdict(boolean refused, Reply reply) {
    static final DataVerdict ACCEPTABLE = new DataVerdict(false, null);
    /** How a bare line ending refusal begins. */
    static final String BARE_LINE_ENDING_TEXT = "Bare CR or LF";

    /** How a NUL refusal begins. */
    static final String NUL_TEXT = "NUL character";

    static DataVerdict nul(long line) {
        return new DataVerdict(true, Reply.refusal(RefusalReason.NUL_CHARACTER, 554, "5.6.0",
                NUL_TEXT + " in line " + line + " of the message; a message must not contain NUL"));
    }

    /** The client sent more after its end of data without waiting for the reply (Postfix's smtpd_forbid_unauth_pipelining). */
    static DataVerdict pipelinedAfterEndOfData() {
        return new DataVerdict(true, Reply.refusal(RefusalReason.UNAUTH_PIPELINING, 554, "5.5.0",
                "SMTP protocol synchronization: commands sent after the end of data without waiting for its reply;"
                        + " message refused, closing connection"));
    }

    static DataVerdict tooBig(long limit) {
        return new DataVerdict(true, Reply.refusal(RefusalReason.SIZE, 552, "5.3.4", "Message size exceeds fixed limit of " + limit + " octets"));
    }

    static DataVerdict lineTooLong(long line, long limit) {
        return new DataVerdict(true, Reply.refusal(RefusalReason.LINE_LENGTH, 554, "5.6.0",
                "Line " + line + " of the message is longer than " + limit + " octets"));
    }

    static DataVerdict bareLineEnding(long line) {
        return new DataVerdict(true, Reply.refusal(RefusalReason.BARE_LINE_ENDING, 554, "5.6.0",
                BARE_LINE_ENDING_TEXT + " in line " + line + " of the message; lines must end with CRLF"));
    }

    static DataVerdict tooManyHops(int received) {
        return new DataVerdict(true, Reply.refusal(RefusalReason.LOOP, 554, "5.4.6",
                "Too many hops (" + received + " Received: header fields): mail loop?"));
    }
}
