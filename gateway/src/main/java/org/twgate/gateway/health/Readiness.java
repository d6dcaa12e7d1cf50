package org.twgate.gateway.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Whether the gateway can take mail now: it listens for SMTP, the spool is writable and has
 * room for at least one message of the largest size accepted, and a configuration is loaded.
 * Each condition is evaluated at request time; nothing is cached, nothing blocks for long
 * (a file-store query and an access check).
 */
public final class Readiness {
    /** A spool with less usable space than this is "full" even when messages may be small. */
    public static final long MIN_FREE_FLOOR = 10L * 1024 * 1024;

    private final Supplier<List<InetSocketAddress>> listening;
    private final Path spoolDir;
    private final SpaceProbe space;
    private final long minFree;
    private final long maxMessageSize;
    private final Supplier<String> configuration;
    private Supplier<Check> queue = () -> null;

    /** Usable octets on the spool's file system (e.g. {@code spool::usableSpace}). */
    @FunctionalInterface
    public interface SpaceProbe {
        long usableSpace() throws IOException;
    }

    /**
     * @param listening     the SMTP addresses bound now (empty before start and after shutdown)
     * @param spoolDir      the directory committed messages go to
     * @param minFree       usable octets below which the spool counts as full
     * @param configuration where the running configuration came from, null when none is loaded
     */
    public Readiness(Supplier<List<InetSocketAddress>> listening, Path spoolDir, SpaceProbe space, long minFree,
            Supplier<String> configuration) {
        this.listening = listening;
        this.spoolDir = spoolDir;
        this.space = space;
        this.minFree = Math.max(minFree, MIN_FREE_FLOOR);
        this.maxMessageSize = minFree;
        this.configuration = configuration;
    }

    /** Adds a line about the queue (its bound, whether intake is paused); null from it: no line. */
    public Readiness withQueue(Supplier<Check> queueCheck) {
        this.queue = queueCheck;
        return this;
    }

    public HealthReport check() {
        List<Check> checks = new ArrayList<>();
        List<InetSocketAddress> bound = listening.get();
        checks.add(bound.isEmpty() ? Check.failed("smtp", "not listening (starting or shutting down)")
                : Check.ok("smtp", "listening on " + bound));
        checks.add(spool());
        String source = configuration.get();
        checks.add(source == null ? Check.failed("configuration", "no configuration loaded")
                : Check.ok("configuration", "loaded from " + source));
        Check q = queue.get();
        if (q != null) {
            checks.add(q);
        }
        return new HealthReport(checks);
    }

    private Check spool() {
        if (!Files.isDirectory(spoolDir) || !Files.isWritable(spoolDir)) {
            return Check.failed("spool", spoolDir + " is not a writable directory");
        }
        long usable;
        try {
            usable = space.usableSpace();
        } catch (IOException e) {
            return Check.failed("spool", "cannot read the free space of " + spoolDir + ": " + e.getMessage());
        }
        if (usable < minFree) {
            // Say which limit decided: a message of server.max_message_size must fit, and twgate keeps a floor.
            String need = maxMessageSize >= MIN_FREE_FLOOR
                    ? "a message of server.max_message_size (" + mib(maxMessageSize) + ") would not fit"
                    : "less than the " + mib(MIN_FREE_FLOOR) + " twgate keeps free for the spool";
            return Check.failed("spool", spoolDir + " has " + mib(usable) + " usable: " + need);
        }
        return Check.ok("spool", spoolDir + " writable, " + mib(usable) + " usable");
    }

    private static String mib(long octets) {
        return (octets / (1024 * 1024)) + " MiB";
    }
}
