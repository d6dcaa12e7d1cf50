package org.twgate.config.bind;

import org.twgate.config.teamware.ConnectorAcceptance;

import java.util.List;
import java.util.Optional;
import org.twgate.config.Problem;
import org.twgate.config.TeamwareConfig;
import org.twgate.config.teamware.OwnNodes;
import org.twgate.config.teamware.TombSmtpIni;
import org.twgate.config.teamware.ToIni;
import org.twgate.config.tree.Node;

/** Binds {@code teamware}: reads {@code to.ini} and {@code tombsmtp.ini} when named. */
final class TeamwareBinder {

    private TeamwareBinder() {
    }

    static TeamwareConfig bind(Node node, Imports imports, List<Problem> problems) {
        Section s = Section.of(node, "teamware", problems, "to_ini", "tombsmtp_ini", "mode", "allow", "no_relay",
                "own_node");
        Optional<Section.Item> toIniItem = Imports.pathItem(s, "to_ini");
        Optional<Section.Item> tombItem = Imports.pathItem(s, "tombsmtp_ini");
        Optional<ToIni> toIni = toIniItem.flatMap(item -> imports.parse(item, problems, ToIni::parse));
        OwnNodes own = tombItem.flatMap(item -> imports.parse(item, problems, TombSmtpIni::parse))
                .orElse(OwnNodes.none());
        if (s.has("own_node")) {
            if (tombItem.isPresent()) {
                problems.add(s.originOf("own_node").problem(s.pathOf("own_node"),
                        "give own_node lines either here or in tombsmtp_ini, not both"));
            }
            List<TombSmtpIni.Value> values = s.items("own_node").orElse(List.of()).stream()
                    .map(i -> new TombSmtpIni.Value(i.text(), i.origin().source())).toList();
            try {
                own = TombSmtpIni.fromValues(values);
            } catch (org.twgate.config.ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        // The to.ini [MIME] values given in YAML; each key given overrides the file's value.
        Optional<ConnectorAcceptance> yaml = Optional.empty();
        if (s.has("mode") || s.has("allow") || s.has("no_relay")) {
            ConnectorAcceptance base = toIni.map(ToIni::acceptance).orElse(ConnectorAcceptance.acceptAll());
            yaml = Optional.of(new ConnectorAcceptance(
                    s.bool("no_relay", base.noRelay()),
                    s.choice("mode", ConnectorAcceptance.Mode.class, base.mode()),
                    s.has("allow") ? s.parsedItems("allow", base.allow(), t -> t.strip().toLowerCase(java.util.Locale.ROOT))
                            : base.allow()));
        }
        s.finish();
        return new TeamwareConfig(toIniItem.map(i -> imports.resolve(i.text())), toIni,
                tombItem.map(i -> imports.resolve(i.text())), own, yaml);
    }
}
