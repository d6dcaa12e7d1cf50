package org.twgate.gateway.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twgate.dsn.loop.HeaderBlock;

/**
 * An RFC 3464 report written by someone else, read just far enough to apply a route's
 * {@code deliver_relayed_dsn}: the header block, the {@code message/delivery-status} groups
 * and the returned header block if any. Anything that is not a well-formed
 * {@code multipart/report; report-type=delivery-status} is not an ArrivingReport.
 *
 * @param headers         the report's own header block
 * @param perMessage      the per-message group of the delivery-status part
 * @param perRecipient    one group per recipient
 * @param returnedHeaders the body of a {@code text/rfc822-headers} part, or empty
 */
record ArrivingReport(HeaderBlock headers, HeaderBlock perMessage, List<HeaderBlock> perRecipient,
        Optional<String> returnedHeaders) {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary\\s*=\\s*(\"([^\"]+)\"|([^;\\s]+))");

    /** Reads {@code message} (the whole report as text, CRLF or LF). */
    static Optional<ArrivingReport> read(String message) {
        int split = indexOfBlankLine(message);
        if (split < 0) {
            return Optional.empty();
        }
        HeaderBlock headers = HeaderBlock.parse(message.substring(0, split));
        String type = headers.first("Content-Type").orElse("");
        String lower = type.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("multipart/report") || !lower.replace(" ", "").contains("report-type=delivery-status")
                && !lower.replace(" ", "").contains("report-type=\"delivery-status\"")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(type);
        if (!m.find()) {
            return Optional.empty();
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        HeaderBlock perMessage = null;
        List<HeaderBlock> perRecipient = new ArrayList<>();
        Optional<String> returned = Optional.empty();
        for (String part : parts(message.substring(split), boundary)) {
            int partSplit = indexOfBlankLine(part);
            String partHead = partSplit < 0 ? part : part.substring(0, partSplit);
            String body = partSplit < 0 ? "" : part.substring(partSplit).replaceFirst("^(\r?\n){1,2}", "");
            String partType = HeaderBlock.parse(partHead).first("Content-Type").orElse("text/plain")
                    .toLowerCase(Locale.ROOT);
            if (partType.startsWith("message/delivery-status")) {
                List<HeaderBlock> groups = groups(body);
                if (groups.isEmpty()) {
                    return Optional.empty();
                }
                perMessage = groups.get(0);
                perRecipient.addAll(groups.subList(1, groups.size()));
            } else if (partType.startsWith("text/rfc822-headers")) {
                returned = Optional.of(body);
            }
        }
        if (perMessage == null || perRecipient.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ArrivingReport(headers, perMessage, List.copyOf(perRecipient), returned));
    }

    /** Every recipient's Action is {@code relayed}: the report says only "handed to a non-DSN MTA". */
    boolean relayedOnly() {
        return perRecipient.stream().allMatch(g -> g.first("Action").map(a -> a.strip().toLowerCase(Locale.ROOT))
                .orElse("").equals("relayed"));
    }

    private static int indexOfBlankLine(String text) {
        if (text.startsWith("\r\n") || text.startsWith("\n")) {
            return 0;
        }
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf < 0) {
            return lf;
        }
        return lf < 0 ? crlf : Math.min(crlf, lf);
    }

    private static List<String> parts(String body, String boundary) {
        List<String> parts = new ArrayList<>();
        String delimiter = "--" + boundary;
        StringBuilder current = null;
        for (String line : body.split("\r?\n", -1)) {
            if (line.startsWith(delimiter)) {
                if (current != null) {
                    parts.add(current.toString());
                }
                if (line.startsWith(delimiter + "--")) {
                    return parts;
                }
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append("\r\n");
            }
        }
        return parts;
    }

    /** The blank-line-separated field groups of a delivery-status body. */
    private static List<HeaderBlock> groups(String body) {
        List<HeaderBlock> groups = new ArrayList<>();
        for (String group : body.split("(\r?\n){2,}")) {
            if (!group.isBlank()) {
                groups.add(HeaderBlock.parse(group.strip()));
            }
        }
        return groups;
    }
}
