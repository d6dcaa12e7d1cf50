package org.twgate.config.qmail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.twgate.config.Source;

/**
 * tcp_wrappers' {@code /etc/hosts.allow} with the extended option language (hosts_access(5),
 * hosts_options(5)), as the inetd variant of qmail's SMTP service uses it (seed 2.1.1):
 * {@code tcp-env: 1.2.3.4 : setenv = RELAYCLIENT}. Lines are
 * {@code daemon_list : client_list [ : option : option … ]}; a backslash at the end of a line
 * continues it; {@code #} starts a comment line. Lists are separated by blanks or commas;
 * colons inside {@code [ipv6]} brackets do not separate fields.
 *
 * <p>Only the syntax is read here; what a client pattern matches is
 * {@link ClientPattern}'s business.
 */
public record HostsAllow(List<Rule> rules, List<QmailNote> notes) {

    /**
     * One access rule.
     *
     * @param daemons daemon patterns as written ({@code tcp-env}, {@code ALL}, …)
     * @param clients client patterns as written
     * @param setenv  the {@code setenv} options, name to value (value empty for {@code setenv = NAME})
     * @param deny    a {@code deny} option
     * @param others  the other options as written ({@code spawn …}, {@code allow}, …)
     */
    public record Rule(List<String> daemons, List<String> clients, Map<String, String> setenv, boolean deny,
                       List<String> others, String line, Source source) {
        public Rule {
            daemons = List.copyOf(daemons);
            clients = List.copyOf(clients);
            setenv = Map.copyOf(setenv);
            others = List.copyOf(others);
        }

        /** True if the rule is for qmail-smtpd under inetd: its daemon list names tcp-env or ALL. */
        public boolean forTcpEnv() {
            boolean on = false;
            boolean except = false;
            for (String d : daemons) {
                if (d.equals("EXCEPT")) {
                    except = true;
                } else if (d.equals("ALL") || d.equalsIgnoreCase("tcp-env") || d.toLowerCase(Locale.ROOT)
                        .startsWith("tcp-env@")) {
                    if (except) {
                        return false;
                    }
                    on = true;
                }
            }
            return on;
        }
    }

    public HostsAllow {
        rules = List.copyOf(rules);
        notes = List.copyOf(notes);
    }

    public static HostsAllow none() {
        return new HostsAllow(List.of(), List.of());
    }

    public static HostsAllow parse(String file, List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        List<QmailNote> notes = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        int first = 0;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (logical.length() == 0) {
                first = i;
                String t = raw.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
            }
            if (raw.endsWith("\\")) {
                logical.append(raw, 0, raw.length() - 1).append(' ');
                continue;
            }
            logical.append(raw);
            parseRule(logical.toString().strip(), new Source(file, first + 1), rules, notes);
            logical.setLength(0);
        }
        if (logical.length() > 0) {
            parseRule(logical.toString().strip(), new Source(file, first + 1), rules, notes);
        }
        return new HostsAllow(rules, notes);
    }

    private static void parseRule(String line, Source source, List<Rule> rules, List<QmailNote> notes) {
        if (line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            notes.add(QmailNote.leftOut(source, "a control character in the line"));
            return;
        }
        List<String> fields = fields(line);
        if (fields.size() < 2) {
            notes.add(QmailNote.leftOut(source, "not an access rule (daemon_list : client_list [: options]): '"
                    + line + "'"));
            return;
        }
        List<String> daemons = list(fields.get(0));
        List<String> clients = list(fields.get(1));
        if (daemons.isEmpty() || clients.isEmpty()) {
            notes.add(QmailNote.leftOut(source, "an empty daemon or client list: '" + line + "'"));
            return;
        }
        Map<String, String> setenv = new LinkedHashMap<>();
        boolean deny = false;
        List<String> others = new ArrayList<>();
        for (String option : fields.subList(2, fields.size())) {
            String o = option.strip();
            String keyword = o.split("[\\s=]", 2)[0].toLowerCase(Locale.ROOT);
            String value = o.substring(keyword.length()).strip();
            if (value.startsWith("=")) {
                value = value.substring(1).strip();
            }
            switch (keyword) {
                case "setenv" -> {
                    String[] nv = value.split("\\s+", 2);
                    if (nv[0].isEmpty() || !nv[0].matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        notes.add(QmailNote.leftOut(source, "setenv needs a variable name: '" + o + "'"));
                        return;
                    }
                    setenv.put(nv[0], nv.length > 1 ? nv[1] : "");
                }
                case "deny" -> deny = true;
                case "" -> {
                }
                default -> others.add(o);
            }
        }
        rules.add(new Rule(daemons, clients, setenv, deny, others, line, source));
    }

    /** Splits at colons outside {@code [...]}. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && depth > 0) {
                depth--;
            } else if (c == ':' && depth == 0) {
                out.add(line.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(line.substring(start).strip());
        return out;
    }

    private static List<String> list(String field) {
        List<String> out = new ArrayList<>();
        for (String t : field.split("[\\s,]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
