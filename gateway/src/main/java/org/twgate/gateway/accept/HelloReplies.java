package org.twgate.gateway.accept;

import java.util.List;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.HeloCmdHandler;
import org.apache.james.protocols.smtp.core.esmtp.EhloCmdHandler;

/**
 * James's HELO and EHLO handlers with a correct first reply line: the library writes
 * {@code 250 host Hello name [1.2.3.4])}, a {@code )} with no {@code (}. Everything else
 * (the EHLO keywords, hooks, the session state) is the library's.
 */
final class HelloReplies {

    private HelloReplies() {
    }

    static final class Helo extends HeloCmdHandler {
        Helo(MetricFactory metrics) {
            super(metrics);
        }

        @Override
        protected Response doCoreCmd(SMTPSession session, String command, String parameters) {
            return withoutStrayParenthesis(super.doCoreCmd(session, command, parameters));
        }
    }

    static final class Ehlo extends EhloCmdHandler {
        Ehlo(MetricFactory metrics) {
            super(metrics);
        }

        @Override
        protected Response doCoreCmd(SMTPSession session, String command, String parameters) {
            return withoutStrayParenthesis(super.doCoreCmd(session, command, parameters));
        }
    }

    /** The same reply, its first line ending in {@code ]} instead of {@code ])}. */
    static Response withoutStrayParenthesis(Response reply) {
        List<CharSequence> lines = reply.getLines();
        if (lines.isEmpty() || !lines.get(0).toString().endsWith("])")) {
            return reply;
        }
        String code = reply.getRetCode();
        SMTPResponse fixed = null;
        for (CharSequence line : lines) {
            String text = line.toString().substring(Math.min(line.length(), code.length() + 1));
            if (fixed == null) {
                fixed = new SMTPResponse(code, text.substring(0, text.length() - 1));
            } else {
                fixed.appendLine(text);
            }
        }
        fixed.setEndSession(reply.isEndSession());
        return fixed;
    }
}
