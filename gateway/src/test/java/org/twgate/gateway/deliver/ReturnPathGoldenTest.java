package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Return-Path injection from golden files: {@code returnpath/NAME.in} is the stored
 * message, {@code NAME.expected} the header section a final hop receives for sender
 * {@code john@company.com}.
 */
class ReturnPathGoldenTest {

    static Stream<String> cases() {
        return Stream.of("plain", "stale-and-folded", "no-body", "only-return-path");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void injectsExactlyOneReturnPath(String name) throws IOException {
        byte[] stored = resource(name + ".in");
        NextHop connector = NextHop.ipLiteral("connector", "127.0.0.1", 2025).asFinalDelivery().withMaxConnections(1);
        OutboundMessage message = OutboundMessage.of("Q1", "john@company.com",
                List.of(OutboundRecipient.of("mary@tw.company.com")), stored);

        HeaderSection headers = HeaderSection.read(new ByteArrayInputStream(stored), 1 << 16);
        byte[] out = HeaderTransform.forHop(connector).apply(headers, message, connector).toBytes();

        assertThat(new String(out, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(resource(name + ".expected"), java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void leavesTheHeadersAloneOnARelayHop(String name) throws IOException {
        byte[] stored = resource(name + ".in");
        NextHop qmail = NextHop.ipLiteral("qmail", "127.0.0.1", 25).withMaxConnections(1);
        OutboundMessage message = OutboundMessage.of("Q1", "john@company.com",
                List.of(OutboundRecipient.of("x@example.org")), stored);
        HeaderSection headers = HeaderSection.read(new ByteArrayInputStream(stored), 1 << 16);

        assertThat(HeaderTransform.forHop(qmail).apply(headers, message, qmail).toBytes())
                .isEqualTo(headers.toBytes());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ReturnPathGoldenTest.class.getResourceAsStream("/returnpath/" + name)) {
            assertThat(in).as("golden file returnpath/" + name).isNotNull();
            // Golden files are kept with LF in the repository for readability; mail is CRLF.
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
