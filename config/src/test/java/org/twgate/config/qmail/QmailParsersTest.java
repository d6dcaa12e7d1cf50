package org.twgate.config.qmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The qmail files of the seeds, read as qmail reads them (the man page each case follows is named). */
class QmailParsersTest {

    @Test
    void seedProgramLinesSplitAsShDoesWithTheVariablesKept() {
        // qmail-command(8): qmail-local runs sh -c command; the seeds quote the variables.
        ShellWords.Split s = ShellWords.split(" /usr/bin/torecvm -d/to/smtp -pA -f\"$SENDER\" -r\"$DEFAULT\"@\"$HOST\"");
        assertThat(s.ok()).isTrue();
        assertThat(s.words()).extracting(ShellWords.Word::template)
                .containsExactly("/usr/bin/torecvm", "-d/to/smtp", "-pA", "-f$SENDER", "-r$DEFAULT@$HOST");
        assertThat(ShellWords.split(" qmail-remote tw.server.com \"$SENDER\" admin@\"$HOST\"").words())
                .extracting(ShellWords.Word::template).containsExactly("qmail-remote", "tw.server.com", "$SENDER",
                        "admin@$HOST");
        assertThat(ShellWords.split("preline /usr/ucb/vacation djb").ok()).isTrue();
        assertThat(ShellWords.split("cat > /tmp/x").refusal()).contains("'>'");
        assertThat(ShellWords.split("echo $(id)").refusal()).contains("$(id)");
        assertThat(ShellWords.split("a '$SENDER'").words().get(1).literal()).contains("$SENDER");
    }

    @Test
    void dotQmailLinesAreTheFiveKinds() {
        // dot-qmail(5): comment, program, forward (& or a letter/digit), mbox, maildir; trailing blanks go.
        DotQmail d = DotQmail.parse("f", List.of("# c", "| forward \"$LOCAL\"@tw.company.com  ", "&me@new.job.com",
                "me@new.job.com", "./Mailbox", "/home/djb/Maildir/"));
        assertThat(d.instructions()).hasSize(5);
        assertThat(d.instructions().get(0)).isEqualTo(new DotQmail.Program(" forward \"$LOCAL\"@tw.company.com",
                "| forward \"$LOCAL\"@tw.company.com", new org.twgate.config.Source("f", 2)));
        assertThat(d.instructions().get(1)).isInstanceOf(DotQmail.Forward.class);
        assertThat(d.instructions().get(3)).isInstanceOf(DotQmail.Mbox.class);
        assertThat(d.instructions().get(4)).isInstanceOf(DotQmail.Maildir.class);
        assertThat(DotQmail.parse("f", List.of("", "&a@b.c")).notes()).extracting(QmailNote::kind)
                .containsExactly(QmailNote.Kind.LEFT_OUT);
    }

    @Test
    void assignmentsFollowQmailUsersPrecedence() {
        // qmail-users(5)'s own example: =joe beats +joe-, which beats +.
        UsersAssign a = UsersAssign.parse("assign", List.of("+:alias:7790:2108:/var/qmail/alias:-::",
                "+joe-:joe:507:100:/home/joe:-::", "=joe:joe:507:100:/home/joe:::", "."));
        assertThat(a.lookup("joe").orElseThrow().wildcard()).isFalse();
        assertThat(a.lookup("Joe-Direct").orElseThrow().local()).isEqualTo("joe-");
        assertThat(a.lookup("Joe-Direct").orElseThrow().extensionOf("Joe-Direct")).isEqualTo("Direct");
        assertThat(a.lookup("bill").orElseThrow().user()).isEqualTo("alias");
        assertThat(UsersAssign.parse("assign", List.of("+tw.:twu:503:503:/home/twu:-::")).notes())
                .extracting(QmailNote::message).anyMatch(m -> m.contains("no final '.'"));
    }

    @Test
    void virtualDomainsLookUpAddressThenDomainThenSuffixesThenDefault() {
        // qmail-send(8) / qmail-control(5) virtualdomains; the later line for a key wins (constmap).
        VirtualDomains v = VirtualDomains.parse("vd", List.of("tw.company.com:twu", ".company.com:sub",
                "john@tw.company.com:", ":catchall", "tw.company.com:twu2"));
        assertThat(v.lookup("jane@TW.company.com").orElseThrow().prepend()).isEqualTo("twu2");
        assertThat(v.lookup("john@tw.company.com").orElseThrow().exception()).isTrue();
        assertThat(v.lookup("x@a.company.com").orElseThrow().prepend()).isEqualTo("sub");
        assertThat(v.lookup("x@other.org").orElseThrow().prepend()).isEqualTo("catchall");
        assertThat(v.notes()).extracting(QmailNote::toString).containsExactly("vd:1: warning: never used: vd:5 sets"
                + " 'tw.company.com' again, and as in qmail the later line wins");
    }

    @Test
    void hostsAllowPatternsMatchAsHostsAccessSays() {
        // hosts_access(5): a trailing dot makes a prefix; without one the pattern is one whole address.
        HostsAllow h = HostsAllow.parse("/etc/hosts.allow", List.of("tcp-env:1.2.3.4: setenv = RELAYCLIENT",
                "tcp-env:1.2.3: setenv = RELAYCLIENT", "tcp-env: [2001:db8::]/32 10.0.0.0/255.255.0.0 :\\",
                "  setenv RELAYCLIENT"));
        assertThat(h.rules()).hasSize(3);
        assertThat(h.rules().get(0).setenv()).containsEntry("RELAYCLIENT", "");
        assertThat(h.rules().get(2).clients()).containsExactly("[2001:db8::]/32", "10.0.0.0/255.255.0.0");
        assertThat(ClientPattern.translate("1.2.3.4").relayClient()).isEqualTo("1.2.3.4");
        assertThat(ClientPattern.translate("1.2.3.").relayClient()).isEqualTo("1.2.3.");
        assertThat(ClientPattern.translate("1.2.3").matchesNothing()).isTrue();
        assertThat(ClientPattern.translate("10.0.0.0/255.255.0.0").relayClient()).isEqualTo("10.0.0.0/16");
        assertThat(ClientPattern.translate("[2001:db8::]/32").relayClient()).isEqualTo("2001:db8::/32");
        assertThat(ClientPattern.translate("ALL").refusal()).contains("open relay");
        assertThat(ClientPattern.translate(".company.com").ok()).isFalse();
    }
}
