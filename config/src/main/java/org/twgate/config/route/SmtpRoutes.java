package org.twgate.config.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.twgate.config.ConfigException;
import org.twgate.config.Problem;
import org.twgate.config.Source;
import org.twgate.config.syntax.BadValue;
import org.twgate.config.syntax.IpLiterals;

/**
 * Reads qmail {@code smtproutes} lines, {@code domain:relay} or {@code domain:relay:port}.
 *
 * <p>As qmail's control files: trailing white space is dropped, blank lines and lines
 * starting with {@code #} are ignored. qmail-remote silently skips a line without a
 * colon and connects to port 0 for a port that is not a number; twgate refuses both at
 * load time, with {@code file:line}.
 */
public final class SmtpRoutes {

    /** One parsed line: the domain pattern (lower case) and the relay. */
    public record Line(String domain, Relay relay, Source source) {
    }

    private static final String LABEL = "[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?";
    private static final String HOST = LABEL + "(\\." + LABEL + ")*\\.?";

    private SmtpRoutes() {
    }

    /** Every route line of a file, in file order; all malformed lines reported at once. */
    public static List<Line> parseFile(String file, List<String> lines) throws ConfigException {
        List<Line> routes = new ArrayList<>();
        List<Problem> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).stripTrailing();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            Source source = new Source(file, i + 1);
            try {
                routes.add(parseLine(text, source));
            } catch (BadValue e) {
                errors.add(Problem.at(source, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return routes;
    }

    public static Line parseLine(String text, Source source) throws BadValue {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw BadValue.of("not a smtproutes line (domain:relay or domain:relay:port)", text);
        }
        String domain = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!domain.isEmpty() && !domain.matches("\\.?" + HOST)) {
            throw BadValue.of("not a domain, .domain or empty in smtproutes line", text);
        }
        return new Line(domain, relay(text.substring(colon + 1), text), source);
    }

    /** The part after the domain: {@code host}, {@code [ip]}, either with {@code :port}, or empty. */
    public static Relay relay(String spec, String line) throws BadValue {
        int colon = spec.indexOf(':');
        String host = colon < 0 ? spec : spec.substring(0, colon);
        String portText = colon < 0 ? "" : spec.substring(colon + 1);
        if (host.isEmpty()) {
            if (!portText.isEmpty()) {
                throw BadValue.of("a port needs a relay host (an empty relay means MX, port 25)", line);
            }
            return Relay.mx();
        }
        int port = Relay.SMTP_PORT;
        if (!portText.isEmpty()) {
            if (portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
                throw BadValue.of("not a port number 1-65535 in smtproutes line", line);
            }
            port = Integer.parseInt(portText);
        }
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || IpLiterals.parseIpv4(host.substring(1, host.length() - 1)).isEmpty()) {
                throw BadValue.of("not an IPv4 literal [a.b.c.d] in smtproutes line", line);
            }
            return new Relay(host.substring(1, host.length() - 1), true, port);
        }
        if (!host.toLowerCase(Locale.ROOT).matches(HOST)) {
            throw BadValue.of("not a host name or [IP] in smtproutes line", line);
        }
        return new Relay(host.toLowerCase(Locale.ROOT), false, port);
    }
}
