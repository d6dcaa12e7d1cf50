package org.twgate.rewrite.rule;

import java.util.List;
import org.twgate.rewrite.address.AddressSyntaxException;
import org.twgate.rewrite.address.EmailAddress;

/**
 * What a rule matches. Local parts, prefixes and suffixes compare without regard to case, as
 * qmail does for local deliveries. A prefix or suffix match needs something left over: that
 * remainder is {@code $DEFAULT}.
 *
 * <p>The variables keep qmail-command(8)'s meaning for the {@code .qmail} file each match stands
 * for: a prefix is qmail-users' {@code +tw.} wildcard with {@code .qmail-default} ({@code $EXT}
 * and {@code $DEFAULT} are the rest after the prefix), a domain match is
 * {@code ~alias/.qmail-default} or a virtualdomains user's {@code .qmail-default} ({@code $EXT}
 * and {@code $DEFAULT} are the whole local part), named local parts or an address are
 * {@code ~alias/.qmail-root} and the like ({@code $EXT} is the local part; qmail sets no
 * {@code $DEFAULT} for a file that is not a {@code -default} one). A suffix, which qmail cannot
 * match, sets both to the part before the suffix.
 */
public sealed interface Match permits Match.Exact, Match.LocalParts, Match.Prefix, Match.Suffix, Match.Domain {

    /** The domain side of the match. */
    DomainPattern domain();

    /** True if this match accepts {@code address}. */
    boolean matches(EmailAddress address);

    /** True if this match sets {@code $DEFAULT}. */
    default boolean definesDefault() {
        return false;
    }

    /**
     * {@code $DEFAULT} for a matching address: the local part less the prefix or suffix, the whole
     * local part for a domain match, null where qmail sets none.
     */
    default String defaultPart(EmailAddress address) {
        return null;
    }

    /** {@code $EXT} for a matching address: the local part less the prefix or suffix, else the local part. */
    default String extension(EmailAddress address) {
        String d = defaultPart(address);
        return d != null ? d : address.localPart();
    }

    static Match exact(String address) {
        return new Exact(EmailAddress.parse(address));
    }

    static Match localParts(List<String> localParts, String domainPattern) {
        return new LocalParts(localParts, DomainPattern.parse(domainPattern));
    }

    static Match prefix(String prefix, String domainPattern) {
        return new Prefix(prefix, DomainPattern.parse(domainPattern));
    }

    static Match suffix(String suffix, String domainPattern) {
        return new Suffix(suffix, DomainPattern.parse(domainPattern));
    }

    /** Every address in the domain; {@code "*"} makes a catch-all. */
    static Match domain(String domainPattern) {
        return new Domain(DomainPattern.parse(domainPattern));
    }

    /** One address. */
    record Exact(EmailAddress address) implements Match {
        @Override
        public DomainPattern domain() {
            return DomainPattern.parse(address.domain());
        }

        @Override
        public boolean matches(EmailAddress a) {
            return a.domainKey().equals(address.domainKey()) && a.localPartKey().equals(address.localPartKey());
        }

        @Override
        public String toString() {
            return "address " + address;
        }
    }

    /** Any of the listed local parts, e.g. {@code root, postmaster, webmaster}. */
    record LocalParts(List<String> localParts, DomainPattern domain) implements Match {
        public LocalParts {
            localParts = List.copyOf(localParts);
            if (localParts.isEmpty()) {
                throw new IllegalArgumentException("empty list of local parts");
            }
            localParts.forEach(Match::checkPiece);
        }

        @Override
        public boolean matches(EmailAddress a) {
            if (!domain.matches(a.domainKey())) {
                return false;
            }
            for (String l : localParts) {
                if (EmailAddress.foldCase(l).equals(a.localPartKey())) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "local parts " + String.join(",", localParts) + " at " + domain;
        }
    }

    /** Local parts starting with a prefix, e.g. {@code tw.} (qmail-users) or {@code twu-} (virtualdomains). */
    record Prefix(String prefix, DomainPattern domain) implements Match {
        public Prefix {
            checkPiece(prefix);
        }

        @Override
        public boolean matches(EmailAddress a) {
            String l = a.localPartKey();
            return domain.matches(a.domainKey()) && l.length() > prefix.length()
                    && l.startsWith(EmailAddress.foldCase(prefix));
        }

        @Override
        public boolean definesDefault() {
            return true;
        }

        @Override
        public String defaultPart(EmailAddress a) {
            return a.localPart().substring(prefix.length());
        }

        @Override
        public String toString() {
            return "prefix " + prefix + " at " + domain;
        }
    }

    /** Local parts ending with a suffix, e.g. {@code .tw}: what qmail-users cannot do. */
    record Suffix(String suffix, DomainPattern domain) implements Match {
        public Suffix {
            checkPiece(suffix);
        }

        @Override
        public boolean matches(EmailAddress a) {
            String l = a.localPartKey();
            return domain.matches(a.domainKey()) && l.length() > suffix.length()
                    && l.endsWith(EmailAddress.foldCase(suffix));
        }

        @Override
        public boolean definesDefault() {
            return true;
        }

        @Override
        public String defaultPart(EmailAddress a) {
            String l = a.localPart();
            return l.substring(0, l.length() - suffix.length());
        }

        @Override
        public String toString() {
            return "suffix " + suffix + " at " + domain;
        }
    }

    /** Every local part in a domain (or, with {@code *}, every address). */
    record Domain(DomainPattern domain) implements Match {
        @Override
        public boolean matches(EmailAddress a) {
            return domain.matches(a.domainKey());
        }

        @Override
        public boolean definesDefault() {
            return true;
        }

        /** As for {@code ~alias/.qmail-default}: the whole local part. */
        @Override
        public String defaultPart(EmailAddress a) {
            return a.localPart();
        }

        @Override
        public String toString() {
            return domain.isAny() ? "any address" : "domain " + domain;
        }
    }

    private static void checkPiece(String piece) {
        if (piece == null || piece.isEmpty()) {
            throw new IllegalArgumentException("empty local part, prefix or suffix");
        }
        try {
            EmailAddress.checkLocalPart(piece);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("invalid local part, prefix or suffix "
                    + AddressSyntaxException.quote(piece) + ": " + e.reason(), e);
        }
    }
}
