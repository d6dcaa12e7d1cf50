package org.twgate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One connection of the {@link RecordingSmtpServer}: reads commands, answers from the script. */
final class FixtureSession {

    private final RecordingSmtpServer server;
    private final Socket socket;
    private final int number;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[65536];
    private int position;
    private int limit;
    /** Command lines completed by the current socket read. */
    private List<String> batch = new ArrayList<>();

    private String greeting;
    private String mail;
    private final List<String> rcpts = new ArrayList<>();
    private int accepted;

    FixtureSession(RecordingSmtpServer server, Socket socket, int number) throws IOException {
        this.server = server;
        this.socket = socket;
        this.number = number;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void run() throws IOException {
        reply("220 127.0.0.1 recording ESMTP");
        while (true) {
            byte[] raw = readLine(true);
            String line = new String(raw, StandardCharsets.UTF_8).replaceAll("\r?\n$", "");
            server.record(() -> server.commands.add(number + " " + line));
            String verb = (line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line).toUpperCase(Locale.ROOT);
            boolean goOn = switch (verb) {
                case "EHLO" -> ehlo(line);
                case "HELO" -> {
                    greeting = line;
                    yield reply("250 127.0.0.1");
                }
                case "MAIL" -> {
                    String reply = server.mailReply.apply(line);
                    mail = reply.startsWith("2") ? line : null;
                    rcpts.clear();
                    accepted = 0;
                    yield reply(reply);
                }
                case "RCPT" -> rcpt(line);
                case "DATA" -> data();
                case "RSET" -> {
                    mail = null;
                    rcpts.clear();
                    accepted = 0;
                    yield reply("250 2.0.0 reset");
                }
                case "NOOP" -> reply("250 2.0.0 ok");
                case "QUIT" -> {
                    server.record(() -> server.quits++);
                    reply("221 2.0.0 bye");
                    yield false;
                }
                default -> reply("500 5.5.1 unknown command '" + line + "'");
            };
            if (!goOn) {
                return;
            }
        }
    }

    private boolean ehlo(String line) throws IOException {
        if (server.heloOnly) {
            return reply("502 5.5.2 EHLO not implemented, say HELO");
        }
        greeting = line;
        StringBuilder reply = new StringBuilder("250 127.0.0.1 greets you");
        for (String keyword : server.keywords) {
            reply.append('\n').append("250 ").append(keyword);
        }
        return reply(reply.toString());
    }

    private boolean rcpt(String line) throws IOException {
        if (mail == null) {
            return reply("503 5.5.1 MAIL first");
        }
        rcpts.add(line);
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        String address = open < 0 || close < 0 ? line : line.substring(open + 1, close);
        String reply = server.rcptReply.apply(address);
        if (reply.startsWith("2")) {
            accepted++;
        }
        return reply(reply);
    }

    private boolean data() throws IOException {
        String reply = server.dataReply.apply(accepted);
        if (!reply.startsWith("354")) {
            return reply(reply);
        }
        reply(reply);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        while (true) {
            byte[] line = readLine(false);
            if (line.length == 3 && line[0] == '.' && line[1] == '\r' && line[2] == '\n') {
                break;
            }
            raw.write(line);
            plain.write(line, line.length > 0 && line[0] == '.' ? 1 : 0, line.length > 0 && line[0] == '.'
                    ? line.length - 1 : line.length);
            int cut = server.closeAfterDataOctets;
            if (cut >= 0 && raw.size() >= cut) {
                return false; // crash mid-DATA: the socket closes without a reply
            }
        }
        int index;
        synchronized (server.lock) {
            index = server.messagesEnded++;
        }
        String end = server.endOfDataReply.apply(index);
        RecordedTransaction transaction = new RecordedTransaction(number, greeting, mail, rcpts,
                raw.toByteArray(), plain.toByteArray(), end);
        server.record(() -> server.transactions.add(transaction));
        mail = null;
        rcpts.clear();
        accepted = 0;
        return reply(end);
    }

    /** Sends a scripted reply; false when the session must end (421 or CLOSE). */
    private boolean reply(String text) throws IOException {
        if (RecordingSmtpServer.CLOSE.equals(text)) {
            return false;
        }
        String[] lines = text.split("\n");
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String code = line.substring(0, 3);
            String rest = line.length() > 4 ? line.substring(4) : "";
            wire.append(code).append(i == lines.length - 1 ? ' ' : '-').append(rest).append("\r\n");
        }
        out.write(wire.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return !text.startsWith("421");
    }

    /** One line up to and including LF; command lines are noted in the current read batch. */
    private byte[] readLine(boolean command) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            if (position == limit) {
                fill();
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (position < limit) {
                position++; // take the LF
                line.write(buffer, start, position - start);
                byte[] done = line.toByteArray();
                if (command) {
                    String text = new String(done, StandardCharsets.UTF_8).strip();
                    batch.add(text);
                }
                return done;
            }
            line.write(buffer, start, position - start);
        }
    }

    private void fill() throws IOException {
        if (!batch.isEmpty()) {
            List<String> done = batch;
            server.record(() -> server.batches.add(done));
            batch = new ArrayList<>();
        }
        int n = in.read(buffer);
        if (n < 0) {
            throw new EOFException("client closed connection " + number + " on " + socket.getLocalPort());
        }
        position = 0;
        limit = n;
    }
}
