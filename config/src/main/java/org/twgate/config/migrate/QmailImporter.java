package org.twgate.config.migrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.twgate.config.Source;
import org.twgate.config.qmail.QmailNote;
import org.twgate.config.qmail.UsersAssign;
import org.twgate.config.qmail.VirtualDomains;
import org.twgate.config.route.Relay;
import org.twgate.config.route.SmtpRoutes;
import org.twgate.rewrite.rule.Match;
import org.twgate.rewrite.rule.RewriteConfigException;
import org.twgate.rewrite.rule.RuleSet;
import org.twgate.rewrite.rule.RuleSpec;

/**
 * Decides, domain by domain, what a qmail integration did with mail for Teamware, as qmail
 * does it: qmail-send takes a domain in {@code locals} or {@code virtualdomains} for local
 * delivery (virtualdomains prepending {@code user-}), qmail-lspawn finds the user for a local
 * part in {@code users/assign} (else a system user, else {@code alias}), qmail-local the
 * {@code .qmail} file in that user's home ({@link DotQmailRules}); any other domain goes to
 * qmail-remote through {@code smtproutes}. Each domain with deliveries to Teamware becomes a
 * twgate route (the next hop of its delivery lines) with a rule set (one rule per address
 * class, the result template of its line); what qmail keeps is handed back to it by a
 * {@code route: qmail} rule. Everything else goes to qmail by the default route.
 */
public final class QmailImporter {
    static final String QMAIL_ROUTE = "qmail";

    private final QmailSetup setup;
    private final List<QmailNote> notes;
    private final DotQmailRules files;
    private final List<ImportPlan.RuleSetPlan> ruleSets = new ArrayList<>();
    private final List<ImportPlan.RoutePlan> routes = new ArrayList<>();
    private final List<ImportPlan.Commented> accepted = new ArrayList<>();
    private final QmailPatchEdits edits;

    private QmailImporter(QmailSetup setup) {
        this.setup = setup;
        this.notes = new ArrayList<>(setup.notes);
        this.files = new DotQmailRules(setup, notes);
        this.edits = new QmailPatchEdits(setup, notes);
    }

    /** Reads the qmail host under {@code tree} and plans its twgate configuration. Never throws on content. */
    public static ImportPlan run(QmailTree tree, ImportOptions options) {
        return new QmailImporter(QmailSetup.read(tree, options)).plan();
    }

    private ImportPlan plan() {
        for (VirtualDomains.Entry e : setup.virtualDomains.entries()) {
            virtualDomain(e);
        }
        List<Candidate> locals = localCandidates();
        for (org.twgate.config.qmail.ControlFile.Value v : setup.locals) {
            String domain = v.text().strip().toLowerCase(Locale.ROOT);
            String why = v.source() + "  " + v.text() + (v == setup.me && !setup.locals.isEmpty()
                    && setup.locals.get(0) == setup.me ? " (control/locals is missing: qmail takes control/me)" : "");
            route(domain, v.source(), List.of("qmail delivers " + domain + " locally: " + why), locals, true);
        }
        smtproutes();
        routes.add(qmailRoute());
        ImportPlan.Policy policy = new AccessRules(setup, notes).policy(accepted, postmaster());
        ImportPlan.Server server = new ImportPlan.Server(setup.options.listen(), setup.me == null ? null
                : new ImportPlan.Commented(setup.me.text().strip(), List.of(setup.me.source().toString())));
        List<ImportPlan.FileEdit> patch = edits.build(policy);
        List<String> read = new ArrayList<>(setup.tree.filesRead());
        notes.addAll(0, setup.tree.notes());
        return new ImportPlan(server, policy, ruleSets, routes, teamware(), patch, read, notes);
    }

    // ---------------------------------------------------------------- locals and virtualdomains

