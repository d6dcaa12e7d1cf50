package org.twgate.gateway.rewrite;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.twgate.config.rewrite.HeaderMode;
import org.twgate.config.rewrite.RewriteConfig;
import org.twgate.config.route.Route;
import org.twgate.gateway.deliver.OutboundRecipient;
import org.twgate.gateway.deliver.PipeCommand;
import org.twgate.gateway.notify.DsnDuties;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.rewrite.address.AddressSyntaxException;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;
import org.twgate.rewrite.rule.Rule;
import org.twgate.rewrite.rule.RewriteResult;
import org.twgate.rewrite.rule.RuleSet;

/**
 * One route's rewriting: its recipient rule set (envelope recipients and, per the header
 * mode, To/Cc/Resent-To/Resent-Cc), its sender rule set (the envelope sender and, when
 * {@code rewrite.sender_headers} is set, From/Sender/Reply-To). Immutable and thread-safe;
 * built once per route when the gateway starts.
 */
public final class RouteRewriter {
    /** Leaves everything as it is: routes without rule sets. */
    public static final RouteRewriter NONE = new RouteRewriter(null, null, HeaderMode.NONE, false);

    private final RuleSet recipients;
    private final RuleSet senders;
    private final HeaderMode headerMode;
    private final boolean senderHeaders;

    RouteRewriter(RuleSet recipients, RuleSet senders, HeaderMode headerMode, boolean senderHeaders) {
        this.recipients = recipients;
        this.senders = senders;
        this.headerMode = headerMode;
        this.senderHeaders = senderHeaders;
    }

    /**
     * The rewriting {@code route} names. The configuration was validated as a whole, so a name
     * without a set is a bug, not an operator's mistake.
     */
    public static RouteRewriter of(Route route, RewriteConfig config) {
        if (route.rewrite() == null && route.rewriteSender() == null) {
            return NONE;
        }
        return new RouteRewriter(set(route.rewrite(), route, config), set(route.rewriteSender(), route, config),
                route.headerMode(), config.senderHeaders());
    }

    private static RuleSet set(String name, Route route, RewriteConfig config) {
        if (name == null) {
            return null;
        }
        return config.set(name).orElseThrow(() -> new IllegalStateException("route " + route.name() + " at "
                + route.source() + " names rule set '" + name + "', which the configuration does not define"));
    }

    public Optional<RuleSet> recipientSet() {
        return Optional.ofNullable(recipients);
    }

    public Optional<RuleSet> senderSet() {
        return Optional.ofNullable(senders);
    }

    public HeaderMode headerMode() {
        return headerMode;
    }

    public boolean senderHeaders() {
        return senderHeaders;
    }

    /** Rewrites one delivery attempt's envelope: {@code sender} as spooled ("" for {@code <>}). */
    public EnvelopeRewrite rewrite(String sender, List<EnvelopeRecipient> received) {
        ReversePath original = reversePath(sender);
        String newSender = sender;
        String senderFailure = null;
        if (senders != null && original instanceof ReversePath.Mailbox m) {
            RewriteResult r = senders.rewriteSender(m);
            if (r instanceof RewriteResult.Failed f) {
                senderFailure = "553 5.1.7 cannot rewrite sender <" + sender + ">: rule " + ruleName(f.rule())
                        + ": " + f.reason();
            } else {
                newSender = r.address().toString();
            }
        }
        List<RecipientRewrite> out = new ArrayList<>(received.size());
        for (EnvelopeRecipient r : received) {
            out.add(senderFailure != null ? new RecipientRewrite.Refused(r, senderFailure) : recipient(r, original));
        }
        return new EnvelopeRewrite(this, original, newSender, out);
    }

    private RecipientRewrite recipient(EnvelopeRecipient r, ReversePath sender) {
        EmailAddress address = parse(r.address());
        if (recipients == null || address == null) {
            return new RecipientRewrite.Deliverable(r,
                    new OutboundRecipient(r.address(), r.dsnNotify(), DsnDuties.orcptToPassOn(r)),
                    null);
        }
        RewriteResult result = recipients.rewrite(address, sender);
        if (result instanceof RewriteResult.Refused refused) {
            return new RecipientRewrite.Refused(r, "550 5.1.1 <" + r.address() + ">: " + refused.reason()
                    + " (rule " + ruleName(refused.rule()) + ")");
        }
        if (result instanceof RewriteResult.Failed f) {
            return new RecipientRewrite.Refused(r, "553 5.1.3 cannot rewrite <" + r.address() + ">: rule "
                    + ruleName(f.rule()) + ": " + f.reason());
        }
        String rewritten = result.address().toString();
        if (!(result instanceof RewriteResult.Rewritten rw) || rewritten.equals(r.address())) {
            return new RecipientRewrite.Deliverable(r,
                    new OutboundRecipient(r.address(), r.dsnNotify(), DsnDuties.orcptToPassOn(r)),
                    null);
        }
        // RFC 3461 §4.2: the recipient as the client gave it, so a DSN names what the sender wrote.
        // MailTransaction sends it only to a next hop that advertises DSN.
        return new RecipientRewrite.Deliverable(r,
                new OutboundRecipient(rewritten, r.dsnNotify(), DsnDuties.orcptToPassOn(r)),
                ruleName(rw.rule()));
    }

    /**
     * {@code $EXT} and {@code $DEFAULT} of a pipe command for one recipient (qmail-command(8)):
     * those of the recipient rule that matches the address as received, as its template sees
     * them; with no rule matching, as for {@code ~alias/.qmail-default}: the whole local part of
     * {@code delivered}.
     */
    public PipeCommand.Extension extension(EnvelopeRecipient received, String delivered) {
        EmailAddress address = parse(received.address());
        java.util.Optional<Rule> rule = recipients == null || address == null ? java.util.Optional.empty()
                : recipients.match(address);
        if (rule.isPresent()) {
            String dflt = rule.get().match().defaultPart(address);
            return new PipeCommand.Extension(rule.get().match().extension(address), dflt == null ? "" : dflt);
        }
        int at = delivered.lastIndexOf('@');
        String local = at < 0 ? delivered : delivered.substring(0, at);
        return new PipeCommand.Extension(local, local);
    }

    /** {@code id (file:line)}: how logs and diagnostics name a rule. */
    static String ruleName(Rule rule) {
        return rule.id() + (rule.source() == null ? "" : " (" + rule.source() + ")");
    }

    /** The spooled address as the rewrite grammar reads it; null if it cannot (then left alone). */
    static EmailAddress parse(String address) {
        try {
            return EmailAddress.parse(address);
        } catch (AddressSyntaxException e) {
            return null;
        }
    }

    static ReversePath reversePath(String sender) {
        EmailAddress a = sender.isEmpty() ? null : parse(sender);
        return a == null ? ReversePath.NULL : ReversePath.of(a);
    }
}
