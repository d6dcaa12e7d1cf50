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
 * <p>A key given twice ({@code deliver_relayed_dsn = 0}, later {@code DELIVER_RELAYED_DSN = 2})
 * is not an error: ini files edited by hand for years have such lines and the connector runs
 * with them. Which one Teamware takes is not documented; twgate takes the first, as Windows'
 * {@code GetPrivateProfileString} does, and warns naming both lines.
 *
 * @param acceptance        what the connector accepts
 * @param deliverRelayedDsn the relayed-DSN policy, when the file sets one (Teamware's own
 *                          default is 0)
 * @param warnings          lines read and ignored (a key given again), for {@code twgate check}
 *                          and the start-up log
 */
public record ToIni(ConnectorAcceptance acceptance, OptionalInt deliverRelayedDsn, List<Problem> warnings,
                    Map<String, Source> sources) {

    public ToIni {
        warnings = List.copyOf(warnings);
        sources = Map.copyOf(sources);
    }

    /** Where the acceptance was set: the lines of {@code no_relay}, {@code mode} and the first {@code allow}. */
    public String acceptanceSources() {
        List<String> where = new ArrayList<>();
        for (String key : List.of("mode", "no_relay", "allow")) {
            Source s = sources.get(key);
            if (s != null) {
                where.add(key + " at " + s);
            }
        }
        return where.isEmpty() ? "the connector's defaults" : String.join(", ", where);
    }

    private static final String SECTION = "mime";

    /** A {@code key = value} line of {@code [MIME]} (key lower-cased), for tools quoting the file. */
    public record Line(String key, String value, Source source) {
    }

    /** The {@code key = value} lines of the {@code [MIME]} section, in order. */
    public static List<Line> mimeLines(String file, List<String> lines) {
        return IniLines.read(file, lines, SECTION).stream().filter(s -> s.key() != null)
                .map(s -> new Line(s.key(), s.value(), s.source())).toList();
    }

    public static ToIni parse(String file, List<String> lines) throws ConfigException {
        List<Problem> errors = new ArrayList<>();
        boolean noRelay = false;
        ConnectorAcceptance.Mode mode = ConnectorAcceptance.Mode.ANY;
        List<String> allow = new ArrayList<>();
        OptionalInt relayedDsn = OptionalInt.empty();
        Map<String, IniLines.Setting> seen = new HashMap<>();
        Map<String, Source> sources = new HashMap<>();
        List<Problem> warnings = new ArrayList<>();
        for (IniLines.Setting s : IniLines.read(file, lines, SECTION)) {
            String value = s.value();
            if (s.key() == null) {
                errors.add(Problem.at(s.source(), "not a 'key = value' line in [MIME]: '" + value + "'"));
                continue;
            }
            if (!s.key().equals("allow") && isOurs(s.key())) {
                IniLines.Setting first = seen.putIfAbsent(s.key(), s);
                sources.putIfAbsent(s.key(), s.source());
                if (first != null) {
                    warnings.add(Problem.at(s.source(), "[MIME] " + s.key() + " = " + value + " ignored: line "
                            + first.source().line() + " set it first (" + s.key() + " = " + first.value()
                            + "), and the first value counts, as Windows' GetPrivateProfileString reads it"));
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
                    sources.putIfAbsent("allow", s.source());
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
        return new ToIni(new ConnectorAcceptance(noRelay, mode, allow), relayedDsn, warnings, sources);
    }

    private static boolean isOurs(String key) {
        return key.equals("deliver_relayed_dsn") || key.equals("no_relay") || key.equals("mode");
    }
}
