package org.twgate.config.qmail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twgate.config.Source;

/**
 * The text source of {@code users/cdb}: {@code users/assign} (qmail-users(5)). Simple
 * assignments {@code =local:user:uid:gid:homedir:dash:ext:} and wildcard assignments
 * {@code +loc:user:uid:gid:homedir:dash:pre:}, ended by a line holding a single dot.
 *
 * <p>Lookup is qmail-lspawn's: local parts compare without case; a simple assignment beats any
 * wildcard, a longer wildcard beats a shorter one, and of several assignments for the same
 * local part the first counts.
 */
public record UsersAssign(List<Assignment> assignments, List<QmailNote> notes) {

    /**
     * One assignment. {@code local} is the whole local part ({@code =}) or the prefix
     * ({@code +}); {@code ext} is the extension ({@code =}) or the extension prefix {@code pre}
     * ({@code +}).
     */
    public record Assignment(boolean wildcard, String local, String user, String uid, String gid, String home,
                             String dash, String ext, Source source) {

        /**
         * For an address this assignment covers: the qmail extension (qmail-lspawn: {@code pre}
         * plus the rest of the local part, original case kept; {@code ext} itself for {@code =}).
         */
        public String extensionOf(String localPart) {
            return wildcard ? ext + localPart.substring(local.length()) : ext;
        }

        /** The {@code .qmail} file name stem: {@code .qmail} + dash + extension. */
        public String dotQmail(String localPart) {
            return ".qmail" + dash + extensionOf(localPart);
        }
    }

    public UsersAssign {
        assignments = List.copyOf(assignments);
        notes = List.copyOf(notes);
    }

    public static UsersAssign none() {
        return new UsersAssign(List.of(), List.of());
    }

    public static UsersAssign parse(String file, List<String> lines) {
        List<Assignment> out = new ArrayList<>();
        List<QmailNote> notes = new ArrayList<>();
        boolean ended = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Source source = new Source(file, i + 1);
            if (ended) {
                if (!line.isBlank()) {
                    notes.add(QmailNote.warning(source, "after the final '.': qmail-newu reads no further"));
                }
                continue;
            }
            if (line.equals(".")) {
                ended = true;
                continue;
            }
            if (line.indexOf('\0') >= 0 || line.isEmpty() || (line.charAt(0) != '=' && line.charAt(0) != '+')) {
                notes.add(QmailNote.leftOut(source, "not an assignment (=local:… or +prefix:…): '"
                        + printable(line) + "'"));
                continue;
            }
            String[] f = line.substring(1).split(":", -1);
            if (f.length != 8 || !f[7].isEmpty()) {
                notes.add(QmailNote.leftOut(source, "an assignment has seven fields, each ended by ':' "
                        + "(" + line.charAt(0) + "local:user:uid:gid:homedir:dash:ext:): '" + printable(line) + "'"));
                continue;
            }
            if (!f[2].matches("\\d{1,10}") || !f[3].matches("\\d{1,10}") || !f[4].startsWith("/")
                    || !(f[5].isEmpty() || f[5].equals("-"))) {
                notes.add(QmailNote.leftOut(source, "uid and gid must be numbers, homedir absolute, dash '-' or "
                        + "empty: '" + printable(line) + "'"));
                continue;
            }
            out.add(new Assignment(line.charAt(0) == '+', f[0], f[1], f[2], f[3], f[4], f[5], f[6], source));
        }
        if (!ended && !lines.isEmpty()) {
            notes.add(QmailNote.warning(new Source(file, lines.size()),
                    "no final '.' line: qmail-newu refuses such a file, so users/cdb may be older than this text"));
        }
        return new UsersAssign(out, notes);
    }

    /** The assignment qmail-lspawn would use for {@code localPart}. */
    public Optional<Assignment> lookup(String localPart) {
        String lower = localPart.toLowerCase(Locale.ROOT);
        for (Assignment a : assignments) {
            if (!a.wildcard() && a.local().toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(a);
            }
        }
        Assignment best = null;
        for (Assignment a : assignments) {
            if (a.wildcard() && lower.startsWith(a.local().toLowerCase(Locale.ROOT))
                    && (best == null || a.local().length() > best.local().length())) {
                best = a;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Assignments for {@code user} (the virtualdomains prepend names a user), first first. */
    public Optional<Assignment> forUser(String user) {
        return assignments.stream().filter(a -> a.user().equals(user)).findFirst();
    }

    static String printable(String line) {
        StringBuilder b = new StringBuilder();
        line.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
