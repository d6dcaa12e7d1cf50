package org.twgate.gateway.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.gateway.deliver.HeaderSection;
import org.twgate.gateway.deliver.HeaderTransform;
import org.twgate.gateway.deliver.NextHop;
import org.twgate.gateway.deliver.OutboundMessage;
import org.twgate.gateway.deliver.OutboundRecipient;
import org.twgate.gateway.spool.EnvelopeRecipient;

/** A route's rule sets applied to one delivery attempt: envelope, ORCPT, failures, headers. */
class RouteRewriterTest {
    private static final String HEADERS = "From: John <john@tw.company.com>\r\n"
            + "To: \"Jane D.\" <tw.jane@company.com>, tw.bob@company.com (Bob)\r\n"
            + "Cc: group: tw.carol@company.com;,\r\n\tOther <someone@elsewhere.example>\r\n"
            + "Subject: tw.jane@company.com stays\r\n\r\n";

    @TempDir
    Path dir;

    private RouteRewriter route(String headerMode, boolean senderHeaders) throws Exception {
        Path file = Files.writeString(dir.resolve("twgate.yaml"), String.join("\n",
                "rewrite:",
                "  sender_headers: " + senderHeaders,
                "  sets:",
                "    in:",
                "      - id: tw-prefix",
                "        match: {prefix: \"tw.\", domain: company.com}",
                "        result: \"$DEFAULT@tw.company.com\"",
                "      - id: too-long",
                "        match: {prefix: \"long.\", domain: company.com}",
                "        result: \"$DEFAULT$DEFAULT$DEFAULT$DEFAULT$DEFAULT@tw.company.com\"",
                "    out:",
                "      - match: {domain: tw.company.com}",
                "        result: \"$LOCAL@company.com\"",
                "routes:",
                "  - smtproutes: \"company.com:[127.0.0.1]:2025\"",
                "    rewrite: in",
                "    rewrite_sender: out",
                "    header_mode: " + headerMode,
                ""));
        GatewayConfig c = ConfigLoader.load(file, Map.of());
        return RouteRewriter.of(c.routes().lookup("company.com").orElseThrow(), c.rewrite());
    }

    private static List<EnvelopeRecipient> rcpts(String... addresses) {
        return java.util.stream.IntStream.range(0, addresses.length)
                .mapToObj(i -> new EnvelopeRecipient(i, addresses[i], null, null)).toList();
    }

