package org.twgate.config.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twgate.config.policy.AddressPatterns;
import org.twgate.config.policy.ClientRule;
import org.twgate.config.qmail.ClientPattern;
import org.twgate.config.qmail.HostsAllow;
import org.twgate.config.qmail.QmailNote;
import org.twgate.config.syntax.BadValue;

/**
 * The clients qmail let relay (tcp.smtp's {@code RELAYCLIENT=""} rules, or hosts.allow's
 * {@code setenv = RELAYCLIENT} for tcp-env) become twgate's {@code relay_clients}: they may
 * send through twgate to anywhere, which the default route hands to qmail as before. Deny rules,
 * ranges, names and wildcards have no relay_clients form and are left out, saying why.
 */
final class AccessRules {
    private static final Pattern TCP_RULE = Pattern.compile("^(.*?):(allow|deny|[A-Za-z_][A-Za-z0-9_]*=)");

    private final QmailSetup setup;
    private final List<QmailNote> notes;

    AccessRules(QmailSetup setup, List<QmailNote> notes) {
        this.setup = setup;
        this.notes = notes;
    }

    ImportPlan.Policy policy(List<ImportPlan.Commented> accepted, ImportPlan.Commented postmaster) {
        List<ImportPlan.Commented> relay = new ArrayList<>();
        relay.add(ImportPlan.Commented.of("127.0.0.0/8", "twgate's own host: qmail hands the Teamware addresses"
                + " over from here"));
        relay.add(ImportPlan.Commented.of("::1"));
        for (ClientRule r : setup.tcpRules) {
            tcpRule(r, relay);
        }
        hostsAllow(relay);
        return new ImportPlan.Policy(relay, accepted, postmaster);
    }

    private void tcpRule(ClientRule r, List<ImportPlan.Commented> relay) {
        Matcher m = TCP_RULE.matcher(r.text());
        String pattern = m.find() ? m.group(1) : r.text();
        if (!r.allowed()) {
            notes.add(QmailNote.leftOut(r.source(), "a deny rule: twgate's relay_clients cannot deny a client (to keep"
                    + " it, point policy.tcp_rules_file at this file)"));
            return;
        }
        if (!r.relayClient()) {
            notes.add(QmailNote.info(r.source(), "allows without RELAYCLIENT: twgate lets every client send to its"
                    + " accepted domains"));
            return;
        }
        if (pattern.isEmpty()) {
            notes.add(QmailNote.leftOut(r.source(), "RELAYCLIENT for every client would make twgate an open relay"));
            return;
        }
        if (pattern.contains("-")) {
            notes.add(QmailNote.leftOut(r.source(), "the range " + pattern + " has no relay_clients form (write the"
                    + " addresses, a prefix or CIDR; or point policy.tcp_rules_file at this file)"));
            return;
        }
        add(relay, pattern, r.source() + "  " + r.text(), r.source());
    }

    private void hostsAllow(List<ImportPlan.Commented> relay) {
        boolean everyoneSettled = false;
        List<String> settled = new ArrayList<>();
        for (HostsAllow.Rule r : setup.hostsAllow.rules()) {
            if (!r.forTcpEnv()) {
                continue;
            }
            boolean relays = r.setenv().containsKey("RELAYCLIENT");
            if (everyoneSettled) {
                notes.add(QmailNote.info(r.source(), "never used: an earlier line for tcp-env matches every client,"
                        + " and hosts_access(5) takes the first matching line"));
                continue;
            }
            if (r.clients().contains("EXCEPT")) {
                notes.add(QmailNote.leftOut(r.source(), "EXCEPT in the client list: not translated"));
                continue;
            }
            if (r.deny()) {
                notes.add(QmailNote.leftOut(r.source(), "a deny option: twgate's relay_clients cannot deny a client"));
                continue;
            }
            if (!relays) {
                settled.addAll(r.clients());
                everyoneSettled = r.clients().contains("ALL");
                continue;
            }
            String value = r.setenv().get("RELAYCLIENT");
            if (!value.isEmpty()) {
                notes.add(QmailNote.warning(r.source(), "RELAYCLIENT value '" + value + "' is not appended to"
                        + " recipients as qmail-smtpd would; only relaying is granted"));
            }
            for (String client : r.clients()) {
                if (settled.contains(client)) {
                    notes.add(QmailNote.info(r.source(), "never used for " + client + ": an earlier line for tcp-env"
                            + " matches it, and hosts_access(5) takes the first matching line"));
                    continue;
                }
                ClientPattern.Translation t = ClientPattern.translate(client);
                if (t.ok()) {
                    add(relay, t.relayClient(), r.source() + "  " + r.line(), r.source());
                } else if (t.matchesNothing()) {
                    notes.add(QmailNote.warning(r.source(), t.refusal()));
                } else {
                    notes.add(QmailNote.leftOut(r.source(), "client '" + client + "': " + t.refusal()));
                }
                settled.add(client);
            }
        }
    }

    private void add(List<ImportPlan.Commented> relay, String pattern, String comment,
                     org.twgate.config.Source source) {
        try {
            AddressPatterns.relayClient(pattern);
        } catch (BadValue e) {
            notes.add(QmailNote.leftOut(source, e.getMessage()));
            return;
        }
        if (pattern.startsWith("127.") || pattern.equals("::1")) {
            notes.add(QmailNote.info(source, pattern + " is twgate's own host, a relay client already"));
            return;
        }
        if (relay.stream().noneMatch(c -> c.value().equals(pattern))) {
            relay.add(ImportPlan.Commented.of(pattern, comment));
        }
    }
}
