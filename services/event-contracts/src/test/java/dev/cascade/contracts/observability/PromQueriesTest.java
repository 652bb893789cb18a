package dev.cascade.contracts.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromQueriesTest {

    @Test
    void findsTheMetricsOfAHistogramQuantileNotItsFunctionsLabelsOrRanges() {
        assertThat(PromQueries.metricNames("""
                histogram_quantile(0.99, sum by (le, service, type) (
                  rate(cascade_event_handling_seconds_bucket{service=~"$service", outcome!="x"}[$__rate_interval])))
                > 0.25"""))
                .containsExactly("cascade_event_handling_seconds_bucket");
    }

    @Test
    void findsEveryOperandOfABinaryExpressionAndIgnoresKeywordsAndStrings() {
        assertThat(PromQueries.metricNames("""
                sum(rate(a_total{outcome=~"retried|permanent"}[5m])) by (service)
                  / ignoring(outcome) group_left sum(rate(b_total[5m] offset 1h)) by (service) > bool 0.05
                  or on() vector(0) unless c_seconds_max * 1e3
                  and label_replace(d_gauge, "x", "$1", "service", "(.*)")"""))
                .containsExactlyInAnyOrder("a_total", "b_total", "c_seconds_max", "d_gauge");
    }

    @Test
    void readsTheExpressionsOfARuleFileAndADashboardWithItsTemplateQueries(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                groups:
                  - name: g
                    rules:
                      - alert: A
                        expr: increase(x_total[5m]) > 0
                        for: 1m
                      - record: job:y:rate5m
                        expr: |
                          sum by (job) (
                            rate(y_seconds_count[5m])
                          )
                """);
        Path dashboard = dir.resolve("dashboard.json");
        Files.writeString(dashboard, """
                {"panels":[{"targets":[{"expr":"sum(rate(p_total[$__rate_interval]))","refId":"A"}]},
                           {"type":"row","panels":[{"targets":[{"expr":"q_gauge"}]}]}],
                 "templating":{"list":[
                   {"type":"datasource","query":"prometheus"},
                   {"type":"query","query":{"query":"label_values(v_total, service)"}},
                   {"type":"query","query":"label_values(trigger)"},
                   {"type":"query","query":"query_result(topk(3, w_gauge))"}]}}
                """);

        assertThat(PromQueries.metricNames(rules)).containsExactly("x_total", "y_seconds_count");
        assertThat(PromQueries.metricNames(dashboard)).containsExactly("p_total", "q_gauge", "v_total", "w_gauge");
    }
}
