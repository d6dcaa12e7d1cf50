package org.twgate.config.qmail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.twgate.config.Source;
import org.twgate.config.policy.DomainSyntax;

/**
 * {@code control/virtualdomains} (qmail-send(8), qmail-control(5)): lines {@code key:prepend},
 * the key a domain ({@code tw.company.com}), its subdomains ({@code .tw.company.com}), one
 * address ({@code john@company.com}) or empty (every address); an empty {@code prepend} is an
 * exception (the address is not virtual). qmail-send rewrites {@code local@domain} to
 * {@code prepend-local@domain} and delivers it locally.
 *
 * <p>Lookup is qmail-send's: the whole address, then the domain, then each {@code .suffix}
 * longest first, then the empty key; keys compare without case. A key given twice: the later
 * line wins (qmail's constmap), the earlier is a warning.
 */
public record VirtualDomains(List<Entry> entries, List<QmailNote> notes) {

    /** One line: {@code key} lower-cased; {@code prepend} empty for an exception. */
    public record Entry(String key, String prepend, Source source) {
        public boolean exception() {
            return prepend.isEmpty();
        }
    }

    public VirtualDomains {
        entries = List.copyOf(entries);
        notes = List.copyOf(notes);
    }

    public static VirtualDomains none() {
        return new VirtualDomains(List.of(), List.of());
    }

    public static VirtualDomains parse(String file, List<String> lines) {
        Map<String, Entry> byKey = new LinkedHashMap<>();
        List<QmailNote> notes = new ArrayList<>();
        for (ControlFile.Value v : ControlFile.read(file, lines)) {
            String line = v.text();
            int colon = line.lastIndexOf(':');
            if (colon < 0) {
                notes.add(QmailNote.leftOut(v.source(), "not a virtualdomains line (domain:user): '" + line + "'"));
                continue;
            }
            String key = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String prepend = line.substring(colon + 1);
            String problem = keyProblem(key);
            if (problem != null) {
                notes.add(QmailNote.leftOut(v.source(), problem + ": '" + line + "'"));
                continue;
            }
            if (!prepend.matches("[A-Za-z0-9._-]*")) {
                notes.add(QmailNote.leftOut(v.source(), "not a user name after ':': '" + line + "'"));
                continue;
            }
            Entry before = byKey.put(key, new Entry(key, prepend, v.source()));
            if (before != null) {
                notes.add(QmailNote.warning(before.source(), "never used: " + v.source() + " sets '" + key
                        + "' again, and as in qmail the later line wins"));
            }
        }
        return new VirtualDomains(new ArrayList<>(byKey.values()), notes);
    }

    private static String keyProblem(String key) {
        if (key.isEmpty()) {
            return null;
        }
        int at = key.lastIndexOf('@');
        String domain = at >= 0 ? key.substring(at + 1) : key;
        if (at == 0 || domain.isEmpty() || DomainSyntax.check(domain) != null || (at > 0 && domain.startsWith("."))) {
            return "not a domain, .domain or address before ':'";
        }
        return null;
    }

    /** The entry qmail-send would use for {@code address} ({@code local@domain}), exceptions included. */
    public Optional<Entry> lookup(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        int at = a.lastIndexOf('@');
        Map<String, Entry> byKey = new LinkedHashMap<>();
        entries.forEach(e -> byKey.put(e.key(), e));
        if (byKey.containsKey(a)) {
            return Optional.of(byKey.get(a));
        }
        String domain = a.substring(at + 1);
        if (byKey.containsKey(domain)) {
            return Optional.of(byKey.get(domain));
        }
        for (int i = domain.indexOf('.'); i >= 0; i = domain.indexOf('.', i + 1)) {
            Entry e = byKey.get(domain.substring(i));
            if (e != null) {
                return Optional.of(e);
            }
        }
        return Optional.ofNullable(byKey.get(""));
    }
}
