package org.twgate.rewrite.address;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any text either parses into an address that survives a round trip, or gets a clean error. */
class EmailAddressProperties {

    @Property(tries = 5000)
    void parsesOrRefusesCleanlyNeverCrashesNeverCarriesALineBreak(@ForAll("addressish") String text) {
        EmailAddress address;
        try {
            address = EmailAddress.parse(text);
        } catch (AddressSyntaxException e) {
            assertThat(e.getMessage()).startsWith("invalid address \"").doesNotContain("\r", "\n", "\u0000");
            assertThat(e.input()).isEqualTo(text);
            assertThat(e.offset()).isBetween(-1, text.length());
            return;
        }
        String wire = address.toString();
        assertThat(wire).doesNotContain("\r", "\n", "\u0000");
        assertThat(EmailAddress.parse(wire)).isEqualTo(address);
        assertThat(EmailAddress.parse(wire).toString()).isEqualTo(wire);
    }

    @Property(tries = 2000)
    void anyLocalPartContentWithoutControlsCanBeCarriedQuoted(@ForAll("contents") String content) {
        EmailAddress a = EmailAddress.of(content, "company.com");
        assertThat(EmailAddress.parse(a.toString()).localPart()).isEqualTo(content);
    }

    @Provide
    Arbitrary<String> addressish() {
        return Arbitraries.strings()
                .withChars("aZ09.@\"\\ <>()[],:;-_+\r\n\t\u0000\u007fé用")
                .ofMaxLength(30)
                .injectDuplicates(0.1);
    }

    @Provide
    Arbitrary<String> contents() {
        return Arbitraries.strings().withChars("aZ09. \"\\@()<>,;:é用").ofMinLength(0).ofMaxLength(20);
    }
}
