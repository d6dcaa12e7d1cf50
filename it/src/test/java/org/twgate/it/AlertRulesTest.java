package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * deploy/prometheus/alerts.yml: valid for promtool, its unit tests (alerts-test.yml) pass, every
 * alert waits with a for:, has a severity, and a runbook pointing at a README section that exists.
 * That each expression finds series on a real twgate is PrometheusDashboardTest's part.
 */
class AlertRulesTest {
    private static final Path ROOT = Path.of(System.getProperty("twgate.root", ".."));
    private static final Path RULES = ROOT.resolve("deploy/prometheus/alerts.yml");

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        String promtool = Commands.require("promtool", "prometheus");
        assertThat(Commands.run(Duration.ofMinutes(1), promtool, "check", "rules", RULES.toString()).ok().output())
                .contains("SUCCESS: 8 rules found");
        assertThat(Commands.run(Duration.ofMinutes(2), promtool, "test", "rules",
                ROOT.resolve("deploy/prometheus/alerts-test.yml").toString()).ok().output()).contains("SUCCESS");
    }

    @Test
    void everyAlertWaitsHasASeverityAndARunbookInTheReadme() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Set<String> anchors = readme.lines().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
        String tests = Files.readString(ROOT.resolve("deploy/prometheus/alerts-test.yml"));
        AlertRules rules = AlertRules.read(RULES);
        assertThat(rules.rules()).extracting(AlertRules.Rule::alert).containsExactly("TwgateDown", "TwgateNotReady",
                "TwgateSpoolFull", "TwgateSpoolFillingUp", "TwgateQueueGrowing", "TwgateOldestMessageTooOld",
                "TwgateRouteFailing", "TwgateReportsUndeliverable");
        for (AlertRules.Rule rule : rules.rules()) {
            assertThat(rule.forDuration()).as("for: of %s", rule.alert()).matches("\\d+[smh]");
            assertThat(rule.labels()).as("labels of %s", rule.alert()).containsKey("severity");
            assertThat(rule.annotations()).as("annotations of %s", rule.alert()).containsKeys("summary", "description");
            String runbook = rule.annotations().get("runbook");
            assertThat(runbook).as("runbook of %s", rule.alert()).isEqualTo("README.md#" + rule.alert().toLowerCase());
            assertThat(anchors).as("README section for %s", runbook).contains(runbook.substring("README.md#".length()));
            assertThat(tests).as("a firing case of %s in alerts-test.yml", rule.alert())
                    .containsPattern("alertname: " + rule.alert() + "\\n\\s+eval_time: \\w+\\n\\s+exp_alerts:\\n\\s+- exp_labels");
        }
    }

    @Test
    void thresholdsBecomeBoolComparisonsOutsideLabelMatchers() {
        assertThat(AlertRules.withoutThresholds("up{job=\"twgate\"} == 0")).isEqualTo("up{job=\"twgate\"} == bool 0");
        assertThat(AlertRules.withoutThresholds("a{r!=\"x\",o=~\"d|f\"} / b > 0.5 and c <= 3"))
                .isEqualTo("a{r!=\"x\",o=~\"d|f\"} / b > bool 0.5 and c <= bool 3");
        assertThat(AlertRules.withoutThresholds("x >= bool 1")).isEqualTo("x >= bool 1");
    }
}
