package org.twgate.config.qmail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The words of a {@code .qmail} program line as {@code sh -c} splits them, for the simple
 * commands the seeds use ({@code /usr/bin/torecvm -d/to/smtp -pA -f"$SENDER" -r"$RECIPIENT"}):
 * blanks separate words; double quotes, single quotes and backslashes quote as in sh; a
 * variable ({@code $NAME}, {@code ${NAME}}) stays a variable inside double quotes or bare.
 * A line using anything more (pipes, redirections, command substitution, {@code ;}, {@code &&},
 * globbing, other expansions) is not a simple command and is refused with the reason.
 */
public final class ShellWords {

    /** A piece of a word: literal text, or a variable sh would expand. */
    public sealed interface Part permits Literal, Variable {
    }

    public record Literal(String text) implements Part {
    }

    public record Variable(String name) implements Part {
    }

    /** A word: its parts in order. */
    public record Word(List<Part> parts) {
        public Word {
            parts = List.copyOf(parts);
        }

        /** The word's literal text if it has no variable. */
        public Optional<String> literal() {
            if (parts.stream().anyMatch(p -> p instanceof Variable)) {
                return Optional.empty();
            }
            StringBuilder b = new StringBuilder();
            parts.forEach(p -> b.append(((Literal) p).text()));
            return Optional.of(b.toString());
        }

        /** The word with each variable written {@code $NAME}, as twgate's templates and pipe arguments read them. */
        public String template() {
            StringBuilder b = new StringBuilder();
            for (Part p : parts) {
                b.append(p instanceof Variable v ? "$" + v.name() : ((Literal) p).text());
            }
            return b.toString();
        }
    }

    /** The words, or why the line is not a simple command. */
    public record Split(List<Word> words, String refusal) {
        public boolean ok() {
            return refusal == null;
        }
    }

    private ShellWords() {
    }

    public static Split split(String command) {
        List<Word> words = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = command.length();
        while (i < n) {
            char c = command.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    flush(literal, parts);
                    words.add(new Word(parts));
                    parts = new ArrayList<>();
                    inWord = false;
                }
                i++;
                continue;
            }
            inWord = true;
            switch (c) {
                case '\'' -> {
                    int close = command.indexOf('\'', i + 1);
                    if (close < 0) {
                        return refused("unterminated ' quote");
                    }
                    literal.append(command, i + 1, close);
                    i = close + 1;
                }
                case '"' -> {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char d = command.charAt(i);
                        if (d == '"') {
                            closed = true;
                            i++;
                            break;
                        }
                        if (d == '\\' && i + 1 < n && "$`\"\\".indexOf(command.charAt(i + 1)) >= 0) {
                            literal.append(command.charAt(i + 1));
                            i += 2;
                        } else if (d == '$') {
                            int end = variable(command, i, parts, literal);
                            if (end < 0) {
                                return refused(expansion(command, i));
                            }
                            i = end;
                        } else if (d == '`') {
                            return refused("command substitution (`…`)");
                        } else {
                            literal.append(d);
                            i++;
                        }
                    }
                    if (!closed) {
                        return refused("unterminated \" quote");
                    }
                }
                case '\\' -> {
                    if (i + 1 >= n) {
                        return refused("a backslash at the end of the line");
                    }
                    literal.append(command.charAt(i + 1));
                    i += 2;
                }
                case '$' -> {
                    int end = variable(command, i, parts, literal);
                    if (end < 0) {
                        return refused(expansion(command, i));
                    }
                    i = end;
                }
                case '|', '&', ';', '<', '>', '(', ')', '`' -> {
                    return refused("shell syntax '" + c + "' (pipes, lists, redirections, subshells)");
                }
                case '*', '?', '[' -> {
                    return refused("an unquoted glob character '" + c + "'");
                }
                case '~' -> {
                    if (!inWordStarted(parts, literal)) {
                        return refused("a ~ home directory expansion");
                    }
                    literal.append(c);
                    i++;
                }
                case '#' -> {
                    if (!inWordStarted(parts, literal)) {
                        return refused("a # comment inside the command");
                    }
                    literal.append(c);
                    i++;
                }
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        return refused("a control character");
                    }
                    literal.append(c);
                    i++;
                }
            }
        }
        if (inWord) {
            flush(literal, parts);
            words.add(new Word(parts));
        }
        if (words.isEmpty()) {
            return refused("no command");
        }
        if (words.get(0).literal().isEmpty() || words.get(0).literal().get().isEmpty()) {
            return refused("the program name is not a plain word");
        }
        if (words.get(0).literal().get().contains("=") && !words.get(0).literal().get().contains("/")) {
            return refused("a variable assignment before the command");
        }
        return new Split(words, null);
    }

    private static boolean inWordStarted(List<Part> parts, StringBuilder literal) {
        return !parts.isEmpty() || literal.length() > 0;
    }

    /** Reads {@code $NAME} or {@code ${NAME}} at {@code i}; returns the index after it, or -1. */
    private static int variable(String s, int i, List<Part> parts, StringBuilder literal) {
        int n = s.length();
        boolean braced = i + 1 < n && s.charAt(i + 1) == '{';
        int start = braced ? i + 2 : i + 1;
        int end = start;
        while (end < n && (Character.isLetterOrDigit(s.charAt(end)) && s.charAt(end) < 0x80 || s.charAt(end) == '_')) {
            end++;
        }
        if (end == start || Character.isDigit(s.charAt(start))) {
            return -1;
        }
        if (braced) {
            if (end >= n || s.charAt(end) != '}') {
                return -1;
            }
            end++;
        }
        flush(literal, parts);
        parts.add(new Variable(s.substring(start, braced ? end - 1 : end)));
        return end;
    }

    private static String expansion(String s, int i) {
        String rest = s.substring(i, Math.min(s.length(), i + 12));
        return "a shell expansion twgate does not do: '" + rest + "'";
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private static Split refused(String why) {
        return new Split(List.of(), why);
    }
}
