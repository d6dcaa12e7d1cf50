package org.twgate.dsn.status;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the status out of an SMTP reply text such as {@code 550 5.1.1 unknown user} or the
 * last line of a multi-line reply ({@code 550-5.1.1 ...}).
 *
 * <p>An enhanced code counts only when it follows the basic code and agrees with its class
 * (RFC 3463 §2 / RFC 2034: "the class of the enhanced code must match the reply code").
 */
public final class SmtpReplyStatus {

    private static final Pattern REPLY =
            Pattern.compile("^\\s*([245]\\d\\d)(?:[ -]([245]\\.\\d{1,3}\\.\\d{1,3})(?=\\s|$))?");

    private SmtpReplyStatus() {
    }

    /** The basic three-digit reply code at the start of the text, if any. */
    public static Optional<Integer> replyCode(String reply) {
        Matcher m = REPLY.matcher(reply == null ? "" : reply);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    /** The enhanced status code given in the reply, if present and consistent with its class. */
    public static Optional<EnhancedStatus> enhancedStatus(String reply) {
        Matcher m = REPLY.matcher(reply == null ? "" : reply);
        if (!m.find() || m.group(2) == null) {
            return Optional.empty();
        }
        EnhancedStatus status = EnhancedStatus.parse(m.group(2));
        int basicClass = m.group(1).charAt(0) - '0';
        return status.statusClass() == basicClass ? Optional.of(status) : Optional.empty();
    }

    /**
     * The best status a reply supports: its enhanced code, else the generic code of its basic
     * class (550 gives 5.0.0); empty when the text is not an SMTP reply at all.
     */
    public static Optional<EnhancedStatus> statusOf(String reply) {
        Optional<EnhancedStatus> enhanced = enhancedStatus(reply);
        if (enhanced.isPresent()) {
            return enhanced;
        }
        return replyCode(reply).map(EnhancedStatus::genericFor);
    }
}
