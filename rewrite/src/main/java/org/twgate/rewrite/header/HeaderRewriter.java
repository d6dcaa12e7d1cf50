package org.twgate.rewrite.header;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.twgate.rewrite.address.AddressSyntaxException;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.rule.RewriteResult;

/**
 * Rewrites the addresses of chosen address-list fields in a raw header block, in place. Each
 * addr-spec the rewriter changes is replaced by the new address's wire form; every other byte
 * is copied. Immutable and thread-safe if the address rewriter is.
 */
public final class HeaderRewriter {
    /** The recipient fields kept consistent with the envelope. */
    public static final Set<String> RECIPIENT_FIELDS = Set.of("to", "cc", "resent-to", "resent-cc");
    /** The originator fields rewritten for sender masquerading. */
    public static final Set<String> SENDER_FIELDS = Set.of("from", "sender", "reply-to");

    private final Set<String> fields;
    private final byte[][] fieldNames; // lower-case ASCII, to test names without allocating
    private final AddressRewriter rewriter;
    private final Set<String> onlyThese; // match keys of the envelope recipients, or null for all

    private HeaderRewriter(Set<String> fields, AddressRewriter rewriter, Set<String> onlyThese) {
        this.fields = fields;
        this.fieldNames = fields.stream().map(f -> f.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);
        this.rewriter = rewriter;
        this.onlyThese = onlyThese;
    }

    /** Rewrites every matching address in To, Cc, Resent-To and Resent-Cc (the default mode). */
    public static HeaderRewriter recipients(AddressRewriter rewriter) {
        return new HeaderRewriter(RECIPIENT_FIELDS, rewriter, null);
    }

    /** Rewrites every matching address in From, Sender and Reply-To (sender masquerading). */
    public static HeaderRewriter senders(AddressRewriter rewriter) {
        return new HeaderRewriter(SENDER_FIELDS, rewriter, null);
    }

    /** Rewrites the named fields (case-insensitive names). */
    public static HeaderRewriter forFields(Collection<String> fieldNames, AddressRewriter rewriter) {
        Set<String> names = new HashSet<>();
        fieldNames.forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
        return new HeaderRewriter(Set.copyOf(names), rewriter, null);
    }

    /**
     * The same rewriter restricted to header addresses that are among {@code envelopeRecipients}
     * as they were before rewriting (compared ignoring case); other addresses stay as they are.
     */
    public HeaderRewriter onlyEnvelopeRecipients(Collection<EmailAddress> envelopeRecipients) {
        Set<String> keys = new HashSet<>();
        envelopeRecipients.forEach(a -> keys.add(key(a)));
        return new HeaderRewriter(fields, rewriter, Set.copyOf(keys));
    }

    /** Rewrites {@code block} (a header block, possibly followed by its empty line and more). */
    public HeaderRewrite rewrite(byte[] block) {
        List<HeaderChange> changes = new ArrayList<>();
        List<byte[]> replacements = new ArrayList<>();
        int i = 0;
        while (i < block.length) {
            int lineEnd = lineEnd(block, i);
            if (lineEnd - i <= 2 && isLineBreakOnly(block, i, lineEnd)) {
                break; // the empty line: the header block is over
            }
            int fieldEnd = lineEnd;
            while (fieldEnd < block.length && (block[fieldEnd] == ' ' || block[fieldEnd] == '\t')) {
                fieldEnd = lineEnd(block, fieldEnd);
            }
            if (block[i] != ' ' && block[i] != '\t') {
                rewriteField(block, i, fieldEnd, changes, replacements);
            }
            i = fieldEnd;
        }
        return changes.isEmpty() ? new HeaderRewrite(block, changes)
                : new HeaderRewrite(splice(block, changes, replacements), changes);
    }

    private void rewriteField(byte[] b, int start, int end, List<HeaderChange> changes, List<byte[]> replacements) {
        int colon = start;
        while (colon < end && b[colon] > 32 && b[colon] < 127 && b[colon] != ':') {
            colon++;
        }
        if (colon == start || colon >= end || b[colon] != ':') {
            return; // not a field (no name, or a name with bytes RFC 5322 does not allow)
        }
        if (!isWanted(b, start, colon)) {
            return;
        }
        String name = new String(b, start, colon - start, StandardCharsets.US_ASCII);
        List<AddressListScanner.Span> spans = AddressListScanner.scan(b, colon + 1, end);
        if (spans == null) {
            return; // malformed: leave the whole field as it is
        }
        for (AddressListScanner.Span span : spans) {
            EmailAddress address = decode(b, span);
            if (address == null || (onlyThese != null && !onlyThese.contains(key(address)))) {
                continue;
            }
            RewriteResult result = rewriter.rewrite(address);
            if (result instanceof RewriteResult.Rewritten r && r.changesAddress()) {
                byte[] bytes = r.rewritten().toString().getBytes(StandardCharsets.UTF_8);
                if (isSafe(bytes)) {
                    changes.add(new HeaderChange(name, span.start(), span.end() - span.start(), r));
                    replacements.add(bytes);
                }
            }
        }
    }

    /** True if {@code b[start, end)} is one of the field names, ignoring ASCII case. */
    private boolean isWanted(byte[] b, int start, int end) {
        names:
        for (byte[] name : fieldNames) {
            if (name.length != end - start) {
                continue;
            }
            for (int i = 0; i < name.length; i++) {
                byte c = b[start + i];
                if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != name[i]) {
                    continue names;
                }
            }
            return true;
        }
        return false;
    }

    /** The address in the span, or null if it is not valid UTF-8 or not a valid addr-spec. */
    private static EmailAddress decode(byte[] b, AddressListScanner.Span span) {
        boolean ascii = true;
        for (int i = span.start(); i < span.end() && ascii; i++) {
            ascii = b[i] >= 0;
        }
        if (ascii) {
            try {
                return EmailAddress.parse(new String(b, span.start(), span.end() - span.start(), StandardCharsets.ISO_8859_1));
            } catch (AddressSyntaxException e) {
                return null;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(b, span.start(), span.end() - span.start())).toString();
            return EmailAddress.parse(text);
        } catch (CharacterCodingException | AddressSyntaxException e) {
            return null;
        }
    }

    /** Never lets a replacement carry a line break or NUL into the header. */
    private static boolean isSafe(byte[] bytes) {
        for (byte x : bytes) {
            if (x == '\r' || x == '\n' || x == 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] splice(byte[] b, List<HeaderChange> changes, List<byte[]> replacements) {
        int size = b.length;
        for (int k = 0; k < changes.size(); k++) {
            size += replacements.get(k).length - changes.get(k).length();
        }
        byte[] out = new byte[size];
        int from = 0;
        int to = 0;
        for (int k = 0; k < changes.size(); k++) {
            HeaderChange c = changes.get(k);
            System.arraycopy(b, from, out, to, c.offset() - from);
            to += c.offset() - from;
            byte[] r = replacements.get(k);
            System.arraycopy(r, 0, out, to, r.length);
            to += r.length;
            from = c.offset() + c.length();
        }
        System.arraycopy(b, from, out, to, b.length - from);
        return out;
    }

    /** The index after the line's LF, or the end of the block. */
    private static int lineEnd(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return b.length;
    }

    private static boolean isLineBreakOnly(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    private static String key(EmailAddress a) {
        return a.localPartKey() + "@" + a.domainKey();
    }
}
