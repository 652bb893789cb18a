package dev.cascade.loadtests.devmesh;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;

import dev.cascade.loadtests.devmesh.Results.Latency;
import dev.cascade.loadtests.devmesh.Results.Problems;
import dev.cascade.loadtests.devmesh.Results.Throughput;

/** The report, as Markdown that also reads well on a console: padded tables, then the goals of the issue. */
final class Report {

    static final String KAFKA_UNAVAILABLE = "not available in this devmesh build";

    /** The goals of issue 3, for the MT class and the Kafka class. */
    private static final double GOAL_EVENTS_PER_SECOND = 5_000;
    private static final double GOAL_ADDED_P99_MT_MS = 3;
    private static final double GOAL_ADDED_P99_KAFKA_MS = 30;

    /** More than this much CPU used by other processes during a phase is worth a warning. */
    private static final double BUSY_MACHINE_CORES = 0.2;

    private Report() {
    }

    static String render(BenchOptions options, double loadAverage, List<Throughput> throughputs,
            List<Latency> latencies, String kafkaProblem, long strays) {
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder out = new StringBuilder();
        out.append("# devmesh benchmark\n\n");
        out.append(String.format(Locale.ROOT, "- run: %s, %d cores, %s %s, Java %s, 1-min load average %.2f before the first phase\n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), cores, System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"), loadAverage));
        out.append(String.format(Locale.ROOT,
                "- parameters: --seconds %d --warmup %d --concurrency %d --rate %s --request-timeout %d --drain-timeout %d\n",
                options.seconds(), options.warmupSeconds(), options.concurrency(),
                options.rate() > 0 ? String.valueOf(options.rate()) : "(half each broker's throughput)",
                options.requestTimeoutSeconds(),
                options.drainSeconds()));
        out.append("- Kafka class: ").append(switch (options.kafka()) {
            case PROCESS -> "a KRaft broker in a JVM of its own (" + String.join(" ", DevmeshBench.KAFKA_JVM_OPTIONS)
                    + "), its CPU counted under others";
            case EMBEDDED -> "devmesh's embedded KRaft broker, in devmesh's JVM";
            case NONE -> "devmesh's in-memory log (not durable)";
        }).append('\n');
        out.append("- devmesh JVM: ").append(String.join(" ", Devmesh.JVM_OPTIONS)).append(", delivery log at WARN")
                .append(options.devmeshArgs().isEmpty() ? "" : ", " + String.join(" ", options.devmeshArgs()))
                .append('\n');
        out.append(String.format(Locale.ROOT,
                "- bench JVM: %s; producer and no-op subscriber on %d Vert.x event loops. **It shares the %d cores "
                        + "with devmesh**: absolute figures are the whole machine's, the ratios to the direct "
                        + "baseline are the comparable ones.\n",
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), DevmeshBench.EVENT_LOOPS,
                cores));
        out.append("- events: binary-mode CloudEvents, type `").append(LoadGenerator.EVENT_TYPE)
                .append("`, a small JSON body; one Trigger per broker, filtering on the type; the subscriber answers "
                        + "202 with no body\n\n");

        out.append(String.format(Locale.ROOT,
                "## Throughput: closed loop, %d requests in flight, %d s after %d s warm-up\n\n",
                options.concurrency(), options.seconds(), options.warmupSeconds()));
        double direct = throughputs.get(0).okPerSecond();
        List<List<String>> rows = new ArrayList<>();
        for (Throughput t : throughputs) {
            List<String> row = new ArrayList<>(List.of(t.target(), number(t.okPerSecond()),
                    ratio(t.okPerSecond() / direct), number(t.deliveredPerSecond())));
            row.addAll(cpu(t.cpu()));
            row.add(problems(t.problems()));
            rows.add(row);
        }
        table(out, List.of("target", "events/s (2xx)", "× direct", "delivered/s", "CPU devmesh", "CPU bench",
                "CPU others", "non-2xx / failed / undelivered"), rows, kafkaProblem);
        out.append("\n");

        out.append(String.format(Locale.ROOT,
                "## Latency: open loop, each broker at half its own throughput after a direct baseline at the same "
                        + "rate, %d s after %d s warm-up, in ms\n\n", options.seconds(), options.warmupSeconds()));
        rows = new ArrayList<>();
        for (int i = 0; i + 1 < latencies.size(); i += 2) {
            Latency baseline = latencies.get(i);
            double directP99 = ms(baseline.done(), 99);
            for (Latency l : List.of(baseline, latencies.get(i + 1))) {
                boolean isDirect = l == baseline;
                double p99 = ms(l.done(), 99);
                List<String> row = new ArrayList<>(List.of(l.target(), String.format(Locale.ROOT, "%,d", l.rate()),
                        String.format(Locale.ROOT, "%,d", l.done().getTotalCount()), twoDecimals(ms(l.done(), 50)),
                        twoDecimals(p99), twoDecimals(l.done().getMaxValue() / 1000.0),
                        isDirect ? "—" : twoDecimals(p99 - directP99), isDirect ? "1.00×" : ratio(p99 / directP99),
                        twoDecimals(ms(l.answer(), 99)), twoDecimals(ms(l.delivery(), 99))));
                row.addAll(cpu(l.cpu()));
                row.add(problems(l.problems()) + unsent(l));
                rows.add(row);
            }
        }
        table(out, List.of("target", "events/s", "events", "p50", "p99", "max", "added p99", "p99 × direct", "2xx p99",
                "delivered p99", "CPU devmesh", "CPU bench", "CPU others", "non-2xx / failed / undelivered"), rows,
                kafkaProblem);
        out.append("""

                - **events/s (2xx)**: 2xx answers per second; **delivered/s**: events the subscriber got per second.
                - **Latency** runs from each event's *scheduled* send time, so a stall counts against every event \
                planned during it (no coordinated omission), until the event is both answered 2xx and at the \
                subscriber (p50, p99, max); `2xx p99` and `delivered p99` are the two separately. MT answers after \
                delivering; a Kafka-class broker answers once the event is durable and delivers after.
                - **added p99** = p99 − the p99 of the direct row just above it (same rate).
                - **CPU**: cores kept busy during the phase (CPU seconds per second) by devmesh, by the bench JVM and \
                by every other process on the machine; anything under "others" competed with the run.
                """);
        if (kafkaProblem != null) {
            out.append("- **Kafka class**: ").append(KAFKA_UNAVAILABLE).append(" (").append(kafkaProblem)
                    .append(").\n");
        }
        out.append("\n## Goals (issue 3)\n\n");
        goals(out, throughputs, latencies, kafkaProblem, options.kafka() != BenchOptions.KafkaMode.NONE);
        notes(out, throughputs, latencies, strays);
        return out.toString().stripTrailing();
    }

    private static void goals(StringBuilder out, List<Throughput> throughputs, List<Latency> latencies,
            String kafkaProblem, boolean durable) {
        for (int i = 1; i < throughputs.size(); i++) {
            Throughput t = throughputs.get(i);
            Latency l = latencies.get(2 * i - 1);
            double directP99 = ms(latencies.get(2 * i - 2).done(), 99);
            boolean kafka = t.target().equals(DevmeshBench.KAFKA_TARGET);
            double addedGoal = kafka ? GOAL_ADDED_P99_KAFKA_MS : GOAL_ADDED_P99_MT_MS;
            double added = ms(l.done(), 99) - directP99;
            // Without a Kafka, the Kafka class runs on an in-memory log: its figure says nothing of the durable goal.
            String verdict = kafka && !durable ? "not measured: not durable (--kafka none)"
                    : added <= addedGoal ? "met" : "**not met**";
            out.append(String.format(Locale.ROOT, "- %s: %s events/s (goal ≥ %s): %s; added p99 %.2f ms (goal ≤ %.0f ms%s): %s\n",
                    t.target(), number(t.okPerSecond()), number(GOAL_EVENTS_PER_SECOND),
                    t.okPerSecond() >= GOAL_EVENTS_PER_SECOND ? "met" : "**not met**", added, addedGoal,
                    kafka ? ", Kafka-durable" : ", in memory", verdict));
        }
        if (kafkaProblem != null) {
            out.append("- Kafka class: ").append(KAFKA_UNAVAILABLE).append('\n');
        }
    }

    private static void notes(StringBuilder out, List<Throughput> throughputs, List<Latency> latencies, long strays) {
        List<String> notes = new ArrayList<>();
        for (Throughput t : throughputs) {
            if (t.problems().first() != null) {
                notes.add("throughput, " + t.target() + ", first problem: " + t.problems().first());
            }
        }
        for (Latency l : latencies) {
            if (l.problems().first() != null) {
                notes.add("latency, " + l.target() + ", first problem: " + l.problems().first());
            }
            if (l.duplicates() > 0) {
                notes.add("latency, " + l.target() + ": " + l.duplicates() + " events delivered more than once");
            }
        }
        double others = Math.max(
                throughputs.stream().mapToDouble(t -> t.cpu().others()).max().orElse(0),
                latencies.stream().mapToDouble(l -> l.cpu().others()).max().orElse(0));
        if (others >= BUSY_MACHINE_CORES) {
            notes.add(String.format(Locale.ROOT, "other processes kept up to %.2f cores busy during a phase: the "
                    + "figures are lower and noisier than on a quiet machine; re-run when nothing else runs", others));
        }
        if (strays > 0) {
            notes.add(strays + " requests reached the subscriber outside their phase (late or unknown ids)");
        }
        if (!notes.isEmpty()) {
            out.append("\n## Notes\n\n");
            notes.forEach(note -> out.append("- ").append(note).append('\n'));
        }
    }

    /** A Markdown table with padded columns, so the console shows it aligned too; n/a for a missing Kafka class. */
    private static void table(StringBuilder out, List<String> header, List<List<String>> measured,
            String kafkaProblem) {
        List<List<String>> rows = new ArrayList<>(measured);
        if (kafkaProblem != null) {
            List<String> row = new ArrayList<>(List.of(DevmeshBench.KAFKA_TARGET));
            while (row.size() < header.size()) {
                row.add("n/a");
            }
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        line(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            rule.add(c == 0 ? "-".repeat(widths[c]) : "-".repeat(widths[c] - 1) + ":");
        }
        line(out, rule, widths);
        rows.forEach(row -> line(out, row, widths));
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(' ').append(c == 0 ? cell + pad : pad + cell).append(" |");
        }
        out.append('\n');
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String twoDecimals(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "—" : String.format(Locale.ROOT, "%.2f×", value);
    }

    private static List<String> cpu(CpuClock.Use use) {
        return List.of(cores(use.devmesh()), cores(use.bench()), cores(use.others()));
    }

    private static String cores(double value) {
        return value < 0 ? "?" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String problems(Problems problems) {
        String codes = problems.byStatus().entrySet().stream()
                .map(entry -> entry.getKey() + "×" + entry.getValue())
                .collect(Collectors.joining(" "));
        return problems.non2xx() + (codes.isEmpty() ? "" : " (" + codes + ")") + " / " + problems.failed() + " / "
                + problems.undelivered();
    }

    private static String unsent(Latency latency) {
        int unsent = latency.scheduled() - latency.released();
        return unsent == 0 ? "" : ", " + unsent + " unsent";
    }
}
