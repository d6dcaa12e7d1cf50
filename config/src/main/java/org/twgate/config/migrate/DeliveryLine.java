package org.twgate.config.migrate;

import java.util.ArrayList;
import java.util.List;
import org.twgate.config.Source;
import org.twgate.config.qmail.DotQmail;
import org.twgate.config.qmail.ShellWords;

/**
 * What one {@code .qmail} instruction delivers, in the forms the seeds use:
 * {@code | …/torecvm … -f"$SENDER" -r"TEMPLATE"} (a pipe to Teamware), {@code | qmail-remote HOST
 * "$SENDER" TEMPLATE} (SMTP to HOST), {@code | forward TEMPLATE} and {@code &address} or a bare
 * address (back into qmail's queue, to be routed again). Anything else (mbox and maildir lines,
 * other programs such as preline, vacation or ezmlm, several recipients) cannot be taken over
 * and says why.
 */
sealed interface DeliveryLine {

    DotQmail.Instruction instruction();

    default Source source() {
        return instruction().source();
    }

    /** torecvm: {@code argv} has the recipient argument replaced by {@code -r$RECIPIENT}. */
    record Torecvm(List<String> argv, ShellWords.Word recipient, DotQmail.Instruction instruction)
            implements DeliveryLine {
    }

    /** qmail-remote HOST SENDER RECIPIENT; {@code senderWarning} when SENDER is not "$SENDER". */
    record QmailRemote(String host, ShellWords.Word recipient, String senderWarning, DotQmail.Instruction instruction)
            implements DeliveryLine {
    }

    /** forward RECIPIENT, or an {@code &address} line. */
    record Forward(ShellWords.Word recipient, DotQmail.Instruction instruction) implements DeliveryLine {
    }

    record Untranslatable(String why, DotQmail.Instruction instruction) implements DeliveryLine {
    }

    static DeliveryLine of(DotQmail.Instruction instruction) {
        if (instruction instanceof DotQmail.Mbox m) {
            return new Untranslatable("delivers to the mbox file " + m.path() + ", which stays with qmail", instruction);
        }
        if (instruction instanceof DotQmail.Maildir m) {
            return new Untranslatable("delivers to the maildir " + m.path() + ", which stays with qmail", instruction);
        }
        if (instruction instanceof DotQmail.Forward f) {
            String address = f.address();
            if (address.isEmpty() || address.chars().anyMatch(c -> c == ' ' || c == '<' || c == '>' || c == '\t')) {
                return new Untranslatable("'" + f.line() + "' is not a forward address (dot-qmail(5): no spaces,"
                        + " angle brackets or comments)", instruction);
            }
            return new Forward(new ShellWords.Word(List.of(new ShellWords.Literal(address))), instruction);
        }
        DotQmail.Program p = (DotQmail.Program) instruction;
        String first = p.command().strip().split("[ \t]+", 2)[0];
        String program = first.substring(first.lastIndexOf('/') + 1);
        if (!List.of("torecvm", "qmail-remote", "forward").contains(program)) {
            return new Untranslatable("runs " + first + ", which twgate does not translate (only torecvm,"
                    + " qmail-remote, forward and address lines)", instruction);
        }
        ShellWords.Split split = ShellWords.split(p.command());
        if (!split.ok()) {
            return new Untranslatable("the command is not one twgate can run without a shell: " + split.refusal(),
                    instruction);
        }
        List<ShellWords.Word> words = split.words();
        return switch (program) {
            case "torecvm" -> torecvm(words, instruction);
            case "qmail-remote" -> qmailRemote(words, instruction);
            case "forward" -> words.size() == 2 ? new Forward(words.get(1), instruction)
                    : new Untranslatable("forward to " + (words.size() - 1) + " addresses: twgate delivers each"
                            + " address to one recipient", instruction);
            default -> throw new IllegalStateException(program);
        };
    }

    private static DeliveryLine torecvm(List<ShellWords.Word> words, DotQmail.Instruction instruction) {
        List<String> argv = new ArrayList<>();
        ShellWords.Word recipient = null;
        for (int i = 0; i < words.size(); i++) {
            ShellWords.Word w = words.get(i);
            String text = w.template();
            boolean rFlag = !w.parts().isEmpty() && w.parts().get(0) instanceof ShellWords.Literal l
                    && l.text().startsWith("-r");
            if (i > 0 && rFlag) {
                if (recipient != null) {
                    return new Untranslatable("torecvm with more than one -r: twgate gives each run one recipient",
                            instruction);
                }
                if (text.equals("-r")) {
                    if (i + 1 >= words.size()) {
                        return new Untranslatable("-r without a recipient", instruction);
                    }
                    recipient = words.get(++i);
                } else {
                    recipient = withoutPrefix(w, 2);
                }
                argv.add("-r$RECIPIENT");
                continue;
            }
            if (text.contains("$") && !text.matches("[^$]*\\$SENDER")) {
                return new Untranslatable("the argument '" + text + "' uses a variable twgate does not pass here"
                        + " (only -f$SENDER and -r<recipient>)", instruction);
            }
            argv.add(text);
        }
        if (recipient == null) {
            return new Untranslatable("torecvm without -r: the recipient is not on the command line", instruction);
        }
        return new Torecvm(argv, recipient, instruction);
    }

    private static DeliveryLine qmailRemote(List<ShellWords.Word> words, DotQmail.Instruction instruction) {
        if (words.size() != 4) {
            return new Untranslatable("qmail-remote with " + Math.max(0, words.size() - 3) + " recipients: twgate"
                    + " takes qmail-remote HOST SENDER RECIPIENT", instruction);
        }
        String host = words.get(1).literal().orElse(null);
        if (host == null || host.isEmpty()) {
            return new Untranslatable("qmail-remote's host is not a plain name", instruction);
        }
        String sender = words.get(2).template();
        String warning = sender.equals("$SENDER") ? null : "qmail-remote sent these messages with the envelope sender '"
                + sender + "'; twgate keeps each message's own sender";
        return new QmailRemote(host.toLowerCase(java.util.Locale.ROOT), words.get(3), warning, instruction);
    }

    /** The word without its first {@code n} literal characters (the {@code -r} of {@code -r"$RECIPIENT"}). */
    private static ShellWords.Word withoutPrefix(ShellWords.Word w, int n) {
        List<ShellWords.Part> parts = new ArrayList<>(w.parts());
        ShellWords.Literal first = (ShellWords.Literal) parts.remove(0);
        if (first.text().length() > n) {
            parts.add(0, new ShellWords.Literal(first.text().substring(n)));
        }
        return new ShellWords.Word(parts);
    }
}
