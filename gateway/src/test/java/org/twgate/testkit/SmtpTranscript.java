package org.twgate.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw SMTP client for transcript tests: send exact bytes, expect replies. */
public final class SmtpTranscript implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public SmtpTranscript(InetSocketAddress address) throws IOException {
        this(address, null);
    }

    /** From a chosen local address (any of 127.0.0.0/8 on loopback), to look like another client. */
    public SmtpTranscript(InetSocketAddress address, java.net.InetAddress from) throws IOException {
        socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000); // the deadline for every expected reply
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public SmtpTranscript send(String text) throws IOException {
        return sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public SmtpTranscript sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one (possibly multi-line) reply and checks it starts with {@code prefix}. */
    public String expect(String prefix) throws IOException {
        String reply = reply();
        assertThat(reply).startsWith(prefix);
        return reply;
    }

    public String reply() throws IOException {
        StringBuilder all = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                throw new IOException("connection closed; reply so far: '" + all + "'");
            }
            all.append(line).append('\n');
            if (line.length() < 4 || line.charAt(3) != '-') {
                return all.toString();
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** Every reply line up to the server's close of the connection (each within the socket timeout). */
    public java.util.List<String> linesUntilClosed() throws IOException {
        java.util.List<String> lines = new java.util.ArrayList<>();
        String line;
        while ((line = line()) != null) {
            lines.add(line);
        }
        return lines;
    }

    /** True once the server has closed the connection (reads EOF within the socket timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    public SmtpTranscript ehlo() throws IOException {
        send("EHLO client.example\r\n");
        expect("250");
        return this;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
