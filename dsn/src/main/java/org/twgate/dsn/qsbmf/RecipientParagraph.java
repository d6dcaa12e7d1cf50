package org.twgate.dsn.qsbmf;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twgate.dsn.status.EnhancedStatus;

/**
 * Reads one {@code <address>:} paragraph: the address, qmail's {@code (#x.y.z)} code, the
 * remote reply qmail-remote quoted, and the host it names in its own sentences
 * ("Connected to H but...", "H does not like recipient.", "H failed after I sent the
 * message.", "Giving up on H.").
 */
final class RecipientParagraph {

    private static final Pattern CODE = Pattern.compile("\\(#([245]\\.\\d{1,3}\\.\\d{1,3})\\)");
    private static final String REMOTE_SAID = "Remote host said: ";
    private static final List<Pattern> HOST_SENTENCES = List.of(
            Pattern.compile("^Connected to (\\S+) but"),
            Pattern.compile("^(\\S+) does not like recipient\\."),
            Pattern.compile("^(\\S+) failed after I sent the message\\."),
            Pattern.compile("^Giving up on (\\S+?)\\.$"));
    private static final String EXPIRED = "this message has been in the queue too long";

    private RecipientParagraph() {
    }

    static QmailBounceRecipient read(List<String> lines) {
        String head = lines.get(0);
        int close = head.indexOf(">:");
        String address = head.substring(1, close);
        StringBuilder text = new StringBuilder(head.substring(close + 2).strip());
        for (String line : lines.subList(1, lines.size())) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(line);
        }
        String all = text.toString();
        Optional<EnhancedStatus> code = Optional.empty();
        Matcher m = CODE.matcher(all);
        while (m.find()) {
            code = Optional.of(EnhancedStatus.parse(m.group(1))); // the last one is qmail's verdict
        }
        Optional<String> reply = Optional.empty();
        Optional<String> host = Optional.empty();
        for (String line : all.split("\n")) {
            if (line.startsWith(REMOTE_SAID) && reply.isEmpty()) {
                reply = Optional.of(line.substring(REMOTE_SAID.length()).strip());
            }
            for (Pattern p : HOST_SENTENCES) {
                Matcher hm = p.matcher(line);
                if (host.isEmpty() && hm.find()) {
                    host = Optional.of(hm.group(1));
                }
            }
        }
        return new QmailBounceRecipient(address, all, code, reply, host, all.contains(EXPIRED));
    }
}
