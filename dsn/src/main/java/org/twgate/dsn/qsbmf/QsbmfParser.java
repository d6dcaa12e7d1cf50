package org.twgate.dsn.qsbmf;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.twgate.dsn.qsbmf.QmailBounce.OriginalPart;

/**
 * Recognises and reads a qmail bounce (QSBMF §2): a body that begins with "Hi. This is the",
 * then paragraphs separated by single blank lines: the introduction, zero or more recipient
 * paragraphs beginning with {@code <}, and a break paragraph beginning with {@code -} after
 * which the original message follows.
 *
 * <p>Reading stops after the break paragraph: the original, possibly 50 MiB, is only located,
 * never read. A paragraph that fits neither kind is kept as text of the paragraph before it,
 * so nothing of the bounce is dropped.
 */
public final class QsbmfParser {

    /** Bounds on the bounce text we hold: beyond them we decline to call it a bounce. */
    static final int MAX_TEXT = 1024 * 1024;
    static final int MAX_RECIPIENTS = 10_000;

    private static final String MAGIC = "Hi. This is the";
    private static final Pattern HOST = Pattern.compile("^Hi\\. This is the \\S+ program at (\\S+?)\\.?$");

    private QsbmfParser() {
    }

    /**
     * Parses a whole bounce message (header block, blank line, body).
     *
     * @return the bounce, or empty when the body is not QSBMF or exceeds the bounds
     */
    public static Optional<QmailBounce> parse(InputStream message) throws IOException {
        ByteLineReader lines = new ByteLineReader(new BufferedInputStream(message));
        String line;
        while ((line = lines.readLine()) != null && !line.isEmpty()) {
            // header block: not ours to read
        }
        List<List<String>> paragraphs = new ArrayList<>();
        String first = lines.readLine();
        if (first == null || !first.startsWith(MAGIC)) {
            return Optional.empty();
        }
        List<String> current = new ArrayList<>(List.of(first));
        long textSize = first.length();
        boolean sawBreak = false;
        while ((line = lines.readLine()) != null) {
            textSize += line.length() + 1;
            if (textSize > MAX_TEXT || paragraphs.size() > MAX_RECIPIENTS + 2) {
                return Optional.empty();
            }
            if (!line.isEmpty()) {
                current.add(line);
                continue;
            }
            if (current.isEmpty()) {
                continue; // a second blank line: qmail writes one, tolerate more
            }
            paragraphs.add(current);
            boolean isBreak = current.get(0).startsWith("-") && paragraphs.size() > 1;
            current = new ArrayList<>();
            if (isBreak) {
                sawBreak = true;
                break;
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return Optional.of(build(paragraphs, sawBreak, lines.offset()));
    }

    private static QmailBounce build(List<List<String>> paragraphs, boolean sawBreak, long offset) {
        List<String> intro = paragraphs.get(0);
        Matcher host = HOST.matcher(intro.get(0));
        Optional<String> reportingHost = host.matches() ? Optional.of(host.group(1)) : Optional.empty();
        List<List<String>> recipientParagraphs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        OriginalPart original = OriginalPart.NONE;
        for (int i = 0; i < paragraphs.size(); i++) {
            List<String> p = paragraphs.get(i);
            text.append(String.join("\n", p)).append("\n\n");
            if (i == 0) {
                continue;
            }
            String head = p.get(0);
            if (sawBreak && i == paragraphs.size() - 1) {
                original = head.contains("original headers") ? OriginalPart.HEADERS : OriginalPart.FULL;
            } else if (head.startsWith("<") && head.contains(">:")) {
                recipientParagraphs.add(new ArrayList<>(p));
            } else if (!recipientParagraphs.isEmpty()) {
                // Not a recipient paragraph: more explanation for the one before it.
                recipientParagraphs.get(recipientParagraphs.size() - 1).addAll(p);
            }
        }
        List<QmailBounceRecipient> recipients = new ArrayList<>();
        for (List<String> p : recipientParagraphs) {
            recipients.add(RecipientParagraph.read(p));
        }
        return new QmailBounce(reportingHost, text.toString(), recipients, original,
                sawBreak ? offset : -1);
    }
}
