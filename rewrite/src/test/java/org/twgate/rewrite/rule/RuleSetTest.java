package org.twgate.rewrite.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.twgate.rewrite.address.EmailAddress;
import org.twgate.rewrite.address.ReversePath;

class RuleSetTest {

    private static EmailAddress a(String s) {
        return EmailAddress.parse(s);
    }

    @Test
    void aRewrittenAddressIsNeverFedBackIntoTheRuleSet() {
        RuleSet rules = RuleSet.builder("loop")
                .add(new RuleSpec("there", Match.domain("company.com"), "$LOCAL@tw.company.com"))
                .add(new RuleSpec("back", Match.domain("tw.company.com"), "$LOCAL@company.com"))
                .build();
        RewriteResult r = rules.rewrite(a("john@company.com"));
        assertThat(r.address()).hasToString("john@tw.company.com");
        assertThat(((RewriteResult.Rewritten) r).rule().id()).isEqualTo("there");
    }

    @Test
    void resultCarriesRuleSourceAndOriginalForOrcpt() {
        Object source = new GoldenRules.Source("routes.yaml", 12);
        RuleSet rules = RuleSet.builder("in")
                .add(new RuleSpec("qmail-users", Match.prefix("tw.", "company.com"), "$DEFAULT@tw.company.com"), source)
                .build();
        RewriteResult.Rewritten r = (RewriteResult.Rewritten) rules.rewrite(a("tw.john@company.com"));
        assertThat(r.original()).hasToString("tw.john@company.com");
        assertThat(r.rewritten()).hasToString("john@tw.company.com");
        assertThat(r.rule().source()).isSameAs(source);
        assertThat(r.rule().index()).isZero();
        assertThat(r.changesAddress()).isTrue();
        assertThat(rules.match(a("john@company.com"))).isEmpty();
    }

    @Test
    void aResultTooLongToCarryFailsAndKeepsTheOriginal() {
        RuleSet rules = RuleSet.builder("in")
                .add(new RuleSpec("grow", Match.domain("company.com"), "$LOCAL.teamware.gateway@tw.company.com"))
                .build();
        EmailAddress longLocal = a("a".repeat(60) + "@company.com");
        RewriteResult r = rules.rewrite(longLocal);
        assertThat(r).isInstanceOf(RewriteResult.Failed.class);
        assertThat(r.address()).isSameAs(longLocal);
        assertThat(((RewriteResult.Failed) r).reason()).contains("longer than 64 octets");
    }

    @Test
    void senderVariableTakesTheEnvelopeSender() {
        RuleSet rules = RuleSet.builder("in")
                .add(new RuleSpec("to-sender", Match.exact("bounce@company.com"), "$SENDER"))
                .build();
        assertThat(rules.rewrite(a("bounce@company.com"), ReversePath.parse("<peter@other.com>")).address())
                .hasToString("peter@other.com");
        ReversePath.Mailbox sender = (ReversePath.Mailbox) ReversePath.parse("<bounce@COMPANY.com>");
        assertThat(rules.rewriteSender(sender).address()).hasToString("bounce@COMPANY.com");
    }

    @Test
    void localPartMatchesIgnoreCaseButTheResultKeepsIt() {
        RuleSet rules = RuleSet.builder("in")
                .add(new RuleSpec("suffix", Match.suffix(".TW", "Company.com"), "$DEFAULT@tw.$HOST"))
                .build();
        assertThat(rules.rewrite(a("John.Woo.tw@COMPANY.COM")).address()).hasToString("John.Woo@tw.COMPANY.COM");
    }

    @Test
    void tenThousandRulesOfEveryKindAgreeWithALinearScan() {
        RuleSet rules = SyntheticRules.mixed(10_000);
        List<EmailAddress> probes = SyntheticRules.probes(2_000, 42);
        int matched = 0;
        for (EmailAddress p : probes) {
            Rule linear = rules.rules().stream().filter(r -> r.matches(p)).findFirst().orElse(null);
            assertThat(rules.match(p).orElse(null)).as("first rule for %s", p).isSameAs(linear);
            matched += linear == null ? 0 : 1;
        }
        assertThat(matched).as("probes that matched some rule").isBetween(1_400, 1_999);
    }

    /** qmail-command(8): $EXT and $DEFAULT as qmail-local sets them for the .qmail file each match stands for. */
    @Test
    void extAndDefaultKeepQmailCommandsMeaningForEachKindOfMatch() {
        RuleSet rules = RuleSet.builder("in")
                // ~alias/.qmail-root: EXT is the local part
                .add(new RuleSpec("root", Match.localParts(List.of("root"), "company.com"), "$EXT.admin@$HOST"))
                // users/assign +tw. with ~twu/.qmail-default: EXT and DEFAULT are the rest after tw.
                .add(new RuleSpec("users", Match.prefix("tw.", "company.com"), "$EXT-$DEFAULT@tw.company.com"))
                // ~alias/.qmail-default, or virtualdomains tw.company.com:twu with ~twu/.qmail-default
                .add(new RuleSpec("alias", Match.domain("company.com"), "\"$DEFAULT\"@\"$HOST\""))
                .add(new RuleSpec("vdom", Match.domain("tw.company.com"), "$EXT@$HOST"))
                .build();
        assertThat(rules.rewrite(a("Root@company.com")).address()).hasToString("Root.admin@company.com");
        assertThat(rules.rewrite(a("TW.John@Company.COM")).address()).hasToString("John-John@tw.company.com");
        assertThat(rules.rewrite(a("jane.doe@company.com")).address()).hasToString("jane.doe@company.com");
        assertThat(rules.rewrite(a("john@TW.company.com")).address()).hasToString("john@TW.company.com");
    }

    @Test
    void aRefusingRuleRefusesWhatItMatchesAndNamesItself() {
        RuleSet rules = RuleSet.builder("twu")
                .add(new RuleSpec("users", Match.prefix("tw.", "company.com"), "$DEFAULT@tw.company.com"))
                .add(RuleSpec.refusing("others", Match.domain("company.com"), "no mailbox here by that name"))
                .build();
        assertThat(rules.rewrite(a("tw.john@company.com")).address()).hasToString("john@tw.company.com");
        RewriteResult r = rules.rewrite(a("john@company.com"));
        assertThat(r).isInstanceOf(RewriteResult.Refused.class);
        assertThat(((RewriteResult.Refused) r).reason()).isEqualTo("no mailbox here by that name");
        assertThat(r.address()).hasToString("john@company.com");
        assertThat(rules.rules().get(1).description()).isEqualTo("domain company.com refused: no mailbox here by that name");
        assertThat(rules.rewrite(a("john@other.org"))).isInstanceOf(RewriteResult.Unchanged.class);
    }

    @Test
    void aRouteRuleHandsTheAddressUnchangedToTheNamedRoute() {
        RuleSet rules = RuleSet.builder("company.com")
                .add(new RuleSpec("users", Match.prefix("tw.", "company.com"), "$DEFAULT@tw.company.com"))
                .add(RuleSpec.passing("qmail-keeps", Match.domain("company.com"), "qmail"))
                .build();
        RewriteResult r = rules.rewrite(a("johnw@company.com"));
        assertThat(r).isInstanceOf(RewriteResult.Passed.class);
        assertThat(((RewriteResult.Passed) r).route()).isEqualTo("qmail");
        assertThat(r.address()).hasToString("johnw@company.com");
        assertThat(rules.rules().get(1).description()).isEqualTo("domain company.com to route qmail");
    }
}
