package org.twgate.gateway.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The variables of a pipe route's command line as qmail-command(8) defines them for the
 * {@code .qmail} file the route stands for (the seeds' torecvm lines).
 */
class PipeCommandTest {
    private static final List<String> SEED_412 =
            List.of("/usr/bin/torecvm", "-d/to/smtp", "-pA", "-f$SENDER", "-r$DEFAULT@$HOST");

    @Test
    void withoutARuleDefaultAndExtAreTheWholeLocalPartAsForAliasDotQmailDefault() {
        // seed 4.1.2: virtualdomains tw.company.com:twu, ~twu/.qmail-default: -r"$DEFAULT"@"$HOST"
        PipeCommand command = new PipeCommand(SEED_412);
        assertThat(command.argv("mary@internet.example", List.of("john@tw.company.com")))
                .containsExactly("/usr/bin/torecvm", "-d/to/smtp", "-pA", "-fmary@internet.example",
                        "-rjohn@tw.company.com");
        assertThat(command.variables("", "John.Woo@tw.company.com")).containsEntry("EXT", "John.Woo")
                .containsEntry("DEFAULT", "John.Woo").containsEntry("LOCAL", "John.Woo")
                .containsEntry("SENDER", "");
    }

    @Test
    void theRoutesMatchingRuleGivesExtAndDefaultPerAddress() {
        // seed 4.1.3: users/assign +tw.:twu:…:-::, ~twu/.qmail-default: -r"$DEFAULT"@tw.company.com
        PipeCommand command = new PipeCommand(List.of("/usr/bin/torecvm", "-r$DEFAULT@tw.company.com", "-x$EXT"))
                .withExtensions(Map.of("tw.john@company.com", new PipeCommand.Extension("john", "john"),
                        "root@company.com", new PipeCommand.Extension("root", "")));
        assertThat(command.argv("a@b.c", List.of("tw.john@company.com", "root@company.com")))
                .containsExactly("/usr/bin/torecvm", "-rjohn@tw.company.com", "-r@tw.company.com", "-xjohn",
                        "-xroot");
    }
}
