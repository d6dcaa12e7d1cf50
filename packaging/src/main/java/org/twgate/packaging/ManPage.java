package org.twgate.packaging;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * twgate(8) in roff, from the picocli definitions of the command line: NAME and DESCRIPTION
 * from the top command, one COMMANDS subsection per subcommand (synopsis, description,
 * options, parameters), then hand-written sections (FILES, SIGNALS, EXIT STATUS ...) given
 * as roff. A description line that starts with blanks is a preformatted line, as picocli's
 * own help prints it.
 */
final class ManPage {
    private ManPage() {
    }

    static String render(CommandSpec top, String version, String date, String handWritten) {
        StringBuilder out = new StringBuilder();
        String name = top.name();
        out.append(".\\\" twgate(8), generated from the picocli command definitions at build time; do not edit.\n");
        out.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 8 ").append(Roff.quoted(date))
                .append(' ').append(Roff.quoted(name + " " + version)).append(" \"System Administration\"\n");
        out.append(".nh\n.ad l\n"); // no hyphenation, ragged right: option names stay whole
        out.append(".SH NAME\n").append(Roff.text(name + " - " + firstSentence(description(top)))).append('\n');

        out.append(".SH SYNOPSIS\n");
        for (CommandLine sub : top.subcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                out.append(synopsis(sub.getCommandSpec())).append("\n.br\n");
            }
        }
        out.append(Roff.bold(name)).append(" [").append(optionNames(top)).append("]\n");

        out.append(".SH DESCRIPTION\n");
        paragraphs(out, description(top));
        out.append(".SH COMMANDS\n");
        for (CommandLine sub : top.subcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.usageMessage().hidden()) {
                continue;
            }
            out.append(".SS ").append(Roff.quoted(name + " " + spec.name())).append('\n');
            out.append(synopsis(spec)).append('\n');
            out.append(".PP\n");
            paragraphs(out, description(spec));
            options(out, spec);
        }
        out.append(".SH OPTIONS\n");
        options(out, top);
        out.append(handWritten.endsWith("\n") ? handWritten : handWritten + "\n");
        return out.toString();
    }

    /** {@code twgate queue [-hV] [--json] [-c FILE] COMMAND [ID]...} with names bold and labels italic. */
    static String synopsis(CommandSpec spec) {
        StringBuilder line = new StringBuilder(Roff.bold(spec.qualifiedName()));
        for (OptionSpec option : sortedOptions(spec)) {
            if (option.hidden()) {
                continue;
            }
            line.append(" [").append(Roff.bold(longest(option)));
            if (option.typeInfo().isBoolean()) {
                line.append(']');
            } else {
                line.append(' ').append(Roff.italic(label(option))).append(']');
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden()) {
                continue;
            }
            String label = Roff.italic(label(p)) + (p.arity().max() > 1 ? "..." : "");
            line.append(' ').append(p.arity().min() == 0 ? "[" + label + "]" : label);
        }
        return line.toString();
    }

    private static void options(StringBuilder out, CommandSpec spec) {
        for (OptionSpec option : sortedOptions(spec)) {
            if (option.hidden()) {
                continue;
            }
            out.append(".TP\n");
            List<String> names = new ArrayList<>();
            for (String n : option.names()) {
                names.add(Roff.bold(n));
            }
            out.append(String.join(", ", names));
            if (!option.typeInfo().isBoolean()) {
                out.append(' ').append(Roff.italic(label(option)));
            }
            out.append('\n');
            lines(out, option.description());
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.hidden() || p.description().length == 0) {
                continue;
            }
            out.append(".TP\n").append(Roff.italic(label(p))).append(p.arity().max() > 1 ? "...\n" : "\n");
            lines(out, p.description());
        }
    }

    /** Running lines become one filled paragraph; lines starting with blanks are kept as they are. */
    private static void paragraphs(StringBuilder out, List<String> lines) {
        boolean preformatted = false;
        for (String line : lines) {
            boolean indented = !line.isEmpty() && Character.isWhitespace(line.charAt(0));
            if (indented && !preformatted) {
                out.append(".PP\n.nf\n.RS 4\n");
            } else if (!indented && preformatted) {
                out.append(".RE\n.fi\n.PP\n");
            }
            preformatted = indented;
            out.append(Roff.text(indented ? line.strip() : line)).append('\n');
        }
        if (preformatted) {
            out.append(".RE\n.fi\n");
        }
    }

    private static void lines(StringBuilder out, String[] description) {
        for (String line : expand(description)) {
            out.append(Roff.text(line)).append('\n');
        }
    }

    private static List<String> description(CommandSpec spec) {
        return expand(spec.usageMessage().description());
    }

    /** picocli's description strings: {@code %n} is a line break, {@code %%} a percent sign. */
    private static List<String> expand(String[] description) {
        List<String> out = new ArrayList<>();
        for (String d : description) {
            for (String line : d.split("%n", -1)) {
                out.add(line.replace("%%", "%"));
            }
        }
        return out;
    }

    private static String firstSentence(List<String> description) {
        String first = description.isEmpty() ? "" : description.get(0);
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    private static List<OptionSpec> sortedOptions(CommandSpec spec) {
        List<OptionSpec> options = new ArrayList<>(spec.options());
        options.sort((a, b) -> key(a).compareToIgnoreCase(key(b)));
        return options;
    }

    private static String key(OptionSpec o) {
        return o.shortestName().replaceFirst("^-+", "");
    }

    private static String longest(OptionSpec option) {
        return option.names().length == 1 ? option.names()[0] : option.shortestName() + "|" + option.longestName();
    }

    private static String optionNames(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        for (OptionSpec o : sortedOptions(spec)) {
            out.add(Roff.bold(o.longestName()));
        }
        return String.join("|", out);
    }

    private static String label(ArgSpec arg) {
        String label = arg.paramLabel();
        return label.startsWith("<") && label.endsWith(">") ? label.substring(1, label.length() - 1) : label;
    }
}
