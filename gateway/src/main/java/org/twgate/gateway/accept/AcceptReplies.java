package org.twgate.gateway.accept;

/** The server's replies that do not depend on a command's arguments, in one place. */
final class AcceptReplies {
    /** How the framer's refusal of a long command line begins. */
    static final String LINE_TOO_LONG_TEXT = "Line too long";
    /** How the framer's refusal of a bare LF command line begins. */
    static final String BARE_LF_IN_COMMAND_TEXT = "Command line ended by bare LF";
    static final Reply BARE_LF_IN_COMMAND = Reply.refusal(RefusalReason.BARE_LINE_ENDING, 500, "5.5.2", BARE_LF_IN_COMMAND_TEXT + "; use CRLF");
    static final Reply MAIL_OK = Reply.of(250, "2.1.0", "Sender ok");
    static final Reply RCPT_OK = Reply.of(250, "2.1.5", "Recipient ok");
    static final Reply NESTED_MAIL = Reply.refusal(RefusalReason.SEQUENCE, 503, "5.5.1", "Sender already specified (RSET to start over)");
    static final Reply NEED_MAIL = Reply.refusal(RefusalReason.SEQUENCE, 503, "5.5.1", "Need MAIL before RCPT");
    static final Reply MAIL_SYNTAX = Reply.refusal(RefusalReason.SYNTAX, 501, "5.5.4", "Syntax: MAIL FROM:<address> [parameters]");
    static final Reply RCPT_SYNTAX = Reply.refusal(RefusalReason.SYNTAX, 501, "5.5.4", "Syntax: RCPT TO:<address> [parameters]");
    static final Reply START_MAIL_INPUT = Reply.of(354, null, "End data with <CR><LF>.<CR><LF>");
    static final Reply SPOOL_FULL = Reply.refusal(RefusalReason.SPOOL_FULL, 452, "4.3.1", "Insufficient system storage, try again later");
    static final Reply SPOOL_ERROR = Reply.refusal(RefusalReason.SPOOL_ERROR, 451, "4.3.0", "Local error writing the message to the queue, try again later");

    private AcceptReplies() {
    }

    static Reply lineTooLong(int limit) {
        return Reply.refusal(RefusalReason.LINE_LENGTH, 500, "5.5.2", LINE_TOO_LONG_TEXT + ": command lines are limited to " + limit + " octets");
    }

    static Reply shuttingDown(String hostname) {
        return Reply.of(421, "4.3.2", hostname + " Service shutting down, closing connection");
    }

    static Reply idleTimeout(String hostname) {
        return Reply.of(421, "4.4.2", hostname + " Idle timeout exceeded, closing connection");
    }

    static Reply tooManyConnections(String hostname) {
        return Reply.of(421, "4.7.0", hostname + " Too many connections, try again later");
    }

    static Reply tooManyConnectionsFrom(String hostname, String client, int limit) {
        return Reply.of(421, "4.7.0", hostname + " Too many connections from " + client + " (at most " + limit
                + " at a time), try again later");
    }

    static Reply connectionRate(String hostname, String client, int limit, String unit) {
        return Reply.of(421, "4.7.0", hostname + " Too many connections from " + client + ": connection rate limit is "
                + limit + " per " + unit + ", try again later");
    }

    /** How a message rate refusal begins. */
    static final String MESSAGE_RATE_TEXT = "Too many messages from ";
    /** How a recipient rate refusal begins. */
    static final String RECIPIENT_RATE_TEXT = "Too many recipients from ";

    static Reply messageRate(String client, int limit, String unit) {
        return Reply.refusal(RefusalReason.MESSAGE_RATE, 452, "4.7.1", MESSAGE_RATE_TEXT + client + ": message rate limit is " + limit + " per " + unit
                + ", try again later");
    }

    static Reply recipientRate(String client, int limit, String unit) {
        return Reply.refusal(RefusalReason.RECIPIENT_RATE, 452, "4.7.1", RECIPIENT_RATE_TEXT + client + ": recipient rate limit is " + limit + " per "
                + unit + ", try again later");
    }

    static Reply commandDeadline(String hostname, String deadline) {
        return Reply.of(421, "4.4.2", hostname + " Timeout: no complete command line within " + deadline
                + ", closing connection");
    }

    static Reply dataDeadline(String hostname, long minRate, String deadline) {
        return Reply.of(421, "4.4.2", hostname + " Timeout: the message arrived "
                + (minRate > 0 ? "slower than " + minRate + " octets/s for more than " : "in more than ") + deadline
                + ", closing connection");
    }

    /** How the framer's refusal of a control character begins. */
    static final String CONTROL_CHARACTER_TEXT = "Control character ";

    /** A command line with a control character: {@code octet} counts from 1. */
    static Reply controlCharacter(int value, int octet) {
        return Reply.refusal(RefusalReason.SYNTAX, 500, "5.5.2", CONTROL_CHARACTER_TEXT + String.format("\\x%02X", value) + " at octet " + octet
                + " of the command line; nothing was done");
    }

    /** RFC 6531 §3.7.4: a non-ASCII address where SMTPUTF8 was not negotiated. */
    static Reply nonAsciiAddress(String path) {
        return Reply.refusal(RefusalReason.SYNTAX, 553, "5.6.7", "Non-ASCII address <" + path + "> needs SMTPUTF8, which this server does not offer");
    }

    static Reply queued(String id) {
        return Reply.of(250, "2.0.0", "Ok: queued as " + id);
    }

    static Reply tooManyRecipients(int limit) {
        return Reply.refusal(RefusalReason.TOO_MANY_RECIPIENTS, 452, "4.5.3", "Too many recipients (at most " + limit + " per message)");
    }

    static Reply messageTooBig(long declared, long limit) {
        return Reply.refusal(RefusalReason.SIZE, 552, "5.3.4", "Message size " + declared + " exceeds fixed limit of " + limit + " octets");
    }
}
