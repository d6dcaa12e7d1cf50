package org.twgate.config.bind;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.twgate.config.Problem;
import org.twgate.config.Source;
import org.twgate.config.TeamwareConfig;
import org.twgate.config.rewrite.HeaderMode;
import org.twgate.config.rewrite.RewriteConfig;
import org.twgate.config.tree.ListNode;
import org.twgate.config.tree.MapNode;
import org.twgate.config.tree.Node;
import org.twgate.config.tree.ScalarNode;
import org.twgate.rewrite.rule.RewriteConfigException;
import org.twgate.rewrite.rule.RuleSet;
import org.twgate.rewrite.rule.RuleSpec;

/**
 * Binds {@code rewrite}: {@code header_mode}, {@code sender_headers} and {@code sets}, a
 * section of named lists of rules compiled here with {@link RuleSet#builder}, so that an
 * unknown variable, an invalid template or a rule shadowed by an earlier one is a problem at
 * the rule's line now rather than a surprise at delivery. Adds the {@code own_node} sets when
 * {@code tombsmtp.ini} has base and alias lines.
 */
final class RewriteBinder {

    private RewriteBinder() {
    }

    static RewriteConfig bind(Node node, TeamwareConfig teamware, List<Problem> problems) {
        Section s = Section.of(node, "rewrite", problems, "header_mode", "sender_headers", "sets");
        HeaderMode mode = s.choice("header_mode", HeaderMode.class, HeaderMode.ALL);
        boolean senderHeaders = s.bool("sender_headers", false);
        Map<String, RuleSet> sets = new LinkedHashMap<>();
        ownNodeSets(teamware, sets);
        Optional<Node> setsNode = s.node("sets");
        if (setsNode.isPresent() && setsNode.get() instanceof MapNode map) {
            for (MapNode.Entry e : map.entries().values()) {
                String path = s.pathOf("sets") + "." + e.key();
                if (sets.containsKey(e.key())) {
                    problems.add(e.keyOrigin().problem(path, "the name '" + e.key()
                            + "' is taken by the set built from teamware.tombsmtp_ini own_node lines"));
                } else if (!e.key().matches("[A-Za-z0-9_.-]+")) {
                    problems.add(e.keyOrigin().problem(path, "a rule set name takes letters, digits, '_', '.' "
                            + "and '-': '" + e.key() + "'"));
                } else {
                    set(e.key(), e.value(), path, problems).ifPresent(r -> sets.put(e.key(), r));
                }
            }
        } else if (setsNode.isPresent() && !(setsNode.get() instanceof ScalarNode n && n.isNull())) {
            problems.add(setsNode.get().origin().problem(s.pathOf("sets"),
                    "expected a section of named rule lists, found " + setsNode.get().kind()));
        }
        s.finish();
        return new RewriteConfig(sets, mode, senderHeaders);
    }

    private static Optional<RuleSet> set(String name, Node node, String path, List<Problem> problems) {
        if (!(node instanceof ListNode list)) {
            if (!(node instanceof ScalarNode n && n.isNull())) {
                problems.add(node.origin().problem(path, "expected a list of rules, found " + node.kind()));
                return Optional.empty();
            }
            return Optional.of(RuleSet.empty(name));
        }
        RuleSet.Builder builder = RuleSet.builder(name);
        Set<String> ids = new HashSet<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            Section rule = Section.of(list.items().get(i), path + "[" + i + "]", problems, "id", "match", "result",
                    "refuse", "route");
            Optional<RuleBinder.Bound> bound = RuleBinder.bind(rule, name + "#" + (i + 1));
            if (bound.isEmpty()) {
                ok = false;
                continue;
            }
            RuleSpec spec = bound.get().spec();
            if (!ids.add(spec.id())) {
                problems.add(Problem.at(bound.get().source(), path + "[" + i + "]: rule id '" + spec.id()
                        + "' is used twice in rule set " + name));
                ok = false;
                continue;
            }
            try {
                builder.add(spec, bound.get().source());
            } catch (RewriteConfigException e) {
                problems.add(Problem.at(bound.get().source(), path + "[" + i + "]: " + e.getMessage()));
                ok = false;
            } catch (IllegalArgumentException e) {
                problems.add(Problem.at(bound.get().source(), path + "[" + i + "]: rule " + spec.id() + ": "
                        + e.getMessage()));
                ok = false;
            }
        }
        return ok ? Optional.of(builder.build()) : Optional.empty();
    }

    /**
     * Teamware base-address aliasing: {@code own_node = company.com} with
     * {@code own_node = A:tw.company.com} makes {@value RewriteConfig#OWN_NODE} (every base
     * domain to the first alias, qmail's {@code forward "$LOCAL"@tw.company.com}) and
     * {@value RewriteConfig#OWN_NODE_REVERSE} (every alias to the first base: masquerading).
     */
    private static void ownNodeSets(TeamwareConfig teamware, Map<String, RuleSet> sets) {
        List<String> base = teamware.ownNodes().base();
        List<String> aliases = teamware.ownNodes().aliases();
        if (base.isEmpty() || aliases.isEmpty()) {
            return;
        }
        Source source = new Source(teamware.tombsmtpIniFile().map(Object::toString).orElse("tombsmtp.ini"), 0);
        RuleSet.Builder forward = RuleSet.builder(RewriteConfig.OWN_NODE);
        for (String b : base) {
            forward.add(RuleSpec.domainAlias("own_node " + b, b, aliases.get(0)), source);
        }
        RuleSet.Builder reverse = RuleSet.builder(RewriteConfig.OWN_NODE_REVERSE);
        for (String a : aliases) {
            reverse.add(RuleSpec.domainAlias("own_node A:" + a, a, base.get(0)), source);
        }
        sets.put(RewriteConfig.OWN_NODE, forward.build());
        sets.put(RewriteConfig.OWN_NODE_REVERSE, reverse.build());
    }
}
