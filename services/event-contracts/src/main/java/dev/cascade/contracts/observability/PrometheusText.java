package dev.cascade.contracts.observability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of {@code /q/metrics} read back: the samples of the Prometheus text format or OpenMetrics (which Quarkus
 * serves when asked, with exemplars after the value), for tests that check what a process really exports.
 */
public final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][\\w:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]\\w*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** One sample: a series name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {

        public Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    /** Reads a scrape; comment lines and anything that is not a sample are skipped. */
    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            // OpenMetrics may follow a value with an exemplar: `… 3.0 # {trace_id="…"} 1.0 1700000000.0`.
            int exemplar = line.indexOf(" # ");
            Matcher sample = SAMPLE.matcher((exemplar < 0 ? line : line.substring(0, exemplar)).strip());
            if (!sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
            double value;
            try {
                value = Double.parseDouble(sample.group(3).replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
            } catch (NumberFormatException e) {
                continue;
            }
            samples.add(new Sample(sample.group(1), labels, value));
        }
        return new PrometheusText(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every series name in the scrape. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(sample -> names.add(sample.name()));
        return names;
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }

    /** The sum of the samples of {@code name} whose labels include all of {@code labels}; 0 when there are none. */
    public double value(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }
}
