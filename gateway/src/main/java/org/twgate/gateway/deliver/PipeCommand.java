package org.twgate.gateway.deliver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pipe route's command line, with qmail-command variables substituted per argument and
 * without a shell: {@code -f$SENDER} with an empty sender is the one argument {@code -f}, and
 * a bare {@code $SENDER} stays one empty argument — the quoting problem the Teamware notes warn
 * about cannot happen. Substituted values are never split or interpreted.
 *
 * <p>Variables (qmail-command(8)): {@code $SENDER}, {@code $RECIPIENT} (the address delivered,
 * after the route's rewriting), {@code $LOCAL} (its local part), {@code $HOST} (its domain),
 * {@code $EXT} and {@code $DEFAULT} as qmail-local sets them for the {@code .qmail} file the
 * route stands for: given per address by {@link #withExtensions} (the route's matching rule:
 * the rest after a {@code tw.} prefix for qmail-users' {@code +tw.}), and otherwise, as for
 * {@code ~alias/.qmail-default} or a virtualdomains user's {@code .qmail-default}, the whole
 * local part. {@code ${NAME}} is the same as {@code $NAME}. Per-message invocations repeat every
 * argument that mentions a recipient variable once per recipient.
 */
public final class PipeCommand {
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\{([A-Z]+)}|([A-Z]+))");
    private static final List<String> RECIPIENT_VARIABLES = List.of("RECIPIENT", "LOCAL", "HOST", "EXT", "DEFAULT");
    private static final List<String> KNOWN = List.of("SENDER", "RECIPIENT", "LOCAL", "HOST", "EXT", "DEFAULT");

    /**
     * {@code $EXT} and {@code $DEFAULT} of one recipient (qmail-command(8)); {@code defaultPart}
     * is empty where qmail sets none (a {@code .qmail} file that is not a {@code -default} one).
     */
    public record Extension(String ext, String defaultPart) {
        public Extension {
            java.util.Objects.requireNonNull(ext, "ext");
            java.util.Objects.requireNonNull(defaultPart, "defaultPart");
        }
    }

    private final List<String> template;
    private final Map<String, Extension> extensions;

    public PipeCommand(List<String> template) {
        this(template, Map.of());
    }

    private PipeCommand(List<String> template, Map<String, Extension> extensions) {
        if (template.isEmpty()) {
            throw new IllegalArgumentException("a pipe command needs at least the program");
        }
        for (String argument : template) {
            Matcher m = VARIABLE.matcher(argument);
            while (m.find()) {
                String name = name(m);
                if (!KNOWN.contains(name)) {
                    throw new IllegalArgumentException("unknown variable $" + name + " in pipe argument '" + argument
                            + "' (known: $SENDER $RECIPIENT $LOCAL $HOST $EXT $DEFAULT)");
                }
            }
        }
        this.template = List.copyOf(template);
        this.extensions = Map.copyOf(extensions);
    }

    /** The same command with {@code $EXT}/{@code $DEFAULT} given for the addresses it delivers. */
    public PipeCommand withExtensions(Map<String, Extension> byAddress) {
        return new PipeCommand(template, byAddress);
    }

    /** The argv for one invocation delivering {@code recipients} (one, or all of a message). */
    public List<String> argv(String sender, List<String> recipients) {
        List<String> argv = new ArrayList<>();
        for (String argument : template) {
            if (mentionsRecipient(argument)) {
                for (String recipient : recipients) {
                    argv.add(substitute(argument, variables(sender, recipient)));
                }
            } else {
                argv.add(substitute(argument, variables(sender, recipients.get(0))));
            }
        }
        return argv;
    }

    /** The qmail-command environment for one recipient (the first, for per-message invocations). */
    public Map<String, String> variables(String sender, String recipient) {
        int at = recipient.lastIndexOf('@');
        String local = at < 0 ? recipient : recipient.substring(0, at);
        String host = at < 0 ? "" : recipient.substring(at + 1);
        Extension ext = extensions.getOrDefault(recipient, new Extension(local, local));
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("SENDER", sender);
        vars.put("RECIPIENT", recipient);
        vars.put("LOCAL", local);
        vars.put("HOST", host);
        vars.put("EXT", ext.ext());
        vars.put("DEFAULT", ext.defaultPart());
        return vars;
    }

    private static boolean mentionsRecipient(String argument) {
        Matcher m = VARIABLE.matcher(argument);
        while (m.find()) {
            if (RECIPIENT_VARIABLES.contains(name(m))) {
                return true;
            }
        }
        return false;
    }

    private static String substitute(String argument, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(argument);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(vars.get(name(m))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String name(Matcher m) {
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    /** The program's path, for logs and diagnostics. */
    public String program() {
        return template.get(0);
    }

    @Override
    public String toString() {
        return String.join(" ", template);
    }
}
