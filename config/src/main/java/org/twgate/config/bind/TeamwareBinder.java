package org.twgate.config.bind;

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
        Section s = Section.of(node, "teamware", problems, "to_ini", "tombsmtp_ini");
        Optional<Section.Item> toIniItem = Imports.pathItem(s, "to_ini");
        Optional<Section.Item> tombItem = Imports.pathItem(s, "tombsmtp_ini");
        Optional<ToIni> toIni = toIniItem.flatMap(item -> imports.parse(item, problems, ToIni::parse));
        OwnNodes own = tombItem.flatMap(item -> imports.parse(item, problems, TombSmtpIni::parse))
                .orElse(OwnNodes.none());
        s.finish();
        return new TeamwareConfig(toIniItem.map(i -> imports.resolve(i.text())), toIni,
                tombItem.map(i -> imports.resolve(i.text())), own);
    }
}
