package dev.cascade.loadtests.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.EventValidator;

class DeviceSimulationTest {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final EventValidator VALIDATOR = EventValidator.create();
    private static final Instant START = Instant.parse("2026-03-14T10:00:00Z");

    private static SimulationPlan plan(long seed, RecordFormat format) {
        // 20 devices, 60 series, every 10 s: 60 minutes of event time.
        return new SimulationPlan(20, 21_600, 10, START, seed, 0.05, 12, format);
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        List<SimulatedRecord> first = all(new DeviceSimulation(plan(7, RecordFormat.STRUCTURED)));
        List<SimulatedRecord> again = all(new DeviceSimulation(plan(7, RecordFormat.STRUCTURED)));
        List<SimulatedRecord> other = all(new DeviceSimulation(plan(8, RecordFormat.STRUCTURED)));

        assertThat(again).isEqualTo(first);
        assertThat(other).hasSameSizeAs(first).isNotEqualTo(first);
        assertThat(new DeviceSimulation(plan(7, RecordFormat.STRUCTURED)).injected())
                .isEqualTo(new DeviceSimulation(plan(7, RecordFormat.STRUCTURED)).injected());
    }

    @ParameterizedTest
    @EnumSource(RecordFormat.class)
    void theReportCountsExactlyWhatTheRecordsAre(RecordFormat format) throws Exception {
        DeviceSimulation simulation = new DeviceSimulation(plan(42, format));
        Injected injected = simulation.injected();
        Map<InvalidKind, Long> seen = new EnumMap<>(InvalidKind.class);
        long valid = 0;

        for (SimulatedRecord record : all(simulation)) {
            InvalidKind actual = classify(record, simulation.devices(), format);
            assertThat(actual).as("record %s", record.value()).isEqualTo(record.invalid());
            if (actual == null) {
                valid++;
            } else {
                seen.merge(actual, 1L, Long::sum);
            }
        }

        assertThat(injected.records()).isEqualTo(21_600);
        assertThat(injected.valid()).isEqualTo(valid);
        assertThat(injected.invalid()).containsOnlyKeys(InvalidKind.values());
        for (InvalidKind kind : InvalidKind.values()) {
            assertThat(injected.invalid().get(kind)).as("%s", kind).isEqualTo(seen.getOrDefault(kind, 0L)).isPositive();
        }
        // 5 % of 21,600 records, give or take the randomness, minus the anomalous minutes which stay valid.
        assertThat(injected.records() - injected.valid()).isBetween(900L, 1_260L);
    }

    static List<SimulationPlan> plans() {
        return List.of(plan(42, RecordFormat.STRUCTURED),
                // The size of issue 8's end-to-end test: 100,000 readings from 50 devices.
                new SimulationPlan(50, 100_000, 10, START, 2026, 0.02, 12, RecordFormat.STRUCTURED));
    }

    @ParameterizedTest
    @MethodSource("plans")
    void everyInjectedAnomalyLiftsItsWholeMinuteAndNothingElse(SimulationPlan plan) {
        DeviceSimulation simulation = new DeviceSimulation(plan);
        List<Injected.Anomaly> anomalies = simulation.anomalies();
        Set<String> anomalous = new HashSet<>();
        for (Injected.Anomaly anomaly : anomalies) {
            anomalous.add(anomaly.deviceId() + "/" + anomaly.sensorType() + "/" + anomaly.windowStart());
            assertThat(anomaly.windowStart()).isAfterOrEqualTo(START.plusSeconds(60L * SimulationPlan.WARM_UP_MINUTES));
        }
        assertThat(anomalies).hasSize(12);
        assertThat(anomalous).hasSize(12);

        Map<String, List<Double>> windows = windowMeans(simulation);
        Set<String> flagged = new HashSet<>();
        for (Map.Entry<String, TreeMap<Instant, Double>> series : seriesOf(windows).entrySet()) {
            flagged.addAll(flag(series.getKey(), series.getValue()));
        }
        for (SimulatedRecord record : all(simulation)) {
            if (record.anomalous()) {
                assertThat(record.valid()).isTrue();
                Instant minute = START.plusSeconds(
                        (record.timestamp().getEpochSecond() - START.getEpochSecond()) / 60 * 60);
                assertThat(anomalous).contains(record.reading().deviceId() + "/" + record.reading().sensorType() + "/" + minute);
            }
        }
        // The detector's baseline rule (|mean - baseline| > 3 sd of the last 30 normal windows, from 10 on) finds
        // exactly the injected minutes: no normal window of this seed trips it.
        assertThat(flagged).isEqualTo(anomalous);
    }

