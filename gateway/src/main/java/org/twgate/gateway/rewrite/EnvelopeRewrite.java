package org.twgate.gateway.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.twgate.config.rewrite.HeaderMode;
import org.twgate.gateway.deliver.HeaderTransform;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;
import org.twgate.rewrite.header.AddressRewriter;
import org.twgate.rewrite.header.HeaderRewriter;

/**
 * One delivery attempt's envelope after the route's rule sets: the sender and recipients to
 * send, the recipients refused, and the header transform that keeps To/Cc consistent.
 */
public final class EnvelopeRewrite {
    private final RouteRewriter rewriter;
    private final ReversePath originalSender;
    private final String sender;
    private final List<RecipientRewrite> recipients;

    EnvelopeRewrite(RouteRewriter rewriter, ReversePath originalSender, String sender,
                    List<RecipientRewrite> recipients) {
        this.rewriter = rewriter;
        this.originalSender = originalSender;
        this.sender = sender;
        this.recipients = List.copyOf(recipients);
    }

    /** The envelope sender for the next hop, without brackets; "" for {@code <>}. */
    public String sender() {
        return sender;
    }

    /** One entry per recipient handed in, in the same order. */
    public List<RecipientRewrite> recipients() {
        return recipients;
    }

    public List<RecipientRewrite.Deliverable> deliverable() {
        List<RecipientRewrite.Deliverable> out = new ArrayList<>();
        recipients.forEach(r -> {
            if (r instanceof RecipientRewrite.Deliverable d) {
                out.add(d);
            }
        });
        return out;
    }

    public List<RecipientRewrite.Refused> refused() {
        List<RecipientRewrite.Refused> out = new ArrayList<>();
        recipients.forEach(r -> {
            if (r instanceof RecipientRewrite.Refused f) {
                out.add(f);
            }
        });
        return out;
    }

    /**
     * The header rewriting for one transaction carrying {@code group}; chain the hop's own
     * transforms (Return-Path) after it.
     */
    public HeaderTransform headers(List<RecipientRewrite.Deliverable> group) {
        List<HeaderRewriter> rewriters = headerRewriters(group);
        return rewriters.isEmpty() ? HeaderTransform.IDENTITY : new AddressHeaderTransform(rewriters);
    }

    /** A raw header block as {@link #headers} would rewrite it (for {@code twgate address --header}). */
    public byte[] rewriteHeaders(byte[] block, List<RecipientRewrite.Deliverable> group) {
        return AddressHeaderTransform.rewrite(headerRewriters(group), block);
    }

    private List<HeaderRewriter> headerRewriters(List<RecipientRewrite.Deliverable> group) {
        List<HeaderRewriter> rewriters = new ArrayList<>(2);
        rewriter.recipientSet().ifPresent(set -> {
            AddressRewriter byRecipientSet = a -> set.rewrite(a, originalSender);
            if (rewriter.headerMode() == HeaderMode.ALL) {
                rewriters.add(HeaderRewriter.recipients(byRecipientSet));
            } else if (rewriter.headerMode() == HeaderMode.ENVELOPE) {
                List<EmailAddress> received = new ArrayList<>();
                for (RecipientRewrite.Deliverable d : group) {
                    EmailAddress a = RouteRewriter.parse(d.received().address());
                    if (a != null) {
                        received.add(a);
                    }
                }
                rewriters.add(HeaderRewriter.recipients(byRecipientSet).onlyEnvelopeRecipients(received));
            }
        });
        if (rewriter.senderHeaders()) {
            rewriter.senderSet().ifPresent(set ->
                    rewriters.add(HeaderRewriter.senders(a -> set.rewrite(a, originalSender))));
        }
        return rewriters;
    }
}
