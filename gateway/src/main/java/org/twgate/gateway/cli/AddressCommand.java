package org.twgate.gateway.cli;

import java.util.Optional;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.twgate.config.GatewayConfig;
import org.twgate.config.route.Route;
import org.twgate.gateway.notify.DsnDuties;
import org.twgate.gateway.route.ConfiguredRouter;
import org.twgate.gateway.rewrite.EnvelopeRewrite;
import org.twgate.gateway.rewrite.RecipientRewrite;
import org.twgate.gateway.rewrite.RouteRewriter;
import org.twgate.gateway.spool.EnvelopeRecipient;
import org.twgate.rewrite.address.AddressSyntaxException;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;
import org.twgate.rewrite.rule.RewriteResult;
import org.twgate.rewrite.rule.Rule;
import org.twgate.rewrite.rule.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twgate address ADDR…}: what the running gateway would do with each recipient, like
 * {@code exim -brw} or {@code postmap -q}: the route, the rule that matched (id and file:line)
 * and the rewritten address; with {@code --sender}, the envelope sender as that route sends it;
 * with {@code --header}, the header field as that route rewrites it.
 */
@Command(name = "address", mixinStandardHelpOptions = true,
        description = "Show, for each address, the route it takes, the rewrite rule that matches it (id and "
                + "file:line) and the rewritten address. Exits 1 if an address is invalid or cannot be rewritten.")
final class AddressCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(arity = "1..*", paramLabel = "ADDR", description = "envelope recipient addresses")
    List<String> addresses;

    @Option(names = "--sender", paramLabel = "ADDR", description = "envelope sender (for $SENDER and the "
            + "route's sender rule set); default: the null sender <>")
    String sender = "";

    @Option(names = "--header", paramLabel = "FIELD", description = "a header field, e.g. 'To: Jane <jane@company.com>', "
            + "to show as each address's route rewrites it")
    String header;

    @Override
    public Integer call() {
        Optional<GatewayConfig> found = config.loadOrReport();
        if (found.isEmpty()) {
            return 2;
        }
        GatewayConfig loaded = found.get();
        if (!sender.isEmpty()) {
            try {
                EmailAddress.parse(sender);
            } catch (AddressSyntaxException e) {
                System.err.println("--sender: " + e.getMessage());
                return 2;
            }
        }
        ConfiguredRouter router = new ConfiguredRouter(loaded.routes(), loaded.delivery().maxConnectionsPerRoute(),
                loaded.rewrite());
        PrintStream out = System.out;
        boolean allGood = true;
        for (String address : addresses) {
            allGood &= show(out, address, router, loaded);
        }
        out.flush();
        return allGood ? 0 : 1;
    }

    private boolean show(PrintStream out, String text, ConfiguredRouter router, GatewayConfig loaded) {
        out.println(text);
        EmailAddress address;
        try {
            address = EmailAddress.parse(text);
        } catch (AddressSyntaxException e) {
            out.println("  error     " + e.getMessage());
            return false;
        }
        Route route = router.route(text);
        out.println("  route     " + router.routeFor(text) + ": " + route.smtproutesLine()
                + (route.finalDelivery() ? " (final delivery)" : " (relay)") + ", from " + route.source());
        RouteRewriter rewriter = RouteRewriter.of(route, loaded.rewrite());
        ReversePath senderPath = sender.isEmpty() ? ReversePath.NULL : ReversePath.of(EmailAddress.parse(sender));
        RuleSet set = rewriter.recipientSet().orElse(null);
        RewriteResult result = set == null ? new RewriteResult.Unchanged(address) : set.rewrite(address, senderPath);
        out.println("  rule      " + describe(result, set));
        EnvelopeRewrite envelope = rewriter.rewrite(sender, List.of(new EnvelopeRecipient(0, text, null, null)));
        RecipientRewrite outcome = envelope.recipients().get(0);
        if (outcome instanceof RecipientRewrite.Refused refused) {
            out.println("  failed    " + refused.diagnostic());
            return false;
        }
        RecipientRewrite.Deliverable d = (RecipientRewrite.Deliverable) outcome;
        // The courier passes the address as received on as ORCPT to every DSN-aware next hop.
        out.println("  rewritten " + d.outbound().address() + (d.changed()
                ? "  (ORCPT=" + DsnDuties.orcptToPassOn(d.received()) + " to a DSN-aware next hop)" : ""));
        if (!sender.isEmpty()) {
            out.println("  sender    " + sender + " -> " + envelope.sender()
                    + rewriter.senderSet().map(s -> " (rule set " + s.name() + ")").orElse(" (no sender rule set)"));
        }
        if (header != null) {
            byte[] block = (header.endsWith("\n") ? header : header + "\r\n").getBytes(StandardCharsets.UTF_8);
            String rewritten = new String(envelope.rewriteHeaders(block, List.of(d)), StandardCharsets.UTF_8);
            out.println("  header    " + rewritten.stripTrailing().replace("\n", "\n            "));
        }
        return true;
    }

    private static String describe(RewriteResult result, RuleSet set) {
        if (set == null) {
            return "none: the route has no recipient rule set";
        }
        if (result instanceof RewriteResult.Rewritten r) {
            return describe(r.rule(), set);
        }
        if (result instanceof RewriteResult.Failed f) {
            return describe(f.rule(), set);
        }
        if (result instanceof RewriteResult.Refused x) {
            return describe(x.rule(), set);
        }
        return "none of the " + set.rules().size() + " rules of set " + set.name() + " matches";
    }

    private static String describe(Rule rule, RuleSet set) {
        return rule.id() + " of set " + set.name() + (rule.source() == null ? "" : " at " + rule.source())
                + ": " + rule.description();
    }
}
