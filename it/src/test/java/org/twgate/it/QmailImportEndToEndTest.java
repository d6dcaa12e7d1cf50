package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each seed method, imported by {@code twgate import qmail} ({@code examples/qmail-import/seed-*.yaml},
 * reproduced byte for byte by the import's golden test), run by twgate and fed the addresses qmail
 * would hand over: plain, prefixed, suffixed, special accounts, unknown users, upper case. For each
 * address the table says where qmail delivered it and with what, written from qmail's manual pages
 * (qmail-command(8): the variables of a {@code |command}; dot-qmail(5): which {@code .qmail} file,
 * lower-cased extension, {@code -default}; qmail-users(5): {@code +tw.} wildcards, first match;
 * qmail-send(8): virtualdomains prepends {@code user-}; qmail-control(5): locals, smtproutes), minus
 * the breaks the seeds name: the program now gets {@code Return-Path:}, To/Cc match the envelope.
 * The connector stand-in or the recording torecvm says what arrived; "qmail" means twgate handed
 * the address back to qmail (the default route), as qmail delivers it itself.
 */
class QmailImportEndToEndTest {
    private static final String MARY = "mary@internet.example";

    @TempDir
    Path dir;
    ImportedGateway twgate;

    @AfterEach
    void stop() throws Exception {
        if (twgate != null) {
            twgate.close();
        }
    }

    /** An address sent, where it arrives, and the recipient it arrives as (torecvm: its -r argument). */
    record Row(String sent, String where, String arrivesAs) {
    }

    private static String headers(String to, String cc) {
        return "From: Mary <" + MARY + ">\r\nTo: John <" + to + ">\r\nCc: " + cc + "\r\nSubject: imported\r\n";
    }

    /** Sends each row's address in a message of its own and checks where and as what it arrived. */
    private List<ImportedGateway.Arrival> check(List<Row> table) throws Exception {
        List<ImportedGateway.Arrival> arrivals = new java.util.ArrayList<>();
        for (Row row : table) {
            ImportedGateway.Arrival a = twgate.deliver(MARY, row.sent(), headers(row.sent(), "someone@elsewhere.example"));
            assertThat(a.where()).as(row.sent()).isEqualTo(row.where());
            assertThat(a.recipient()).as(row.sent()).isEqualTo(row.arrivesAs());
            arrivals.add(a);
        }
        return arrivals;
    }

    @Test
    void method411TorecvmFromAliasDotQmailDefaultGetsRecipientAsReceivedAndReturnPath() throws Exception {
        twgate = new ImportedGateway("seed-4.1.1", dir);
        // ~alias/.qmail-default: qmail-local runs it for every local address no user has (dot-qmail(5));
        // -r"$RECIPIENT" is local@domain as qmail received it (qmail-command(8)), case kept.
        List<ImportedGateway.Arrival> got = check(List.of(
                new Row("john@company.com", "torecvm", "john@company.com"),
                new Row("John.Woo@Company.COM", "torecvm", "John.Woo@Company.COM"),
                new Row("tw.john@company.com", "torecvm", "tw.john@company.com"),
                new Row("john.tw@company.com", "torecvm", "john.tw@company.com"),
                new Row("root@company.com", "torecvm", "root@company.com"),   // no ~alias/.qmail-root here
                new Row("nosuch@company.com", "torecvm", "nosuch@company.com"), // torecvm (Teamware) decides
                new Row("jane@elsewhere.example", "qmail", "jane@elsewhere.example")));
        ImportedGateway.Arrival john = got.get(0);
        assertThat(john.argv()).containsExactly("-d/to/smtp", "-pA", "-f" + MARY, "-rjohn@company.com");
        assertThat(john.env()).containsEntry("EXT", "john").containsEntry("DEFAULT", "john");
        // qmail did not give torecvm a Return-Path (seed 4.1); twgate does, so read receipts work.
        assertThat(john.content()).startsWith("Return-Path: <" + MARY + ">\nDelivered-To: john@company.com\n")
                .contains("\nTo: John <john@company.com>\n");
        // A double bounce from qmail (<#@[]>, qmail-send(8)) arrives as from the null sender.
        ImportedGateway.Arrival bounce = twgate.deliver("#@[]", "postmaster@company.com",
                "From: MAILER-DAEMON@qmail.company.com\r\nTo: postmaster@company.com\r\nSubject: failure notice\r\n");
        assertThat(bounce.argv()).contains("-f", "-rpostmaster@company.com");
        assertThat(bounce.content()).startsWith("Return-Path: <>\n");
    }

    @Test
    void method412VirtualDomainsDefaultIsTheAddressWithoutTheUserPrefix() throws Exception {
        twgate = new ImportedGateway("seed-4.1.2", dir);
        // virtualdomains tw.company.com:twu: qmail-send delivers john@tw.company.com as twu-john
        // (qmail-send(8)); ~twu/.qmail-default: $DEFAULT is john, $HOST tw.company.com (qmail-command(8)).
        List<ImportedGateway.Arrival> got = check(List.of(
                new Row("john@tw.company.com", "torecvm", "john@tw.company.com"),
                new Row("John.Woo@TW.company.com", "torecvm", "John.Woo@TW.company.com"),
                new Row("webmaster@tw.company.com", "torecvm", "webmaster@tw.company.com"),
                new Row("nosuch@tw.company.com", "torecvm", "nosuch@tw.company.com"),
                new Row("john@company.com", "qmail", "john@company.com"))); // qmail's own domain
        assertThat(got.get(1).env()).containsEntry("DEFAULT", "John.Woo").containsEntry("EXT", "John.Woo");
        assertThat(got.get(0).content()).startsWith("Return-Path: <" + MARY + ">\n");
    }

    @Test
    void method413QmailUsersPrefixGivesTheRestAfterTwDotAndQmailKeepsTheOthers() throws Exception {
        twgate = new ImportedGateway("seed-4.1.3", dir);
        // users/assign +tw.:twu:…:-:: covers every local part starting with tw. (qmail-users(5)), the
        // extension is the rest, so ~twu/.qmail-default's $DEFAULT is it: -r"$DEFAULT"@tw.company.com.
        List<ImportedGateway.Arrival> got = check(List.of(
                new Row("tw.john@company.com", "torecvm", "john@tw.company.com"),
                new Row("TW.John.Woo@company.com", "torecvm", "John.Woo@tw.company.com"),
                new Row("tw.nosuch@company.com", "torecvm", "nosuch@tw.company.com"),
                // not tw.: not twu's; qmail delivers it (a system user, ~alias) or bounces it
                new Row("john@company.com", "qmail", "john@company.com"),
                new Row("john.tw@company.com", "qmail", "john.tw@company.com"), // a suffix qmail-users cannot match
                new Row("root@company.com", "qmail", "root@company.com")));
        // The To: address is rewritten with the envelope, so the connector does not see a Bcc.
        assertThat(got.get(0).content()).contains("\nTo: John <john@tw.company.com>\n");
        assertThat(got.get(1).env()).containsEntry("DEFAULT", "John.Woo");
    }

    @Test
    void method421SmtproutesDeliversTheTeamwareDomainToTheConnectorWithReturnPath() throws Exception {
        twgate = new ImportedGateway("seed-4.2.1", dir);
        // smtproutes tw.company.com:tw.server.company.com:2025 (qmail-control(5)); .tw.company.com: means
        // the subdomains go by MX, which qmail keeps doing.
        List<ImportedGateway.Arrival> got = check(List.of(
                new Row("jane@tw.company.com", "connector", "jane@tw.company.com"),
                new Row("Jane.Doe@TW.Company.com", "connector", "Jane.Doe@TW.Company.com"),
                new Row("webmaster@tw.company.com", "connector", "webmaster@tw.company.com"),
                new Row("nosuch@tw.company.com", "connector", "nosuch@tw.company.com"),
                new Row("john@srv1.tw.company.com", "qmail", "john@srv1.tw.company.com"),
                new Row("john@company.com", "qmail", "john@company.com")));
        assertThat(got.get(0).content()).startsWith("Return-Path: <" + MARY + ">\r\n");
        assertThat(got.get(4).content()).doesNotStartWith("Return-Path:");
    }

    @Test
    void method422QmailRemoteFromAliasWithTheSpecialAccountsGoingToAdmin() throws Exception {
        twgate = new ImportedGateway("seed-4.2.2", dir);
        // ~alias/.qmail-root, -postmaster, -webmaster: admin@"$HOST"; ~alias/.qmail-default: "$RECIPIENT".
        // qmail-local lower-cases the extension before looking for the file (dot-qmail(5)): Root@ is .qmail-root.
        List<ImportedGateway.Arrival> got = check(List.of(
                new Row("john@company.com", "connector", "john@company.com"),
                new Row("John.Woo@Company.COM", "connector", "John.Woo@Company.COM"),
                new Row("root@company.com", "connector", "admin@company.com"),
                new Row("Postmaster@company.com", "connector", "admin@company.com"),
                new Row("webmaster@Company.COM", "connector", "admin@Company.COM"),
                new Row("nosuch@company.com", "connector", "nosuch@company.com")));
        assertThat(got.get(2).content()).startsWith("Return-Path: <" + MARY + ">\r\n")
                .contains("\r\nTo: John <admin@company.com>\r\n");
        // RCPT TO:<postmaster> without a domain (RFC 5321 4.5.1): qmail adds envnoathost (control/me).
        assertThat(twgate.rcpt(MARY, "postmaster")).startsWith("250 2.1.5");
    }

    @Test
    void method423QmailUsersToQmailRemoteKeepsTheRecipientAndQmailKeepsTheOthers() throws Exception {
        twgate = new ImportedGateway("seed-4.2.3", dir);
        // +tw.:twu:… then ~twu/.qmail-default: | qmail-remote tw.server.com "$SENDER" "$RECIPIENT"
        check(List.of(
                new Row("tw.john@company.com", "connector", "tw.john@company.com"),
                new Row("TW.John@company.com", "connector", "TW.John@company.com"),
                new Row("tw.nosuch@company.com", "connector", "tw.nosuch@company.com"),
                new Row("john@company.com", "qmail", "john@company.com"),
                new Row("root@company.com", "qmail", "root@company.com")));
    }

    @Test
    void method424ForwardToTheAliasDomainKeepsToAndCcWithOwnNode() throws Exception {
        twgate = new ImportedGateway("seed-4.2.4", dir);
        // ~alias/.qmail-default: | forward "$LOCAL"@tw.company.com; smtproutes tw.company.com:[127.0.0.1]:2025;
        // tombsmtp.ini own_node = company.com, own_node = A:tw.company.com.
        List<ImportedGateway.Arrival> got = check(List.of(
                new Row("john@company.com", "connector", "john@tw.company.com"),
                new Row("John.Woo@Company.COM", "connector", "John.Woo@tw.company.com"),
                new Row("root@company.com", "connector", "root@tw.company.com"),
                new Row("nosuch@company.com", "connector", "nosuch@tw.company.com"),
                new Row("jane@tw.company.com", "connector", "jane@tw.company.com")));
        // forward kept To: john@company.com, so the connector saw a Bcc; twgate rewrote To: with the envelope.
        assertThat(got.get(0).content()).contains("\r\nTo: John <john@tw.company.com>\r\n");
        org.twgate.testkit.RecordedTransaction first = twgate.connector.transactions().get(0);
        assertThat(ConnectorClassifier.of(twgate.config.teamware().ownNodes()).classify(first))
                .containsEntry("john@tw.company.com", ConnectorClassifier.Kind.TO);
    }
}
