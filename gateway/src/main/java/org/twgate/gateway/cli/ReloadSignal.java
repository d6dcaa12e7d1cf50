package org.twgate.gateway.cli;

import org.twgate.gateway.reload.ConfigReloader;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the configuration, as for qmail-send and most daemons. Uses
 * {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK 17 runtime): the JDK
 * has no supported API for catching a signal. The handler runs on the JVM's signal thread and
 * the reload reads files there; SMTP sessions and deliveries go on meanwhile.
 */
final class ReloadSignal {
    private ReloadSignal() {
    }

    static void install(ConfigReloader reloader) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reloader.reload());
        } catch (IllegalArgumentException e) {
            // No SIGHUP on this platform, or the JVM was started with -Xrs.
            LoggerFactory.getLogger(ReloadSignal.class).warn("event=reload_signal_unavailable error=\"{}\"",
                    e.getMessage());
        }
    }
}
