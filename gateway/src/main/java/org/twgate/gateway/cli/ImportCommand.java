package org.twgate.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.twgate.config.ConfigException;
import org.twgate.config.ConfigLoader;
import org.twgate.config.GatewayConfig;
import org.twgate.config.Problem;
import org.twgate.config.migrate.ImportOptions;
import org.twgate.config.migrate.ImportPatch;
import org.twgate.config.migrate.ImportPlan;
import org.twgate.config.migrate.ImportYaml;
import org.twgate.config.migrate.QmailImporter;
import org.twgate.config.migrate.QmailTree;
import org.twgate.config.qmail.QmailNote;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code twgate import}: configurations of other systems, translated. */
@Command(name = "import", mixinStandardHelpOptions = true, subcommands = ImportCommand.Qmail.class,
        description = "Translate another system's configuration into twgate's (see 'twgate import qmail --help').")
final class ImportCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * {@code twgate import qmail}: reads a qmail integration with Teamware in qmail's own files,
     * writes the twgate YAML that delivers the same addresses the same way, prints the qmail side
     * of the change as a patch, and reports {@code file:line: why} for what it left out.
     */
    @Command(name = "qmail", mixinStandardHelpOptions = true,
            description = {"Read a qmail integration with Teamware (control/, users/assign, the .qmail files they "
                    + "lead to, tcp.smtp or hosts.allow, Teamware's to.ini and tombsmtp.ini) and write the twgate "
                    + "configuration that delivers the same addresses to the same places, each entry naming the "
                    + "file:line it came from. Prints the qmail side of the change as a patch to read and apply "
                    + "(it never changes a qmail file) and, on standard error, file:line: why for each part left out.",
                "Exit 0 when the configuration is complete, 1 when parts were left out, 2 when nothing could be read."})
    static final class Qmail implements Callable<Integer> {
        @Option(names = "--root", paramLabel = "DIR", description = "read the qmail host's files under DIR instead of / "
                + "(a copy of them)")
        Path root = Path.of("/");

        @Option(names = "--qmail-dir", paramLabel = "DIR", description = "qmail's directory (default: /var/qmail)")
        String qmailDir = ImportOptions.QMAIL_DIR;

        @Option(names = "--alias-home", paramLabel = "DIR", description = "the alias user's home (default: QMAIL-DIR/alias)")
        String aliasHome;

        @Option(names = "--homes", paramLabel = "DIR", description = "where users' home directories are, for users "
                + "virtualdomains names and users/assign does not (default: /home)")
        String homes = "/home";

        @Option(names = "--teamware-dir", paramLabel = "DIR", description = "Teamware's directory with to.ini and "
                + "tombsmtp.ini (default: /to)")
        String teamwareDir = "/to";

        @Option(names = "--tcp-rules", paramLabel = "FILE", description = "the text source of tcp.smtp.cdb "
                + "(default: /etc/tcp.smtp)")
        String tcpRules = "/etc/tcp.smtp";

        @Option(names = "--hosts-allow", paramLabel = "FILE", description = "tcp_wrappers' hosts.allow, for qmail "
                + "under inetd (default: /etc/hosts.allow)")
        String hostsAllow = "/etc/hosts.allow";

        @Option(names = "--listen", paramLabel = "HOST:PORT", description = "where the configured twgate listens, "
                + "and where the patch makes qmail send (default: 127.0.0.1:2525)")
        String listen = "127.0.0.1:2525";

        @Option(names = "--out", paramLabel = "FILE", description = "write the YAML here (default: standard output; "
                + "the patch then goes to standard error)")
        Path out;

        @Option(names = "--patch", paramLabel = "FILE", description = "write the qmail patch here instead of printing it")
        Path patch;

        /** Where the YAML (without --out), the patch (with --out) and the report go; tests replace them. */
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;

        /** Runs {@code twgate import qmail ARGS} with its output on the given streams (for tests and tools). */
        static int run(PrintStream out, PrintStream err, String... args) {
            Qmail command = new Qmail();
            command.stdout = out;
            command.stderr = err;
            return new picocli.CommandLine(command).setOut(new java.io.PrintWriter(out, true))
                    .setErr(new java.io.PrintWriter(err, true)).execute(args);
        }

        @Override
        public Integer call() {
            ImportOptions options = new ImportOptions(qmailDir, aliasHome != null ? aliasHome : qmailDir + "/alias",
                    homes, teamwareDir, tcpRules, hostsAllow, listen);
            if (!listen.matches(".+:\\d{1,5}")) {
                stderr.println("twgate import qmail: --listen: not HOST:PORT: '" + listen + "'");
                return 2;
            }
            for (Path target : new Path[] {out, patch}) {
                if (target != null && underQmail(target)) {
                    stderr.println("twgate import qmail: refusing to write " + target + " under the qmail directory "
                            + root.resolve(qmailDir.substring(1)));
                    return 2;
                }
            }
            QmailTree tree = new QmailTree(root);
            ImportPlan plan = QmailImporter.run(tree, options);
            PrintStream err = stderr;
            if (plan.filesRead().isEmpty()) {
                plan.notes().forEach(err::println);
                err.println("twgate import qmail: nothing could be read (no " + qmailDir + "/control/me, locals, "
                        + "rcpthosts, virtualdomains, smtproutes or users/assign)");
                return 2;
            }
            String yaml = ImportYaml.render(plan);
            List<String> report = report(plan, verify(yaml));
            String patchText = ImportPatch.render(plan, patchHeader(options, plan));
            try {
                if (out != null) {
                    Files.writeString(out, yaml, StandardCharsets.UTF_8);
                } else {
                    stdout.print(yaml);
                    stdout.flush();
                }
                report.forEach(err::println);
                if (patch != null) {
                    Files.writeString(patch, patchText, StandardCharsets.UTF_8);
                } else if (out != null) {
                    stdout.print(patchText);
                } else {
                    err.print(patchText);
                }
            } catch (IOException e) {
                err.println("twgate import qmail: " + e.getMessage());
                return 2;
            }
            stdout.flush();
            err.flush();
            return plan.leftOut() ? 1 : 0;
        }

        private boolean underQmail(Path target) {
            Path qmail = root.resolve(qmailDir.startsWith("/") ? qmailDir.substring(1) : qmailDir).toAbsolutePath()
                    .normalize();
            return target.toAbsolutePath().normalize().startsWith(qmail);
        }

        /** Loads the YAML as {@code twgate check} would: problems are a bug here; warnings go into the report. */
        private static List<String> verify(String yaml) {
            List<String> lines = new ArrayList<>();
            Path temp = null;
            try {
                temp = Files.createTempFile("twgate-import", ".yaml");
                Files.writeString(temp, yaml, StandardCharsets.UTF_8);
                GatewayConfig loaded = ConfigLoader.load(temp, Map.of());
                for (Problem w : loaded.warnings()) {
                    lines.add(w.toString().replace(temp.toString(), "the written YAML") + " (twgate check)");
                }
            } catch (ConfigException e) {
                for (Problem p : e.problems()) {
                    lines.add("twgate import qmail: BUG: the written YAML does not load: "
                            + p.toString().replace(temp.toString(), "the written YAML"));
                }
            } catch (IOException e) {
                lines.add("twgate import qmail: cannot check the written YAML: " + e.getMessage());
            } finally {
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException ignored) {
                        // a temporary file left in /tmp
                    }
                }
            }
            return lines;
        }

        private static List<String> report(ImportPlan plan, List<String> check) {
            List<String> lines = new ArrayList<>();
            lines.add("twgate import qmail: read " + plan.filesRead().size() + " files");
            plan.notes().forEach(n -> lines.add(n.toString()));
            lines.addAll(check);
            long leftOut = plan.notes().stream().filter(n -> n.kind() == QmailNote.Kind.LEFT_OUT).count();
            int rules = plan.ruleSets().stream().mapToInt(s -> s.rules().size()).sum();
            lines.add("twgate import qmail: " + count(plan.routes().size(), "route") + ", "
                    + count(plan.ruleSets().size(), "rule set") + " (" + count(rules, "rule") + "), "
                    + count(plan.edits().size(), "qmail file") + " to change; "
                    + (leftOut == 0 ? "nothing left out" : leftOut + " parts left out (exit 1)"));
            return lines;
        }

        private static String count(long n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }

        private static List<String> patchHeader(ImportOptions o, ImportPlan plan) {
            List<String> h = new ArrayList<>();
            h.add("The qmail side of `twgate import qmail`: qmail hands the Teamware addresses to twgate unchanged,");
            h.add("twgate does the rewriting and delivery the replaced lines did. Read it, then on the qmail host:");
            h.add("  1. start twgate with the imported configuration (it listens on " + o.listen() + ");");
            h.add("  2. install twgate's deploy/qmail/twgate-qmail-remote as " + o.qmailDir()
                    + "/bin/twgate-qmail-remote, mode 755:");
            h.add("     qmail-remote always exits 0 (qmail-remote(8)), so in a .qmail line qmail-local would count a");
            h.add("     message twgate refused, or could not take, as delivered; the wrapper exits as qmail-command(8) asks;");
            h.add("  3. cd / && patch -p1 < THIS-FILE   (the paths are relative to /)");
            h.add("and follow the note above each file.");
            if (plan.edits().isEmpty()) {
                h.add("Nothing to change in qmail.");
            }
            return h;
        }
    }
}
