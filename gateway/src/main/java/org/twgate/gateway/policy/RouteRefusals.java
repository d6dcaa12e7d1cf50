package org.twgate.gateway.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.twgate.config.rewrite.RewriteConfig;
import org.twgate.config.route.Route;
import org.twgate.gateway.rewrite.RecipientRewrite;
import org.twgate.gateway.rewrite.RouteRewriter;
import org.twgate.gateway.route.Routes;
import org.twgate.gateway.spool.EnvelopeRecipient;

/**
 * Recipients the rule set of their route refuses ({@code refuse:} rules: addresses qmail would
 * have found no {@code .qmail} file for), refused at RCPT time with the rule's text, so the
 * client bounces at once instead of twgate failing the recipient after the 250.
 */
public final class RouteRefusals {
    private final Routes router;
    private final RewriteConfig rewrite;
    private final Map<Route, RouteRewriter> rewriters = new ConcurrentHashMap<>();

    public RouteRefusals(Routes router, RewriteConfig rewrite) {
        this.router = router;
        this.rewrite = rewrite;
    }

    /** The diagnostic ({@code 550 5.1.1 <…>: text (rule …)}) when a refusing rule matches. */
    public Optional<String> refusal(String recipient) {
        Route route = router.route(recipient);
        if (route.rewrite() == null) {
            return Optional.empty();
        }
        RecipientRewrite outcome = rewriters.computeIfAbsent(route, r -> RouteRewriter.of(r, rewrite))
                .rewrite("", List.of(new EnvelopeRecipient(0, recipient, null, null))).recipients().get(0);
        if (outcome instanceof RecipientRewrite.Refused refused && refused.diagnostic().startsWith("550 5.1.1 ")) {
            return Optional.of(refused.diagnostic().substring("550 5.1.1 ".length()));
        }
        return Optional.empty();
    }
}
