package org.twgate.gateway.accept;

import org.twgate.dsn.param.SmtpArgument;
import org.twgate.dsn.param.SmtpArgumentException;
import org.twgate.dsn.param.SmtpArgumentParser;
import org.twgate.dsn.status.EnhancedStatus;

/**
 * The argument of MAIL or RCPT, parsed from the raw command line by the dsn module's parser
 * (James's own parameter map mis-parses {@code a=b@x} and doubled spaces). This class only adds
 * the SMTP server's view: the {@code FROM:}/{@code TO:} keyword, and which enhanced code a bad
 * path gets (5.1.7 for a sender, 5.1.3 for a recipient).
 */
final class CommandArgument {

    /** Why an argument could not be parsed; {@code reply} is what the client hears. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Reply reply;

        Invalid(Reply reply) {
            super(reply.toString(), null, false, false);
            this.reply = reply;
        }

        Reply reply() {
            return reply;
        }
    }

    private CommandArgument() {
    }

    /** qmail-send's envelope sender for a double bounce (qmail-send(8)); qmail-smtpd accepts it. */
    static final String QMAIL_DOUBLE_BOUNCE = "<#@[]>";

    /**
     * The MAIL argument; {@code <#@[]>}, qmail's double-bounce sender, is the null reverse-path
     * {@code <>}: nothing is ever reported to it, as qmail-send discards a triple bounce.
     */
    static SmtpArgument mail(String argument) throws Invalid {
        String rest = afterKeyword(argument, "FROM", AcceptReplies.MAIL_SYNTAX);
        String stripped = rest.stripLeading();
        if (stripped.startsWith(QMAIL_DOUBLE_BOUNCE)) {
            rest = "<>" + stripped.substring(QMAIL_DOUBLE_BOUNCE.length());
        }
        try {
            return SmtpArgumentParser.parseMail(rest);
        } catch (SmtpArgumentException e) {
            throw new Invalid(reply(e, "5.1.7"));
        }
    }

    static SmtpArgument rcpt(String argument) throws Invalid {
        String rest = afterKeyword(argument, "TO", AcceptReplies.RCPT_SYNTAX);
        try {
            return SmtpArgumentParser.parseRcpt(rest);
        } catch (SmtpArgumentException e) {
            throw new Invalid(reply(e, "5.1.3"));
        }
    }

    /** A refused DSN parameter (NOTIFY=NEVER,SUCCESS, bad xtext…): 501 5.5.4 with the parser's reason. */
    static Reply refusal(SmtpArgumentException e) {
        return Reply.refusal(RefusalReason.SYNTAX, e.replyCode(), e.status().toString(), e.getMessage());
    }

    /** {@code FROM:} or {@code TO:}, then optional spaces, then a path in angle brackets. */
    private static String afterKeyword(String argument, String keyword, Reply syntax) throws Invalid {
        if (argument == null || argument.length() < keyword.length() + 1
                || !argument.regionMatches(true, 0, keyword + ":", 0, keyword.length() + 1)) {
            throw new Invalid(syntax);
        }
        String rest = argument.substring(keyword.length() + 1);
        if (!rest.stripLeading().startsWith("<")) {
            throw new Invalid(syntax);
        }
        return rest;
    }

    private static Reply reply(SmtpArgumentException e, String badPathStatus) {
        boolean badPath = e.status().equals(EnhancedStatus.BAD_ADDRESS_SYNTAX);
        return Reply.refusal(RefusalReason.SYNTAX, e.replyCode(), badPath ? badPathStatus : e.status().toString(), e.getMessage());
    }
}
