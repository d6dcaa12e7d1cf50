package org.twgate.config.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twgate.config.ConfigException;
import org.twgate.config.Problem;
import org.twgate.config.Source;
import org.twgate.config.policy.ClientRule;
import org.twgate.config.policy.TcpRules;
import org.twgate.config.qmail.ControlFile;
import org.twgate.config.qmail.HostsAllow;
import org.twgate.config.qmail.QmailNote;
import org.twgate.config.qmail.UsersAssign;
import org.twgate.config.qmail.VirtualDomains;
import org.twgate.config.route.Relay;
import org.twgate.config.route.SmtpRoutes;
import org.twgate.config.syntax.BadValue;
import org.twgate.config.teamware.ToIni;
import org.twgate.config.teamware.TombSmtpIni;

/**
 * Everything {@code twgate import qmail} reads from a qmail host, parsed: the control files,
 * users/assign, tcp.smtp or hosts.allow, Teamware's ini files. Missing files take qmail's
 * defaults ({@code locals} is {@code me}, {@code envnoathost} is {@code me}); bad lines are notes.
 */
final class QmailSetup {
    final QmailTree tree;
    final ImportOptions options;
    final List<QmailNote> notes = new ArrayList<>();

    ControlFile.Value me;
    final List<ControlFile.Value> locals = new ArrayList<>();
    final List<ControlFile.Value> rcpthosts = new ArrayList<>();
    ControlFile.Value envnoathost;
    VirtualDomains virtualDomains = VirtualDomains.none();
    final List<SmtpRoutes.Line> smtproutes = new ArrayList<>();
    Optional<List<String>> smtproutesText = Optional.empty();
    Optional<List<String>> virtualDomainsText = Optional.empty();
    UsersAssign assign = UsersAssign.none();
    final List<ClientRule> tcpRules = new ArrayList<>();
    Optional<List<String>> tcpRulesText = Optional.empty();
    HostsAllow hostsAllow = HostsAllow.none();
    Optional<List<String>> hostsAllowText = Optional.empty();
    final List<ToIni.Line> toIni = new ArrayList<>();
    String toIniFile;
    final List<TombSmtpIni.Value> ownNodes = new ArrayList<>();

    private QmailSetup(QmailTree tree, ImportOptions options) {
        this.tree = tree;
        this.options = options;
    }

    static QmailSetup read(QmailTree tree, ImportOptions options) {
        QmailSetup s = new QmailSetup(tree, options);
        s.readControl();
        s.readAssign();
        s.readAccess();
        s.readTeamware();
        return s;
    }

    String control(String name) {
        return QmailTree.join(options.qmailDir(), "control/" + name);
    }

    private List<ControlFile.Value> values(String path) {
        return tree.read(path).map(lines -> ControlFile.read(path, lines)).orElse(List.of());
    }

    private void readControl() {
        List<ControlFile.Value> meValues = values(control("me"));
        me = meValues.isEmpty() ? null : meValues.get(0);
        Optional<List<String>> localsText = tree.read(control("locals"));
        if (localsText.isPresent()) {
            locals.addAll(ControlFile.read(control("locals"), localsText.get()));
        } else if (me != null) {
            locals.add(me); // qmail-control(5): locals defaults to me
        }
        rcpthosts.addAll(values(control("rcpthosts")));
        List<ControlFile.Value> env = values(control("envnoathost"));
        envnoathost = env.isEmpty() ? me : env.get(0);
        for (String name : List.of("defaultdomain", "plusdomain")) {
            for (ControlFile.Value v : values(control(name))) {
                notes.add(QmailNote.info(v.source(), name + " '" + v.text() + "' completes addresses qmail-inject"
                        + " writes; mail qmail hands to twgate is already complete, so nothing to translate"));
            }
        }
        virtualDomainsText = tree.read(control("virtualdomains"));
        virtualDomainsText.ifPresent(lines -> {
            virtualDomains = VirtualDomains.parse(control("virtualdomains"), lines);
            notes.addAll(virtualDomains.notes());
        });
        smtproutesText = tree.read(control("smtproutes"));
        smtproutesText.ifPresent(lines -> {
            for (ControlFile.Value v : ControlFile.read(control("smtproutes"), lines)) {
                try {
                    smtproutes.add(SmtpRoutes.parseLine(v.text(), v.source()));
                } catch (BadValue e) {
                    notes.add(QmailNote.leftOut(v.source(), e.getMessage()));
                }
            }
        });
    }

    private void readAssign() {
        String path = QmailTree.join(options.qmailDir(), "users/assign");
        tree.read(path).ifPresent(lines -> {
            assign = UsersAssign.parse(path, lines);
            notes.addAll(assign.notes());
        });
    }

