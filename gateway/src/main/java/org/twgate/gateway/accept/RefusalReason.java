package org.twgate.gateway.accept;

import java.util.Locale;

/**
 * Why the server refused a command or a message: a closed set, named where the refusal is decided
 * ({@link Reply#refusal}: the relay policy, a {@code refuse:} rule, the connector's rules, the
 * parsers, the rate limits, the size limit, the spool…) and carried with the reply, so the log line
 * and the metric (two {@link SmtpListener}s) say the same and nobody reads it back from the text.
 * Only replies made by James's own handlers (an unknown command, the library's sequence checks,
 * the HELO/EHLO refusal of a hook) carry none; {@link #ofLibraryReply} names those by their basic
 * code. A bounded set: metrics label it.
 */
public enum RefusalReason {
    /** {@code 552 5.3.4}: SIZE parameter or content over {@code server.max_message_size}. */
    SIZE,
    /** {@code 554 5.4.6}: too many {@code Received:} fields. */
    LOOP,
    /**
     * {@code 554 5.6.0}: a line of the message over {@code server.max_data_line}; for a command,
     * {@code 500 5.5.2}: a command line over {@code server.max_command_line}.
     */
    LINE_LENGTH,
    /** {@code 554 5.6.0} (message) or {@code 500 5.5.2} (command line): bare CR or LF with {@code bare_line_endings: reject}. */
    BARE_LINE_ENDING,
    /** {@code 554 5.6.0}: a NUL in the message, from a client held to {@code bare_line_endings: reject}. */
    NUL_CHARACTER,
    /** {@code 554 5.5.0}: commands sent after the end of data without waiting (a client that is not a relay client). */
    UNAUTH_PIPELINING,
    /** {@code 452 4.7.1}: more MAIL commands from the client than {@code server.message_rate_limit}. */
    MESSAGE_RATE,
    /** {@code 452 4.7.1}: more recipients from the client than {@code server.recipient_rate_limit}. */
    RECIPIENT_RATE,
    /** {@code 452 4.3.1}: the spool's file system is full. */
    SPOOL_FULL,
    /** {@code 451 4.3.0}: the message could not be written to the spool. */
    SPOOL_ERROR,
    /** {@code 554 5.7.1}: the recipient's domain is not accepted from this client (the relay policy). */
    RELAY_DENIED,
    /** {@code 550 5.1.1}: a {@code refuse:} rule of the recipient's route matched. */
    REFUSED_BY_RULE,
    /** {@code 550 5.7.1}: the connector would refuse the recipient ({@code teamware:} mode, allow, no_relay). */
    CONNECTOR_RULE,
    /** {@code 452 4.5.3}: more than {@code server.max_recipients}. */
    TOO_MANY_RECIPIENTS,
    /**
     * {@code 501}/{@code 500}: malformed address, parameter or command line (a control character
     * in it, a HELO name that is no domain); {@code 555}: a parameter the server did not offer;
     * {@code 553 5.6.7}: a non-ASCII address (SMTPUTF8 is not offered).
     */
    SYNTAX,
    /** {@code 503 5.5.1}: a command out of order (RCPT before MAIL, a second MAIL, DATA without recipients). */
    SEQUENCE,
    /** Anything else a library handler refused (EXPN, VRFY, STARTTLS without TLS, …). */
    OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A refusal that one of James's handlers made, which names no cause: RFC 5321 §4.2.2's meaning
     * of the basic code (500, 501, 504 and 555: syntax; 503: sequence), else {@link #OTHER}.
     */
    static RefusalReason ofLibraryReply(int code) {
        return switch (code) {
            case 500, 501, 504, 555 -> SYNTAX;
            case 503 -> SEQUENCE;
            default -> OTHER;
        };
    }
}