    /** {@link #HEADERS} through the transaction's header transform. */
    private static String headers(EnvelopeRewrite rw) throws java.io.IOException {
        HeaderTransform t = rw.headers(rw.deliverable());
        OutboundMessage m = OutboundMessage.of("Q1", rw.sender(), List.of(OutboundRecipient.of("x@y.example")),
                new byte[0]);
        NextHop hop = NextHop.ipLiteral("connector", "127.0.0.1", 2025).withMaxConnections(1);
        HeaderSection block = HeaderSection.read(new java.io.ByteArrayInputStream(
                HEADERS.getBytes(StandardCharsets.ISO_8859_1)), 10_000);
        return new String(t.apply(block, m, hop).toBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void rewritesRecipientsKeepingTheClientsOrcptAndTheAddressAsReceived() throws Exception {
        EnvelopeRewrite rw = route("all", false).rewrite("john@tw.company.com", List.of(
                new EnvelopeRecipient(0, "tw.jane@company.com", "SUCCESS,FAILURE", null),
                new EnvelopeRecipient(1, "tw.bob@company.com", null, "rfc822;bob@old.example"),
                new EnvelopeRecipient(2, "nobody@elsewhere.example", null, null)));
        assertThat(rw.sender()).isEqualTo("john@company.com");
        assertThat(rw.deliverable()).extracting(RecipientRewrite.Deliverable::outbound).containsExactly(
                // ORCPT: the client's, else rfc822;<the address as received> (RFC 3461 §5.2.1).
                new OutboundRecipient("jane@tw.company.com", "SUCCESS,FAILURE", "rfc822;tw.jane@company.com"),
                new OutboundRecipient("bob@tw.company.com", null, "rfc822;bob@old.example"),
                new OutboundRecipient("nobody@elsewhere.example", null, "rfc822;nobody@elsewhere.example"));
        assertThat(rw.deliverable().get(0).rule()).startsWith("tw-prefix (" + dir.resolve("twgate.yaml") + ":5)");
        assertThat(rw.deliverable()).extracting(d -> d.received().address())
                .containsExactly("tw.jane@company.com", "tw.bob@company.com", "nobody@elsewhere.example");
        assertThat(rw.refused()).isEmpty();
    }

    @Test
    void recipientWhoseRewriteCannotBeCarriedIsRefusedWith553AndTheRuleNamed() throws Exception {
        String longName = "long." + "x".repeat(20);
        EnvelopeRewrite rw = route("all", false).rewrite("", rcpts("tw.jane@company.com", longName + "@company.com"));
        assertThat(rw.deliverable()).hasSize(1);
        assertThat(rw.refused()).hasSize(1);
        RecipientRewrite.Refused refused = rw.refused().get(0);
        assertThat(refused.received().index()).isEqualTo(1);
        assertThat(refused.diagnostic()).startsWith("553 5.1.3 cannot rewrite <" + longName + "@company.com>: rule "
                + "too-long (" + dir.resolve("twgate.yaml") + ":8): invalid address ");
    }

    @Test
    void allModeRewritesEveryMatchingHeaderAddressKeepingDisplayNamesCommentsGroupsAndFolding() throws Exception {
        EnvelopeRewrite rw = route("all", false).rewrite("john@tw.company.com", rcpts("tw.jane@company.com"));
        assertThat(headers(rw)).isEqualTo("From: John <john@tw.company.com>\r\n"
                + "To: \"Jane D.\" <jane@tw.company.com>, bob@tw.company.com (Bob)\r\n"
                + "Cc: group: carol@tw.company.com;,\r\n\tOther <someone@elsewhere.example>\r\n"
                + "Subject: tw.jane@company.com stays\r\n\r\n");
    }

    @Test
    void envelopeModeRewritesOnlyThisTransactionsRecipientsAndSenderHeadersWhenConfigured() throws Exception {
        EnvelopeRewrite rw = route("envelope", true).rewrite("john@tw.company.com", rcpts("tw.jane@company.com"));
        assertThat(headers(rw)).isEqualTo("From: John <john@company.com>\r\n"
                + "To: \"Jane D.\" <jane@tw.company.com>, tw.bob@company.com (Bob)\r\n"
                + "Cc: group: tw.carol@company.com;,\r\n\tOther <someone@elsewhere.example>\r\n"
                + "Subject: tw.jane@company.com stays\r\n\r\n");
    }

    @Test
    void noneModeLeavesHeadersAsStoredWhileTheEnvelopeIsRewritten() throws Exception {
        EnvelopeRewrite rw = route("none", false).rewrite("john@tw.company.com", rcpts("tw.jane@company.com"));
        assertThat(rw.deliverable().get(0).outbound().address()).isEqualTo("jane@tw.company.com");
        assertThat(rw.headers(rw.deliverable())).isSameAs(HeaderTransform.IDENTITY);
    }

    @Test
    void nullSenderIsNeverRewrittenAndUnparseableRecipientsPassUnchanged() throws Exception {
        EnvelopeRewrite rw = route("all", false).rewrite("", rcpts("not an address"));
        assertThat(rw.sender()).isEmpty();
        assertThat(rw.deliverable().get(0).outbound())
                .isEqualTo(new OutboundRecipient("not an address", null, "rfc822;not+20an+20address"));
    }

    @Test
    void routeWithoutRuleSetsChangesNothing() {
        EnvelopeRewrite rw = RouteRewriter.NONE.rewrite("a@b.example", rcpts("tw.jane@company.com"));
        assertThat(rw.sender()).isEqualTo("a@b.example");
        assertThat(rw.deliverable().get(0).changed()).isFalse();
        assertThat(rw.headers(rw.deliverable())).isSameAs(HeaderTransform.IDENTITY);
    }
}