    /** The address classes of every locals domain, in qmail-lspawn's then qmail-local's order. */
    private List<Candidate> localCandidates() {
        List<Candidate> out = new ArrayList<>();
        UsersAssign assign = setup.assign;
        for (UsersAssign.Assignment a : assign.assignments()) {
            if (!a.wildcard()) {
                out.add(files.exact(scope(a, a.local(), ""), a.local(), a.dash(), a.ext()));
            }
        }
        List<UsersAssign.Assignment> wild = new ArrayList<>(assign.assignments().stream()
                .filter(UsersAssign.Assignment::wildcard).toList());
        wild.sort(Comparator.comparingInt((UsersAssign.Assignment a) -> a.local().length()).reversed());
        boolean catchAll = false;
        for (UsersAssign.Assignment a : wild) {
            if (!a.dash().equals("-")) {
                notes.add(QmailNote.leftOut(a.source(), "a wildcard assignment without the dash '-': qmail-local"
                        + " looks for .qmail" + a.ext() + "…, which twgate does not translate"));
                continue;
            }
            out.addAll(files.wildcard(scope(a, a.local(), ""), !a.local().isEmpty()));
            catchAll |= a.local().isEmpty();
        }
        if (catchAll) {
            return out;
        }
        String alias = setup.options.aliasHome();
        out.addAll(files.wildcard(new DotQmailRules.Scope(alias, "alias", "", "", "", List.of()), false));
        return out;
    }

    private static DotQmailRules.Scope scope(UsersAssign.Assignment a, String loc, String prepend) {
        String line = (a.wildcard() ? "+" : "=") + a.local() + ":" + a.user() + ":" + a.uid() + ":" + a.gid() + ":"
                + a.home() + ":" + a.dash() + ":" + a.ext() + ":";
        return new DotQmailRules.Scope(a.home(), a.user(), loc, a.ext(), prepend, List.of(a.source() + "  " + line));
    }

