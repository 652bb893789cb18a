package dev.cascade.loadtests.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import dev.cascade.loadtests.serving.EventSender.Burst;
import dev.cascade.loadtests.serving.Manifests.Deployment;

/** The report, as Markdown that also reads well on a console: facts, one table per fixture, the goals, every run. */
final class Report {

    private Report() {
    }

    static String render(BenchOptions options, Facts facts, double loadBefore, double loadAfter,
            List<Deployment> measured, Map<Deployment, String> skipped, List<Sample> samples) {
        StringBuilder out = new StringBuilder();
        out.append("# Serving benchmark\n\n");
        out.append(String.format(Locale.ROOT, "- run: %s; %d cores (%s), %,d MiB; %s; 1-min load average %.2f "
                        + "before the first measurement, %.2f after the last\n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), facts.cores(), facts.cpu(), facts.memoryMib(),
                facts.os(), loadBefore, loadAfter));
        out.append("- JDKs: ").append(facts.benchJdk()).append(" (the bench's, for `jvm` and `appcds`); ")
                .append(facts.jdk25()).append(" (`--jdk25`, for the `*25*` variants)\n");
        out.append(String.format(Locale.ROOT, "- parameters: --runs %d --burst %d --concurrency %d --idle %d; "
                        + "function JVM options `%s`\n", options.runs(), options.burst(), options.concurrency(),
                options.idle().toSeconds(), String.join(" ", options.functionJvmArgs())));
        out.append("- devmesh: `").append(String.join(" ", Devmesh.JVM_OPTIONS))
                .append("`, embedded PostgreSQL and Kafka (`-Ddevmesh.postgres.embedded=true "
                        + "-Ddevmesh.kafka.embedded=true`), MT broker, delivery log at WARN")
                .append(options.devmeshArgs().isEmpty() ? "" : ", " + String.join(" ", options.devmeshArgs()))
                .append("; bench, devmesh, PostgreSQL, Kafka and the function share the cores\n\n");

        out.append("## Variants\n\n");
        List<List<String>> rows = new ArrayList<>();
        for (Variant variant : Variant.MEASURED) {
            if (!options.variants().contains(variant)) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(variant.id, variant.description,
                    String.join(" ", variant.archiveOptions(options, Fixture.ECHO))
                            .replace(options.work().toString(), "target/serving-bench")));
            for (Fixture fixture : Fixture.values()) {
                Deployment deployment = new Deployment(fixture, variant);
                Path archive = variant.archive(options, fixture);
                String size = archive == null ? "" : ", " + archive.getFileName() + " " + sizeMib(archive);
                row.add(skipped.containsKey(deployment) ? "**not run**: " + skipped.get(deployment)
                        : measured.contains(deployment) ? "measured" + size : "—");
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("variant", "what", "JVM options added"));
        for (Fixture fixture : Fixture.values()) {
            header.add(fixture.module);
        }
        table(out, header, rows, 0, 1, 2, 3, 4);
        out.append('\n');

        for (Fixture fixture : Fixture.values()) {
            List<Sample> ofFixture = samples.stream().filter(s -> s.fixture() == fixture).toList();
            if (ofFixture.isEmpty()) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "## %s (%s): median (min–max) of %d runs\n\n", fixture.module,
                    fixture.uses, options.runs()));
            fixtureTable(out, ofFixture);
            out.append('\n');
        }

        out.append("## Goals (medians)\n\n");
        goals(out, samples);

        out.append("\n## Every run\n\n");
        rows = new ArrayList<>();
        for (Sample s : samples) {
            rows.add(List.of(String.valueOf(s.run()), s.fixture().service(s.variant()),
                    s.first().ok() ? millis(s.first().millis()) : "HTTP " + s.first().status(),
                    millis(s.coldStartMs()), mib(s.rssKib()),
                    millis(s.cold().millis()) + " (" + millis(s.cold().firstOkMillis()) + ")",
                    millis(s.burstColdStartMs()), millis(s.warm().millis()), ratio(s.coldWarmRatio()),
                    mib(s.rssAfterBurstsKib()), s.clean() ? "—" : problems(s)));
        }
        table(out, List.of("run", "service", "first event ms", "cold start ms", "RSS MiB", "cold burst ms (1st 2xx)",
                "burst cold start ms", "warm burst ms", "cold/warm", "RSS after bursts", "problems"), rows, 0, 1, 10);

        out.append("""

                ## How it was measured

                - Each measurement starts with **every** Service of the run scaled to zero (state `scaled-to-zero`, \
                0 instances in `/devmesh/services`), so no idle or still-compiling JVM shares the cores with it. The \
                runs are interleaved (run 1 of every Service, then run 2, …) so drift hits all variants alike; one \
                unmeasured start and burst of each Service came first (table and topic creation, page cache, \
                devmesh's own JIT).
                - **first event**: one binary-mode CloudEvent POSTed to the MT broker `bench/default` while the \
                function is at zero, timed from the send to the broker's 202. The MT broker answers only after the \
                function answered, so this is start to first event handled. **cold start** is devmesh's \
                `lastColdStartMs`: how long the event was held until an instance was ready (its `/q/health/ready`, \
                which includes the datasource and Kafka checks of the database fixture, answered 200); the rest is \
                the function's first invocation and the broker.
                - **RSS**: VmRSS of the instance's pid (from `/devmesh/services`) in `/proc/<pid>/status` right after \
                the first event's 202; **RSS after bursts** is the same after both bursts.
                - **bursts**: the Service is let go to zero again, then `--burst` events are sent with \
                `--concurrency` in flight (each sent when another is answered) and timed until the last 202 (the \
                time of the first 2xx in brackets: mostly the cold start); then the same burst at once to the warm \
                instance. `max-scale: "1"`: both bursts have the same single instance. **cold/warm** is the ratio \
                of the two times.
                - **× jvm**: the variant's median over the `jvm` variant's median of the same run.
                - **aot25-trained**: after the priming, the Service `<function>-aot25-training` (the same aot-jar with \
                `-XX:AOTCacheOutput`) got one event and one burst and was let go to zero; its JVM wrote the cache as \
                it exited (devmesh's stop grace is 60 s for that). Quarkus's own `aot25` cache is recorded at build \
                time from a start-up alone, which never handles an event.
                """);
        return out.toString().stripTrailing();
    }

    private static void fixtureTable(StringBuilder out, List<Sample> samples) {
        Map<Variant, List<Sample>> byVariant = samples.stream()
                .collect(Collectors.groupingBy(Sample::variant, LinkedHashMap::new, Collectors.toList()));
        List<Sample> baseline = byVariant.entrySet().stream().filter(e -> e.getKey() == Variant.JVM)
                .map(Map.Entry::getValue).findFirst().orElse(List.of());
        Summary baseFirst = firstEvent(baseline);
        Summary baseRss = rss(baseline);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<Variant, List<Sample>> entry : byVariant.entrySet()) {
            List<Sample> runs = entry.getValue();
            Summary first = firstEvent(runs);
            Summary rss = rss(runs);
            long clean = runs.stream().filter(Sample::clean).count();
            rows.add(List.of(entry.getKey().id, range(first, 0), ratio(first.median() / baseFirst.median()),
                    range(summary(runs, s -> s.coldStartMs() == null ? Double.NaN : s.coldStartMs()), 0),
                    range(rss, 0), ratio(rss.median() / baseRss.median()),
                    range(summary(runs, s -> s.cold().millis()), 0), range(summary(runs, s -> s.warm().millis()), 0),
                    range(summary(runs, Sample::coldWarmRatio), 2),
                    clean + "/" + runs.size()));
        }
        table(out, List.of("variant", "first event ms", "× jvm", "cold start ms", "RSS MiB", "× jvm",
                "cold burst ms", "warm burst ms", "cold/warm", "clean runs"), rows, 0);
    }

    private static void goals(StringBuilder out, List<Sample> samples) {
        for (Fixture fixture : Fixture.values()) {
            for (Variant variant : Variant.MEASURED) {
                List<Sample> runs = samples.stream()
                        .filter(s -> s.fixture() == fixture && s.variant() == variant).toList();
                if (runs.isEmpty()) {
                    continue;
                }
                double first = firstEvent(runs).median();
                double rss = rss(runs).median();
                double ratio = summary(runs, Sample::coldWarmRatio).median();
                out.append(String.format(Locale.ROOT,
                        "- %s, %s: first event %s ms (goal ≤ %,d): %s; RSS %s MiB = %s MB (goal ≤ %d MB, read as "
                                + "MiB): %s; cold/warm %s (goal ≤ %.0f×): %s\n",
                        fixture.module, variant.id, millis(first), fixture.goalFirstEventMillis,
                        verdict(first <= fixture.goalFirstEventMillis), millis(rss), millis(rss * 1.048576),
                        fixture.goalRssMib, verdict(rss <= fixture.goalRssMib), ratio(ratio),
                        Fixture.GOAL_COLD_WARM_RATIO, verdict(ratio <= Fixture.GOAL_COLD_WARM_RATIO)));
            }
        }
    }

    static String problems(Sample sample) {
        List<String> problems = new ArrayList<>(sample.problems());
        if (!sample.first().ok()) {
            problems.add("first event: " + (sample.first().status() > 0 ? "HTTP " + sample.first().status()
                    : sample.first().failure()));
        }
        burstProblems("cold burst", sample.cold(), problems);
        burstProblems("warm burst", sample.warm(), problems);
        return String.join("; ", problems);
    }

    private static void burstProblems(String name, Burst burst, List<String> problems) {
        if (burst.non2xx() > 0) {
            problems.add(name + ": " + burst.non2xx() + " non-2xx " + burst.byStatus());
        }
        if (burst.failed() > 0) {
            problems.add(name + ": " + burst.failed() + " failed, first: " + burst.firstFailure());
        }
    }

    private static Summary firstEvent(List<Sample> runs) {
        return summary(runs.stream().filter(s -> s.first().ok()).toList(), s -> s.first().millis());
    }

    private static Summary rss(List<Sample> runs) {
        return summary(runs.stream().filter(s -> s.rssKib() >= 0).toList(), s -> s.rssKib() / 1024.0);
    }

    private static Summary summary(List<Sample> runs, ToDoubleFunction<Sample> value) {
        return Summary.of(runs.stream().map(s -> value.applyAsDouble(s)).toList());
    }

    private static String verdict(boolean met) {
        return met ? "met" : "**not met**";
    }

    private static String range(Summary summary, int decimals) {
        if (summary.count() == 0) {
            return "—";
        }
        String format = "%,." + decimals + "f";
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", summary.median(), summary.min(),
                summary.max());
    }

    private static String millis(Long value) {
        return value == null ? "—" : millis(value.doubleValue());
    }

    private static String millis(double value) {
        return Double.isNaN(value) || value < 0 ? "—" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String mib(long kib) {
        return kib < 0 ? "?" : String.format(Locale.ROOT, "%.0f", kib / 1024.0);
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "—" : String.format(Locale.ROOT, "%.2f×", value);
    }

    private static String sizeMib(Path file) {
        try {
            return String.format(Locale.ROOT, "%.0f MiB", Files.size(file) / 1024.0 / 1024.0);
        } catch (IOException e) {
            return "(missing)";
        }
    }

    /** A Markdown table with padded columns, so the console shows it aligned too: text left, figures right. */
    private static void table(StringBuilder out, List<String> header, List<List<String>> rows, int... textColumns) {
        Set<Integer> left = Arrays.stream(textColumns).boxed().collect(Collectors.toSet());
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        line(out, header, widths, left);
        List<String> rule = new ArrayList<>();
        for (int c = 0; c < widths.length; c++) {
            rule.add(left.contains(c) ? "-".repeat(widths[c]) : "-".repeat(widths[c] - 1) + ":");
        }
        line(out, rule, widths, left);
        rows.forEach(row -> line(out, row, widths, left));
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, Set<Integer> left) {
        out.append('|');
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            out.append(' ').append(left.contains(c) ? cell + pad : pad + cell).append(" |");
        }
        out.append('\n');
    }
}
