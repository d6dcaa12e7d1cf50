package org.twgate.gateway.accept;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The clients' names for {@code Received:}: the PTR name of the address, kept only when it
 * resolves back to that address (the JDK's {@code getHostName} does the forward check) and is a
 * proper host name. Looked up on this class's own threads with the system resolver, never on an
 * event loop; one lookup per address at a time; answers (names and their absence) kept for
 * {@link #TTL_NANOS}. Waiting is the caller's business: a session waits at most its timeout and
 * the lookup goes on to fill the cache.
 *
 * <p>Bounded: {@link #THREADS} threads (started on demand, gone when idle), {@link #QUEUE}
 * lookups waiting; beyond that an address gets no name at once rather than a thread.
 */
final class ClientNames implements AutoCloseable {
    static final int THREADS = 4;
    static final int QUEUE = 1024;
    static final int CACHE = 10_000;
    static final long TTL_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final CompletableFuture<Optional<String>> NONE = CompletableFuture.completedFuture(Optional.empty());

    private record Answer(Optional<String> name, long expires) {
    }

    private final ThreadPoolExecutor lookups;
    private final ConcurrentHashMap<InetAddress, CompletableFuture<Optional<String>>> inFlight = new ConcurrentHashMap<>();
    private final Map<InetAddress, Answer> cache = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Answer> eldest) {
            return size() > CACHE;
        }
    };
    private final LongSupplier nanoTime;

    ClientNames() {
        this(System::nanoTime);
    }

    ClientNames(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        lookups = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE),
                new DefaultThreadFactory("twgate-dns", true));
        lookups.allowCoreThreadTimeOut(true);
    }

    /**
     * The name of {@code address}, or empty (no PTR record, not confirmed, not a host name, too
     * many lookups waiting). Never blocks; the future completes on a lookup thread, or at once
     * from the cache.
     */
    CompletableFuture<Optional<String>> lookup(InetAddress address) {
        Answer known = cached(address);
        if (known != null) {
            return CompletableFuture.completedFuture(known.name());
        }
        CompletableFuture<Optional<String>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<String>> running = inFlight.putIfAbsent(address, mine);
        if (running != null) {
            return running;
        }
        try {
            lookups.execute(() -> {
                Optional<String> name = resolve(address);
                synchronized (cache) {
                    cache.put(address, new Answer(name, nanoTime.getAsLong() + TTL_NANOS));
                }
                inFlight.remove(address, mine);
                mine.complete(name);
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(address, mine);
            mine.complete(Optional.empty());
            return NONE;
        }
        return mine;
    }

    private Answer cached(InetAddress address) {
        synchronized (cache) {
            Answer a = cache.get(address);
            if (a != null && a.expires() - nanoTime.getAsLong() < 0) {
                cache.remove(address);
                return null;
            }
            return a;
        }
    }

    /** On a lookup thread: the system resolver's PTR answer, forward-confirmed by the JDK. */
    private static Optional<String> resolve(InetAddress address) {
        try {
            InetAddress unnamed = InetAddress.getByAddress(address.getAddress()); // no name: a real lookup
            String name = unnamed.getHostName();
            if (name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
            }
            if (name.equals(unnamed.getHostAddress()) || Mailbox.domainProblem(name) != null || name.startsWith("[")) {
                return Optional.empty();
            }
            return Optional.of(name);
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
