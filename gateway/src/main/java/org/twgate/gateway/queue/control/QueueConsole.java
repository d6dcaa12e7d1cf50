package org.twgate.gateway.queue.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.twgate.gateway.queue.QueueAdmin;
import org.twgate.gateway.queue.QueueEntry;
import org.twgate.gateway.spool.JournalRecord;
import org.twgate.gateway.spool.QueueId;
import org.twgate.gateway.spool.Spool;

/**
 * Runs one {@code twgate queue} command against a {@link QueueAdmin} and renders the answer, as
 * text for people or JSON for scripts. Runs inside the gateway (for the control socket) or in the
 * CLI on a stopped spool; the output is the same.
 */
public final class QueueConsole {
    /** What a command printed and the exit code the CLI should return (0 ok, 1 not found, 2 usage). */
    public record Result(int exitCode, String output) {
    }

    private final QueueAdmin admin;
    private final Spool spool;
    private final Clock clock;

    public QueueConsole(QueueAdmin admin, Spool spool, Clock clock) {
        this.admin = admin;
        this.spool = spool;
        this.clock = clock;
    }

    public Result execute(List<String> args) {
        boolean json = args.contains("--json");
        List<String> words = args.stream().filter(a -> !a.equals("--json") && !a.equals("--notify")).toList();
        boolean notify = args.contains("--notify");
        if (words.isEmpty()) {
            return usage("no queue command");
        }
        try {
            return switch (words.get(0)) {
                case "list" -> new Result(0, json ? listJson(admin.list()) : listText(admin.list()));
                case "show" -> show(id(words), json);
                case "retry" -> {
                    int n = admin.retry(words.size() > 1 ? id(words) : null);
                    yield json ? new Result(0, "{\"scheduled\":" + n + "}\n") : new Result(0, "scheduled " + n + " message(s) for delivery now\n");
                }
                case "hold", "release" -> {
                    boolean hold = words.get(0).equals("hold");
                    yield done(admin.hold(id(words), hold), id(words), hold ? "held" : "released", json);
                }
                case "delete" -> done(admin.delete(id(words), notify), id(words),
                        notify ? "deleted (failure notice queued)" : "deleted silently", json);
                default -> usage("unknown queue command '" + words.get(0) + "'");
            };
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (IOException e) {
            return new Result(3, "twgate queue: " + e.getMessage() + "\n");
        }
    }

    private static QueueId id(List<String> words) {
        if (words.size() < 2) {
            throw new IllegalArgumentException(words.get(0) + " needs a queue id");
        }
        String text = words.get(1).toUpperCase(java.util.Locale.ROOT);
        if (!QueueId.isQueueId(text)) {
            throw new IllegalArgumentException("not a queue id: '" + words.get(1) + "' (16 hex digits, see queue list)");
        }
        return new QueueId(text);
    }

    private static Result usage(String problem) {
        return new Result(2, "twgate queue: " + problem + "\n"
                + "usage: twgate queue list|show ID|retry [ID]|hold ID|release ID|delete ID [--notify] [--json]\n");
    }

    private static Result done(boolean found, QueueId id, String what, boolean json) {
        if (!found) {
            return new Result(1, json ? "{\"id\":" + Json.string(id.value()) + ",\"found\":false}\n"
                    : "no message " + id + " in the queue\n");
        }
        return new Result(0, json ? "{\"id\":" + Json.string(id.value()) + ",\"found\":true}\n" : id + ": " + what + "\n");
    }

    private String listText(List<QueueEntry> entries) {
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (QueueEntry e : entries) {
            total += e.size();
            out.append(String.format("%-16s %7s %9d <%s>%s%n", e.id(), age(e.arrival()), e.size(), e.sender(),
                    e.held() ? " (held)" : ""));
            for (QueueEntry.Recipient r : e.recipients()) {
                out.append(String.format("%34s <%s> %s%s%n", "", r.address(), r.state(),
                        r.lastReply() == null ? "" : ": " + r.lastReply()));
            }
        }
        out.append("-- ").append(entries.size()).append(" message(s), ").append(total).append(" octets\n");
        return out.toString();
    }

    private String listJson(List<QueueEntry> entries) {
        StringBuilder out = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < entries.size(); i++) {
            out.append(i == 0 ? "" : ",").append(entryJson(entries.get(i)));
        }
        return out.append("]}\n").toString();
    }

