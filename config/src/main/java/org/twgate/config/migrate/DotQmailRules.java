package org.twgate.config.migrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twgate.config.Source;
import org.twgate.config.qmail.DotQmail;
import org.twgate.config.qmail.QmailNote;
import org.twgate.config.route.Relay;
import org.twgate.config.route.SmtpRoutes;

/**
 * The {@code .qmail} files of one home directory as qmail-local searches them (dot-qmail(5)),
 * turned into {@link Candidate}s in the order twgate's first-match rule set needs: files naming
 * one address first, then {@code -default} files from the longest fixed part to
 * {@code .qmail-default}. File names are lower case with {@code :} for {@code .}, as qmail-local
 * looks them up.
 */
final class DotQmailRules {

    /**
     * The addresses one home's {@code .qmail} files control, as twgate sees them.
     *
     * @param loc     the local-part prefix twgate sees for this home (users/assign {@code +tw.}); empty
     *                for ~alias and for a virtualdomains user (twgate sees the address before the prepend)
     * @param pre     users/assign's {@code pre}: qmail's extension is {@code pre} + the rest after loc
     * @param prepend virtualdomains' {@code user-}, part of qmail's {@code $LOCAL}
     * @param why     comment lines: the users/assign or virtualdomains line that leads here
     */
    record Scope(String home, String user, String loc, String pre, String prepend, List<String> why) {
    }

    private final QmailSetup setup;
    private final List<QmailNote> notes;

    DotQmailRules(QmailSetup setup, List<QmailNote> notes) {
        this.setup = setup;
        this.notes = notes;
    }

