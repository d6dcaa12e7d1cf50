package org.twgate.gateway.accept;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HeloHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

/**
 * The HELO/EHLO argument must be a domain or an address literal (RFC 5321 §4.1.1.1; a literal
 * after HELO too, as clients send it): otherwise {@code 501 5.5.4} and the session keeps no name.
 * What passes is plain printable ASCII, so it can go into {@code Received:} and the spool envelope.
 */
final class HeloNameCheck implements HeloHook {
    @Override
    public HookResult doHelo(SMTPSession session, String helo) {
        String problem = helo.isEmpty() ? "empty" : Mailbox.domainProblem(helo);
        if (problem == null) {
            return HookResult.DECLINED;
        }
        Reply reply = Reply.of(501, "5.5.4", "Invalid HELO/EHLO name '" + helo
                + "': expected a domain or an address literal such as [192.0.2.1]");
        return HookResult.builder().hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode(Integer.toString(reply.code())).smtpDescription(reply.status() + " " + reply.text())
                .build();
    }
}
