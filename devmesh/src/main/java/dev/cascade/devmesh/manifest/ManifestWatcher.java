package dev.cascade.devmesh.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reloads the manifests when they change and hands each new {@link Topology} to a listener.
 *
 * <p>It polls rather than using {@link java.nio.file.WatchService}, which misses changes on network and
 * container-mounted filesystems and on macOS falls back to slow polling anyway. Each poll takes a fingerprint
 * of the files (paths, sizes, modification times and a hash of the content, so an edit that keeps the size
 * within the filesystem's timestamp granularity is still seen). A change is loaded once the fingerprint has
 * stayed the same for a quiet period, so an editor's save in several steps, or a {@code git checkout} touching
 * many files, gives one reload.
 *
 * <p>The listener runs on the watcher's single thread, one snapshot at a time. A load or listener that throws is
 * logged and that state is skipped; the watcher keeps watching.
 */
public final class ManifestWatcher implements AutoCloseable {

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(200);

    private static final System.Logger LOG = System.getLogger(ManifestWatcher.class.getName());

    private final List<Path> roots;
    private final Function<List<Path>, Topology> loader;
    private final Consumer<Topology> listener;
    private final long pollMillis;
    private final long quietNanos;

    private final Object lifecycle = new Object();
    private ScheduledExecutorService executor;
    private volatile Thread watcherThread;
    private volatile boolean closed;

    // Confined to the watcher thread once started.
    private Fingerprint loaded;
    private Fingerprint candidate;
    private long candidateSince;

    public ManifestWatcher(List<Path> roots, Function<List<Path>, Topology> loader, Consumer<Topology> listener) {
        this(roots, loader, listener, DEFAULT_POLL_INTERVAL, DEFAULT_QUIET_PERIOD);
    }

    /**
     * @param loader loads the roots, normally {@code manifestLoader::load}
     * @param pollInterval how often the files are fingerprinted
     * @param quietPeriod how long a change must stay unchanged before it is loaded
     */
    public ManifestWatcher(List<Path> roots, Function<List<Path>, Topology> loader, Consumer<Topology> listener,
            Duration pollInterval, Duration quietPeriod) {
        this.roots = List.copyOf(roots);
        this.loader = Objects.requireNonNull(loader, "loader");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (pollInterval.isNegative() || pollInterval.isZero() || quietPeriod.isNegative()) {
            throw new IllegalArgumentException("the poll interval must be positive and the quiet period not negative");
        }
        this.pollMillis = pollInterval.toMillis();
        this.quietNanos = quietPeriod.toNanos();
    }

    /**
     * Loads the roots on the calling thread, hands the snapshot to the listener, returns it, and starts watching.
     * A load or listener failure here is thrown to the caller and nothing is started.
     *
     * @throws IllegalStateException if already started or closed
     */
    public Topology start() {
        synchronized (lifecycle) {
            if (closed || executor != null) {
                throw new IllegalStateException(closed ? "closed" : "already started");
            }
            loaded = Fingerprint.of(roots);
            Topology topology = loader.apply(roots);
            listener.accept(topology);
            executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "devmesh-manifest-watcher");
                thread.setDaemon(true);
                watcherThread = thread;
                return thread;
            });
            executor.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
            return topology;
        }
    }

    /** Stops watching; once it returns the listener is not called again (unless it is called from the listener). */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = executor;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        // Closing from the listener must not wait for the listener to return.
        if (Thread.currentThread() != watcherThread) {
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void poll() {
        try {
            if (closed) {
                return;
            }
            Fingerprint now = Fingerprint.of(roots);
            if (now.equals(candidate)) {
                if (System.nanoTime() - candidateSince >= quietNanos) {
                    candidate = null;
                    reload(now);
                }
                return;
            }
            if (now.equals(loaded)) {
                candidate = null;
                return;
            }
            candidate = now;
            candidateSince = System.nanoTime();
            executor.schedule(this::poll, quietNanos, TimeUnit.NANOSECONDS);
        } catch (Throwable e) {
            // Anything escaping a scheduled task would cancel the polling for good.
            if (!closed) {
                LOG.log(Level.WARNING, "devmesh: watching the manifests failed; still watching", e);
            }
        }
    }

    private void reload(Fingerprint fingerprint) {
        // Marked as seen before loading: a load that throws is not retried until the files change again.
        loaded = fingerprint;
        Topology topology;
        try {
            topology = loader.apply(roots);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "devmesh: reloading the manifests failed; keeping the previous topology", e);
            return;
        }
        if (closed) {
            return;
        }
        try {
            listener.accept(topology);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "devmesh: the manifest listener failed on a new topology", e);
        }
    }

    /** What the files look like now: one entry per root problem or file, in apply order. */
    record Fingerprint(List<String> entries) {

        static Fingerprint of(List<Path> roots) {
            ManifestFiles.Listing listing = ManifestFiles.list(roots);
            List<String> entries = new ArrayList<>();
            for (ResourceError problem : listing.problems()) {
                entries.add(problem.toString());
            }
            for (Path file : listing.files()) {
                entries.add(stamp(file));
            }
            return new Fingerprint(List.copyOf(entries));
        }

        private static String stamp(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return file + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis() + " "
                        + sha256(file);
            } catch (IOException e) {
                return file + " unreadable: " + e.getClass().getSimpleName();
            }
        }

        private static String sha256(Path file) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[8192];
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
