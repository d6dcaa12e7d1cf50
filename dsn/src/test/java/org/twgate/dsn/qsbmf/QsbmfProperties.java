package org.twgate.dsn.qsbmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.twgate.dsn.report.DsnReport;
import org.twgate.dsn.report.DsnWriter;
import org.twgate.dsn.report.ReportHeaders;
import org.twgate.fuzz.Mutations;

/**
 * Fuzzing the QSBMF reader with qmail's own bounces (the seed corpus: every bounce under
 * {@code qsbmf/}) and ordinary mail, edited: whatever arrives is either not a bounce, or a bounce
 * naming no recipient (which the gateway passes on as it is), or a bounce that converts into an
 * RFC 3464 report and writes out; no exception but an I/O one (never, from
 * memory) escapes, and every status in the report is a proper enhanced code.
 */
class QsbmfProperties {
    private static final ReportHeaders HEADERS = new ReportHeaders(ReportHeaders.mailerDaemon("gw.test"),
            "john@tw.company.com", "<fuzz@gw.test>", ZonedDateTime.parse("2026-11-20T10:20:05+01:00"), "BOUNDARY-f");

    @Property(tries = 2000, seed = "1996")
    void anyMessageIsEitherNoBounceOrABounceThatBecomesAReport(@ForAll("bounces") String text) throws IOException {
        byte[] message = Mutations.bytes(text);
        Optional<QmailBounce> bounce = QsbmfParser.parse(new ByteArrayInputStream(message));
        if (bounce.isEmpty() || bounce.get().recipients().isEmpty()) {
            Statistics.collect(bounce.isEmpty() ? "not a bounce" : "bounce naming no recipient");
            return; // delivered as it is (FinalRouteReports)
        }
        Statistics.collect("bounce converted");
        DsnReport report = QsbmfConverter.convert(bounce.get(), "gw.test", RecoveredEnvelope.NONE);
        report.recipients().forEach(r -> assertThat(r.status().toString()).matches("[245]\\.\\d{1,3}\\.\\d{1,3}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream original = bounce.get().openOriginal(new ByteArrayInputStream(message))) {
            DsnWriter.write(report, HEADERS, original, out);
        }
        assertThat(out.size()).isPositive();
    }

    @Provide
    Arbitrary<String> bounces() {
        List<String> seeds = Mutations.files(Mutations.resources(QsbmfProperties.class, "qsbmf"), ".in");
        return Mutations.of(seeds, Mutations.NASTY + "<>:-\n\n", 6);
    }
}
