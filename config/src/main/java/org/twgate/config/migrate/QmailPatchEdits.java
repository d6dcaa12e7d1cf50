package org.twgate.config.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.twgate.config.Source;
import org.twgate.config.qmail.ClientPattern;
import org.twgate.config.qmail.QmailNote;
import org.twgate.config.qmail.VirtualDomains;
import org.twgate.config.route.SmtpRoutes;

/**
 * The qmail side of the change: which lines to replace so that qmail hands the Teamware
 * addresses to twgate unchanged, since the rewriting now happens in twgate. A {@code .qmail}
 * line twgate took over becomes {@code | …/twgate-qmail-remote twgate "$SENDER" "$RECIPIENT"}
 * (with {@code twgate:[listen]} in smtproutes); a virtualdomains or Teamware smtproutes line
 * becomes an smtproutes line to twgate; twgate's host gets RELAYCLIENT so that its default route
 * back into qmail may relay.
 */
final class QmailPatchEdits {
    static final String HOST = "twgate";

    private final QmailSetup setup;
    private final List<QmailNote> notes;
    private final Map<String, java.util.Set<Integer>> handOver = new TreeMap<>();
    private final List<VirtualDomains.Entry> movedDomains = new ArrayList<>();
    private final Map<Integer, String> smtproutesReplaced = new LinkedHashMap<>();

    QmailPatchEdits(QmailSetup setup, List<QmailNote> notes) {
        this.setup = setup;
        this.notes = notes;
    }

    void handOver(Source line) {
        handOver.computeIfAbsent(line.file(), f -> new java.util.TreeSet<>()).add(line.line());
    }

    void virtualDomainMoved(VirtualDomains.Entry e) {
        movedDomains.add(e);
    }

    void smtprouteToTwgate(SmtpRoutes.Line l) {
        smtproutesReplaced.put(l.source().line(), l.domain() + ":" + setup.options.listenRelay());
    }

    String handOverLine() {
        return "| " + QmailTree.join(setup.options.qmailDir(), "bin/twgate-qmail-remote") + " " + HOST
                + " \"$SENDER\" \"$RECIPIENT\"";
    }

    List<ImportPlan.FileEdit> build(ImportPlan.Policy policy) {
        List<ImportPlan.FileEdit> out = new ArrayList<>();
        handOver.forEach((file, lines) -> setup.tree.read(file).ifPresent(before -> {
            List<String> after = new ArrayList<>(before);
            lines.forEach(n -> after.set(n - 1, handOverLine()));
            out.add(new ImportPlan.FileEdit(file, before, after, List.of(file + ": qmail hands these addresses to"
                    + " twgate unchanged; twgate does what the replaced line did (see its YAML)")));
        }));
        String vdFile = setup.control("virtualdomains");
        if (!movedDomains.isEmpty() && setup.virtualDomainsText.isPresent()) {
            List<String> before = setup.virtualDomainsText.get();
            List<String> after = new ArrayList<>(before);
            List<Integer> drop = movedDomains.stream().map(e -> e.source().line() - 1).sorted().toList();
            for (int i = drop.size() - 1; i >= 0; i--) {
                after.remove((int) drop.get(i));
            }
            out.add(new ImportPlan.FileEdit(vdFile, before, after, List.of(vdFile + ": these domains go to twgate"
                    + " by smtproutes instead (keep them in rcpthosts); then tell qmail-send (svc -h, or HUP)")));
        }
        smtproutes(out);
        relayForTwgate(out);
        return out;
    }

    private void smtproutes(List<ImportPlan.FileEdit> out) {
        String file = setup.control("smtproutes");
        List<String> before = setup.smtproutesText.orElse(List.of());
        List<String> after = new ArrayList<>(before);
        smtproutesReplaced.forEach((line, text) -> after.set(line - 1, text));
        for (VirtualDomains.Entry e : movedDomains) {
            after.add(e.key() + ":" + setup.options.listenRelay());
        }
        String twgate = HOST + ":" + setup.options.listenRelay();
        if (!handOver.isEmpty() && !after.contains(twgate)) {
            after.add(twgate);
        }
        if (!after.equals(before)) {
            out.add(new ImportPlan.FileEdit(file, before, after, List.of(file + ": the Teamware domains, and the"
                    + " name the .qmail lines above use, go to twgate at " + setup.options.listen())));
        }
    }

    /** twgate's default route hands mail back to qmail-smtpd, which must let 127.0.0.1 relay. */
    private void relayForTwgate(List<ImportPlan.FileEdit> out) {
        java.net.InetAddress self = java.net.InetAddress.getLoopbackAddress();
        if (setup.tcpRulesText.isPresent()) {
            boolean covered = setup.tcpRules.stream().anyMatch(r -> r.relayClient() && r.allowed()
                    && r.pattern().matches(self));
            if (!covered) {
                String file = setup.options.tcpRules();
                out.add(firstLine(file, setup.tcpRulesText.get(), "127.0.0.1:allow,RELAYCLIENT=\"\"",
                        "; then run tcprules " + file + ".cdb " + file + ".tmp < " + file));
            }
            return;
        }
        if (setup.hostsAllowText.isPresent()) {
            boolean covered = setup.hostsAllow.rules().stream().anyMatch(r -> r.forTcpEnv()
                    && r.setenv().containsKey("RELAYCLIENT") && r.clients().stream().map(ClientPattern::translate)
                    .anyMatch(t -> t.ok() && (t.relayClient().equals("127.0.0.1") || t.relayClient().equals("127."))));
            if (!covered) {
                out.add(firstLine(setup.options.hostsAllow(), setup.hostsAllowText.get(),
                        "tcp-env: 127.0.0.1 : setenv = RELAYCLIENT", ""));
            }
            return;
        }
        notes.add(QmailNote.info(new Source("qmail-smtpd", 0), "no tcp.smtp or hosts.allow read: make sure"
                + " qmail-smtpd lets 127.0.0.1 (twgate) relay (RELAYCLIENT), or twgate's notices and Teamware's outgoing"
                + " mail stay queued in twgate"));
    }

    /** The file with {@code line} put first (the rules that match first win), and why. */
    private static ImportPlan.FileEdit firstLine(String file, List<String> before, String line, String then) {
        List<String> after = new ArrayList<>();
        after.add(line);
        after.addAll(before);
        return new ImportPlan.FileEdit(file, before, after, List.of(file + ": twgate (127.0.0.1) may relay through"
                + " qmail: its default route hands Teamware's outgoing mail and its notices to qmail" + then));
    }
}
