package org.twgate.dsn.report;

import java.util.List;
import java.util.stream.Collectors;
import org.twgate.dsn.status.Action;

/**
 * The first part of a report and the body of the plain-text notice: what happened, said for
 * a person, recipient by recipient, with the same facts as the machine-readable part.
 */
final class HumanReadableText {

    private HumanReadableText() {
    }

    static String render(DsnReport report) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("This is the mail gateway at ").append(report.reportingMta()).append(".\r\n");
        report.envelopeId().ifPresent(id -> sb.append("Your envelope id: ")
                .append(FieldWriter.sanitise(id)).append("\r\n"));
        for (Action action : Action.values()) {
            List<DsnRecipient> group = report.recipients().stream()
                    .filter(r -> r.action() == action).collect(Collectors.toList());
            if (group.isEmpty()) {
                continue;
            }
            sb.append("\r\n").append(intro(action)).append("\r\n");
            for (DsnRecipient r : group) {
                sb.append("\r\n  <").append(FieldWriter.sanitise(r.finalRecipient())).append(">\r\n");
                r.originalRecipient().ifPresent(o -> sb.append("    originally addressed to ")
                        .append(FieldWriter.sanitise(o.address())).append("\r\n"));
                sb.append("    status ").append(r.status()).append("\r\n");
                r.remoteMta().ifPresent(h -> sb.append("    at ").append(FieldWriter.sanitise(h)).append("\r\n"));
                r.diagnosticCode().ifPresent(d -> sb.append(
                        wrap("    which said: ", FieldWriter.sanitise(d.text()), "      ")));
                r.willRetryUntil().ifPresent(when -> sb.append("    will retry until ")
                        .append(Rfc5322Date.format(when)).append("\r\n"));
            }
        }
        report.explanation().ifPresent(text -> sb.append("\r\n").append(crlf(text)));
        return sb.toString();
    }

    private static String intro(Action action) {
        return switch (action) {
            case FAILED -> "Your message could not be delivered to these recipients. This is a\r\n"
                    + "permanent error; it will not be retried.";
            case DELAYED -> "Your message has not yet been delivered to these recipients. Delivery\r\n"
                    + "is still being attempted; you need not send it again.";
            case RELAYED -> "Your message was relayed to these recipients through a system that does\r\n"
                    + "not report delivery. No further notice will follow.";
            case DELIVERED -> "Your message was delivered to these recipients.";
            case EXPANDED -> "Your message was delivered to these recipients, which are lists or\r\n"
                    + "aliases that expanded to further addresses.";
        };
    }

    /**
     * {@code prefix} then the words of {@code text}, wrapped at spaces near 76 columns and
     * hard at 900 characters, continuation lines indented by {@code indent}.
     */
    static String wrap(String prefix, String text, String indent) {
        StringBuilder sb = new StringBuilder(prefix.length() + text.length() + 16).append(prefix);
        int col = prefix.length();
        boolean lineStart = true;
        for (String word : text.split(" ")) {
            if (!lineStart && col + 1 + word.length() > 76) {
                sb.append("\r\n").append(indent);
                col = indent.length();
                lineStart = true;
            }
            while (word.length() > 900) {
                sb.append(word, 0, 900).append("\r\n").append(indent);
                word = word.substring(900);
                col = indent.length();
            }
            if (!lineStart) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
            lineStart = false;
        }
        return sb.append("\r\n").toString();
    }

    /** Normalises free text to CRLF lines ending in CRLF; other controls become spaces. */
    static String crlf(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (String line : text.split("\r\n|\r|\n", -1)) {
            sb.append(line.replaceAll("[\\x00-\\x08\\x0B-\\x1F\\x7F]", " ")).append("\r\n");
        }
        // split() with -1 gives a trailing empty line for text that already ended in a newline.
        if (text.endsWith("\n") || text.endsWith("\r")) {
            sb.setLength(sb.length() - 2);
        }
        return sb.toString();
    }
}
