package org.twgate.config.rewrite;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.twgate.rewrite.rule.RuleSet;

/**
 * The compiled rule sets and the defaults routes take.
 *
 * @param sets          rule sets by name: those of {@code rewrite.sets} plus, when
 *                      {@code teamware.tombsmtp_ini} has base and alias lines,
 *                      {@value #OWN_NODE} and {@value #OWN_NODE_REVERSE}
 * @param headerMode    the default header mode of routes ({@code rewrite.header_mode})
 * @param senderHeaders whether a sender rule set also rewrites From, Sender and Reply-To
 */
public record RewriteConfig(Map<String, RuleSet> sets, HeaderMode headerMode, boolean senderHeaders) {

    /** Base address to alias ({@code john@company.com} → {@code john@tw.company.com}). */
    public static final String OWN_NODE = "own_node";
    /** Alias to base address: masquerading for the outbound direction. */
    public static final String OWN_NODE_REVERSE = "own_node_reverse";

    public RewriteConfig {
        sets = Map.copyOf(sets);
        Objects.requireNonNull(headerMode, "headerMode");
    }

    public static RewriteConfig none() {
        return new RewriteConfig(Map.of(), HeaderMode.ALL, false);
    }

    /** The set named {@code name}, if defined. */
    public Optional<RuleSet> set(String name) {
        return Optional.ofNullable(sets.get(name));
    }

    /** The set names in alphabetical order, for messages and listings. */
    public Iterable<String> names() {
        return new TreeMap<>(sets).keySet();
    }
}
