package dev.cascade.loadtests.telemetry;

import java.util.Map;
import java.util.TreeMap;

/**
 * Reads samples out of Prometheus's text exposition format (what {@code /q/metrics} answers): one sample per line,
 * {@code name{label="value",…} number [timestamp]}, comments starting with {@code #}.
 */
final class PrometheusText {

    private PrometheusText() {
    }

    /** Every sample of {@code metric}, by its label set as written (e.g. {@code outcome="accepted",reason="none"}). */
    static Map<String, Double> samples(String text, String metric) {
        Map<String, Double> samples = new TreeMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int at = metric.length();
            String labels = "";
            if (at < line.length() && line.charAt(at) == '{') {
                int close = closingBrace(line, at);
                if (close < 0) {
                    continue;
                }
                labels = line.substring(at + 1, close);
                at = close + 1;
            }
            if (at >= line.length() || !Character.isWhitespace(line.charAt(at))) {
                continue; // another metric whose name starts with this one
            }
            String value = line.substring(at).strip().split("\\s+")[0];
            try {
                samples.merge(labels, Double.parseDouble(value), Double::sum);
            } catch (NumberFormatException e) {
                // "NaN" parses; anything else is not a sample
            }
        }
        return samples;
    }

    /** The sum of every sample of {@code metric}, 0 when it has none (a counter not incremented yet is not shown). */
    static double sum(String text, String metric) {
        return samples(text, metric).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The index of the {@code '}'} that closes the label set opened at {@code open}, skipping quoted values. */
    private static int closingBrace(String line, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
