package org.twgate.gateway.cli;

import java.util.Optional;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.twgate.config.GatewayConfig;
import org.twgate.config.route.Route;
import org.twgate.gateway.accept.RecipientCheck;
import org.twgate.gateway.deliver.PipeCommand;
import org.twgate.gateway.policy.ConfiguredRelayPolicy;
import org.twgate.gateway.policy.ConnectorRules;
import org.twgate.gateway.policy.RelayPolicy;
import org.twgate.gateway.policy.RouteRefusals;
import org.twgate.gateway.notify.DsnDuties;
import org.twgate.gateway.route.Routes;
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
 * {@code exim -brw} or {@code postmap -q}: the reply a client gets to {@code RCPT TO:<ADDR>} (the
 * same checks as the SMTP server: syntax, relay policy for {@code --client}, refuse rules, the
 * connector's acceptance rules), the route, the rule that matched (id and file:line), the
 * rewritten address, for a pipe route the command line as it would run; with {@code --sender},
 * the envelope sender as that route sends it; with {@code --header}, the header field as that
 * route rewrites it.
 */
@Command(name = "address", mixinStandardHelpOptions = true,
        description = "Show, for each address, the reply a client gets to RCPT TO:<ADDR>, the route it takes, the "
                + "rewrite rule that matches it (id and file:line), the rewritten address and, on a pipe route, the "
                + "command line as it would run. Exits 1 if an address is refused at RCPT, invalid or cannot be "
                + "rewritten.")
final class AddressCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(arity = "1..*", paramLabel = "ADDR", description = "envelope recipient addresses")
    List<String> addresses;

    @Option(names = "--sender", paramLabel = "ADDR", description = "envelope sender (for $SENDER and the "
            + "route's sender rule set); default: the null sender <>")
    String sender = "";

    @Option(names = "--client", paramLabel = "IP", description = "the SMTP client the RCPT checks are made for "
            + "(relay policy); default: 127.0.0.1, qmail on this host")
    String client = "127.0.0.1";

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
        Routes router = new Routes(loaded.routes(), loaded.delivery().maxConnectionsPerRoute(),
                loaded.rewrite());
        java.net.InetAddress clientAddress;
        try {
            clientAddress = org.twgate.config.syntax.IpLiterals.parse(client).orElseThrow();
        } catch (java.util.NoSuchElementException e) {
            System.err.println("--client: not an IP address: '" + client + "'");
            return 2;
        }
        RelayPolicy policy = new ConfiguredRelayPolicy(loaded.policy(),
                new ConnectorRules(router, loaded.rewrite(), loaded.teamware()), new RouteRefusals(router, loaded.rewrite()));
        RelayPolicy.ClientVerdict verdict = policy.client(clientAddress);
        PrintStream out = System.out;
        if (!verdict.allowed()) {
            out.println("client " + client + " may not connect (" + verdict.rule() + "): every RCPT is refused");
            return 1;
        }
        boolean allGood = true;
        for (String address : addresses) {
            allGood &= show(out, address, router, loaded, policy, verdict);
        }
        out.flush();
        return allGood ? 0 : 1;
    }

    private boolean show(PrintStream out, String given, Routes router, GatewayConfig loaded,
                         RelayPolicy policy, RelayPolicy.ClientVerdict verdict) {
        out.println(given);
        // As a client would send it: UTF-8 octets, which the server reads one octet a character.
        String wire = new String(given.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        RecipientCheck.Verdict rcpt = new RecipientCheck(policy, loaded.server().hostname())
                .check("TO:<" + wire + ">", verdict, client);
        out.println("  rcpt      " + (rcpt.accepted() ? "250 2.1.5 Recipient ok" : rcpt.refusal().toString())
                + "  (client " + client + (verdict.relayClient() ? ", a relay client" : "") + ")");
        if (rcpt.recipient() == null || (!rcpt.accepted() && rcpt.refusal().code() == 501)) {
            return false;
        }
        String text = rcpt.recipient();
        if (!text.equals(given)) {
            out.println("  queued as " + text + "  (bare postmaster: policy.postmaster)");
        }
        EmailAddress address;
        try {
            address = EmailAddress.parse(text);
        } catch (AddressSyntaxException e) {
            out.println("  error     " + e.getMessage());
            return false;
        }
        Route route = router.route(text);
        String domain = text.substring(text.lastIndexOf('@') + 1);
        Route byDomain = loaded.routes().lookup(domain).orElse(null);
        out.println("  route     " + router.routeFor(text) + ": " + route.smtproutesLine()
                + (route.finalDelivery() ? " (final delivery)" : " (relay)") + ", from " + route.source()
                + (byDomain != null && byDomain != route ? "  (handed over from route " + loaded.routes().keyOf(byDomain)
                        + ")" : ""));
        if (byDomain != null && byDomain != route) {
            RuleSet passing = RouteRewriter.of(byDomain, loaded.rewrite()).recipientSet().orElseThrow();
            out.println("  passed by " + describe(passing.match(address).orElseThrow(), passing));
        }
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
        if (route.transport() == org.twgate.config.route.Transport.PIPE) {
            PipeCommand command = new PipeCommand(route.pipeCommand()).withExtensions(java.util.Map.of(
                    d.outbound().address(), rewriter.extension(d.received(), d.outbound().address())));
            out.println("  command   " + String.join(" ", command.argv(envelope.sender(), List.of(d.outbound()
                    .address())).stream().map(AddressCommand::shellQuoted).toList())
                    + "  (the message on stdin, Return-Path: <" + envelope.sender() + "> first)");
        }
        if (!sender.isEmpty()) {
            out.println("  sender    " + sender + " -> " + envelope.sender()
                    + rewriter.senderSet().map(s -> " (rule set " + s.name() + ")").orElse(" (no sender rule set)"));
        }
        if (header != null) {
            byte[] block = (header.endsWith("\n") ? header : header + "\r\n").getBytes(StandardCharsets.UTF_8);
            String rewritten = new String(envelope.rewriteHeaders(block, List.of(d)), StandardCharsets.UTF_8);
            out.println("  header    " + rewritten.stripTrailing().replace("\n", "\n            "));
        }
        return rcpt.accepted();
    }

    /** An argument as a shell would need it written to mean exactly this argument. */
    static String shellQuoted(String argument) {
        if (!argument.isEmpty() && argument.matches("[A-Za-z0-9@%+=:,./_-]+")) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
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
        if (result instanceof RewriteResult.Passed x) {
            return describe(x.rule(), set);
        }
        return "none of the " + set.rules().size() + " rules of set " + set.name() + " matches";
    }

    private static String describe(Rule rule, RuleSet set) {
        return rule.id() + " of set " + set.name() + (rule.source() == null ? "" : " at " + rule.source())
                + ": " + rule.description();
    }
}
