package org.twgate.gateway.deliver;

import org.twgate.dsn.status.EnhancedStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply, possibly multiline: the three-digit code, the enhanced status code when
 * the server gave one on its first line (else null), and the text of each line without the
 * code and separator.
 */
public record SmtpReply(int code, EnhancedStatus status, List<String> lines) {

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code " + code + " outside 200-599");
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("SMTP reply " + code + " without a line");
        }
    }

    /** Whether the class digit is 2 (completed). */
    public boolean positive() {
        return code / 100 == 2;
    }

    /** Whether the code is 354 (start mail input). */
    public boolean intermediate() {
        return code / 100 == 3;
    }

    public boolean transientNegative() {
        return code / 100 == 4;
    }

    public boolean permanentNegative() {
        return code / 100 == 5;
    }

    /**
     * Parses the raw lines of one reply as read from the wire (without CRLF). Every line must
     * carry the same code; every line but the last has {@code -} after it.
     *
     * @throws SmtpProtocolException quoting the offending line
     */
    public static SmtpReply parse(List<String> rawLines) throws SmtpProtocolException {
        Objects.requireNonNull(rawLines, "rawLines");
        if (rawLines.isEmpty()) {
            throw new SmtpProtocolException("empty SMTP reply");
        }
        int code = -1;
        List<String> texts = new ArrayList<>(rawLines.size());
        for (int i = 0; i < rawLines.size(); i++) {
            String raw = rawLines.get(i);
            int lineCode = codeOf(raw);
            if (code < 0) {
                code = lineCode;
            } else if (lineCode != code) {
                throw new SmtpProtocolException("reply line '" + raw + "' changes the code from " + code);
            }
            boolean last = i == rawLines.size() - 1;
            if (continues(raw) == last) {
                throw new SmtpProtocolException("reply line '" + raw + "' "
                        + (last ? "announces a continuation that never came" : "ends the reply early"));
            }
            texts.add(raw.length() > 4 ? raw.substring(4) : "");
        }
        int replyClass = code / 100;
        EnhancedStatus status = EnhancedStatus.parseLeading(texts.get(0));
        if (status != null && status.statusClass() != replyClass) {
            status = null; // a code that contradicts the reply is noise, not a status
        }
        if (status != null) {
            String prefix = status.toString();
            for (int i = 0; i < texts.size(); i++) {
                String t = texts.get(i);
                if (t.startsWith(prefix)) {
                    texts.set(i, t.substring(prefix.length()).stripLeading());
                }
            }
        }
        return new SmtpReply(code, status, texts);
    }

    /** The code of a raw reply line, validating its shape. */
    static int codeOf(String raw) throws SmtpProtocolException {
        if (raw.length() < 3 || !isDigit(raw.charAt(0), '2', '5') || !isDigit(raw.charAt(1), '0', '9')
                || !isDigit(raw.charAt(2), '0', '9')) {
            throw new SmtpProtocolException("reply line '" + raw + "' does not start with a code 200-599");
        }
        if (raw.length() > 3 && raw.charAt(3) != ' ' && raw.charAt(3) != '-') {
            throw new SmtpProtocolException("reply line '" + raw + "' has no space or '-' after its code");
        }
        return Integer.parseInt(raw.substring(0, 3));
    }

    /** Whether a raw reply line announces another line ({@code 250-...}). */
    static boolean continues(String raw) {
        return raw.length() > 3 && raw.charAt(3) == '-';
    }

    private static boolean isDigit(char c, char low, char high) {
        return c >= low && c <= high;
    }

    /** The reply as a server would send it on one line: {@code 550 5.1.1 no such user}. */
    public String oneLine() {
        String text = String.join(" / ", lines);
        return code + (status == null ? "" : " " + status) + (text.isEmpty() ? "" : " " + text);
    }

    @Override
    public String toString() {
        return oneLine();
    }
}
