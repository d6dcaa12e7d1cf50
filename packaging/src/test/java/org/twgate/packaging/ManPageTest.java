package org.twgate.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

class ManPageTest {
    private final CommandSpec twgate = new CommandLine(new org.twgate.gateway.cli.Twgate()).getCommandSpec();
    private final String page = ManPage.render(twgate, "1.2.3", "2026-12-02", ".SH FILES\n");

    @Test
    void everySubcommandAndOptionOfTheCommandLineIsInThePage() {
        assertThat(page).startsWith(".\\\" twgate(8)").contains(".TH TWGATE 8 \"2026\\-12\\-02\" \"twgate 1.2.3\"");
        for (CommandLine sub : twgate.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            assertThat(page).contains(".SS \"twgate " + spec.name() + "\"");
            for (OptionSpec option : spec.options()) {
                assertThat(page).as("option %s of %s", option.longestName(), spec.name())
                        .contains(Roff.bold(option.longestName()));
            }
        }
        assertThat(page).endsWith(".SH FILES\n");
    }

    @Test
    void indentedDescriptionLinesArePreformattedAndRoffControlsAreEscaped() {
        assertThat(page).contains(".nf\n.RS 4\nlist              every queued message");
        assertThat(Roff.text(".hidden -x \\n")).isEqualTo("\\&.hidden \\-x \\en");
        assertThat(Roff.quoted("a \"b\"")).isEqualTo("\"a \"\"b\"\"\"");
    }

    @Test
    void gzipIsMaximumCompressionWithoutNameOrTimeAndReadsBack() throws Exception {
        byte[] data = page.getBytes(StandardCharsets.UTF_8);
        byte[] gz = Gzip.best(data);
        assertThat(gz[3]).as("FLG: no name").isZero();
        assertThat(new byte[] {gz[4], gz[5], gz[6], gz[7]}).as("MTIME").containsOnly(0);
        assertThat(gz[8]).as("XFL: maximum compression, as gzip -9").isEqualTo((byte) 2);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }
}
