package org.twgate.rewrite.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Misconfigurations are refused when the rule is added, naming the rule and its source. */
class RuleSetConfigErrorsTest {
    private static final GoldenRules.Source LINE_7 = new GoldenRules.Source("twgate.yaml", 7);

    private static RewriteConfigException refused(RuleSet.Builder b, RuleSpec spec) {
        return catchThrowableOfType(RewriteConfigException.class, () -> b.add(spec, LINE_7));
    }

    @Test
    void unknownVariableIsNamedWithTheKnownOnes() {
        RewriteConfigException e = refused(RuleSet.builder("in"),
                new RuleSpec("r1", Match.domain("company.com"), "$EXT2@tw.company.com"));
        assertThat(e.getMessage()).isEqualTo("rule r1: template \"$EXT2@tw.company.com\": unknown variable $EXT2"
                + " (known: $LOCAL, $HOST, $DEFAULT, $EXT, $SENDER, $RECIPIENT)");
        assertThat(e.source()).isEqualTo(LINE_7);
        assertThat(e.ruleId()).isEqualTo("r1");
        assertThat(e.describe()).startsWith("twgate.yaml:7: rule r1: ");
    }

    @Test
    void defaultForNamedLocalPartsIsRefusedAsQmailSetsNoneForANonDefaultFile() {
        assertThat(refused(RuleSet.builder("in"), new RuleSpec("r", Match.localParts(List.of("root"), "company.com"),
                "$DEFAULT@x.org"))).hasMessageContaining("$DEFAULT is only set by a prefix, suffix or domain match"
                + " (a .qmail-default file), not by local parts root at company.com (use $EXT or $LOCAL)");
    }

    @Test
    void aRefusalNeedsOneLineOfText() {
        assertThat(refused(RuleSet.builder("in"), RuleSpec.refusing("r", Match.domain("company.com"), "a\nb")))
                .hasMessageContaining("a refusal needs one line of text");
        assertThatThrownBy(() -> new RuleSpec("r", Match.domain("x.org"), "$LOCAL@y.org", "no"))
                .hasMessageContaining("exactly one of a result template, a refusal or a route");
    }

    @Test
    void templatesThatCannotGiveAValidAddressAreRefused() {
        RuleSet.Builder b = RuleSet.builder("in");
        Match m = Match.domain("company.com");
        assertThat(refused(b, new RuleSpec("a", m, "$LOCAL.@tw.company.com")))
                .hasMessageContaining("produces an invalid local part \"a.\"");
        assertThat(refused(b, new RuleSpec("b", m, "$LOCAL@tw..company.com")))
                .hasMessageContaining("produces an invalid domain \"tw..company.com\": empty label");
        assertThat(refused(b, new RuleSpec("c", m, "$LOCAL")))
                .hasMessageContaining("has no '@'");
        assertThat(refused(b, new RuleSpec("d", m, "$LOCAL@a@b.org")))
                .hasMessageContaining("more than one '@'");
        assertThat(refused(b, new RuleSpec("e", m, "john doe@x.org")))
                .hasMessageContaining("invalid local part \"john doe\"");
        assertThat(refused(b, new RuleSpec("f", m, "$SENDER.x@y.org")))
                .hasMessageContaining("$SENDER stands for a whole address");
        assertThat(refused(b, new RuleSpec("g", m, "$ @y.org")))
                .hasMessageContaining("'$' at offset 0 is not followed by a variable name");
        assertThat(refused(b, new RuleSpec("h", m, "${LOCAL@y.org")))
                .hasMessageContaining("'${LOCAL' is not closed");
    }

    @Test
    void shellQuotesAndBracedVariablesAreAccepted() {
        RuleSet rules = RuleSet.builder("in")
                .add(new RuleSpec("a", Match.domain("company.com"), "\"$LOCAL\".tw@twsrv.\"${HOST}\""), LINE_7)
                .build();
        assertThat(rules.rules().get(0).description())
                .isEqualTo("domain company.com -> \"$LOCAL\".tw@twsrv.\"${HOST}\"");
    }

    @Test
    void everyRuleAfterACatchAllIsRefused() {
        RuleSet.Builder b = RuleSet.builder("in")
                .add(new RuleSpec("all", Match.domain("*"), "$LOCAL@relay.example"), new GoldenRules.Source("f", 1));
        assertThat(refused(b, new RuleSpec("late", Match.exact("root@company.com"), "admin@company.com")))
                .hasMessage("rule late (address root@company.com) can never match: earlier rule all (any address)"
                        + " at f:1 already matches every such address");
    }

    @Test
    void rulesShadowedByAnEarlierBroaderOrIdenticalMatchAreRefused() {
        RuleSet.Builder b = RuleSet.builder("in")
                .add(new RuleSpec("dom", Match.domain(".company.com"), "$LOCAL@x.org"))
                .add(new RuleSpec("pre", Match.prefix("tw", "other.com"), "$DEFAULT@x.org"))
                .add(new RuleSpec("suf", Match.suffix(".tw", "*"), "$DEFAULT@x.org"))
                .add(new RuleSpec("list", Match.localParts(List.of("root", "postmaster"), "other.com"), "a@x.org"));
        assertThat(refused(b, new RuleSpec("sub", Match.domain("a.b.company.com"), "$LOCAL@y.org")))
                .hasMessageContaining("earlier rule dom");
        assertThat(refused(b, new RuleSpec("longer-prefix", Match.prefix("TW.", "other.com"), "$DEFAULT@y.org")))
                .hasMessageContaining("earlier rule pre");
        assertThat(refused(b, new RuleSpec("longer-suffix", Match.suffix("x.tw", "other.com"), "$DEFAULT@y.org")))
                .hasMessageContaining("earlier rule suf");
        assertThat(refused(b, new RuleSpec("again", Match.exact("Postmaster@OTHER.com"), "b@y.org")))
                .hasMessageContaining("local part \"Postmaster\" of rule again").hasMessageContaining("earlier rule list");
        assertThat(refused(b, new RuleSpec("by-prefix", Match.localParts(List.of("ok", "twin"), "other.com"), "b@y.org")))
                .hasMessageContaining("local part \"twin\"").hasMessageContaining("earlier rule pre");
        // not shadowed: the bare domain is not a subdomain; "tw" itself leaves no $DEFAULT for the prefix
        b.add(new RuleSpec("bare", Match.domain("company.com"), "$LOCAL@y.org"));
        b.add(new RuleSpec("exact-tw", Match.exact("tw@other.com"), "b@y.org"));
        assertThat(b.build().rules()).hasSize(6);
    }

    @Test
    void invalidMatchPiecesAreRefusedQuotingThem() {
        assertThatThrownBy(() -> Match.domain("company..com"))
                .hasMessage("invalid domain pattern \"company..com\": empty label in domain");
        assertThatThrownBy(() -> Match.prefix("", "company.com")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Match.localParts(List.of("ro\not"), null))
                .hasMessageContaining("\"ro\\not\"").hasMessageContaining("control character");
    }
}
