package org.twgate.gateway.accept;

import java.util.Locale;

/**
 * Why the server refused a command or a message, derived from the reply it sent: the enhanced
 * status code names the cause (RFC 3463), and the replies that share one ({@code 5.6.0}) differ
 * in a fixed wording defined next to them in {@link DataVerdict}. A bounded set: metrics label it.
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
    /** {@code 554 5.7.1}: the recipient's domain is not accepted from this client. */
    RELAY_DENIED,
    /** {@code 452 4.5.3}: more than {@code server.max_recipients}. */
    TOO_MANY_RECIPIENTS,
    /**
     * {@code 501}/{@code 500}: malformed address, parameter or command line (a control character
     * in it, a HELO name that is no domain); {@code 555}: a parameter the server did not offer;
     * {@code 553 5.6.7}: a non-ASCII address (SMTPUTF8 is not offered).
     */
    SYNTAX,
    /** {@code 503 5.5.1}: a command out of order (RCPT before MAIL, …). */
    SEQUENCE,
    /** Anything else (an unknown command, a shutdown {@code 421}, …). */
    OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason for a refusal the server sent; {@link #OTHER} for anything unrecognised. */
    public static RefusalReason of(Reply reply) {
        if (reply.code() == 503) {
            return SEQUENCE; // RFC 5321 §4.2.4: bad sequence of commands
        }
        String status = reply.status() == null ? "" : reply.status();
        return switch (status) {
            case "5.3.4" -> SIZE;
            case "5.4.6" -> LOOP;
            case "5.6.0" -> dataReason(reply);
            case "5.5.0" -> UNAUTH_PIPELINING;
            case "4.7.1" -> reply.text().startsWith(AcceptReplies.MESSAGE_RATE_TEXT) ? MESSAGE_RATE
                    : reply.text().startsWith(AcceptReplies.RECIPIENT_RATE_TEXT) ? RECIPIENT_RATE : OTHER;
            case "5.6.7" -> SYNTAX;
            case "5.5.2" -> framerReason(reply);
            case "4.3.1" -> SPOOL_FULL;
            case "4.3.0" -> SPOOL_ERROR;
            case "5.7.1" -> RELAY_DENIED;
            case "4.5.3" -> TOO_MANY_RECIPIENTS;
            // 500 and 501 are the syntax replies (unknown command, line too long, bad argument).
            default -> syntaxOrOther(reply);
        };
    }

    /** The refusals of a message's lines, told apart by their fixed wording in {@link DataVerdict}. */
    private static RefusalReason dataReason(Reply reply) {
        if (reply.text().startsWith(DataVerdict.BARE_LINE_ENDING_TEXT)) {
            return BARE_LINE_ENDING;
        }
        return reply.text().startsWith(DataVerdict.NUL_TEXT) ? NUL_CHARACTER : LINE_LENGTH;
    }

    /** The framer's own command-line refusals, told apart by their fixed wording in {@link AcceptReplies}. */
    private static RefusalReason framerReason(Reply reply) {
        if (reply.text().startsWith(AcceptReplies.LINE_TOO_LONG_TEXT)) {
            return LINE_LENGTH;
        }
        if (reply.text().startsWith(AcceptReplies.BARE_LF_IN_COMMAND_TEXT)) {
            return BARE_LINE_ENDING;
        }
        return syntaxOrOther(reply);
    }

    private static RefusalReason syntaxOrOther(Reply reply) {
        return reply.code() == 500 || reply.code() == 501 || reply.code() == 555 ? SYNTAX : OTHER;
    }
}
