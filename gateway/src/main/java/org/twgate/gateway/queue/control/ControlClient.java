package org.twgate.gateway.queue.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The CLI's end: sends one queue command to a running instance, if one answers. */
public final class ControlClient {
    private ControlClient() {
    }

    /** Empty when no instance listens on {@code socket} (stopped, or never started). */
    public static Optional<QueueConsole.Result> send(Path socket, List<String> words) throws IOException {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return Optional.empty();
        }
        try (channel) {
            channel.write(java.nio.ByteBuffer.wrap((String.join(" ", words) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            InputStream in = Channels.newInputStream(channel);
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int nl = answer.indexOf('\n');
            if (!answer.startsWith("exit ") || nl < 0) {
                throw new IOException("unexpected answer from the control socket: '" + answer + "'");
            }
            return Optional.of(new QueueConsole.Result(Integer.parseInt(answer.substring(5, nl).trim()),
                    answer.substring(nl + 1)));
        }
    }
}
