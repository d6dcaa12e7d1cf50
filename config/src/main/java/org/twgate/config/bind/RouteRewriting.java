package org.twgate.config.bind;

import org.twgate.config.rewrite.HeaderMode;
import org.twgate.config.rewrite.RewriteConfig;

/**
 * A route's rewriting keys: {@code rewrite} (recipient rule set), {@code rewrite_sender} and
 * {@code header_mode}. A name no rule set has is a problem at the key's line, listing the
 * names there are.
 */
record RouteRewriting(String recipientSet, String senderSet, HeaderMode headerMode) {

    static RouteRewriting bind(Section s, RewriteConfig rewrite) {
        return new RouteRewriting(reference(s, "rewrite", rewrite), reference(s, "rewrite_sender", rewrite),
                s.choice("header_mode", HeaderMode.class, rewrite.headerMode()));
    }

    private static String reference(Section s, String key, RewriteConfig rewrite) {
        String name = s.text(key).map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        if (name != null && rewrite.set(name).isEmpty()) {
            String known = String.join(", ", rewrite.names());
            String hint = name.startsWith(RewriteConfig.OWN_NODE)
                    ? " (the own_node sets need teamware.tombsmtp_ini with own_node = base and own_node = A:alias lines)"
                    : "";
            s.problems().add(s.originOf(key).problem(s.pathOf(key), "unknown rewrite rule set '" + name + "'"
                    + (known.isEmpty() ? ": none is defined under rewrite.sets" : "; defined: " + known) + hint));
            return null;
        }
        return name;
    }
}
