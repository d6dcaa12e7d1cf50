package org.twgate.config.migrate;

import java.util.List;
import org.twgate.config.Source;
import org.twgate.config.route.Relay;

/**
 * One address class of a domain and what qmail did with it, on its way to becoming a twgate
 * rule: the {@code .qmail} file that controls it and how that file's delivery line maps to a
 * route (its {@link Hop}) and a result template; or a refusal (qmail-local would bounce it);
 * or "qmail delivers it itself" (the rule hands it back to qmail).
 *
 * @param localParts    the local parts of a file naming one address (exact), else empty
 * @param prefix        the local-part prefix of a {@code -default} file ("" for the catch-all)
 * @param hop           where the delivery line sends it; null for a refusal or a pass to qmail
 * @param template      the twgate result template (with {@code hop})
 * @param refusal       the refusal text, or null
 * @param handover      the {@code .qmail} line the patch replaces with the hand-over to twgate, or null
 */
record Candidate(String id, List<String> localParts, String prefix, Hop hop, String template, String refusal,
                 Source handover, List<String> comments) {

    Candidate {
        localParts = List.copyOf(localParts);
        comments = List.copyOf(comments);
    }

    /**
     * Where a delivery line sends mail: a pipe (its argv) or SMTP to a relay (empty relay: MX);
     * {@code warning} says how twgate's next hop differs from qmail's, if it does (noted only
     * when the route uses this hop).
     */
    record Hop(List<String> argv, Relay relay, List<String> comments, org.twgate.config.qmail.QmailNote warning) {
        Hop {
            argv = argv == null ? null : List.copyOf(argv);
            comments = List.copyOf(comments);
        }

        Hop(List<String> argv, Relay relay, List<String> comments) {
            this(argv, relay, comments, null);
        }

        boolean pipe() {
            return argv != null;
        }

        /** The same delivery for twgate: the same command line, or the same next hop. */
        boolean sameAs(Hop other) {
            return pipe() ? other.pipe() && argv.equals(other.argv) : !other.pipe() && relay.equals(other.relay);
        }

        String describe() {
            return pipe() ? "the pipe " + String.join(" ", argv) : relay.isMx() ? "the MX hosts of its domain"
                    : relay.toString();
        }
    }

    boolean exact() {
        return !localParts.isEmpty();
    }

    boolean catchAll() {
        return localParts.isEmpty() && prefix.isEmpty();
    }

    boolean teamware() {
        return hop != null;
    }

    boolean passesToQmail() {
        return hop == null && refusal == null;
    }

    /** A candidate for the same addresses that qmail keeps: the rule hands them back to qmail. */
    Candidate toQmail(String id, List<String> why) {
        return new Candidate(id, localParts, prefix, null, null, null, null, why);
    }
}
