package org.twgate.config.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueSyntaxTest {

    @ParameterizedTest
    @CsvSource({"250ms,PT0.25S", "30s,PT30S", "5m,PT5M", "4h,PT4H", "5d,PT120H", "90,PT1M30S", "0,PT0S"})
    void durationsReadTheUnitsOperatorsWrite(String text, String iso) throws BadValue {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5x", "-1s", "1.5h", "5 minutes", "m"})
    void durationsRefuseAnythingElseQuotingIt(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(BadValue.class)
                .hasMessage("not a duration: '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"0,0", "1000,1000", "512k,524288", "512KiB,524288", "10M,10485760", "10MiB,10485760", "1G,1073741824"})
    void sizesAreOctetsWithBinarySuffixes(String text, long octets) throws BadValue {
        assertThat(Sizes.parse(text)).isEqualTo(octets);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "10Q", "-5", "1.5M", "99999999999999G"})
    void sizesRefuseAnythingElse(String text) {
        assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(BadValue.class).hasMessageEndingWith("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"50M,52428800", "512k,524288", "1000,1000", "0,0"})
    void sizesFormatBackToTheShortestForm(String text, long octets) {
        assertThat(Sizes.format(octets)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"127.0.0.1:2525|127.0.0.1|2525", "[::1]:2525|::1|2525",
        "0.0.0.0:0|0.0.0.0|0", "[2001:db8::5]:25|2001:db8::5|25"})
    void listenAddressesAreIpLiteralsWithAPort(String text, String ip, int port) throws Exception {
        InetSocketAddress a = HostPorts.parse(text);
        assertThat(a).isEqualTo(new InetSocketAddress(InetAddress.getByName(ip), port));
        assertThat(HostPorts.format(a)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:25", "127.0.0.1", "::1:25", "127.0.0.1:65536", "256.0.0.1:25", ":25", "[::1:25"})
    void listenAddressesRefuseHostNamesAndBadPorts(String text) {
        assertThatThrownBy(() -> HostPorts.parse(text)).isInstanceOf(BadValue.class).hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"::1,::1", "2001:db8:0:0:0:0:0:5,2001:db8::5", "2001:0:0:1:0:0:0:1,2001:0:0:1::1", "::,::",
        "fe80:0:0:0:1:0:0:0,fe80::1:0:0:0", "1:0:1:0:1:0:1:0,1:0:1:0:1:0:1:0"})
    void ipv6IsFormattedCompressed(String in, String out) throws Exception {
        assertThat(IpLiterals.format(InetAddress.getByName(in))).isEqualTo(out);
    }
}
