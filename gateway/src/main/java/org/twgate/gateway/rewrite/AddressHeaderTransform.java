package org.twgate.gateway.rewrite;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.twgate.gateway.deliver.HeaderSection;
import org.twgate.gateway.deliver.HeaderTransform;
import org.twgate.gateway.deliver.NextHop;
import org.twgate.gateway.deliver.OutboundMessage;
import org.twgate.rewrite.header.HeaderRewrite;
import org.twgate.rewrite.header.HeaderRewriter;

/**
 * Rewrites addresses in the header section with {@link HeaderRewriter}s: the recipient fields
 * with the route's recipient set, the originator fields with its sender set. Every byte the
 * rewriters do not replace is kept, folding and all; an unchanged block is returned as it was.
 */
final class AddressHeaderTransform implements HeaderTransform {
    private final List<HeaderRewriter> rewriters;

    AddressHeaderTransform(List<HeaderRewriter> rewriters) {
        this.rewriters = List.copyOf(rewriters);
    }

    @Override
    public HeaderSection apply(HeaderSection headers, OutboundMessage message, NextHop hop) {
        byte[] before = headers.toBytes();
        byte[] after = rewrite(rewriters, before);
        if (after == before) {
            return headers;
        }
        try {
            // The block read back ends where it ended before: the rewriters never add a line.
            return HeaderSection.read(new ByteArrayInputStream(after), Integer.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException("reading back a header block from memory", e);
        }
    }

    /** {@code block} through every rewriter in turn; the same array when none changed it. */
    static byte[] rewrite(List<HeaderRewriter> rewriters, byte[] block) {
        byte[] bytes = block;
        for (HeaderRewriter r : rewriters) {
            HeaderRewrite rewrite = r.rewrite(bytes);
            if (rewrite.changed()) {
                bytes = rewrite.block();
            }
        }
        return bytes;
    }
}