    @Test
    void aRunTooShortForTheWarmUpRefusesAnomalies() {
        assertThatThrownBy(() -> new DeviceSimulation(new SimulationPlan(5, 1_000, 10, START, 1, 0.0, 1,
                RecordFormat.STRUCTURED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minutes of event time");
    }

    private static InvalidKind classify(SimulatedRecord record, List<String> devices, RecordFormat format)
            throws Exception {
        JsonNode data;
        try {
            JsonNode value = JSON.readTree(record.value());
            if (format == RecordFormat.STRUCTURED) {
                assertThat(value.path("type").asText()).isEqualTo(EventTypes.TELEMETRY_READING_V1);
                assertThat(value.path("source").asText()).isEqualTo(EventSources.DEVICE_SIMULATOR);
                assertThat(record.headers()).containsEntry("content-type", "application/cloudevents+json");
                data = value.path("data");
            } else {
                assertThat(record.headers()).containsEntry("ce_type", EventTypes.TELEMETRY_READING_V1)
                        .containsEntry("ce_specversion", "1.0").containsKey("ce_id");
                data = value;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return InvalidKind.MALFORMED_JSON;
        }
        if (!VALIDATOR.validate(EventTypes.TELEMETRY_READING_V1, data).valid()) {
            return InvalidKind.MISSING_FIELD;
        }
        if (!devices.contains(data.path("deviceId").asText())) {
            return InvalidKind.UNKNOWN_DEVICE;
        }
        double value = data.path("value").asDouble();
        boolean possible = switch (data.path("sensorType").asText()) {
            case "temperature" -> value >= -40 && value <= 125;
            case "humidity" -> value >= 0 && value <= 100;
            case "pressure" -> value >= 300 && value <= 1100;
            default -> false;
        };
        return possible ? null : InvalidKind.OUT_OF_RANGE;
    }

    /** Window means of the valid readings, keyed device/sensor/windowStart. */
    private static Map<String, List<Double>> windowMeans(DeviceSimulation simulation) {
        Map<String, List<Double>> values = new HashMap<>();
        for (SimulatedRecord record : all(simulation)) {
            if (record.valid()) {
                long minute = record.timestamp().getEpochSecond() / 60 * 60;
                values.computeIfAbsent(record.reading().deviceId() + "/" + record.reading().sensorType() + "/"
                        + Instant.ofEpochSecond(minute), k -> new ArrayList<>()).add(record.reading().value());
            }
        }
        return values;
    }

    /** Per series, its window means in time order. */
    private static Map<String, TreeMap<Instant, Double>> seriesOf(Map<String, List<Double>> windows) {
        Map<String, TreeMap<Instant, Double>> series = new HashMap<>();
        windows.forEach((key, values) -> {
            int cut = key.lastIndexOf('/');
            series.computeIfAbsent(key.substring(0, cut), k -> new TreeMap<>())
                    .put(Instant.parse(key.substring(cut + 1)), values.stream().mapToDouble(d -> d).average().orElseThrow());
        });
        return series;
    }

    private static Set<String> flag(String series, TreeMap<Instant, Double> means) {
        Set<String> flagged = new HashSet<>();
        List<Double> normal = new ArrayList<>();
        for (Map.Entry<Instant, Double> window : means.entrySet()) {
            List<Double> baseline = normal.subList(Math.max(0, normal.size() - 30), normal.size());
            boolean anomalous = false;
            if (baseline.size() >= 10) {
                double mean = baseline.stream().mapToDouble(d -> d).average().orElseThrow();
                double variance = baseline.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum() / (baseline.size() - 1);
                anomalous = Math.abs(window.getValue() - mean) > 3 * Math.max(Math.sqrt(variance), 0.01);
            }
            if (anomalous) {
                flagged.add(series + "/" + window.getKey());
            } else {
                normal.add(window.getValue());
            }
        }
        return flagged;
    }

    private static List<SimulatedRecord> all(DeviceSimulation simulation) {
        List<SimulatedRecord> records = new ArrayList<>();
        for (Iterator<SimulatedRecord> it = simulation.records(); it.hasNext();) {
            records.add(it.next());
        }
        return records;
    }
}
