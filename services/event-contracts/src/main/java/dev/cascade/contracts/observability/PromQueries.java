package dev.cascade.contracts.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The metric names that a Grafana dashboard (JSON model) or a Prometheus rule file (YAML) queries, so that a test
 * can check each against what the processes really export ({@link CascadeMetrics#exportedBy(String)}). A renamed
 * metric otherwise leaves a panel empty and an alert silent, and nobody notices.
 * <p>
 * Reads every PromQL expression of the file: a dashboard's {@code expr} fields and its template variables' queries
 * ({@code label_values(metric, label)}, {@code query_result(expr)}), a rule file's {@code expr} fields. A metric name
 * is an identifier that is not a function or aggregation (followed by {@code (}), a keyword, a label (inside
 * {@code {...}} or a {@code by}/{@code without}/{@code on}/{@code ignoring}/{@code group_*} list), a duration or a
 * Grafana variable ({@code $x}, {@code ${x}}, {@code [[x]]}).
 */
public final class PromQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "offset", "and", "or", "unless", "atan2", "inf", "nan", "start", "end");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\[\\[[^]]*]]");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])[A-Za-z_:][\\w:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    private PromQueries() {
    }

    /** Every metric name queried in {@code file}: a dashboard ({@code .json}) or a rule file ({@code .yaml/.yml}). */
    public static Set<String> metricNames(Path file) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions(file)) {
            names.addAll(metricNames(expression));
        }
        return names;
    }

    /** Every PromQL expression in {@code file}, as written. */
    public static List<String> expressions(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        JsonNode root;
        try {
            root = (name.endsWith(".json") ? JSON : YAML).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<String> expressions = new ArrayList<>();
        if (name.endsWith(".json")) {
            collect(root, "expr", expressions);
            for (JsonNode variable : root.path("templating").path("list")) {
                if ("query".equals(variable.path("type").asText())) {
                    JsonNode query = variable.path("query");
                    expressions.add(templateQuery(query.isObject() ? query.path("query").asText() : query.asText()));
                }
            }
        } else {
            for (JsonNode group : root.path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.hasNonNull("expr")) {
                        expressions.add(rule.get("expr").asText());
                    }
                }
            }
        }
        expressions.removeIf(String::isBlank);
        return expressions;
    }

    /** The metric names one PromQL expression selects. */
    public static Set<String> metricNames(String expression) {
        String text = STRING.matcher(expression).replaceAll(" ");
        text = VARIABLE.matcher(text).replaceAll(" ");
        text = MATCHERS.matcher(text).replaceAll(" ");
        text = RANGE.matcher(text).replaceAll(" ");
        text = GROUPING.matcher(text).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(text);
        while (identifier.find()) {
            String word = identifier.group();
            if (KEYWORDS.contains(word.toLowerCase(Locale.ROOT)) || isCall(text, identifier.end())) {
                continue;
            }
            names.add(word);
        }
        return names;
    }

    /** A template variable's query as PromQL: the metric of {@code label_values(metric, label)}, or the expression. */
    private static String templateQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
            String arguments = labelValues.group(1);
            int comma = arguments.lastIndexOf(',');
            // label_values(label) names no metric.
            return comma < 0 ? "" : arguments.substring(0, comma);
        }
        Matcher queryResult = QUERY_RESULT.matcher(query);
        return queryResult.matches() ? queryResult.group(1) : query;
    }

    private static boolean isCall(String text, int end) {
        int i = end;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '(';
    }

    private static void collect(JsonNode node, String field, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals(field) && entry.getValue().isTextual()) {
                    into.add(entry.getValue().asText());
                } else {
                    collect(entry.getValue(), field, into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, field, into));
        }
    }
}
