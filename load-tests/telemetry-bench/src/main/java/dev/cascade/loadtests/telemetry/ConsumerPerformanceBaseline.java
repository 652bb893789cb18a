package dev.cascade.loadtests.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: Kafka's own {@code org.apache.kafka.tools.ConsumerPerformance} (kafka-tools 4.1.1) in a JVM of its own,
 * from the bench's class path, with a fresh group and {@code --messages N}; everything else is the tool's default
 * (earliest offset, 1 MiB fetch size, 2 MiB receive buffer, 10 s timeout between records). Its one output line is
 * parsed by the column names of its header.
 */
final class ConsumerPerformanceBaseline {

    static final String MAIN_CLASS = "org.apache.kafka.tools.ConsumerPerformance";
    /** How long the tool may take in all; it stops by itself 10 s after the last record it got. */
    private static final long TIMEOUT_MINUTES = 30;

    private ConsumerPerformanceBaseline() {
    }

    /**
     * The final line of ConsumerPerformance without {@code --show-detailed-stats}. Its clock runs from just before
     * the consumer is created to the last record: {@code nMsg.sec} = records / that time, the group join included;
     * {@code fetch.nMsg.sec} leaves the join ({@code rebalance.time.ms}) out.
     */
    record Result(String startTime, String endTime, double megabytes, double megabytesPerSecond, long records,
            double recordsPerSecond, long rebalanceMillis, long fetchMillis, double fetchMegabytesPerSecond,
            double fetchRecordsPerSecond) {
    }

    /** Runs the tool to its end: its output into {@code consumer-performance.txt} in {@code work}, its log beside it. */
    static Result run(BenchOptions options, String bootstrapServers, String topic, String group, Path work) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.baselineJvm());
        // The tool prints with String.format in the default locale: a decimal comma would break the columns.
        command.addAll(List.of("-Duser.language=en", "-Duser.country=US",
                "-cp", System.getProperty("java.class.path"), MAIN_CLASS,
                "--bootstrap-server", bootstrapServers, "--topic", topic, "--group", group,
                "--messages", String.valueOf(options.count())));
        Path stdout = work.resolve("consumer-performance.txt");
        Path log = work.resolve("consumer-performance.log");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(log.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "consumer-performance-stop"));
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new BenchFailure("ConsumerPerformance did not finish within " + TIMEOUT_MINUTES + " min; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new BenchFailure("ConsumerPerformance exited with " + process.exitValue() + "; see " + log);
            }
            Result result = parse(Files.readString(stdout, StandardCharsets.UTF_8));
            if (result.records() != options.count()) {
                throw new BenchFailure("ConsumerPerformance read " + result.records() + " records, not "
                        + options.count() + "; see " + stdout);
            }
            return result;
        } catch (IOException e) {
            throw new BenchFailure("cannot run ConsumerPerformance: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while ConsumerPerformance ran");
        }
    }

    /**
     * Reads the header ({@code start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
     * rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}) and the line after it that has as many
     * columns; other lines (a timeout warning) are ignored.
     */
    static Result parse(String output) {
        List<String> lines = output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("start.time,")) {
                continue;
            }
            List<String> names = columns(lines.get(i));
            for (String line : lines.subList(i + 1, lines.size())) {
                List<String> values = columns(line);
                if (values.size() == names.size()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int c = 0; c < names.size(); c++) {
                        row.put(names.get(c), values.get(c));
                    }
                    return new Result(text(row, "start.time"), text(row, "end.time"),
                            decimal(row, "data.consumed.in.MB"), decimal(row, "MB.sec"),
                            whole(row, "data.consumed.in.nMsg"), decimal(row, "nMsg.sec"),
                            whole(row, "rebalance.time.ms"), whole(row, "fetch.time.ms"),
                            decimal(row, "fetch.MB.sec"), decimal(row, "fetch.nMsg.sec"));
                }
            }
            throw new BenchFailure("ConsumerPerformance printed its header but no line of " + names.size()
                    + " columns: " + output.strip());
        }
        throw new BenchFailure("no ConsumerPerformance header (start.time, …) in its output: " + output.strip());
    }

    private static List<String> columns(String line) {
        return Arrays.stream(line.split(",")).map(String::strip).toList();
    }

    private static String text(Map<String, String> row, String column) {
        String value = row.get(column);
        if (value == null) {
            throw new BenchFailure("ConsumerPerformance's output has no column " + column + ": " + row.keySet());
        }
        return value;
    }

    private static double decimal(Map<String, String> row, String column) {
        String value = text(row, column);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new BenchFailure("ConsumerPerformance's " + column + " is not a number: " + value);
        }
    }

    private static long whole(Map<String, String> row, String column) {
        String value = text(row, column);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BenchFailure("ConsumerPerformance's " + column + " is not a whole number: " + value);
        }
    }
}
