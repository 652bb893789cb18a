package dev.cascade.loadtests.telemetry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.loadtests.devices.SimulationPlan;

/** The summary printed at the end and the JSON report: the baseline, every pipeline run, the ratio and the goal. */
final class Report {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BenchOptions options;
    private final SimulationPlan plan;
    private final TopicFiller.Filled filled;
    private final ConsumerPerformanceBaseline.Result baseline;
    private final List<PipelineRun> runs;
    private final String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));

    Report(BenchOptions options, SimulationPlan plan, TopicFiller.Filled filled,
            ConsumerPerformanceBaseline.Result baseline, List<PipelineRun> runs) {
        this.options = options;
        this.plan = plan;
        this.filled = filled;
        this.baseline = baseline;
        this.runs = runs;
    }

    /** The pipeline's figure: the median of the runs' readings/s from ready. */
    double pipelineReadingsPerSecond() {
        return Throughput.median(runs.stream().map(PipelineRun::readingsPerSecond).toList());
    }

    double steadyReadingsPerSecond() {
        return Throughput.median(runs.stream().map(PipelineRun::steadyReadingsPerSecond).toList());
    }

    double ratio() {
        return Throughput.ratio(pipelineReadingsPerSecond(), baseline.recordsPerSecond());
    }

    double steadyRatio() {
        return Throughput.ratio(steadyReadingsPerSecond(), baseline.fetchRecordsPerSecond());
    }

    /** The counter by outcome (accepted, duplicate, rejected), as whole readings. */
    static Map<String, Long> byOutcome(Map<String, Double> outcomes) {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((outcome, value) -> counts.put(outcome, Math.round(value)));
        return counts;
    }

    String summary() {
        StringBuilder out = new StringBuilder();
        out.append("\n## Telemetry ingest, ").append(date).append("\n\n");
        out.append(String.format(Locale.ROOT, "- topic %s, %d partition(s): %,d readings of %d devices (seed %d, "
                + "structured CloudEvents, invalid share %s, no anomalies), %.1f MB, written in %.1f s (not measured)%n",
                TelemetryBench.TOPIC, options.partitions(), filled.records(), plan.devices(), plan.seed(),
                plan.invalidShare(), filled.bytes() / 1e6, filled.seconds()));
        out.append(String.format(Locale.ROOT, "- telemetry-service JVM: %s; ConsumerPerformance JVM: %s; %d cores%n",
                String.join(" ", options.serviceJvm()), String.join(" ", options.baselineJvm()),
                Runtime.getRuntime().availableProcessors()));
        out.append("\n| | records/s | span | records |\n|---|--:|--:|--:|\n");
        out.append(String.format(Locale.ROOT,
                "| baseline: ConsumerPerformance `nMsg.sec` | %,.0f | %.2f s (group join %d ms) | %,d |%n",
                baseline.recordsPerSecond(), seconds(baseline), baseline.rebalanceMillis(), baseline.records()));
        out.append(String.format(Locale.ROOT, "| baseline without the join: `fetch.nMsg.sec` | %,.0f | %.2f s | %,d |%n",
                baseline.fetchRecordsPerSecond(), baseline.fetchMillis() / 1000.0, baseline.records()));
        for (PipelineRun run : runs) {
            out.append(String.format(Locale.ROOT, "| pipeline run %d: ready → all processed | %,.0f | %.2f s | %,d |%n",
                    run.run(), run.readingsPerSecond(), run.measuredSeconds(), run.readings() - run.processedAtReady()));
            out.append(String.format(Locale.ROOT, "| pipeline run %d: first batch → all processed | %,.0f | %.2f s | %,d |%n",
                    run.run(), run.steadyReadingsPerSecond(), run.steadySeconds(), run.readings() - run.processedAtFirst()));
        }
        out.append(String.format(Locale.ROOT, "%npipeline / baseline = %,.0f / %,.0f = **%.3f×**%s; goal ≥ %.1f×: **%s**%n",
                pipelineReadingsPerSecond(), baseline.recordsPerSecond(), ratio(),
                runs.size() > 1 ? " (median of " + runs.size() + " runs)" : "", Throughput.GOAL,
                Throughput.met(ratio()) ? "met" : "NOT met"));
        out.append(String.format(Locale.ROOT, "without the group join on either side (first batch → all, against "
                + "fetch.nMsg.sec): %,.0f / %,.0f = %.3f×%n", steadyReadingsPerSecond(),
                baseline.fetchRecordsPerSecond(), steadyRatio()));

        out.append("\n| run | ready after | accepted | duplicate | rejected | readings stored | windows stored | "
                + "closed | posted to the sink | outbox left | offsets committed |\n"
                + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (PipelineRun run : runs) {
            Map<String, Long> outcomes = byOutcome(run.outcomes());
            out.append(String.format(Locale.ROOT, "| %d | %.1f s | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d |%n",
                    run.run(), run.startSeconds(), outcomes.getOrDefault("accepted", 0L),
                    outcomes.getOrDefault("duplicate", 0L), outcomes.getOrDefault("rejected", 0L), run.readingsStored(),
                    run.windowsStored(), run.windowsClosed(), run.windowsPosted(), run.outboxUnpublished(),
                    run.committedOffsets()));
        }
        out.append("\nCPU seconds over each measured span (ready → all processed):\n");
        out.append("\n| run | telemetry-service | ms per reading | PostgreSQL | bench JVM (Kafka broker, sink) "
                + "| others on the machine | span |\n"
                + "|--:|--:|--:|--:|--:|--:|--:|\n");
        for (PipelineRun run : runs) {
            CpuClock.Usage cpu = run.cpu();
            out.append(String.format(Locale.ROOT, "| %d | %.1f | %.3f | %.1f | %.1f | %.1f | %.1f s |%n", run.run(),
                    cpu.service(), run.serviceCpuMillisPerReading(), cpu.postgres(), cpu.bench(), cpu.others(),
                    cpu.seconds()));
        }
        return out.toString();
    }

    private static double seconds(ConsumerPerformanceBaseline.Result baseline) {
        return baseline.recordsPerSecond() > 0 ? baseline.records() / baseline.recordsPerSecond() : Double.NaN;
    }

    void write(Path path) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("date", date);
        root.put("topic", TelemetryBench.TOPIC);
        root.set("options", JSON.valueToTree(Map.of(
                "count", options.count(), "partitions", options.partitions(), "repeat", options.repeat(),
                "seed", options.seed(), "invalidShare", options.invalidShare(),
                "serviceJvm", String.join(" ", options.serviceJvm()),
                "baselineJvm", String.join(" ", options.baselineJvm()),
                "serviceJar", options.serviceJar().toString())));
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("eventTimeStart", plan.start().toString());
        root.set("filled", JSON.valueToTree(filled));
        root.set("baseline", JSON.valueToTree(baseline));
        ArrayNode all = root.putArray("runs");
        for (PipelineRun run : runs) {
            ObjectNode node = JSON.valueToTree(run);
            node.put("readingsPerSecond", run.readingsPerSecond());
            node.put("steadyReadingsPerSecond", run.steadyReadingsPerSecond());
            node.put("serviceCpuMillisPerReading", run.serviceCpuMillisPerReading());
            ((ObjectNode) node.get("cpu")).put("others", run.cpu().others());
            node.set("byOutcome", JSON.valueToTree(byOutcome(run.outcomes())));
            all.add(node);
        }
        ObjectNode result = root.putObject("result");
        result.put("baselineRecordsPerSecond", baseline.recordsPerSecond());
        result.put("pipelineReadingsPerSecond", pipelineReadingsPerSecond());
        result.put("ratio", ratio());
        result.put("goal", Throughput.GOAL);
        result.put("met", Throughput.met(ratio()));
        result.put("baselineFetchRecordsPerSecond", baseline.fetchRecordsPerSecond());
        result.put("steadyReadingsPerSecond", steadyReadingsPerSecond());
        result.put("steadyRatio", steadyRatio());
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        Files.writeString(path, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
    }
}
