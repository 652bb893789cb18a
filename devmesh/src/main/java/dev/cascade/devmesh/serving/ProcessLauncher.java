package dev.cascade.devmesh.serving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

/**
 * Starts and stops instance processes, and keeps every one it started until it exits, so that devmesh leaves no
 * orphans: {@link #stopAll} on shutdown (SIGTERM, SIGKILL after the grace, children of the process included).
 *
 * <p>If devmesh itself dies without shutting down (SIGKILL, a crash), its instances die with it where the system
 * allows: on Linux each instance is started through util-linux's {@code setpriv --pdeathsig KILL}, which has
 * the kernel kill the process when the thread that started it ends. That is why every process is started from
 * one long-lived thread, never from a pool whose threads come and go.
 */
final class ProcessLauncher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProcessLauncher.class);
    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

    private final ExecutorService spawner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "devmesh-serving-spawner");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    /** Set on the spawner thread before the first start. */
    private List<String> deathSignal;

    /**
     * Starts {@code command} with exactly {@code environment}, its output (stdout and stderr) appended to
     * {@code log} after a line naming the instance.
     */
    CompletableFuture<Process> start(List<String> command, Map<String, String> environment, Path workingDirectory,
            Path log, String banner) {
        try {
            return CompletableFuture.supplyAsync(() -> launch(command, environment, workingDirectory, log, banner),
                    spawner);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.failedFuture(new IllegalStateException("devmesh is stopping"));
        }
    }

    private Process launch(List<String> command, Map<String, String> environment, Path workingDirectory, Path log,
            String banner) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, banner + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            List<String> line = new ArrayList<>(deathSignal());
            line.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(line)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            live.add(process);
            process.onExit().thenRun(() -> live.remove(process));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGTERM to the process and its descendants, SIGKILL to whatever still runs after {@code grace}; completes
     * once that is done.
     */
    CompletableFuture<Void> stop(Process process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        return process.onExit()
                .thenApply(exited -> (Void) null)
                .completeOnTimeout(null, Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS)
                .thenRun(() -> {
                    if (process.isAlive()) {
                        LOG.warnf("pid %d did not stop within %s of SIGTERM: killing it", process.pid(), grace);
                        process.destroyForcibly();
                    }
                    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                });
    }

    /** Stops every live process and waits until they are gone (at most the grace and a few seconds). */
    void stopAll(Duration grace) {
        List<Process> running = List.copyOf(live);
        if (running.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] stopping = running.stream().map(p -> stop(p, grace)).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(stopping).get(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            for (Process process : running) {
                process.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("not every instance confirmed its exit: %s", e.toString());
        }
        running.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
    }

    int liveCount() {
        return live.size();
    }

    /** Ends the spawner thread: any process still alive then gets its parent-death signal. */
    @Override
    public void close() {
        spawner.shutdown();
    }

    /** {@code setpriv --pdeathsig KILL --} on Linux when util-linux has it; nothing elsewhere. */
    private List<String> deathSignal() {
        if (deathSignal == null) {
            deathSignal = List.of();
            if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
                for (Path setpriv : SETPRIV) {
                    if (Files.isExecutable(setpriv) && supportsDeathSignal(setpriv)) {
                        deathSignal = List.of(setpriv.toString(), "--pdeathsig", "KILL", "--");
                        break;
                    }
                }
            }
            if (deathSignal.isEmpty()) {
                LOG.info("setpriv --pdeathsig is not available: instances outlive devmesh if it is killed (SIGKILL)");
            }
        }
        return deathSignal;
    }

    private static boolean supportsDeathSignal(Path setpriv) {
        try {
            Process probe = new ProcessBuilder(setpriv.toString(), "--pdeathsig", "KILL", "--", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
