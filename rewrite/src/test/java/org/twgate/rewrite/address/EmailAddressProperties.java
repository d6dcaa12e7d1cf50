package org.twgate.rewrite.address;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import java.util.List;
import org.twgate.fuzz.Mutations;

/** Any text either parses into an address that survives a round trip, or gets a clean error. */
class EmailAddressProperties {

    @Property(tries = 5000, seed = "5321")
    void parsesOrRefusesCleanlyNeverCrashesNeverCarriesALineBreak(@ForAll("addressish") String text) {
        parsesOrRefusesCleanly(text);
    }

    /** The seed corpus: the addresses of the golden rewrite tests, edited at random. */
    @Property(tries = 3000, seed = "2822")
    void realAddressesEditedAtRandomParseOrAreRefusedCleanly(@ForAll("realAddresses") String text) {
        parsesOrRefusesCleanly(text);
    }

    @Provide
    Arbitrary<String> realAddresses() {
        java.util.Set<String> found = new java.util.TreeSet<>();
        java.util.regex.Pattern address = java.util.regex.Pattern.compile("[^\\s<>,;:()]+@[^\\s<>,;:()]+");
        for (String file : Mutations.files(Mutations.resources(EmailAddressProperties.class, "rewrite"), ".in")) {
            address.matcher(file).results().forEach(m -> found.add(m.group()));
        }
        return Mutations.of(List.copyOf(found));
    }

    private static void parsesOrRefusesCleanly(String text) {
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

    @Property(tries = 2000, seed = "5320")
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
