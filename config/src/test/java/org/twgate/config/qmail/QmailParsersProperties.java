package org.twgate.config.qmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The qmail file parsers of {@code twgate import qmail} read whatever a file holds: they never
 * throw (their "error type" is the {@link QmailNote}, a value), every note names a line of the
 * file, and what they return keeps qmail's shape. Fixed seeds, a few thousand tries each.
 */
class QmailParsersProperties {
    private static final String FILE = "/var/qmail/control/x";

    @Property(tries = 3000, seed = "1001")
    void controlFilesKeepEveryValueAndItsLine(@ForAll("files") List<String> lines) {
        for (ControlFile.Value v : ControlFile.read(FILE, lines)) {
            assertThat(v.text()).isNotEmpty().doesNotStartWith("#").doesNotEndWith(" ").doesNotEndWith("\t");
            assertThat(v.source().line()).isBetween(1, lines.size());
        }
    }

    @Property(tries = 3000, seed = "1002")
    void virtualDomainsParseAndLookUpAnything(@ForAll("files") List<String> lines, @ForAll("words") String address) {
        VirtualDomains v = VirtualDomains.parse(FILE, lines);
        notesNameLines(v.notes(), lines);
        v.entries().forEach(e -> assertThat(e.key()).isLowerCase());
        v.lookup(address + "@" + address);
        v.lookup(address);
    }

    @Property(tries = 3000, seed = "1003")
    void usersAssignParsesAndLooksUpAnything(@ForAll("assign") List<String> lines, @ForAll("words") String local) {
        UsersAssign a = UsersAssign.parse("/var/qmail/users/assign", lines);
        notesNameLines(a.notes(), lines);
        a.assignments().forEach(x -> assertThat(x.home()).startsWith("/"));
        a.lookup(local).ifPresent(x -> {
            if (x.wildcard()) {
                assertThat(local.toLowerCase(java.util.Locale.ROOT)).startsWith(x.local().toLowerCase(java.util.Locale.ROOT));
                assertThat(x.extensionOf(local)).endsWith(local.substring(x.local().length()));
            }
        });
    }

    @Property(tries = 3000, seed = "1004")
    void dotQmailFilesGiveOneInstructionPerDeliveryLine(@ForAll("dotqmail") List<String> lines) {
        DotQmail d = DotQmail.parse("/var/qmail/alias/.qmail-default", lines);
        notesNameLines(d.notes(), lines);
        for (DotQmail.Instruction i : d.instructions()) {
            assertThat(i.line()).isNotEmpty().doesNotStartWith("#");
            assertThat(i.source().line()).isBetween(1, lines.size());
        }
    }

    @Property(tries = 5000, seed = "1005")
    void programLinesSplitIntoWordsOrSayWhyNot(@ForAll("commands") String command) {
        ShellWords.Split split = ShellWords.split(command);
        if (split.ok()) {
            assertThat(split.words()).isNotEmpty();
            assertThat(split.words().get(0).literal()).isPresent();
            split.words().forEach(w -> w.template());
        } else {
            assertThat(split.refusal()).isNotBlank();
            assertThat(split.words()).isEmpty();
        }
    }

    @Property(tries = 3000, seed = "1006")
    void hostsAllowParsesAnythingAndPatternsTranslateOrSayWhy(@ForAll("hostsAllow") List<String> lines) {
        HostsAllow h = HostsAllow.parse("/etc/hosts.allow", lines);
        notesNameLines(h.notes(), lines);
        for (HostsAllow.Rule r : h.rules()) {
            assertThat(r.daemons()).isNotEmpty();
            assertThat(r.clients()).isNotEmpty();
            r.forTcpEnv();
            for (String c : r.clients()) {
                ClientPattern.Translation t = ClientPattern.translate(c);
                assertThat(t.ok() || t.refusal() != null).isTrue();
                if (t.ok()) {
                    assertThat(t.relayClient()).isNotBlank().doesNotContain(" ");
                }
            }
        }
    }

    private static void notesNameLines(List<QmailNote> notes, List<String> lines) {
        for (QmailNote n : notes) {
            assertThat(n.source().line()).isBetween(0, Math.max(1, lines.size()));
            assertThat(n.toString()).startsWith(n.source().file());
        }
    }

    @Provide
    Arbitrary<String> words() {
        return Arbitraries.strings().withChars("aZ09.-_+@:=!é\u0000 ").ofMaxLength(12);
    }

    @Provide
    Arbitrary<List<String>> files() {
        return Arbitraries.strings().withChars("tw.company:com@-_ #\t\r\u0000\u007fé0.:").ofMaxLength(30)
                .list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> assign() {
        Arbitrary<String> field = Arbitraries.strings().withChars("tw.u503/home-:").ofMaxLength(8);
        Arbitrary<String> structured = Arbitraries.of("=", "+", "", "-").flatMap(k -> field.list().ofMinSize(1)
                .ofMaxSize(9).map(fs -> k + String.join(":", fs)));
        Arbitrary<String> canned = Arbitraries.of("+tw.:twu:503:503:/home/twu:-::", "=joe:joe:507:100:/home/joe:::",
                "+:alias:7790:2108:/var/qmail/alias:-::", ".", "", "+x:y:1:2:/h:-:pre:");
        return Arbitraries.oneOf(structured, canned, Arbitraries.strings().ofMaxLength(20)).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<String>> dotqmail() {
        Arbitrary<String> canned = Arbitraries.of("| /usr/bin/torecvm -d/to/smtp -pA -f\"$SENDER\" -r\"$RECIPIENT\"",
                "| qmail-remote tw.server.com \"$SENDER\" admin@\"$HOST\"", "| forward \"$LOCAL\"@tw.company.com",
                "&me@new.job.com", "me@new.job.com", "./Maildir/", "/home/djb/Mailbox", "# comment", "", "+list",
                "|preline /usr/ucb/vacation djb  \t");
        return Arbitraries.oneOf(canned, Arbitraries.strings().withChars("|&./#+ a$\"'\\\t\u0000é").ofMaxLength(25))
                .list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> commands() {
        Arbitrary<String> piece = Arbitraries.of(" ", "\t", "\"", "'", "\\", "$", "${", "}", "$SENDER", "$RECIPIENT",
                "\"$DEFAULT\"", "@", "-r", "-f", "torecvm", "/usr/bin/", "|", ";", "&", ">", "<", "(", ")", "`", "*",
                "?", "[", "~", "#", "x", "é", "\u0000", "$(", "$1", "=");
        return piece.list().ofMaxSize(12).map(ps -> String.join("", ps));
    }

    @Provide
    Arbitrary<List<String>> hostsAllow() {
        Arbitrary<String> canned = Arbitraries.of("tcp-env:1.2.3.4: setenv = RELAYCLIENT", "tcp-env:1.2.3: setenv = RELAYCLIENT",
                "ALL: ALL: deny", "tcp-env: [::1]/128 : setenv RELAYCLIENT", "tcp-env: 10.0.0.0/255.255.0.0 : allow",
                "in.telnetd: .example.com", "# comment", "tcp-env: ALL EXCEPT 1.2.3. : setenv = RELAYCLIENT \\");
        Arbitrary<String> random = Arbitraries.strings().withChars("tcp-env:1.2.3 ALLEXCPT=setnv[]:/\\,#\t\u0000").ofMaxLength(40);
        return Arbitraries.oneOf(canned, random).list().ofMaxSize(6);
    }
}
