package org.twgate.config.qmail;

import java.util.ArrayList;
import java.util.List;
import org.twgate.config.Source;

/**
 * One {@code .qmail} file as qmail-local reads it (dot-qmail(5)): each line an instruction by
 * its first character: {@code #} comment, {@code |} program, {@code &} (or a letter or digit)
 * forward, {@code /} or {@code .} an mbox file or, ending in {@code /}, a maildir. Trailing
 * spaces and tabs are removed. A blank first line makes qmail-local defer every message.
 */
public record DotQmail(String file, List<Instruction> instructions, List<QmailNote> notes) {

    /** A delivery instruction with its line. */
    public sealed interface Instruction permits Program, Forward, Mbox, Maildir {
        Source source();

        /** The line as written (trailing blanks removed). */
        String line();
    }

    /** {@code |command}: run by {@code sh -c} with the message on stdin (qmail-command(8)). */
    public record Program(String command, String line, Source source) implements Instruction {
    }

    /** {@code &address} or a bare address: qmail-local forwards to it. */
    public record Forward(String address, String line, Source source) implements Instruction {
    }

    /** A file in mbox format. */
    public record Mbox(String path, String line, Source source) implements Instruction {
    }

    /** A maildir. */
    public record Maildir(String path, String line, Source source) implements Instruction {
    }

    public DotQmail {
        instructions = List.copyOf(instructions);
        notes = List.copyOf(notes);
    }

    /** True if qmail-local would use the system's defaultdelivery (the file is empty). */
    public boolean empty() {
        return instructions.isEmpty() && notes.isEmpty();
    }

    public static DotQmail parse(String file, List<String> lines) {
        List<Instruction> out = new ArrayList<>();
        List<QmailNote> notes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = ControlFile.stripTrailing(lines.get(i));
            Source source = new Source(file, i + 1);
            if (line.isEmpty()) {
                if (i == 0) {
                    notes.add(QmailNote.leftOut(source, "the first line is blank: qmail-local defers every message"
                            + " (\"Uh-oh: first line of .qmail file is blank\")"));
                }
                continue;
            }
            if (line.indexOf('\0') >= 0) {
                notes.add(QmailNote.leftOut(source, "a NUL byte in the line"));
                continue;
            }
            char c = line.charAt(0);
            switch (c) {
                case '#' -> {
                }
                case '|' -> out.add(new Program(line.substring(1), line, source));
                case '/', '.' -> out.add(line.endsWith("/") ? new Maildir(line, line, source) : new Mbox(line, line, source));
                case '+' -> notes.add(QmailNote.leftOut(source, "'" + line + "': a qmail-local list marker, not a delivery"));
                case '&' -> out.add(new Forward(line.substring(1), line, source));
                default -> out.add(new Forward(line, line, source));
            }
        }
        return new DotQmail(file, out, notes);
    }
}