    /** A virtualdomains line: qmail delivers {@code local@domain} as {@code user-local} (qmail-send(8)). */
    private void virtualDomain(VirtualDomains.Entry e) {
        if (e.exception()) {
            return;
        }
        String line = e.source() + "  " + e.key() + ":" + e.prepend();
        if (e.key().isEmpty() || e.key().contains("@")) {
            notes.add(QmailNote.leftOut(e.source(), "a virtualdomains line for " + (e.key().isEmpty() ? "every domain"
                    : "one address") + ": twgate routes whole domains"));
            return;
        }
        String user = e.prepend();
        String prepend = user + "-";
        List<Candidate> out = new ArrayList<>();
        for (UsersAssign.Assignment a : setup.assign.assignments()) {
            if (!a.wildcard() && a.local().toLowerCase(Locale.ROOT).startsWith(prepend.toLowerCase(Locale.ROOT))
                    && a.local().length() > prepend.length()) {
                String local = a.local().substring(prepend.length());
                out.add(files.exact(scopeWithWhy(scope(a, "", prepend), line), local, a.dash(), a.ext()));
            }
        }
        Optional<UsersAssign.Assignment> wildcard = setup.assign.assignments().stream()
                .filter(UsersAssign.Assignment::wildcard)
                .filter(a -> prepend.toLowerCase(Locale.ROOT).startsWith(a.local().toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(a -> a.local().length()));
        DotQmailRules.Scope s;
        if (wildcard.isPresent()) {
            UsersAssign.Assignment a = wildcard.get();
            if (!a.local().equalsIgnoreCase(prepend) || !a.dash().equals("-")) {
                notes.add(QmailNote.leftOut(e.source(), a.source() + " (+" + a.local() + ") also covers the " + prepend
                        + "… addresses this line makes; twgate does not translate that combination"));
                return;
            }
            s = scopeWithWhy(scope(a, "", prepend), line);
        } else {
            String home = QmailTree.join(setup.options.homes(), user);
            s = new DotQmailRules.Scope(home, user, "", "", prepend, List.of(line, "qmail-getpw: user " + user
                    + ", home " + home));
        }
        out.addAll(files.wildcard(s, true));
        if (route(e.key(), e.source(), List.of("qmail delivers " + e.key() + " as " + prepend
                + "LOCAL (virtualdomains): " + line), out, false)) {
            edits.virtualDomainMoved(e);
        }
    }

    private static DotQmailRules.Scope scopeWithWhy(DotQmailRules.Scope s, String first) {
        List<String> why = new ArrayList<>();
        why.add(first);
        why.addAll(s.why());
        return new DotQmailRules.Scope(s.home(), s.user(), s.loc(), s.pre(), s.prepend(), why);
    }

    // ---------------------------------------------------------------- one domain, one route

    /**
     * The route and rule set for {@code domain}, or nothing when no address of it goes to Teamware
     * (then false).
     *
     * @param handOver the Teamware {@code .qmail} lines are replaced in qmail by the hand-over to twgate
     */
    private boolean route(String domain, Source origin, List<String> why, List<Candidate> candidates,
                          boolean handOver) {
        List<Candidate> cs = new ArrayList<>(candidates);
        Optional<Candidate> primary = cs.stream().filter(c -> c.teamware() && c.catchAll()).findFirst()
                .or(() -> cs.stream().filter(Candidate::teamware).findFirst());
        if (primary.isEmpty()) {
            notes.add(QmailNote.info(origin, domain + " stays with qmail: no address of it goes to Teamware"));
            return false;
        }
        Candidate.Hop hop = primary.get().hop();
        if (hop.warning() != null) {
            notes.add(hop.warning());
        }
        for (int i = 0; i < cs.size(); i++) {
            Candidate c = cs.get(i);
            if (!c.teamware() || c.hop().sameAs(hop)) {
                continue;
            }
            if (!c.hop().pipe() && !hop.pipe()) {
                notes.add(QmailNote.warning(c.handover(), "qmail delivered these addresses to " + c.hop().describe()
                        + "; twgate delivers all of " + domain + " through one route, to " + hop.describe()));
            } else {
                notes.add(QmailNote.leftOut(c.handover(), "delivers to " + c.hop().describe() + ", but " + domain
                        + " goes to " + hop.describe() + " and twgate has one route per domain: qmail keeps"
                        + " delivering these addresses"));
                cs.set(i, c.toQmail(c.id(), List.of(c.handover() + ": qmail keeps delivering these addresses")));
            }
        }
        if (cs.stream().noneMatch(c -> c.catchAll() && (c.teamware() || c.refusal() != null))) {
            cs.add(new Candidate("qmail-delivers-the-rest", List.of(), "", null, null, null, null,
                    List.of("qmail delivers the other addresses of " + domain + " itself (users/assign, system users,"
                            + " ~alias): twgate hands them back to it")));
        }
        List<ImportPlan.RulePlan> rules = rules(domain, merge(cs));
        boolean identity = rules.stream().allMatch(r -> "$RECIPIENT".equals(r.result()));
        String setName = identity ? null : domain;
        if (setName != null) {
            ruleSets.add(new ImportPlan.RuleSetPlan(setName, rules));
        }
        List<String> comments = new ArrayList<>(why);
        comments.addAll(hop.comments());
        String line = domain + ":" + (hop.pipe() || hop.relay().isMx() ? "" : relayText(hop.relay()));
        routes.add(new ImportPlan.RoutePlan(line, domain, true, hop.pipe() ? hop.argv() : List.of(), setName,
                relayedDsn(), comments));
        accepted.add(new ImportPlan.Commented(domain, setup.rcpthostsEntry(domain)
                .map(v -> List.of(v.source() + "  " + v.text()))
                .orElse(List.of("qmail delivers it (not in rcpthosts: qmail took it from its own host only)"))));
        if (handOver) {
            cs.stream().filter(Candidate::teamware).forEach(c -> edits.handOver(c.handover()));
        }
        return true;
    }

    /** Neighbouring files naming one address each, with the same delivery, become one rule. */
    private static List<Candidate> merge(List<Candidate> cs) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : cs) {
            Candidate last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.exact() && c.exact() && java.util.Objects.equals(last.template(), c.template())
                    && java.util.Objects.equals(last.refusal(), c.refusal()) && last.teamware() == c.teamware()
                    && (!c.teamware() || c.hop().sameAs(last.hop()))) {
                List<String> parts = new ArrayList<>(last.localParts());
                parts.addAll(c.localParts());
                List<String> comments = new ArrayList<>(last.comments());
                comments.addAll(c.comments());
                String id = last.id() + "-" + c.id().substring(c.id().indexOf('-') + 1);
                out.set(out.size() - 1, new Candidate(id, parts, "", last.hop(), last.template(), last.refusal(),
                        last.handover(), comments));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** The rules, checked with the rewrite module as twgate will compile them. */
    private List<ImportPlan.RulePlan> rules(String domain, List<Candidate> cs) {
        RuleSet.Builder builder = RuleSet.builder(domain);
        List<ImportPlan.RulePlan> out = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Candidate c : cs) {
            String id = c.id();
            for (int n = 2; !ids.add(id); n++) {
                id = c.id() + "-" + n;
            }
            Match match;
            String matchYaml;
            try {
                if (c.exact()) {
                    match = Match.localParts(c.localParts(), domain);
                    matchYaml = "{local_parts: [" + String.join(", ", c.localParts().stream().map(ImportYaml::quote)
                            .toList()) + "], domain: " + ImportYaml.quote(domain) + "}";
                } else if (!c.prefix().isEmpty()) {
                    match = Match.prefix(c.prefix(), domain);
                    matchYaml = "{prefix: " + ImportYaml.quote(c.prefix()) + ", domain: " + ImportYaml.quote(domain) + "}";
                } else {
                    match = Match.domain(domain);
                    matchYaml = "{domain: " + ImportYaml.quote(domain) + "}";
                }
            } catch (IllegalArgumentException e) {
                notes.add(QmailNote.leftOut(c.handover() != null ? c.handover() : new Source(domain, 0),
                        "no twgate match for these addresses: " + e.getMessage()));
                continue;
            }
            RuleSpec spec = c.teamware() ? new RuleSpec(id, match, c.template())
                    : c.refusal() != null ? RuleSpec.refusing(id, match, c.refusal())
                    : RuleSpec.passing(id, match, QMAIL_ROUTE);
            try {
                builder.add(spec, null);
            } catch (RewriteConfigException e) {
                if (e.getMessage().contains("can never match")) {
                    notes.add(QmailNote.info(c.handover() != null ? c.handover() : new Source(domain, 0),
                            "never reached, in qmail either: " + e.getMessage()));
                    continue;
                }
                notes.add(QmailNote.leftOut(c.handover(), e.getMessage() + "; qmail keeps delivering these addresses"));
                c = c.toQmail(id, List.of(c.handover() + ": qmail keeps delivering these addresses"));
                spec = RuleSpec.passing(id, match, QMAIL_ROUTE);
                try {
                    builder.add(spec, null);
                } catch (RewriteConfigException again) {
                    continue;
                }
            }
            out.add(new ImportPlan.RulePlan(id, matchYaml, c.teamware() ? c.template() : null, c.refusal(),
                    c.passesToQmail() ? QMAIL_ROUTE : null, c.comments()));
        }
        return out;
    }

