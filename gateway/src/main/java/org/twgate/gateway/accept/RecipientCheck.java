package org.twgate.gateway.accept;

import org.twgate.dsn.param.SmtpArgument;
import org.twgate.gateway.policy.RelayPolicy;

/**
 * What the server answers to {@code RCPT TO:<address>} before the transaction's own limits:
 * the path's syntax (ASCII only: SMTPUTF8 is not offered), the bare {@code <postmaster>} (RFC 5321 §4.5.1: accepted from any client,
 * delivered to the configured postmaster), the relay decision, a {@code refuse:} rule of the
 * recipient's route and the connector's acceptance rules. One place, used by the RCPT handler and
 * by {@code twgate address}, so that the tool says what a client would hear.
 */
public final class RecipientCheck {

    /**
     * The verdict: {@code refusal} null when accepted.
     *
     * @param recipient the address as it will be queued (the configured one for bare postmaster)
     */
    public record Verdict(String recipient, Reply refusal, SmtpArgument argument) {
        public boolean accepted() {
            return refusal == null;
        }

        /** Refused for the address itself (501 5.1.3, 553 5.6.7): answered before the parameters are looked at. */
        public boolean refusedForSyntax() {
            return argument == null || (refusal != null && refusal.reason() == RefusalReason.SYNTAX);
        }
    }

    private final RelayPolicy policy;
    private final String hostname;

    /**
     * The server's side of the check, fixed for a session.
     *
     * @param hostname the server's name, for {@code postmaster@} when none is configured
     */
    public RecipientCheck(RelayPolicy policy, String hostname) {
        this.policy = policy;
        this.hostname = hostname;
    }

    /**
     * @param argument      the RCPT argument as the client wrote it ({@code TO:<x> [params]})
     * @param client        what the client may do (decided when it connected)
     * @param clientAddress the client's IP address, for the relay refusal's text
     */
    public Verdict check(String argument, RelayPolicy.ClientVerdict client, String clientAddress) {
        SmtpArgument command;
        try {
            command = CommandArgument.rcpt(argument);
        } catch (CommandArgument.Invalid e) {
            return new Verdict(null, e.reply(), null);
        }
        String recipient = command.path();
        if (!Mailbox.ascii(recipient)) {
            return new Verdict(recipient, AcceptReplies.nonAsciiAddress(recipient), command);
        }
        boolean barePostmaster = recipient.equalsIgnoreCase("postmaster");
        if (barePostmaster) {
            recipient = policy.postmaster() != null ? policy.postmaster() : "postmaster@" + hostname;
        }
        String problem = recipient.isEmpty() ? "empty address" : Mailbox.problem(recipient);
        if (problem != null) {
            return new Verdict(recipient, Reply.refusal(RefusalReason.SYNTAX, 501, "5.1.3", "Bad recipient address syntax <" + recipient + ">: "
                    + problem), command);
        }
        if (!barePostmaster && !client.relayClient()) {
            String domain = Mailbox.domainOf(recipient);
            if (!policy.acceptsDomain(domain)) {
                return new Verdict(recipient, Reply.refusal(RefusalReason.RELAY_DENIED, 554, "5.7.1", "<" + recipient + ">: Relay access denied: "
                        + domain + " is not an accepted domain and client " + clientAddress
                        + " is not a relay client"), command);
            }
        }
        // An address the route's rule set refuses (qmail would have found no .qmail file for it).
        java.util.Optional<String> refusedByRule = policy.routeRefusal(recipient);
        if (refusedByRule.isPresent()) {
            return new Verdict(recipient, Reply.refusal(RefusalReason.REFUSED_BY_RULE, 550, "5.1.1", refusedByRule.get()), command);
        }
        // What the connector would refuse later (to.ini mode/allow/no_relay) is refused now, so
        // qmail bounces at once with the reason instead of the connector failing after delivery.
        java.util.Optional<String> connector = policy.connectorRefusal(recipient);
        if (connector.isPresent()) {
            return new Verdict(recipient, Reply.refusal(RefusalReason.CONNECTOR_RULE, 550, "5.7.1", "<" + recipient + ">: " + connector.get()), command);
        }
        return new Verdict(recipient, null, command);
    }
}
