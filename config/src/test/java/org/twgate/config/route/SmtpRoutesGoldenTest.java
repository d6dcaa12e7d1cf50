package org.twgate.config.route;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.twgate.config.ConfigException;
import org.twgate.config.Golden;

/**
 * smtproutes lookups, golden: each {@code smtproutes/*.in} is a smtproutes file, a
 * {@code ---} line, and recipient domains; the {@code .expected} file says which line
 * qmail-remote would use for each.
 */
class SmtpRoutesGoldenTest {

    @TestFactory
    Stream<DynamicTest> lookupsFollowQmailRemote() {
        return Golden.cases("smtproutes", SmtpRoutesGoldenTest::render);
    }

    static RouteTable table(String file, List<String> lines) throws ConfigException {
        return new RouteTable(SmtpRoutes.parseFile(file, lines).stream()
                .map(l -> Route.builder(l.domain().isEmpty() ? "default" : l.domain(), l.domain(), l.relay(),
                        l.source()).build())
                .toList());
    }

    private static String render(Path in) {
        List<List<String>> parts = Golden.split(in);
        RouteTable table;
        try {
            table = table("smtproutes", parts.get(0));
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return parts.get(1).stream().filter(d -> !d.isBlank())
                .map(domain -> domain + " -> " + table.lookup(domain)
                        .map(r -> r.relay() + "  (" + r.source() + " '" + r.smtproutesLine() + "')")
                        .orElse("no route: qmail-remote would use the MX of the domain"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
