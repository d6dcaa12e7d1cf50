package org.twgate.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Fuzzing input for the properties of every parser of outside input: real samples (the seed
 * corpus, from the test resources) with a few random edits each, as a mutation fuzzer makes
 * them: text inserted from an alphabet rich in what parsers trip on (CR, LF, NUL and other
 * controls, octets over 127, quotes, brackets, separators), a slice deleted, duplicated or
 * swapped, the text cut short. Strings hold one octet per char (ISO-8859-1), so byte parsers
 * take {@link #bytes} of them unchanged.
 */
public final class Mutations {
    /** Characters worth inserting into any text a parser reads. */
    public static final String NASTY = "\r\n\u0000\t\u000b\u001f\u007f\u0080\u00c3\u00b6\u00ff \"'\\<>()[]{},;:=@.+-#$%*/!?~_|"
            + "aZ09";

    private Mutations() {
    }

    /** One edit of a text; where and how much are fractions of its length. */
    record Edit(int kind, double where, double span, String text) {
        String apply(String s) {
            int at = (int) (where * s.length());
            int end = Math.min(s.length(), at + 1 + (int) (span * Math.min(40, s.length() - at)));
            return switch (kind) {
                case 0 -> s.substring(0, at) + text + s.substring(at); // insert
                case 1 -> s.substring(0, at) + s.substring(end); // delete
                case 2 -> s.substring(0, at) + text + s.substring(end); // replace
                case 3 -> s.substring(0, end) + s.substring(at, end) + s.substring(end); // duplicate
                case 4 -> s.substring(0, at); // truncate
                default -> s.substring(at, end) + s.substring(0, at) + s.substring(end); // move to the front
            };
        }
    }

    /** The seeds, each possibly edited up to {@code maxEdits} times; the seeds unedited come up too. */
    public static Arbitrary<String> of(List<String> seeds, String alphabet, int maxEdits) {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
                Arbitraries.strings().withChars(alphabet).ofMinLength(1).ofMaxLength(6)).as(Edit::new);
        return Combinators.combine(Arbitraries.of(seeds), edit.list().ofMaxSize(maxEdits)).as((seed, edits) -> {
            String s = seed;
            for (Edit e : edits) {
                s = e.apply(s);
            }
            return s;
        });
    }

    public static Arbitrary<String> of(List<String> seeds) {
        return of(seeds, NASTY, 4);
    }

    /** Every file of {@code dir} whose name ends with {@code suffix}, whole, one octet per char. */
    public static List<String> files(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList()) {
                out.add(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no seed files *" + suffix + " in " + dir);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource directory of the calling module. */
    public static Path resources(Class<?> owner, String directory) {
        try {
            return Path.of(owner.getResource("/" + directory).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource directory " + directory, e);
        }
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The lines of a text, split as the parsers split them. */
    public static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }
}