    private void readAccess() {
        tcpRulesText = options.tcpRules() == null ? Optional.empty() : tree.read(options.tcpRules());
        tcpRulesText.ifPresent(lines -> {
            // One line at a time (the others blank, so line numbers stay): a bad line is a note, not the end.
            for (int i = 0; i < lines.size(); i++) {
                List<String> one = new ArrayList<>();
                for (int j = 0; j < lines.size(); j++) {
                    one.add(j == i ? lines.get(j) : "");
                }
                try {
                    TcpRules.Parsed parsed = TcpRules.parse(options.tcpRules(), one);
                    tcpRules.addAll(parsed.rules());
                    parsed.warnings().forEach(w -> notes.add(QmailNote.leftOut(source(w), w.message())));
                } catch (ConfigException e) {
                    e.problems().forEach(p -> notes.add(QmailNote.leftOut(source(p), p.message())));
                }
            }
        });
        hostsAllowText = options.hostsAllow() == null ? Optional.empty() : tree.read(options.hostsAllow());
        hostsAllowText.ifPresent(lines -> {
            hostsAllow = HostsAllow.parse(options.hostsAllow(), lines);
            notes.addAll(hostsAllow.notes());
        });
    }

    private void readTeamware() {
        if (options.teamwareDir() == null) {
            return;
        }
        toIniFile = QmailTree.join(options.teamwareDir(), "to.ini");
        tree.read(toIniFile).ifPresent(lines -> {
            try {
                ToIni parsed = ToIni.parse(toIniFile, lines);
                parsed.warnings().forEach(w -> notes.add(QmailNote.warning(source(w), w.message())));
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (ToIni.Line l : ToIni.mimeLines(toIniFile, lines)) {
                    if (l.key().equals("allow") || seen.add(l.key())) {
                        toIni.add(l);
                    }
                }
            } catch (ConfigException e) {
                e.problems().forEach(p -> notes.add(QmailNote.leftOut(source(p), p.message())));
            }
        });
        String tomb = QmailTree.join(options.teamwareDir(), "tombsmtp.ini");
        tree.read(tomb).ifPresent(lines -> {
            List<TombSmtpIni.Value> values = TombSmtpIni.values(tomb, lines);
            try {
                TombSmtpIni.fromValues(values);
                ownNodes.addAll(values);
            } catch (ConfigException e) {
                e.problems().forEach(p -> notes.add(QmailNote.leftOut(source(p), p.message())));
            }
        });
    }

    /** A Problem's {@code file:line} back as a Source. */
    static Source source(Problem p) {
        String where = p.where();
        int colon = where.lastIndexOf(':');
        if (colon > 0 && where.substring(colon + 1).matches("\\d+")) {
            return new Source(where.substring(0, colon), Integer.parseInt(where.substring(colon + 1)));
        }
        return new Source(where, 0);
    }

    /** The locals domains, lower case, in file order. */
    List<String> localDomains() {
        return locals.stream().map(v -> v.text().strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    boolean isLocal(String domain) {
        return localDomains().contains(domain.toLowerCase(Locale.ROOT));
    }

    /** True if qmail-send delivers {@code domain} locally: locals, or a virtualdomains entry that is not an exception. */
    boolean deliversLocally(String domain) {
        return isLocal(domain) || virtualDomains.lookup("x@" + domain).map(e -> !e.exception()).orElse(false);
    }

    Optional<ControlFile.Value> rcpthostsEntry(String domain) {
        return rcpthosts.stream().filter(v -> v.text().strip().equalsIgnoreCase(domain)).findFirst();
    }

    /** qmail-remote's smtproutes lookup for a host or recipient domain: exact, .suffix longest first, then "". */
    Optional<SmtpRoutes.Line> smtproute(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        java.util.Map<String, SmtpRoutes.Line> byKey = new java.util.HashMap<>();
        smtproutes.forEach(l -> byKey.put(l.domain().toLowerCase(Locale.ROOT), l)); // the later line wins
        if (byKey.containsKey(h)) {
            return Optional.of(byKey.get(h));
        }
        for (int i = h.indexOf('.'); i >= 0; i = h.indexOf('.', i + 1)) {
            if (byKey.containsKey(h.substring(i))) {
                return Optional.of(byKey.get(h.substring(i)));
            }
        }
        return Optional.ofNullable(byKey.get(""));
    }

    /** The Teamware domains its ini files name: own_node base and alias domains, to.ini allow domains. */
    List<String> teamwareDomains() {
        List<String> out = new ArrayList<>();
        ownNodes.forEach(v -> {
            String t = v.text().strip();
            out.add((t.length() > 2 && t.charAt(1) == ':' ? t.substring(2).strip() : t).toLowerCase(Locale.ROOT));
        });
        toIni.stream().filter(l -> l.key().equals("allow")).forEach(l -> out.add(l.value().toLowerCase(Locale.ROOT)));
        return out;
    }

    static Relay hostRelay(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return new Relay(host.substring(1, host.length() - 1), true, Relay.SMTP_PORT);
        }
        return new Relay(host, false, Relay.SMTP_PORT);
    }
}
