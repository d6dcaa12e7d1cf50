package org.twgate.rewrite.rule;

import java.util.ArrayList;
import java.util.List;
import org.twgate.rewrite.address.AddressSyntaxException;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;

/**
 * A compiled result template such as {@code $DEFAULT@tw.company.com}. Double quotes are taken
 * as shell syntax and dropped, so the forms copied from {@code .qmail} files
 * ({@code "$LOCAL"@tw.company.com}, {@code "$LOCAL".tw@twsrv."$HOST"}) work as written.
 * {@code ${NAME}} is accepted for {@code $NAME}. The template is split at its one literal
 * {@code @}; the local side is evaluated as local part content and quoted on output if needed.
 * {@code $SENDER} and {@code $RECIPIENT} stand for whole addresses and must be the whole template.
 */
final class Template {
    /** The variables a template may use. */
    enum Variable { LOCAL, HOST, DEFAULT, EXT, SENDER, RECIPIENT }

    private final String text;
    private final Variable whole;      // $SENDER or $RECIPIENT as the whole template, else null
    private final Object[] localSide;  // String literals and Variables
    private final Object[] domainSide;
    private final String constantDomain; // the domain side when it has no variables

    private Template(String text, Variable whole, Object[] localSide, Object[] domainSide) {
        this.text = text;
        this.whole = whole;
        this.localSide = localSide;
        this.domainSide = domainSide;
        this.constantDomain = domainSide.length == 1 && domainSide[0] instanceof String s ? s
                : domainSide.length == 0 ? "" : null;
    }

    /**
     * Compiles {@code text} for a rule with {@code match}.
     *
     * @throws IllegalArgumentException with a message quoting the template and saying what is wrong
     */
    static Template compile(String text, Match match) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty template");
        }
        String quoted = AddressSyntaxException.quote(text);
        String bare = text.replace("\"", "").strip();
        List<Object> tokens = tokenize(bare, quoted);
        if (tokens.size() == 1 && (tokens.get(0) == Variable.SENDER || tokens.get(0) == Variable.RECIPIENT)) {
            return new Template(text, (Variable) tokens.get(0), new Object[0], new Object[0]);
        }
        int at = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Object t = tokens.get(i);
            if (t == Variable.SENDER || t == Variable.RECIPIENT) {
                throw new IllegalArgumentException("template " + quoted + ": $" + t
                        + " stands for a whole address and can only be the whole template");
            }
            if (t == Variable.DEFAULT && !match.definesDefault()) {
                throw new IllegalArgumentException("template " + quoted
                        + ": $DEFAULT is only set by a prefix, suffix or domain match (a .qmail-default file),"
                        + " not by " + match + " (use $EXT or $LOCAL)");
            }
            if ("@".equals(t)) {
                if (at >= 0) {
                    throw new IllegalArgumentException("template " + quoted + " has more than one '@'");
                }
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("template " + quoted + " has no '@' (write e.g. $LOCAL@host)");
        }
        Template t = new Template(text, null, tokens.subList(0, at).toArray(),
                tokens.subList(at + 1, tokens.size()).toArray());
        t.checkWithSample(quoted);
        return t;
    }

    /** Splits into literals, Variables and a lone "@" token. */
    private static List<Object> tokenize(String s, String quoted) {
        List<Object> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '$') {
                boolean braced = i + 1 < s.length() && s.charAt(i + 1) == '{';
                int start = braced ? i + 2 : i + 1;
                int end = start;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                    end++;
                }
                if (end == start) {
                    throw new IllegalArgumentException("template " + quoted
                            + ": '$' at offset " + i + " is not followed by a variable name");
                }
                String name = s.substring(start, end);
                if (braced && (end >= s.length() || s.charAt(end) != '}')) {
                    throw new IllegalArgumentException("template " + quoted + ": '${" + name + "' is not closed");
                }
                Variable v = variable(name, quoted);
                flush(literal, tokens);
                tokens.add(v);
                i = braced ? end : end - 1;
            } else if (c == '@') {
                flush(literal, tokens);
                tokens.add("@");
            } else {
                literal.append(c);
            }
        }
        flush(literal, tokens);
        return tokens;
    }

    private static Variable variable(String name, String quoted) {
        for (Variable v : Variable.values()) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("template " + quoted + ": unknown variable $" + name
                + " (known: $LOCAL, $HOST, $DEFAULT, $EXT, $SENDER, $RECIPIENT)");
    }

    private static void flush(StringBuilder literal, List<Object> tokens) {
        if (literal.length() > 0) {
            tokens.add(literal.toString());
            literal.setLength(0);
        }
    }

    /**
     * Evaluates with plain sample values: if the result is not a dot-string local part and a
     * valid domain, the template itself is at fault (a stray dot, space or bracket).
     */
    private void checkWithSample(String quoted) {
        String local = evaluate(localSide, "a", "example.com", "a", "a");
        String domain = evaluate(domainSide, "a", "example.com", "a", "a");
        if (!EmailAddress.isDotString(local)) {
            throw new IllegalArgumentException("template " + quoted + " produces an invalid local part "
                    + AddressSyntaxException.quote(local) + " (for $LOCAL=a)");
        }
        try {
            EmailAddress.checkDomain(domain);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException("template " + quoted + " produces an invalid domain "
                    + AddressSyntaxException.quote(domain) + ": " + e.reason());
        }
    }

    private static String evaluate(Object[] side, String local, String host, String dflt, String ext) {
        if (side.length == 1 && side[0] instanceof String s) {
            return s;
        }
        StringBuilder out = new StringBuilder(32);
        for (Object t : side) {
            if (t instanceof String s) {
                out.append(s);
            } else {
                out.append(switch ((Variable) t) {
                    case LOCAL -> local;
                    case HOST -> host;
                    case DEFAULT -> dflt;
                    case EXT -> ext;
                    case SENDER, RECIPIENT -> throw new IllegalStateException("checked at compile time");
                });
            }
        }
        return out.toString();
    }

    /**
     * The rewritten address for {@code address}, or null with no address when the sender is
     * needed and is the null path.
     *
     * @throws AddressSyntaxException if the result cannot be carried (e.g. longer than 64 octets)
     */
    EmailAddress apply(EmailAddress address, String defaultPart, String extension, ReversePath sender) {
        if (whole == Variable.RECIPIENT) {
            return address;
        }
        if (whole == Variable.SENDER) {
            return sender instanceof ReversePath.Mailbox m ? m.address() : null;
        }
        String local = evaluate(localSide, address.localPart(), address.domain(), defaultPart, extension);
        String domain = constantDomain != null ? constantDomain
                : evaluate(domainSide, address.localPart(), address.domain(), defaultPart, extension);
        return EmailAddress.of(local, domain);
    }

    /** True if the template reads {@code $SENDER}. */
    boolean usesSender() {
        return whole == Variable.SENDER;
    }

    @Override
    public String toString() {
        return text;
    }
}
