package org.twgate.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The twgate command line. */
@Command(name = "twgate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "SMTP gateway between qmail and the Teamware Office Connector for MIME.",
        subcommands = {RunCommand.class, CheckCommand.class, QueueCommand.class, AddressCommand.class, ReloadCommand.class,
            ImportCommand.class,
            CommandLine.HelpCommand.class})
public final class Twgate implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new Twgate()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
