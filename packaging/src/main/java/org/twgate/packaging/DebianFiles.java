package org.twgate.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The generated files of the Debian package, written at build time (exec-maven-plugin, before
 * jdeb): {@code twgate.8.gz} rendered from the command line definitions with the hand-written
 * sections appended, and {@code changelog.gz} with the package version in its first entry.
 *
 * <p>Arguments: OUTPUT_DIR DEB_VERSION DATE MAN_SECTIONS_FILE CHANGELOG_TEMPLATE.
 */
public final class DebianFiles {
    private DebianFiles() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: DebianFiles OUTPUT_DIR DEB_VERSION DATE MAN_SECTIONS CHANGELOG");
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        String version = args[1];
        String handWritten = Files.readString(Path.of(args[3]));
        String man = ManPage.render(new CommandLine(new org.twgate.gateway.cli.Twgate()).getCommandSpec(), version,
                args[2], handWritten);
        Files.writeString(out.resolve("twgate.8"), man); // for `man -l` and the tests
        Files.write(out.resolve("twgate.8.gz"), Gzip.best(man.getBytes(StandardCharsets.UTF_8)));
        String changelog = Files.readString(Path.of(args[4]));
        if (!changelog.contains("@DEB_VERSION@")) {
            throw new IllegalArgumentException(args[4] + ": the first entry must name its version @DEB_VERSION@");
        }
        Files.write(out.resolve("changelog.gz"),
                Gzip.best(changelog.replace("@DEB_VERSION@", version).getBytes(StandardCharsets.UTF_8)));
    }
}
