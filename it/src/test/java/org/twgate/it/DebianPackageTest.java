package org.twgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.twgate.testkit.Await;
import org.twgate.testkit.RecordedTransaction;
import org.twgate.testkit.RecordingSmtpServer;
import org.twgate.testkit.SmtpTranscript;

/**
 * The .deb built by this build, on this Debian, for real (as root): lintian, dpkg -i, the
 * installed systemd unit verified by systemd-analyze and its commands run as its user in its
 * sandbox, the shipped daemontools service under svscan/supervise/multilog and the runit one
 * under runsv/svlogd, an upgrade over itself, dpkg -r (spool and conffiles kept) and dpkg -P
 * (gone; the twgate user stays, as Debian policy advises). The steps run in order on one
 * installation; the package is purged at the end whatever happened.
 *
 * <p>A twgate package installed before the test, not by an earlier run of it, makes the test
 * fail rather than purge someone's installation; one left by an interrupted run (marker file
 * {@value #MARKER}) is purged first, so the test can run twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebianPackageTest {
    static final String MARKER = "/var/tmp/twgate-it-installed-the-package";
    private static final Path CONFIG = Path.of("/etc/twgate/twgate.yaml");
    private static final Path SPOOL = Path.of("/var/spool/twgate");
    private static final Path LOGS = Path.of("/var/log/twgate");
    private static final Path UNIT = Path.of("/lib/systemd/system/twgate.service");
    private static final Duration DPKG = Duration.ofMinutes(3);

    @TempDir
    Path dir;
    Path deb;
    RecordingSmtpServer connector;
    volatile boolean connectorDefers;
    int smtpPort;
    int metricsPort;
    final List<Process> started = new ArrayList<>();
    /** The package, its user, /etc/twgate and /var/spool/twgate are one per machine: two builds on one machine take turns. */
    java.nio.channels.FileChannel machineLock;

    @BeforeAll
    void findThePackageAndClearLeftovers() throws Exception {
        machineLock = java.nio.channels.FileChannel.open(Path.of("/tmp/twgate-package-test.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
        machineLock.lock(); // waits for another build's package test on this machine; released when the channel closes
        assertThat(Commands.run(Duration.ofSeconds(10), "id", "-u").ok().output().strip())
                .as("the package tests install a package: run as root").isEqualTo("0");
        for (String[] tool : new String[][] {{"dpkg", "dpkg"}, {"lintian", "lintian"},
                {"systemd-analyze", "systemd"}, {"svscan", "daemontools"}, {"runsv", "runit"},
                {"unshare", "util-linux"}, {"setpriv", "util-linux"}}) {
            Commands.require(tool[0], tool[1]);
        }
        Path debDir = Path.of(System.getProperty("twgate.debdir", "../packaging/target"));
        try (Stream<Path> files = Files.list(debDir)) {
            List<Path> debs = files.filter(f -> f.getFileName().toString().matches("twgate_.*_all\\.deb")).toList();
            assertThat(debs).as(".deb built by the packaging module in %s", debDir).hasSize(1);
            deb = debs.get(0);
        }
        if (installed()) {
            assertThat(Path.of(MARKER)).as("twgate is installed on this machine, and not by this test: it would "
                    + "purge it. Run the test elsewhere, or dpkg -P twgate first").exists();
            purge();
        }
        connector = RecordingSmtpServer.start()
                .onRcpt(address -> connectorDefers ? "451 4.3.0 connector busy" : "250 2.1.5 ok");
        smtpPort = TwgateProcess.freePort();
        metricsPort = TwgateProcess.freePort();
    }

    @AfterAll
    void purgeWhateverHappened() throws Exception {
        try {
            for (Process p : started) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            if (installed()) {
                purge();
            }
        } finally {
            if (connector != null) {
                connector.close();
            }
            if (machineLock != null) {
                machineLock.close();
            }
        }
    }

    @Test
    @Order(1)
    void lintianFindsNoErrors() throws Exception {
        Commands.Result lintian = Commands.run(Duration.ofMinutes(5), "lintian", "--fail-on", "error",
                "--tag-display-limit", "0", deb.toString());
        System.out.println("lintian " + deb.getFileName() + ":\n" + lintian.output());
        assertThat(lintian.output().lines()).as("lintian").noneMatch(l -> l.startsWith("E: "));
        lintian.ok();
    }

    @Test
    @Order(2)
    void installCreatesTheUserTheSpoolAndTheConffiles() throws Exception {
        Files.writeString(Path.of(MARKER), deb + "\n");
        Commands.run(DPKG, "dpkg", "-i", deb.toString()).ok();

        String passwd = Commands.run(Duration.ofSeconds(10), "getent", "passwd", "twgate").ok().output().strip();
        assertThat(passwd.split(":")).as("twgate's passwd entry").satisfies(f -> {
            assertThat(Integer.parseInt(f[2])).as("a system uid").isLessThan(1000);
            assertThat(f[5]).isEqualTo("/var/spool/twgate");
            assertThat(f[6]).isEqualTo("/usr/sbin/nologin");
        });
        assertOwnedByTwgate(SPOOL, "rwxr-x---");
        assertOwnedByTwgate(LOGS, "rwxr-x---");
        assertThat(Commands.run(Duration.ofSeconds(10), "dpkg-query", "-W", "-f=${Conffiles}", "twgate").ok().output())
                .contains("/etc/twgate/twgate.yaml").contains("/etc/default/twgate");
        assertThat(Files.readString(CONFIG)).contains("directory: /var/spool/twgate");
        assertThat(Commands.run(Duration.ofSeconds(30), "/usr/bin/twgate", "--version").ok().output().strip())
                .isEqualTo("twgate " + System.getProperty("twgate.version"));
        // Without --config the launcher's commands read /etc/twgate/twgate.yaml.
        assertThat(Commands.run(Duration.ofSeconds(30), "/usr/bin/twgate", "check").ok().output())
                .startsWith("configuration: /etc/twgate/twgate.yaml").contains("/var/spool/twgate");
        assertThat(Commands.run(Duration.ofSeconds(10), "man", "-w", "8", "twgate").ok().output().strip())
                .isEqualTo("/usr/share/man/man8/twgate.8.gz");
        for (String shipped : List.of("/usr/share/twgate/daemontools/run", "/usr/share/twgate/daemontools/log/run",
                "/usr/share/twgate/runit/run", "/usr/share/twgate/runit/log/run", "/usr/libexec/twgate/wait-ready")) {
            assertThat(Path.of(shipped)).as(shipped).isExecutable();
        }
    }

    @Test
    @Order(3)
    void systemdAnalyzeAcceptsTheInstalledUnit() throws Exception {
        Commands.Result verify = Commands.run(Duration.ofMinutes(1), "systemd-analyze", "verify", UNIT.toString());
        assertThat(verify.output()).as("systemd-analyze verify %s", UNIT).isEmpty();
        verify.ok();

        SystemdUnit unit = SystemdUnit.read(UNIT);
        assertThat(unit.get("User")).isEqualTo("twgate");
        assertThat(unit.get("Type")).isEqualTo("simple");
        assertThat(unit.command("ExecStart")).containsExactly("/usr/bin/twgate", "run", "--config", CONFIG.toString());
        assertThat(unit.command("ExecReload")).containsExactly("/usr/bin/twgate", "reload", "--config", CONFIG.toString());
        assertThat(unit.command("ExecStartPost")).startsWith("/usr/libexec/twgate/wait-ready", CONFIG.toString());
        assertThat(unit.get("Restart")).isEqualTo("on-failure");
        assertThat(unit.get("ReadWritePaths")).isEqualTo(SPOOL.toString());
        assertThat(unit.get("NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.get("AmbientCapabilities")).as("no capability unless port 25 is configured").isEmpty();
        // Above the shutdown grace plus the queue's stop (10s).
        long grace = org.twgate.config.ConfigLoader.load(CONFIG, java.util.Map.of()).server().shutdownGrace().toSeconds();
        assertThat(Long.parseLong(unit.get("TimeoutStopSec").replace("s", ""))).isGreaterThan(grace + 10);
    }

    @Test
    @Order(4)
    void theUnitsCommandsStartRelayReloadAndStopItAsTwgateInItsSandbox() throws Exception {
        configure();
        SystemdUnit unit = SystemdUnit.read(UNIT);
        Path log = dir.resolve("journal.log");
        Process main = new ProcessBuilder(unit.sandboxed(unit.command("ExecStart")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(main);
        Commands.run(Duration.ofMinutes(2), unit.sandboxed(unit.command("ExecStartPost"))).ok();
        assertThat(main.isAlive()).as("ExecStart still running; output: %s", Files.readString(log)).isTrue();
        assertThat(javaProcessUser(main.pid())).isEqualTo("twgate");

        send("unit-1");
        connector.awaitMessages(1, Duration.ofSeconds(30));

        assertThat(Commands.run(Duration.ofMinutes(1), unit.sandboxed(unit.command("ExecReload"))).ok().output())
                .startsWith("reloaded " + CONFIG);

        main.destroy(); // SIGTERM, as systemctl stop sends (KillSignal default)
        long stopWithin = Long.parseLong(unit.get("TimeoutStopSec").replace("s", ""));
        assertThat(main.waitFor(stopWithin, TimeUnit.SECONDS)).as("stopped within TimeoutStopSec").isTrue();
        assertThat(unit.get("SuccessExitStatus").split("\\s+")).as("exit status %s counts as success", main.exitValue())
                .contains(String.valueOf(main.exitValue()));
        assertThat(Files.readString(log)).contains("event=started").contains("event=reloaded").contains("event=stopped");
        assertThat(queued()).as("delivered, nothing left queued").isEmpty();
    }

    @Test
    @Order(5)
    void superviseRunsTheShippedServiceReloadsOnSvcHAndStopsOnSvcDWithNothingLost() throws Exception {
        Path scan = Files.createDirectories(dir.resolve("svscan"));
        Path service = scan.resolve("twgate");
        Commands.run(Duration.ofSeconds(30), "cp", "-a", "/usr/share/twgate/daemontools", service.toString()).ok();
        Process svscan = new ProcessBuilder(withDefaultSignals("svscan", scan.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("svscan.out").toFile()).start();
        started.add(svscan);
        try {
            awaitReady();
            connectorDefers = true;
            int before = connector.transactions().size();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add("supervise-" + i);
                send(ids.get(i));
            }
            Await.until("5 messages queued", Duration.ofSeconds(30), () -> queued().size() == 5);

            Commands.run(Duration.ofSeconds(10), "svc", "-h", service.toString()).ok();
            Await.until("event=reloaded in /var/log/twgate/current", Duration.ofSeconds(30),
                    () -> multilog().contains("event=reloaded"));

            Commands.run(Duration.ofSeconds(10), "svc", "-d", service.toString()).ok();
            Await.until("twgate down", Duration.ofSeconds(60), () -> svstat(service).contains(": down"));
            assertThat(multilog()).contains("event=stopped");
            assertThat(queued()).as("still queued while stopped").hasSize(5);

            connectorDefers = false;
            Commands.run(Duration.ofSeconds(10), "svc", "-u", service.toString()).ok();
            List<RecordedTransaction> all = connector.awaitMessages(before + 5, Duration.ofSeconds(60));
            assertThat(all.subList(before, all.size()).stream().map(DebianPackageTest::subject))
                    .as("each queued message delivered once after the restart").containsExactlyInAnyOrderElementsOf(ids);
            Await.until("queue empty", Duration.ofSeconds(30), () -> queued().isEmpty());

            // multilog t: a TAI64N stamp, a blank, then twgate's logfmt line as written.
            assertThat(multilog().lines().filter(l -> l.contains("event=started")))
                    .isNotEmpty()
                    .allMatch(l -> l.matches("@4[0-9a-f]{23} \\d{4}-\\d\\d-\\d\\dT\\S+ level=INFO logger=\\S+ event=started .*"));
        } finally {
            svscan.destroy(); // first, or it restarts the supervise processes told to exit
            svscan.waitFor(30, TimeUnit.SECONDS);
            Commands.run(Duration.ofSeconds(10), "svc", "-dx", service.toString(), service.resolve("log").toString());
            Await.until("supervise of twgate and of its log gone", Duration.ofSeconds(60),
                    () -> svstat(service).contains("supervise not running")
                            && svstat(service.resolve("log")).contains("supervise not running"));
        }
    }

    @Test
    @Order(6)
    void runsvRunsTheShippedServiceReloadsOnSvHupAndStopsOnSvDown() throws Exception {
        Path service = dir.resolve("runit-twgate");
        Commands.run(Duration.ofSeconds(30), "cp", "-a", "/usr/share/twgate/runit", service.toString()).ok();
        Process runsv = new ProcessBuilder(withDefaultSignals("runsv", service.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("runsv.out").toFile()).start();
        started.add(runsv);
        try {
            awaitReady();
            int before = connector.transactions().size();
            send("runit-1");
            connector.awaitMessages(before + 1, Duration.ofSeconds(30));
            long reloadsBefore = countInLog("event=reloaded");
            Commands.run(Duration.ofSeconds(10), "sv", "hup", service.toString()).ok();
            Await.until("event=reloaded logged by svlogd", Duration.ofSeconds(30),
                    () -> countInLog("event=reloaded") > reloadsBefore);
            Commands.run(Duration.ofSeconds(60), "sv", "-w", "45", "down", service.toString()).ok();
            assertThat(Commands.run(Duration.ofSeconds(10), "sv", "status", service.toString()).output()).startsWith("down:");
        } finally {
            Commands.run(Duration.ofSeconds(60), "sv", "-w", "45", "exit", service.toString());
            runsv.waitFor(60, TimeUnit.SECONDS);
            runsv.destroyForcibly();
        }
    }

    @Test
    @Order(7)
    void reinstallingOverItselfKeepsTheChangedConfigurationAndTheSpool() throws Exception {
        String changed = Files.readString(CONFIG);
        Path kept = Files.writeString(SPOOL.resolve("kept-by-upgrade"), "x");
        Commands.run(DPKG, "dpkg", "-i", deb.toString()).ok();
        assertThat(Files.readString(CONFIG)).as("the administrator's conffile").isEqualTo(changed);
        assertThat(kept).exists();
        assertOwnedByTwgate(SPOOL, "rwxr-x---");
    }

    @Test
    @Order(8)
    void removeKeepsTheSpoolAndTheConffiles() throws Exception {
        String changed = Files.readString(CONFIG);
        Commands.run(DPKG, "dpkg", "-r", "twgate").ok();
        assertThat(Path.of("/usr/bin/twgate")).doesNotExist();
        assertThat(Path.of("/usr/share/twgate")).doesNotExist();
        assertThat(Files.readString(CONFIG)).isEqualTo(changed);
        assertThat(Path.of("/etc/default/twgate")).exists();
        assertThat(SPOOL.resolve("kept-by-upgrade")).exists();
        assertThat(Commands.run(Duration.ofSeconds(10), "dpkg-query", "-W", "-f=${db:Status-Abbrev}", "twgate")
                .output().strip()).isEqualTo("rc");
    }

    @Test
    @Order(9)
    void purgeRemovesThemAndLeavesTheUserAsPolicyAdvises() throws Exception {
        purge();
        for (Path gone : List.of(CONFIG.getParent(), Path.of("/etc/default/twgate"), SPOOL, LOGS)) {
            assertThat(gone).as("after dpkg -P").doesNotExist();
        }
        assertThat(installed()).isFalse();
        assertThat(Commands.run(Duration.ofSeconds(10), "getent", "passwd", "twgate").exit())
                .as("the twgate user stays (Debian policy 9.2.2: removing it could leave files owned by a reused uid)")
                .isZero();
    }

    // --- helpers ---

    /** The administrator's edit: ephemeral loopback ports, the recording connector, quick retries. */
    private void configure() throws IOException {
        Files.writeString(CONFIG, String.join("\n",
                "# changed by it/DebianPackageTest",
                "server:",
                "  listen: [\"127.0.0.1:" + smtpPort + "\"]",
                "  hostname: gw.test",
                "spool:",
                "  directory: /var/spool/twgate",
                "  retry_initial: 500ms",
                "  retry_max: 1s",
                "metrics:",
                "  listen: 127.0.0.1:" + metricsPort,
                "routes:",
                "  - smtproutes: \":[127.0.0.1]:" + connector.port() + "\"",
                "    name: connector",
                "    final: true",
                ""));
    }

    private void send(String subject) throws IOException {
        try (SmtpTranscript t = new SmtpTranscript(new InetSocketAddress("127.0.0.1", smtpPort))) {
            t.expect("220");
            t.send("HELO qmail.company.com\r\n").expect("250");
            t.send("MAIL FROM:<john@company.com>\r\n").expect("250");
            t.send("RCPT TO:<jane@tw.company.com>\r\n").expect("250");
            t.send("DATA\r\n").expect("354");
            t.send("Subject: " + subject + "\r\n\r\nbody\r\n.\r\n").expect("250 2.0.0");
            t.send("QUIT\r\n").expect("221");
        }
    }

    private static String subject(RecordedTransaction t) {
        return t.text().lines().filter(l -> l.startsWith("Subject: ")).findFirst().orElse("").substring(9);
    }

    private void awaitReady() {
        Await.until("twgate ready on its metrics port", Duration.ofSeconds(60), () -> {
            try {
                return Scrape.get(new InetSocketAddress("127.0.0.1", metricsPort), "/health/ready").statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /**
     * Queued messages: files of queue/ sealed under their own id (README "Spool layout"); the
     * others are reserved files, empty or holding a finished message.
     */
    private static List<Path> queued() {
        try (Stream<Path> files = Files.list(SPOOL.resolve("queue"))) {
            return files.filter(f -> f.toString().endsWith(".msg")).filter(DebianPackageTest::sealedUnderItsName).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean sealedUnderItsName(Path file) {
        String name = file.getFileName().toString();
        try (var in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return "twgate-spool 2".equals(in.readLine()) && !"seal 0000000000000000 00000000".equals(in.readLine())
                    && ("id " + name.substring(0, name.length() - 4)).equals(in.readLine());
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    private static String multilog() {
        try {
            return Files.readString(LOGS.resolve("current"));
        } catch (IOException e) {
            return "";
        }
    }

    private static long countInLog(String text) {
        return multilog().lines().filter(l -> l.contains(text)).count();
    }

    private static String svstat(Path service) {
        try {
            return Commands.run(Duration.ofSeconds(10), "svstat", service.toString()).output();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * A supervisor started with SIGHUP, SIGINT and SIGQUIT at their defaults: an ignored signal
     * stays ignored across exec, and the JVM leaves an ignored SIGHUP ignored, so a test JVM
     * started under nohup would otherwise see no reload.
     */
    private static List<String> withDefaultSignals(String... command) {
        List<String> out = new ArrayList<>(List.of("python3", "-c",
                "import os, signal, sys\n"
                        + "for s in (signal.SIGHUP, signal.SIGINT, signal.SIGQUIT): signal.signal(s, signal.SIG_DFL)\n"
                        + "os.execvp(sys.argv[1], sys.argv[1:])"));
        out.addAll(List.of(command));
        return out;
    }

    /** The user of the java process that {@code pid} became (the sandbox and launcher exec, so the same pid). */
    private static String javaProcessUser(long pid) throws Exception {
        return Commands.run(Duration.ofSeconds(10), "ps", "-o", "user=", "-p", String.valueOf(pid)).ok().output().strip();
    }

    private static void assertOwnedByTwgate(Path path, String mode) throws IOException {
        PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertThat(a.owner().getName()).as("owner of %s", path).isEqualTo("twgate");
        assertThat(a.group().getName()).as("group of %s", path).isEqualTo("twgate");
        assertThat(PosixFilePermissions.toString(a.permissions())).as("mode of %s", path).isEqualTo(mode);
    }

    private static boolean installed() throws Exception {
        Commands.Result r = Commands.run(Duration.ofSeconds(10), "dpkg-query", "-W", "-f=${db:Status-Abbrev}", "twgate");
        return r.exit() == 0 && !r.output().isBlank() && !r.output().startsWith("un");
    }

    private static void purge() throws Exception {
        Commands.run(DPKG, "dpkg", "-P", "twgate").ok();
        Files.deleteIfExists(Path.of(MARKER));
    }
}
