package org.twgate.config.teamware;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.twgate.config.ConfigException;
import org.twgate.config.Problem;
import org.twgate.config.Source;
import org.twgate.config.policy.DomainSyntax;

/**
 * The parts of Teamware's {@code to.ini} twgate mirrors, from its {@code [MIME]} section:
 * {@code deliver_relayed_dsn}, {@code no_relay}, {@code mode} and repeated {@code allow}.
 * Other sections and keys belong to Teamware and are ignored.
 *
 * @param acceptance        what the connector accepts
 * @param deliverRelayedDsn the relayed-DSN policy, when the file sets one (Teamware's own
 *                          default is 0)
 */
public record ToIni(ConnectorAcceptance acceptance, OptionalInt deliverRelayedDsn) {

    private static final String SECTION = "mime";

    public static ToIni parse(String file, List<String> lines) throws ConfigException {
        List<Problem> errors = new ArrayList<>();
        boolean noRelay = false;
        ConnectorAcceptance.Mode mode = ConnectorAcceptance.Mode.ANY;
        List<String> allow = new ArrayList<>();
        OptionalInt relayedDsn = OptionalInt.empty();
        Map<String, Source> seen = new HashMap<>();
        for (IniLines.Setting s : IniLines.read(file, lines, SECTION)) {
            String value = s.value();
            if (s.key() == null) {
                errors.add(Problem.at(s.source(), "not a 'key = value' line in [MIME]: '" + value + "'"));
                continue;
            }
            if (!s.key().equals("allow") && isOurs(s.key())) {
                Source first = seen.putIfAbsent(s.key(), s.source());
                if (first != null) {
                    errors.add(Problem.at(s.source(), "[MIME] " + s.key() + " set again (first at line "
                            + first.line() + ")"));
                    continue;
                }
            }
            switch (s.key()) {
                case "deliver_relayed_dsn" -> {
                    if (value.matches("[012]")) {
                        relayedDsn = OptionalInt.of(Integer.parseInt(value));
                    } else {
                        errors.add(Problem.at(s.source(), "[MIME] deliver_relayed_dsn must be 0, 1 or 2: '"
                                + value + "'"));
                    }
                }
                case "no_relay" -> {
                    if (value.matches("[01]")) {
                        noRelay = value.equals("1");
                    } else {
                        errors.add(Problem.at(s.source(), "[MIME] no_relay must be 0 or 1: '" + value + "'"));
                    }
                }
                case "mode" -> {
                    switch (value.toLowerCase(Locale.ROOT)) {
                        case "any" -> mode = ConnectorAcceptance.Mode.ANY;
                        case "list" -> mode = ConnectorAcceptance.Mode.LIST;
                        case "strict" -> mode = ConnectorAcceptance.Mode.STRICT;
                        default -> errors.add(Problem.at(s.source(), "[MIME] mode must be any, list or strict: '"
                                + value + "'"));
                    }
                }
                case "allow" -> {
                    String bad = DomainSyntax.check(value);
                    if (bad != null || value.startsWith(".")) {
                        errors.add(Problem.at(s.source(), "[MIME] allow: not a domain: '" + value + "'"));
                    } else {
                        allow.add(value.toLowerCase(Locale.ROOT));
                    }
                }
                default -> {
                    // one of Teamware's many other options: not ours to judge
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new ToIni(new ConnectorAcceptance(noRelay, mode, allow), relayedDsn);
    }

    private static boolean isOurs(String key) {
        return key.equals("deliver_relayed_dsn") || key.equals("no_relay") || key.equals("mode");
    }
}