    private String entryJson(QueueEntry e) {
        StringBuilder out = new StringBuilder();
        out.append("{\"id\":").append(Json.string(e.id().value()))
                .append(",\"arrival\":").append(Json.string(e.arrival().toString()))
                .append(",\"age_seconds\":").append(Duration.between(e.arrival(), clock.instant()).toSeconds())
                .append(",\"size\":").append(e.size())
                .append(",\"sender\":").append(Json.string(e.sender()))
                .append(",\"held\":").append(e.held())
                .append(",\"attempts\":").append(e.attempts())
                .append(",\"next_attempt\":").append(Json.string(e.nextAttempt() == null ? null : e.nextAttempt().toString()))
                .append(",\"recipients\":[");
        for (int i = 0; i < e.recipients().size(); i++) {
            QueueEntry.Recipient r = e.recipients().get(i);
            out.append(i == 0 ? "" : ",").append("{\"address\":").append(Json.string(r.address()))
                    .append(",\"state\":").append(Json.string(r.state()))
                    .append(",\"last_reply\":").append(Json.string(r.lastReply())).append('}');
        }
        return out.append("]}").toString();
    }

    private Result show(QueueId id, boolean json) throws IOException {
        Optional<QueueEntry> found = admin.entry(id);
        if (found.isEmpty()) {
            return done(false, id, "", json);
        }
        QueueEntry e = found.get();
        List<JournalRecord> history = spool.journal(id);
        String headers;
        try {
            headers = headers(id);
        } catch (java.nio.file.NoSuchFileException finishedMeanwhile) {
            return done(false, id, "", json);
        }
        if (json) {
            StringBuilder out = new StringBuilder(entryJson(e));
            out.setLength(out.length() - 1);
            out.append(",\"history\":[");
            for (int i = 0; i < history.size(); i++) {
                out.append(i == 0 ? "" : ",").append(Json.string(history.get(i).format().strip()));
            }
            out.append("],\"headers\":").append(Json.string(headers)).append("}\n");
            return new Result(0, out.toString());
        }
        StringBuilder out = new StringBuilder();
        out.append("id:        ").append(e.id()).append('\n')
                .append("arrival:   ").append(e.arrival()).append(" (").append(age(e.arrival())).append(" ago)\n")
                .append("size:      ").append(e.size()).append(" octets\n")
                .append("sender:    <").append(e.sender()).append(">\n")
                .append("held:      ").append(e.held() ? "yes" : "no").append('\n')
                .append("attempts:  ").append(e.attempts())
                .append(e.nextAttempt() == null ? "" : ", next " + e.nextAttempt()).append('\n');
        for (QueueEntry.Recipient r : e.recipients()) {
            out.append("recipient: <").append(r.address()).append("> ").append(r.state()).append('\n');
            for (JournalRecord h : history) {
                if (h.recipient() == r.index()) {
                    out.append("           ").append(h.format());
                }
            }
        }
        out.append("\n").append(headers);
        return new Result(0, out.toString());
    }

    /** The message's header block (what the operator needs to recognise it; never the body). */
    private String headers(QueueId id) throws IOException {
        String text = new String(spool.peekContent(id, 64 << 10), StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        return (end < 0 ? text : text.substring(0, end + 2)).replace("\r\n", "\n");
    }

    private String age(Instant arrival) {
        long s = Math.max(0, Duration.between(arrival, clock.instant()).toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d" + (s % 86400 / 3600) + "h";
    }
}