    // ---------------------------------------------------------------- smtproutes

    /**
     * smtproutes lines for Teamware's domains (rcpthosts domains qmail does not deliver itself,
     * or domains Teamware's ini files name) become routes as they are; the others stay with qmail.
     */
    private void smtproutes() {
        Map<String, SmtpRoutes.Line> byKey = new LinkedHashMap<>();
        setup.smtproutes.forEach(l -> byKey.put(l.domain().toLowerCase(Locale.ROOT), l));
        List<String> teamwareDomains = setup.teamwareDomains();
        for (SmtpRoutes.Line l : setup.smtproutes) {
            String key = l.domain().toLowerCase(Locale.ROOT);
            if (byKey.get(key) != l) {
                notes.add(QmailNote.info(l.source(), "never used: " + byKey.get(key).source() + " sets the same domain"
                        + " again, and as in qmail the later line wins"));
                continue;
            }
            String text = l.source() + "  " + lineText(l);
            String bare = key.startsWith(".") ? key.substring(1) : key;
            boolean inRcpthosts = setup.rcpthostsEntry(key).isPresent();
            if (l.relay().isMx()) {
                notes.add(QmailNote.info(l.source(), "stays with qmail: without a relay qmail-remote uses the MX records"));
                continue;
            }
            if (key.isEmpty() || !(inRcpthosts || teamwareDomains.contains(bare)) || setup.deliversLocally(bare)) {
                boolean hop = routes.stream().anyMatch(r -> r.comments().stream().anyMatch(c -> c.contains(
                        l.source() + " sends to")));
                notes.add(QmailNote.info(l.source(), hop ? "the next hop of a route above; qmail itself no longer"
                        + " sends there once the patch is applied"
                        : "stays with qmail: " + (key.isEmpty() ? "the default route"
                        : key + " is not a Teamware domain (not in rcpthosts, not named in Teamware's ini files)")));
                continue;
            }
            routes.add(new ImportPlan.RoutePlan(key + ":" + relayText(l.relay()), key, true, List.of(), null,
                    relayedDsn(), List.of("qmail-remote sends " + key + " to Teamware: " + text)));
            accepted.add(new ImportPlan.Commented(key, setup.rcpthostsEntry(key)
                    .map(v -> List.of(v.source() + "  " + v.text())).orElse(List.of(text))));
            edits.smtprouteToTwgate(l);
        }
    }

