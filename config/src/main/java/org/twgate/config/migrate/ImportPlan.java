package org.twgate.config.migrate;

import java.util.List;
import java.util.Optional;
import org.twgate.config.qmail.QmailNote;

/**
 * What {@code twgate import qmail} made of a qmail integration, in the order mail flows:
 * the server, who may send, the rule sets, the routes, what the connector accepts; then the
 * qmail side of the change and the notes. Every entry carries comment lines naming the qmail
 * {@code file:line} it came from.
 */
public record ImportPlan(Server server, Policy policy, List<RuleSetPlan> ruleSets, List<RoutePlan> routes,
                         Optional<TeamwarePlan> teamware, List<FileEdit> edits, List<String> filesRead,
                         List<QmailNote> notes) {

    public ImportPlan {
        ruleSets = List.copyOf(ruleSets);
        routes = List.copyOf(routes);
        edits = List.copyOf(edits);
        filesRead = List.copyOf(filesRead);
        notes = List.copyOf(notes);
    }

    /** A value and the comment lines saying where it came from. */
    public record Commented(String value, List<String> comments) {
        public Commented {
            comments = List.copyOf(comments);
        }

        public static Commented of(String value, String... comments) {
            return new Commented(value, List.of(comments));
        }
    }

    public record Server(String listen, Commented hostname) {
    }

    public record Policy(List<Commented> relayClients, List<Commented> acceptedDomains, Commented postmaster) {
        public Policy {
            relayClients = List.copyOf(relayClients);
            acceptedDomains = List.copyOf(acceptedDomains);
        }
    }

    /**
     * One rule: {@code match} as a YAML flow mapping, and one of {@code result}, {@code refuse},
     * {@code route}.
     */
    public record RulePlan(String id, String match, String result, String refuse, String route, List<String> comments) {
        public RulePlan {
            comments = List.copyOf(comments);
        }
    }

    public record RuleSetPlan(String name, List<RulePlan> rules) {
        public RuleSetPlan {
            rules = List.copyOf(rules);
        }
    }

    /**
     * One route: its smtproutes line, whether it is the connector (final), the pipe command
     * (empty for SMTP), its rule set, its {@code deliver_relayed_dsn} (null: the default).
     */
    public record RoutePlan(String smtproutes, String name, boolean finalDelivery, List<String> command,
                            String rewrite, Commented deliverRelayedDsn, List<String> comments) {
        public RoutePlan {
            command = List.copyOf(command);
            comments = List.copyOf(comments);
        }
    }

    /** The to.ini [MIME] acceptance options and the tombsmtp.ini own_node lines, each optional. */
    public record TeamwarePlan(Commented mode, List<Commented> allow, Commented noRelay, List<Commented> ownNodes) {
        public TeamwarePlan {
            allow = List.copyOf(allow);
            ownNodes = List.copyOf(ownNodes);
        }
    }

    /**
     * The qmail side: a file as it is ({@code before}, empty for a file to create) and as it
     * should be, and why.
     */
    public record FileEdit(String file, List<String> before, List<String> after, List<String> why) {
        public FileEdit {
            before = List.copyOf(before);
            after = List.copyOf(after);
            why = List.copyOf(why);
        }
    }

    /** True if some part of the qmail setup was not translated. */
    public boolean leftOut() {
        return notes.stream().anyMatch(n -> n.kind() == QmailNote.Kind.LEFT_OUT);
    }
}
