package org.twgate.gateway.queue.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running instance's end of {@code twgate queue} and {@code twgate reload}: a Unix-domain socket in the spool. One
 * request per connection: a line of words; the answer is {@code exit N} on a line, then the
 * output. One thread, requests one at a time (operators, not traffic).
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final Path socket;
    private final ServerSocketChannel server;
    private final QueueConsole console;
    private final Thread thread;
    private volatile java.util.function.Supplier<QueueConsole.Result> reload =
            () -> new QueueConsole.Result(3, "twgate reload: this instance was not started with a reloadable configuration\n");

    public ControlServer(Path socket, QueueConsole console) throws IOException {
        this.socket = socket;
        this.console = console;
        Files.deleteIfExists(socket); // left by a killed instance; we hold the spool lock
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        this.thread = new Thread(this::serve, "twgate-control");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client),
                        StandardCharsets.UTF_8));
                String line = in.readLine();
                List<String> words = line == null ? List.of() : Arrays.asList(line.trim().split("\\s+"));
                QueueConsole.Result result = !words.isEmpty() && words.get(0).equals("reload")
                        ? reload.get() : console.execute(words);
                LOG.info("event=queue_command command=\"{}\" exit={}", line, result.exitCode());
                OutputStream out = Channels.newOutputStream(client);
                out.write(("exit " + result.exitCode() + "\n" + result.output()).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("event=control_error error=\"{}\"", e.getMessage());
                }
            }
        }
    }

    /** What a {@code reload} request does (set by {@code twgate run}, which knows the configuration file). */
    public void onReload(java.util.function.Supplier<QueueConsole.Result> action) {
        this.reload = action;
    }

    @Override
    public void close() {
        try {
            server.close();
            thread.join(5000);
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("event=control_close_error error=\"{}\"", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
