package dev.cascade.localinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link LocalKafka} in a JVM of its own: for a host whose own latency must not share a heap, a collector and
 * JIT threads with the broker (a benchmark of devmesh, say). The child runs {@link #main} on this JVM's class path,
 * announces its bootstrap servers on its standard output, and stops (a controlled shutdown) when its standard input
 * closes: on {@link #close()}, and also when this JVM dies, so no broker outlives its host.
 */
public final class LocalKafkaProcess implements AutoCloseable {

    static final String READY = "local-kafka ready at ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String bootstrapServers;

    private LocalKafkaProcess(Process process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the child and waits until its broker is ready.
     *
     * @param jvmOptions the child's JVM options, e.g. {@code -Xmx512m}
     * @param log        where the child's output goes after the ready line
     */
    public static LocalKafkaProcess start(List<String> jvmOptions, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalKafkaProcess.class.getName()));
        Process process;
        try {
            if (log.toAbsolutePath().getParent() != null) {
                Files.createDirectories(log.toAbsolutePath().getParent());
            }
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Kafka process", e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, ready), "local-kafka-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new LocalKafkaProcess(process, ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while Kafka started", e);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Kafka did not start in its own process within " + START_TIMEOUT
                    + "; see " + log, e);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    /** Closes the child's input, which shuts the broker down cleanly; kills it if that takes too long. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Copies the child's output to {@code log}, and completes {@code ready} with the address it announces. */
    private static void pump(Process process, Path log, CompletableFuture<String> ready) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                OutputStream out = Files.newOutputStream(log)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!ready.isDone() && line.startsWith(READY)) {
                    ready.complete(line.substring(READY.length()).trim());
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the Kafka process exited before it was ready"));
    }

    /**
     * The child: a temporary {@link LocalKafka} (or {@code --data-dir D}, {@code --port P}), its address on standard
     * output, then a controlled shutdown once standard input closes.
     */
    public static void main(String[] args) throws IOException {
        Path dataDirectory = null;
        int port = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--data-dir" -> dataDirectory = Path.of(args[i + 1]);
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (LocalKafka kafka = LocalKafka.start(new LocalKafka.Options(dataDirectory, port, 0))) {
            System.out.println(READY + kafka.bootstrapServers());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the parent closes our input or dies
            }
        }
    }
}
