package org.twgate.config.migrate;

import java.util.List;
import org.twgate.config.qmail.ShellWords;

/**
 * How qmail-local sets qmail-command(8)'s variables for one {@code .qmail} file, and what they
 * are in the terms of the twgate rule that stands for it. For an address twgate sees as
 * {@code local@host}, qmail-local ran with:
 * <ul>
 * <li>{@code $LOCAL} = {@code prepend + local} (virtualdomains {@code tw.company.com:twu}
 * prepends {@code twu-}), {@code $RECIPIENT} = {@code $LOCAL@$HOST}, {@code $HOST} = host;</li>
 * <li>{@code $EXT}: for a {@code -default} file, the literal {@code extLiteral} followed by the
 * rule's {@code $DEFAULT} (qmail-users' {@code pre} and the file name's fixed part); for a
 * file naming one address, {@code exactExt} ({@code null}: twgate's own {@code $EXT}, the local
 * part);</li>
 * <li>{@code $DEFAULT}: for a {@code -default} file {@code defaultLiteral} followed by the rule's
 * {@code $DEFAULT}; for one address, {@code exactDefault} when a {@code -default} file serves it,
 * else unset (empty).</li>
 * </ul>
 *
 * @param user the user qmail-local runs as ({@code $USER}), {@code home} its home ({@code $HOME})
 */
record DotQmailScope(String prepend, boolean defaultFile, String extLiteral, String defaultLiteral, String exactExt,
                     String exactDefault, String user, String home) {

    /** The twgate result template for a recipient word of the {@code .qmail} line, or why there is none. */
    record Translation(String template, String refusal) {
    }

    Translation translate(ShellWords.Word word) {
        List<ShellWords.Part> parts = word.parts();
        if (parts.size() == 1 && parts.get(0) instanceof ShellWords.Variable v && v.name().equals("RECIPIENT")) {
            return ok(prepend.isEmpty() ? "$RECIPIENT" : prepend + "$LOCAL@$HOST");
        }
        StringBuilder t = new StringBuilder();
        for (ShellWords.Part p : parts) {
            if (p instanceof ShellWords.Literal l) {
                if (l.text().contains("$") || l.text().contains("\"")) {
                    return no("the literal text '" + l.text() + "' holds a $ or \" a twgate template cannot carry");
                }
                t.append(l.text());
                continue;
            }
            String name = ((ShellWords.Variable) p).name();
            switch (name) {
                case "LOCAL" -> t.append(prepend).append("$LOCAL");
                case "HOST" -> t.append("$HOST");
                case "USER" -> t.append(user);
                case "EXT" -> {
                    if (defaultFile) {
                        t.append(extLiteral.isEmpty() ? "$EXT" : extLiteral + "$DEFAULT");
                    } else {
                        t.append(exactExt == null ? "$EXT" : exactExt);
                    }
                }
                case "DEFAULT" -> {
                    if (defaultFile) {
                        t.append(defaultLiteral).append("$DEFAULT");
                    } else if (exactDefault != null) {
                        t.append(exactDefault);
                    }
                    // Otherwise qmail-local sets no DEFAULT (a file naming one address): sh expands it to nothing.
                }
                case "RECIPIENT" -> {
                    return no("$RECIPIENT is a whole address; here it is part of '" + word.template() + "'");
                }
                case "SENDER", "NEWSENDER" -> {
                    return no("$" + name + " as the recipient: twgate delivers to recipients, not to the sender");
                }
                default -> {
                    return no("$" + name + " has no counterpart in twgate's templates ($LOCAL $HOST $EXT $DEFAULT"
                            + " $RECIPIENT)");
                }
            }
        }
        return ok(t.toString());
    }

    private static Translation ok(String template) {
        return new Translation(template, null);
    }

    private static Translation no(String why) {
        return new Translation(null, why);
    }
}
