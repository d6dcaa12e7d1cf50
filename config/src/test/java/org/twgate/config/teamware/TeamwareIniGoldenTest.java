package org.twgate.config.teamware;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.twgate.config.ConfigException;
import org.twgate.config.Golden;

/**
 * Golden tests for Teamware's ini files: {@code teamware/to-*.in} are to.ini files,
 * {@code teamware/tombsmtp-*.in} tombsmtp.ini files; a file with errors renders them.
 */
class TeamwareIniGoldenTest {

    @TestFactory
    Stream<DynamicTest> iniFilesReadAsTheConnectorReadsThem() {
        return Golden.cases("teamware", TeamwareIniGoldenTest::render);
    }

    private static String render(Path in) {
        List<String> lines;
        try {
            lines = Files.readAllLines(in, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean toIni = in.getFileName().toString().startsWith("to-");
        try {
            if (toIni) {
                ToIni ini = ToIni.parse("to.ini", lines);
                ConnectorAcceptance a = ini.acceptance();
                OwnNodes own = new OwnNodes(List.of("tw.company.com"), List.of());
                StringBuilder out = new StringBuilder();
                out.append("no_relay: ").append(a.noRelay()).append('\n');
                out.append("mode: ").append(a.mode()).append('\n');
                out.append("allow: ").append(a.allow()).append('\n');
                out.append("deliver_relayed_dsn: ").append(ini.deliverRelayedDsn()).append('\n');
                for (String d : List.of("tw.company.com", "partner.example", "other.example")) {
                    out.append("accepts ").append(d).append(" (own node tw.company.com): ")
                            .append(a.accepts(d, own)).append('\n');
                }
                ini.warnings().forEach(w -> out.append("warning ").append(w).append('\n'));
                return out.toString();
            }
            OwnNodes own = TombSmtpIni.parse("tombsmtp.ini", lines);
            return "base: " + own.base() + "\naliases: " + own.aliases() + "\n"
                    + "contains tw.company.com: " + own.contains("TW.company.com") + "\n";
        } catch (ConfigException e) {
            return "errors:\n" + e.getMessage() + "\n";
        }
    }
}
