package dev.cascade.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.cascade.contracts.observability.CascadeMetrics;
import dev.cascade.contracts.observability.PromQueries;

/**
 * The dashboard and the alert rules in {@code observability/} query only metrics that Cascade's processes export
 * ({@link CascadeMetrics#exported()}), and cover what they are there for. That list itself is checked against real
 * scrapes: {@code HandledEventsTest} here (the event series of every function), order-service's
 * {@code TelemetryTest} (the saga's) and dead-letter-service's {@code DeadLetterMetricsTest} (the dead letters').
 */
class ObservabilityQueriesTest {

    private static final Path ROOT = repositoryRoot();
    private static final Path DASHBOARD = ROOT.resolve("observability/grafana/cascade-dashboard.json");
    private static final Path ALERTS = ROOT.resolve("observability/prometheus/cascade-alerts.yaml");

    @Test
    void everyMetricTheDashboardQueriesIsExported() {
        Set<String> queried = PromQueries.metricNames(DASHBOARD);

        assertThat(queried).isNotEmpty().allSatisfy(name -> assertThat(CascadeMetrics.exported())
                .as("queried by the dashboard but exported by no process: " + name).contains(name));
        assertThat(queried).contains(
                "cascade_events_handled_total",
                "cascade_event_handling_seconds_bucket",
                "cascade_saga_duration_seconds_count",
                "cascade_saga_duration_seconds_bucket",
                "cascade_saga_oldest_open_age_seconds",
                "cascade_deadletters_stored_total",
                "devmesh_deliveries_total",
                "devmesh_delivery_latency_seconds_bucket",
                "devmesh_serving_cold_starts_total");
    }

    @Test
    void everyMetricAnAlertQueriesIsExported() {
        Set<String> queried = PromQueries.metricNames(ALERTS);

        assertThat(queried).isNotEmpty().allSatisfy(name -> assertThat(CascadeMetrics.exported())
                .as("queried by an alert but exported by no process: " + name).contains(name));
        assertThat(queried).contains("cascade_deadletters_stored_total", "cascade_events_handled_total",
                "cascade_event_handling_seconds_bucket", "cascade_saga_oldest_open_age_seconds");
    }

    @Test
    void everyAlertHasADurationASeverityASummaryAndADescription() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(ALERTS.toFile());
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("alert").asText();
                alerts.add(name);
                assertThat(rule.path("for").asText()).as(name).matches("\\d+[smh]");
                assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as(name).isNotBlank();
            }
        }
        assertThat(alerts).containsExactlyInAnyOrder("CascadeDeadLetterStored", "CascadeEventFailureRateHigh",
                "CascadeEventHandlingLatencyAboveSlo", "CascadeSagaStuck");
    }

    @Test
    void everyPanelQueriesThePrometheusInputOfTheDashboard() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        assertThat(dashboard.path("__inputs").findValuesAsText("name")).containsExactly("DS_PROMETHEUS");
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            if (!"row".equals(panel.path("type").asText())) {
                panels.add(panel);
            }
        });
        assertThat(panels).hasSizeGreaterThan(10).allSatisfy(panel -> {
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.path("targets")).isNotEmpty();
        });
        assertThat(dashboard.findValues("id").stream().map(JsonNode::asText).filter(id -> id.matches("\\d+")))
                .doesNotHaveDuplicates();
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("observability")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no observability/ above " + Path.of("").toAbsolutePath());
    }
}
