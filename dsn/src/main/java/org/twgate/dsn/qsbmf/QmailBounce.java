package org.twgate.dsn.qsbmf;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A parsed qmail bounce.
 *
 * @param reportingHost  the host in "Hi. This is the qmail-send program at HOST."
 * @param text           the bounce body up to and including the break paragraph, as written
 * @param recipients     the recipient paragraphs in order
 * @param original       what the bounce carries of the original message
 * @param originalOffset byte offset in the bounce message where the original begins, or -1
 */
public record QmailBounce(Optional<String> reportingHost, String text, List<QmailBounceRecipient> recipients,
        OriginalPart original, long originalOffset) {

    /** What the break paragraph said follows it. */
    public enum OriginalPart {
        /** "--- Below this line is a copy of the message." */
        FULL,
        /** "--- Enclosed are the original headers of the message." */
        HEADERS,
        /** No break paragraph: nothing of the original. */
        NONE
    }

    public QmailBounce {
        recipients = List.copyOf(recipients);
    }

    /**
     * Positions a fresh stream over the same bounce message at the start of the original part;
     * the caller reopens the spooled bounce and this skips to the copy, so the copy is never
     * held in memory.
     */
    public InputStream openOriginal(InputStream sameBounceFromStart) throws IOException {
        if (originalOffset < 0) {
            return InputStream.nullInputStream();
        }
        sameBounceFromStart.skipNBytes(originalOffset);
        return sameBounceFromStart;
    }
}
