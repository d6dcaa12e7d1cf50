package org.twgate.gateway.policy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.twgate.config.TeamwareConfig;
import org.twgate.config.rewrite.RewriteConfig;
import org.twgate.config.route.Route;
import org.twgate.config.teamware.ConnectorAcceptance;
import org.twgate.gateway.rewrite.RecipientRewrite;
import org.twgate.gateway.rewrite.RouteRewriter;
import org.twgate.gateway.route.Routes;
import org.twgate.gateway.spool.EnvelopeRecipient;

/**
 * The Teamware connector's acceptance rules ({@code to.ini} {@code [MIME]} {@code no_relay},
 * {@code mode = any|list|strict}, {@code allow =}; {@code tombsmtp.ini} {@code own_node} base
 * addresses and aliases count as its own) applied to recipients whose route is a final
 * delivery by SMTP, i.e. the connector's SMTP responder. The address checked is the one the
 * connector will see: after the route's rewriting. A pipe route (torecvm) is the connector
 * configured "as if sendmail is installed", where these options do not apply (seed section 3:
 * mode and allow define what is accepted "when Teamware Office is configured as if sendmail is
 * not installed").
 */
public final class ConnectorRules {
    private final Routes router;
    private final RewriteConfig rewrite;
    private final TeamwareConfig teamware;
    private final ConnectorAcceptance acceptance;
    private final Map<Route, RouteRewriter> rewriters = new ConcurrentHashMap<>();

    public ConnectorRules(Routes router, RewriteConfig rewrite, TeamwareConfig teamware) {
        this.router = router;
        this.rewrite = rewrite;
        this.teamware = teamware;
        this.acceptance = teamware.connectorAcceptance();
    }

    public Optional<String> refusal(String recipient) {
        if (!teamware.mirrorsConnector()) {
            return Optional.empty();
        }
        Route route = router.route(recipient);
        if (!route.finalDelivery() || route.transport() == org.twgate.config.route.Transport.PIPE) {
            return Optional.empty();
        }
        String delivered = rewriters.computeIfAbsent(route, r -> RouteRewriter.of(r, rewrite))
                .rewrite("", List.of(new EnvelopeRecipient(0, recipient, null, null))).deliverable().stream()
                .findFirst().map(RecipientRewrite.Deliverable::outbound).map(o -> o.address()).orElse(recipient);
        String domain = delivered.substring(delivered.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (acceptance.accepts(domain, teamware.ownNodes())) {
            return Optional.empty();
        }
        return Optional.of("not accepted by the connector (mode=" + acceptance.mode().name().toLowerCase(Locale.ROOT)
                + (acceptance.noRelay() ? ", no_relay=1" : "")
                + (delivered.equals(recipient) ? "" : "; delivered as <" + delivered + ">") + ")");
    }
}