    private static String lineText(SmtpRoutes.Line l) {
        return l.domain() + ":" + (l.relay().isMx() ? "" : relayText(l.relay()));
    }

    static String relayText(Relay r) {
        return (r.literalIp() ? "[" + r.host() + "]" : r.host()) + ":" + r.port();
    }

    /** Everything else back to qmail on this host: Teamware's outgoing mail, twgate's notices. */
    private ImportPlan.RoutePlan qmailRoute() {
        return new ImportPlan.RoutePlan(":[127.0.0.1]:25", QMAIL_ROUTE, false, List.of(), null, relayedDsn(),
                List.of("everything else goes back to qmail-smtpd on this host: Teamware's outgoing mail, twgate's",
                        "notices, and what the rule sets hand back to qmail (qmail must let 127.0.0.1 relay)"));
    }

    private ImportPlan.Commented relayedDsn() {
        return setup.toIni.stream().filter(l -> l.key().equals("deliver_relayed_dsn")).findFirst()
                .filter(l -> l.value().matches("[012]"))
                .map(l -> new ImportPlan.Commented(l.value(), List.of(l.source() + "  " + l.key() + " = " + l.value())))
                .orElse(null);
    }

    private ImportPlan.Commented postmaster() {
        if (setup.envnoathost == null) {
            return null;
        }
        String domain = setup.envnoathost.text().strip();
        return new ImportPlan.Commented("postmaster@" + domain, List.of("qmail completes <postmaster> with envnoathost: "
                + setup.envnoathost.source() + "  " + setup.envnoathost.text()));
    }

    private Optional<ImportPlan.TeamwarePlan> teamware() {
        if (setup.toIni.isEmpty() && setup.ownNodes.isEmpty()) {
            return Optional.empty();
        }
        ImportPlan.Commented mode = null;
        ImportPlan.Commented noRelay = null;
        List<ImportPlan.Commented> allow = new ArrayList<>();
        for (org.twgate.config.teamware.ToIni.Line l : setup.toIni) {
            ImportPlan.Commented c = new ImportPlan.Commented(l.value(), List.of(l.source() + "  " + l.key() + " = "
                    + l.value()));
            switch (l.key()) {
                case "mode" -> mode = new ImportPlan.Commented(l.value().toLowerCase(Locale.ROOT), c.comments());
                case "no_relay" -> noRelay = new ImportPlan.Commented(l.value().equals("1") ? "true" : "false",
                        c.comments());
                case "allow" -> allow.add(c);
                default -> {
                }
            }
        }
        List<ImportPlan.Commented> own = setup.ownNodes.stream().map(v -> new ImportPlan.Commented(v.text().strip(),
                List.of(v.source() + "  own_node = " + v.text().strip()))).toList();
        return Optional.of(new ImportPlan.TeamwarePlan(mode, allow, noRelay, own));
    }
}
