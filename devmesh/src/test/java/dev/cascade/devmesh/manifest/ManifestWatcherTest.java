package dev.cascade.devmesh.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestWatcherTest {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration QUIET = Duration.ofMillis(200);
    private static final Duration PATIENCE = Duration.ofSeconds(5);
    /** Long enough for several polls and a quiet period: what "nothing more happens" is checked over. */
    private static final Duration STILLNESS = Duration.ofMillis(600);

    @TempDir
    Path dir;

    private final ManifestLoader manifestLoader = new ManifestLoader("cascade", List.of());
    private final AtomicInteger loads = new AtomicInteger();
    private final List<Topology> seen = new CopyOnWriteArrayList<>();
    private ManifestWatcher watcher;

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    @Test
    void startLoadsOnceHandsTheSnapshotToTheListenerAndReturnsIt() throws IOException {
        write("100.yaml", ManifestLoaderTest.configMap("settings", "1"));

        Topology first = start();

        assertThat(first.configMap("cascade", "settings")).isPresent();
        assertThat(seen).containsExactly(first);
        assertThat(loads).hasValue(1);
    }

    @Test
    void anAddedFileIsLoaded() throws IOException {
        start();

        write("100.yaml", ManifestLoaderTest.configMap("added", "1"));

        await().atMost(PATIENCE).until(() -> latest().configMap("cascade", "added").isPresent());
        assertThat(seen).hasSize(2);
    }

    @Test
    void anEditThatKeepsSizeAndTimestampIsStillSeen() throws IOException {
        Path file = write("100.yaml", ManifestLoaderTest.configMap("settings", "aaa"));
        FileTime modified = Files.getLastModifiedTime(file);
        start();

        write("100.yaml", ManifestLoaderTest.configMap("settings", "bbb"));
        // As a filesystem with one-second timestamps would show it: same size, same modification time.
        Files.setLastModifiedTime(file, modified);

        await().atMost(PATIENCE).until(() -> "bbb".equals(value(latest(), "settings")));
    }

    @Test
    void aRemovedFileIsUnloaded() throws IOException {
        Path file = write("100.yaml", ManifestLoaderTest.configMap("doomed", "1"));
        write("200.yaml", ManifestLoaderTest.configMap("survivor", "1"));
        start();

        Files.delete(file);

        await().atMost(PATIENCE).until(() -> latest().configMap("cascade", "doomed").isEmpty());
        assertThat(latest().configMap("cascade", "survivor")).isPresent();
    }

    @Test
    void aNewDirectoryAndAFileInItAreLoaded() throws IOException {
        start();

        write("functions/300.yml", ManifestLoaderTest.configMap("nested", "1"));

        await().atMost(PATIENCE).until(() -> latest().configMap("cascade", "nested").isPresent());
    }

    @Test
    void aBurstOfWritesLikeAnEditorsSaveGivesOneReload() throws IOException, InterruptedException {
        start();

        for (int step = 1; step <= 5; step++) {
            write("100.yaml", ManifestLoaderTest.configMap("settings", "step " + step));
            Thread.sleep(10);
        }

        await().atMost(PATIENCE).until(() -> "step 5".equals(value(latest(), "settings")));
        await().during(STILLNESS).atMost(STILLNESS.plus(PATIENCE)).until(() -> loads.get() == 2);
        assertThat(seen).hasSize(2);
    }

    @Test
    void touchingAFileWithoutChangingItStillReloads() throws IOException {
        Path file = write("100.yaml", ManifestLoaderTest.configMap("settings", "1"));
        start();

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5_000));

        await().atMost(PATIENCE).until(() -> loads.get() == 2);
    }

    @Test
    void aLoaderThatThrowsDoesNotStopTheWatcher() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Function<List<Path>, Topology> flaky = roots -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("a loader bug");
            }
            return manifestLoader.load(roots);
        };
        watcher = new ManifestWatcher(List.of(dir), flaky, seen::add, POLL, QUIET);
        watcher.start();

        write("100.yaml", ManifestLoaderTest.configMap("first", "1"));
        await().atMost(PATIENCE).until(() -> calls.get() == 2);
        write("200.yaml", ManifestLoaderTest.configMap("second", "1"));

        await().atMost(PATIENCE).until(() -> latest().configMap("cascade", "second").isPresent());
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheWatcher() throws IOException {
        Consumer<Topology> fragile = topology -> {
            seen.add(topology);
            if (seen.size() == 2) {
                throw new IllegalStateException("a listener bug");
            }
        };
        watcher = new ManifestWatcher(List.of(dir), manifestLoader::load, fragile, POLL, QUIET);
        watcher.start();

        write("100.yaml", ManifestLoaderTest.configMap("first", "1"));
        await().atMost(PATIENCE).until(() -> seen.size() == 2);
        write("200.yaml", ManifestLoaderTest.configMap("second", "1"));

        await().atMost(PATIENCE).until(() -> latest().configMap("cascade", "second").isPresent());
    }

    @Test
    void aRootThatAppearsLaterIsPickedUp() throws IOException {
        Path later = dir.resolve("later");
        watcher = new ManifestWatcher(List.of(later), this::countedLoad, seen::add, POLL, QUIET);
        assertThat(watcher.start().errors()).singleElement().hasToString(later + ": no such file or directory");

        Files.createDirectories(later);
        Files.writeString(later.resolve("100.yaml"), ManifestLoaderTest.configMap("late", "1"));

        await().atMost(PATIENCE).until(() -> latest().configMap("cascade", "late").isPresent()
                && latest().errors().isEmpty());
    }

    @Test
    void closeStopsTheWatcher() throws IOException {
        start();

        watcher.close();
        write("100.yaml", ManifestLoaderTest.configMap("unseen", "1"));

        await().during(STILLNESS).atMost(STILLNESS.plus(PATIENCE)).until(() -> loads.get() == 1);
        assertThat(seen).hasSize(1);
    }

    @Test
    void theListenerMayCloseTheWatcher() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        watcher = new ManifestWatcher(List.of(dir), manifestLoader::load, topology -> {
            if (calls.incrementAndGet() == 2) {
                watcher.close();
            }
        }, POLL, QUIET);
        watcher.start();

        write("100.yaml", ManifestLoaderTest.configMap("first", "1"));
        await().atMost(PATIENCE).until(() -> calls.get() == 2);
        write("200.yaml", ManifestLoaderTest.configMap("second", "1"));

        await().during(STILLNESS).atMost(STILLNESS.plus(PATIENCE)).until(() -> calls.get() == 2);
    }

    @Test
    void startsOnlyOnceAndNotAfterClose() throws IOException {
        start();

        assertThatThrownBy(watcher::start).isInstanceOf(IllegalStateException.class);
        watcher.close();
        watcher.close();
        assertThatThrownBy(watcher::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingAWatcherThatNeverStartedIsHarmless() {
        new ManifestWatcher(List.of(dir), manifestLoader::load, seen::add).close();

        assertThat(seen).isEmpty();
    }

    private Topology start() {
        watcher = new ManifestWatcher(List.of(dir), this::countedLoad, seen::add, POLL, QUIET);
        return watcher.start();
    }

    private Topology countedLoad(List<Path> roots) {
        loads.incrementAndGet();
        return manifestLoader.load(roots);
    }

    private Topology latest() {
        return seen.get(seen.size() - 1);
    }

    private static String value(Topology topology, String configMap) {
        return topology.configMap("cascade", configMap).map(map -> map.getData().get("value")).orElse(null);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