    /**
     * Candidates for every address the scope controls. With {@code bounceTheRest}, addresses no
     * file covers get a refusal (qmail-local bounces them); otherwise they are left to the caller.
     */
    List<Candidate> wildcard(Scope s, boolean bounceTheRest) {
        List<Candidate> exact = new ArrayList<>();
        List<Candidate> defaults = new ArrayList<>();
        String preSafe = safe(s.pre());
        for (String file : setup.tree.dotQmailFiles(s.home())) {
            if (!file.startsWith(".qmail-")) {
                continue;
            }
            String name = file.substring(".qmail-".length());
            String path = QmailTree.join(s.home(), file);
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                notes.add(QmailNote.info(new Source(path, 0), "never used: qmail-local looks up lower-case names only"));
                continue;
            }
            boolean isDefault = name.equals("default") || name.endsWith("-default");
            if (!isDefault) {
                if (!name.startsWith(preSafe) || name.length() == preSafe.length()) {
                    continue;
                }
                String rest = unsafe(name.substring(preSafe.length()));
                DotQmailScope scope = new DotQmailScope(s.prepend(), false, "", "",
                        s.loc().isEmpty() && s.pre().isEmpty() ? null : s.pre() + rest, null, s.user(), s.home());
                fromFile(path, scope, s).map(c -> withMatch(c, List.of(s.loc() + rest), "")).ifPresent(exact::add);
                continue;
            }
            String fixed = name.substring(0, name.length() - "default".length());
            String prefix;
            String extLiteral;
            String defaultLiteral;
            if (fixed.startsWith(preSafe)) {
                String x = unsafe(fixed.substring(preSafe.length()));
                prefix = s.loc() + x;
                extLiteral = s.pre() + x;
                defaultLiteral = "";
            } else if (preSafe.startsWith(fixed)) {
                prefix = s.loc();
                extLiteral = s.pre();
                defaultLiteral = s.pre().substring(fixed.length());
            } else {
                continue;
            }
            DotQmailScope scope = new DotQmailScope(s.prepend(), true, extLiteral, defaultLiteral, null, null, s.user(),
                    s.home());
            String p = prefix;
            fromFile(path, scope, s).map(c -> withMatch(c, List.of(), p)).ifPresent(defaults::add);
        }
        defaults.sort(Comparator.comparingInt((Candidate c) -> c.prefix().length()).reversed());
        List<Candidate> out = new ArrayList<>(exact);
        out.addAll(defaults);
        boolean covered = defaults.stream().anyMatch(c -> c.prefix().equals(s.loc()));
        if (bounceTheRest && !covered) {
            List<String> why = new ArrayList<>(s.why());
            why.add("qmail-local bounces the other addresses here: no " + QmailTree.join(s.home(), ".qmail-"
                    + (preSafe.isEmpty() ? "" : preSafe) + "default") + " (dot-qmail(5))");
            out.add(new Candidate(s.user() + "-no-mailbox", List.of(), s.loc(), null, null,
                    "no mailbox here by that name", null, why));
        }
        return out;
    }

    /**
     * The candidate for a users/assign simple assignment: its file as qmail-local finds it for
     * {@code ext} (the exact file, then the -default files), or a refusal when there is none.
     */
    Candidate exact(Scope s, String localPart, String dash, String ext) {
        String id = s.user() + "-" + localPart;
        if (dash.isEmpty()) {
            String path = QmailTree.join(s.home(), ".qmail" + safe(ext));
            Optional<Candidate> c = fromFile(path, new DotQmailScope(s.prepend(), false, "", "", ext, null, s.user(),
                    s.home()), s);
            return c.map(x -> withMatch(x, List.of(localPart), "")).orElseGet(() -> new Candidate(id,
                    List.of(localPart), "", null, null, null, null, with(s.why(), "qmail delivers it to "
                    + s.user() + "'s mailbox (" + path + " is empty or missing: defaultdelivery)")));
        }
        String safeExt = safe(ext);
        List<String> names = setup.tree.dotQmailFiles(s.home());
        if (names.contains(".qmail-" + safeExt)) {
            return fromFile(QmailTree.join(s.home(), ".qmail-" + safeExt), new DotQmailScope(s.prepend(), false, "", "",
                    ext, null, s.user(), s.home()), s).map(x -> withMatch(x, List.of(localPart), ""))
                    .orElseGet(() -> toQmail(id, localPart, s));
        }
        for (int i = safeExt.length(); i >= 0; i--) {
            if (i == 0 || safeExt.charAt(i - 1) == '-') {
                String file = ".qmail-" + safeExt.substring(0, i) + "default";
                if (names.contains(file)) {
                    DotQmailScope scope = new DotQmailScope(s.prepend(), false, "", "", ext, ext.substring(i), s.user(),
                            s.home());
                    return fromFile(QmailTree.join(s.home(), file), scope, s)
                            .map(x -> withMatch(x, List.of(localPart), "")).orElseGet(() -> toQmail(id, localPart, s));
                }
            }
        }
        return new Candidate(id, List.of(localPart), "", null, null, "no mailbox here by that name", null,
                with(s.why(), "qmail-local bounces it: no .qmail file in " + s.home() + " controls it"));
    }

    private static Candidate toQmail(String id, String localPart, Scope s) {
        return new Candidate(id, List.of(localPart), "", null, null, null, null,
                with(s.why(), "qmail keeps delivering it (see the note on its .qmail file)"));
    }

    /**
     * What one {@code .qmail} file does, if twgate can take it over: exactly one delivery line of
     * the seeds' kinds. Otherwise notes why and gives a candidate that leaves it with qmail.
     */
    private Optional<Candidate> fromFile(String path, DotQmailScope scope, Scope s) {
        Optional<List<String>> lines = setup.tree.read(path);
        String id = idOf(s.user(), path);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        DotQmail file = DotQmail.parse(path, lines.get());
        notes.addAll(file.notes());
        List<DeliveryLine> teamware = new ArrayList<>();
        List<DeliveryLine.Untranslatable> others = new ArrayList<>();
        for (DotQmail.Instruction i : file.instructions()) {
            DeliveryLine d = DeliveryLine.of(i);
            if (d instanceof DeliveryLine.Untranslatable u) {
                others.add(u);
            } else {
                teamware.add(d);
            }
        }
        List<String> why = new ArrayList<>(s.why());
        if (file.empty()) {
            why.add(path + " is empty: qmail delivers to its defaultdelivery");
            return Optional.of(new Candidate(id, List.of(), "", null, null, null, null, why));
        }
        if (teamware.size() != 1) {
            if (teamware.size() > 1) {
                notes.add(QmailNote.leftOut(new Source(path, 0), teamware.size() + " deliveries in one file: twgate"
                        + " delivers an address to one place, so qmail keeps delivering these addresses"));
            }
            for (DeliveryLine.Untranslatable u : others) {
                notes.add(QmailNote.leftOut(u.source(), u.why()));
            }
            why.add(path + ": qmail keeps delivering these addresses");
            return Optional.of(new Candidate(id, List.of(), "", null, null, null, null, why));
        }
        for (DeliveryLine.Untranslatable u : others) {
            notes.add(QmailNote.info(u.source(), "stays with qmail (the patch keeps this line): " + u.why()));
        }
        DeliveryLine d = teamware.get(0);
        why.add(d.source() + "  " + d.instruction().line());
        Optional<Candidate> c = resolve(d, scope, id, why);
        if (c.isEmpty()) {
            return Optional.of(new Candidate(id, List.of(), "", null, null, null, null,
                    with(s.why(), path + ": qmail keeps delivering these addresses")));
        }
        return c;
    }

    /** The hop and template of one Teamware delivery line; empty after a LEFT_OUT note. */
    private Optional<Candidate> resolve(DeliveryLine d, DotQmailScope scope, String id, List<String> why) {
        Source at = d.source();
        if (d instanceof DeliveryLine.Torecvm t) {
            DotQmailScope.Translation tr = scope.translate(t.recipient());
            if (tr.refusal() != null) {
                notes.add(QmailNote.leftOut(at, "-r" + t.recipient().template() + ": " + tr.refusal()));
                return Optional.empty();
            }
            return Optional.of(new Candidate(id, List.of(), "", new Candidate.Hop(t.argv(), null,
                    List.of()), tr.template(), null, at, why));
        }
        if (d instanceof DeliveryLine.QmailRemote q) {
            DotQmailScope.Translation tr = scope.translate(q.recipient());
            if (tr.refusal() != null) {
                notes.add(QmailNote.leftOut(at, q.recipient().template() + ": " + tr.refusal()));
                return Optional.empty();
            }
            if (q.senderWarning() != null) {
                notes.add(QmailNote.warning(at, q.senderWarning()));
            }
            return Optional.of(new Candidate(id, List.of(), "", hostHop(q.host(), at), tr.template(), null, at, why));
        }
        DeliveryLine.Forward f = (DeliveryLine.Forward) d;
        DotQmailScope.Translation tr = scope.translate(f.recipient());
        if (tr.refusal() != null) {
            notes.add(QmailNote.leftOut(at, f.recipient().template() + ": " + tr.refusal()));
            return Optional.empty();
        }
        String t = tr.template();
        int atSign = t.lastIndexOf('@');
        if (t.equals("$RECIPIENT") || atSign < 0) {
            notes.add(QmailNote.leftOut(at, atSign < 0 && !t.startsWith("$RECIPIENT")
                    ? "forwards to the local name '" + t + "': qmail delivers it to its own user"
                    : "forwards the address to itself"));
            return Optional.empty();
        }
        String domain = t.substring(atSign + 1).toLowerCase(Locale.ROOT);
        if (domain.contains("$")) {
            notes.add(QmailNote.leftOut(at, "forwards to a domain that depends on the address ('" + t + "'): qmail"
                    + " routes each one again"));
            return Optional.empty();
        }
        if (setup.deliversLocally(domain)) {
            notes.add(QmailNote.leftOut(at, "forwards into qmail's own delivery for " + domain
                    + " (locals or virtualdomains)"));
            return Optional.empty();
        }
        Optional<SmtpRoutes.Line> route = setup.smtproute(domain);
        Candidate.Hop hop;
        if (route.isPresent() && !route.get().relay().isMx()) {
            hop = new Candidate.Hop(null, route.get().relay(), List.of("forwarded to " + domain + ", which "
                    + route.get().source() + " sends to " + route.get().relay()));
        } else {
            hop = new Candidate.Hop(null, Relay.mx(), List.of("forwarded to " + domain + ", which qmail-remote"
                    + " delivers by its MX records"));
        }
        notes.add(QmailNote.info(at, "forward leaves To and Cc as they were, so the connector saw every recipient as"
                + " Bcc; twgate rewrites the matching header addresses with the envelope"));
        return Optional.of(new Candidate(id, List.of(), "", hop, t, null, at, why));
    }

    /** qmail-remote HOST: smtproutes first (qmail-control(5)), else HOST's MX records. */
    private Candidate.Hop hostHop(String host, Source at) {
        Optional<SmtpRoutes.Line> route = setup.smtproute(host);
        if (route.isPresent() && !route.get().relay().isMx()) {
            return new Candidate.Hop(null, route.get().relay(), List.of("qmail-remote " + host + ", which "
                    + route.get().source() + " sends to " + route.get().relay()));
        }
        Relay relay = QmailSetup.hostRelay(host);
        QmailNote warning = relay.literalIp() ? null : QmailNote.warning(at, "qmail-remote " + host + " asks DNS for "
                + host + "'s MX records first (no smtproutes line for it); twgate connects to " + host
                + " itself, port 25");
        return new Candidate.Hop(null, relay, List.of("qmail-remote " + host + " (no smtproutes line for it)"),
                warning);
    }

    private static Candidate withMatch(Candidate c, List<String> localParts, String prefix) {
        return new Candidate(c.id(), localParts, prefix, c.hop(), c.template(), c.refusal(), c.handover(), c.comments());
    }

    private static List<String> with(List<String> lines, String more) {
        List<String> out = new ArrayList<>(lines);
        out.add(more);
        return out;
    }

    /** {@code alias-default} for ~alias/.qmail-default, {@code twu-john} for ~twu/.qmail-john. */
    static String idOf(String user, String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        String name = file.equals(".qmail") ? "dot-qmail" : file.startsWith(".qmail-") ? file.substring(7) : file;
        return user + "-" + unsafe(name);
    }

    /** qmail-local's file-name form of an extension: lower case, dots as colons. */
    static String safe(String ext) {
        return ext.toLowerCase(Locale.ROOT).replace('.', ':');
    }

    static String unsafe(String name) {
        return name.replace(':', '.');
    }
}
