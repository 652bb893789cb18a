package dev.cascade.loadtests.devices;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.cascade.contracts.CascadeJson;
import dev.cascade.contracts.DataSchemas;
import dev.cascade.contracts.EventSources;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.telemetry.Reading;

/**
 * The readings of a {@link SimulationPlan}, generated deterministically from its seed: {@link #records()} gives the
 * same records every time, in event-time order, so a test can run the simulation in-process and compute what the
 * pipeline should make of it.
 *
 * <p>Each device has the three sensors of {@link SensorProfile}; a series (device + sensor) reads every
 * {@code intervalSeconds} of event time, the series staggered evenly within the interval. Record {@code i} belongs to
 * tick {@code i / series} and series {@code i % series}. Each record is invalid with probability
 * {@code invalidShare}, its kind drawn uniformly, except inside an anomalous minute, which keeps all its readings so
 * the anomaly always reaches the detector.
 */
public final class DeviceSimulation {

    private static final ObjectMapper JSON = CascadeJson.newObjectMapper();
    private static final SensorProfile[] SENSORS = SensorProfile.values();
    private static final String[] REQUIRED = {"value", "unit", "timestamp", "sensorType"};

    private final SimulationPlan plan;
    private final List<String> devices;
    private final Series[] series;
    /** Anomalous minute (index from the start) per series, or -1. */
    private final int[] anomalyMinute;
    private final List<Injected.Anomaly> anomalies;

    private record Series(String deviceId, SensorProfile profile, double level, double periodSeconds, double phase) {
    }

    public DeviceSimulation(SimulationPlan plan) {
        this.plan = plan;
        Random setup = new Random(plan.seed());
        List<String> ids = new ArrayList<>();
        List<Series> all = new ArrayList<>();
        for (int d = 1; d <= plan.devices(); d++) {
            String deviceId = "dev-%04d".formatted(d);
            ids.add(deviceId);
            for (SensorProfile profile : SENSORS) {
                double level = profile.level() + profile.levelSpread() * (2 * setup.nextDouble() - 1);
                double period = 60.0 * (6 + 4 * setup.nextDouble());
                double phase = 2 * Math.PI * setup.nextDouble();
                all.add(new Series(deviceId, profile, level, period, phase));
            }
        }
        this.devices = List.copyOf(ids);
        this.series = all.toArray(Series[]::new);
        this.anomalyMinute = new int[series.length];
        java.util.Arrays.fill(anomalyMinute, -1);
        this.anomalies = planAnomalies(setup);
    }

    public SimulationPlan plan() {
        return plan;
    }

    /** The simulated device ids, {@code dev-0001} and up: telemetry-service seeds {@code dev-0001} … {@code dev-0050}. */
    public List<String> devices() {
        return devices;
    }

    /** The injected anomalies, known before any record is generated. */
    public List<Injected.Anomaly> anomalies() {
        return anomalies;
    }

    /** A fresh pass over every record, in order; each pass yields the same records. */
    public Iterator<SimulatedRecord> records() {
        return new Generator();
    }

    /** What this simulation injects: one full pass to count the invalid records. */
    public Injected injected() {
        Map<InvalidKind, Long> invalid = new EnumMap<>(InvalidKind.class);
        for (InvalidKind kind : InvalidKind.values()) {
            invalid.put(kind, 0L);
        }
        long total = 0;
        long valid = 0;
        Instant first = null;
        Instant last = null;
        for (Iterator<SimulatedRecord> it = records(); it.hasNext();) {
            SimulatedRecord record = it.next();
            total++;
            if (record.valid()) {
                valid++;
            } else {
                invalid.merge(record.invalid(), 1L, Long::sum);
            }
            first = first == null ? record.timestamp() : first;
            last = record.timestamp();
        }
        return new Injected(plan.seed(), devices, total, valid, invalid, anomalies, first, last);
    }

    private List<Injected.Anomaly> planAnomalies(Random setup) {
        if (plan.anomalies() == 0) {
            return List.of();
        }
        long ticks = (plan.count() + series.length - 1) / series.length;
        long minutes = ticks * plan.intervalSeconds() / 60;
        long lastEligible = minutes - 2;
        if (lastEligible < SimulationPlan.WARM_UP_MINUTES) {
            throw new IllegalArgumentException(("%d anomalies need at least %d minutes of event time, and %d records"
                    + " of %d series every %d s make %d").formatted(plan.anomalies(), SimulationPlan.WARM_UP_MINUTES + 2,
                    plan.count(), series.length, plan.intervalSeconds(), minutes));
        }
        if (plan.anomalies() > series.length) {
            throw new IllegalArgumentException("at most one anomaly per series: " + plan.anomalies() + " > "
                    + series.length + " series");
        }
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < series.length; s++) {
            order.add(s);
        }
        Collections.shuffle(order, setup);
        List<Injected.Anomaly> planned = new ArrayList<>();
        int span = (int) (lastEligible - SimulationPlan.WARM_UP_MINUTES + 1);
        for (int s : order.subList(0, plan.anomalies())) {
            int minute = SimulationPlan.WARM_UP_MINUTES + setup.nextInt(span);
            anomalyMinute[s] = minute;
            Series one = series[s];
            planned.add(new Injected.Anomaly(one.deviceId(), one.profile().sensorType(), one.profile().unit(),
                    plan.start().plusSeconds(60L * minute), one.profile().jump()));
        }
        planned.sort(Comparator.comparing(Injected.Anomaly::windowStart)
                .thenComparing(Injected.Anomaly::deviceId).thenComparing(Injected.Anomaly::sensorType));
        return List.copyOf(planned);
    }

    private final class Generator implements Iterator<SimulatedRecord> {

        private final Random noise = new Random(plan.seed() ^ 0x5DEECE66DL);
        private final Random faults = new Random(plan.seed() * 31 + 7);
        private final Random ids = new Random(plan.seed() * 17 + 3);
        /** Each series' random-walk offset from its level. */
        private final double[] walk = new double[series.length];
        private long index;

        @Override
        public boolean hasNext() {
            return index < plan.count();
        }

        @Override
        public SimulatedRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            long i = index++;
            int s = (int) (i % series.length);
            long tick = i / series.length;
            Series one = series[s];
            long offsetMillis = tick * plan.intervalSeconds() * 1000L + s * plan.intervalSeconds() * 1000L / series.length;
            Instant timestamp = plan.start().plusMillis(offsetMillis);
            boolean anomalous = anomalyMinute[s] >= 0 && offsetMillis / 60_000 == anomalyMinute[s];

            double seconds = offsetMillis / 1000.0;
            double amplitude = one.profile().amplitude();
            double step = 0.02 * amplitude * plan.intervalSeconds() / 60.0;
            walk[s] = Math.max(-amplitude, Math.min(amplitude, walk[s] + step * (2 * noise.nextDouble() - 1)));
            double value = one.level() + walk[s]
                    + amplitude * Math.sin(2 * Math.PI * seconds / one.periodSeconds() + one.phase())
                    + one.profile().noise() * (2 * noise.nextDouble() - 1)
                    + (anomalous ? one.profile().jump() : 0.0);
            value = Math.round(value * 100.0) / 100.0;
            String id = new UUID(ids.nextLong(), ids.nextLong()).toString();

            // The same draws for every record, so one record's fate never shifts another's.
            double roll = faults.nextDouble();
            InvalidKind kind = InvalidKind.values()[faults.nextInt(InvalidKind.values().length)];
            int variant = faults.nextInt(1000);
            boolean invalid = !anomalous && roll < plan.invalidShare();

            Reading reading = new Reading(one.deviceId(), one.profile().sensorType(), value, one.profile().unit(),
                    timestamp);
            if (!invalid) {
                return record(one.deviceId(), id, readingJson(reading, null), timestamp, null, reading, anomalous, false);
            }
            return switch (kind) {
                case OUT_OF_RANGE -> record(one.deviceId(), id, readingJson(new Reading(one.deviceId(),
                        one.profile().sensorType(), one.profile().impossible() + variant, one.profile().unit(), timestamp),
                        null), timestamp, kind, null, false, false);
                case UNKNOWN_DEVICE -> {
                    String stranger = "unregistered-%04d".formatted(variant);
                    yield record(stranger, id, readingJson(new Reading(stranger, one.profile().sensorType(), value,
                            one.profile().unit(), timestamp), null), timestamp, kind, null, false, false);
                }
                case MISSING_FIELD -> record(one.deviceId(), id,
                        readingJson(reading, REQUIRED[variant % REQUIRED.length]), timestamp, kind, null, false, false);
                case MALFORMED_JSON -> record(one.deviceId(), id, readingJson(reading, null), timestamp, kind, null,
                        false, true);
            };
        }

        private SimulatedRecord record(String key, String id, ObjectNode data, Instant timestamp, InvalidKind kind,
                Reading reading, boolean anomalous, boolean cut) {
            Map<String, String> headers = new LinkedHashMap<>();
            String value;
            if (plan.format() == RecordFormat.STRUCTURED) {
                ObjectNode event = JSON.createObjectNode();
                event.put("specversion", "1.0");
                event.put("id", id);
                event.put("source", EventSources.DEVICE_SIMULATOR);
                event.put("type", EventTypes.TELEMETRY_READING_V1);
                event.put("datacontenttype", "application/json");
                event.put("dataschema", DataSchemas.uriOf(EventTypes.TELEMETRY_READING_V1));
                event.put("time", timestamp.toString());
                event.set("data", data);
                headers.put("content-type", "application/cloudevents+json");
                value = write(event);
            } else {
                headers.put("ce_specversion", "1.0");
                headers.put("ce_id", id);
                headers.put("ce_source", EventSources.DEVICE_SIMULATOR);
                headers.put("ce_type", EventTypes.TELEMETRY_READING_V1);
                headers.put("ce_dataschema", DataSchemas.uriOf(EventTypes.TELEMETRY_READING_V1));
                headers.put("ce_time", timestamp.toString());
                headers.put("content-type", "application/json");
                value = write(data);
            }
            if (cut) {
                value = value.substring(0, value.length() / 2);
            }
            return new SimulatedRecord(key, value, headers, timestamp, kind, reading, anomalous);
        }
    }

    private static ObjectNode readingJson(Reading reading, String without) {
        ObjectNode data = JSON.createObjectNode();
        data.put("deviceId", reading.deviceId());
        data.put("sensorType", reading.sensorType());
        data.put("value", reading.value());
        data.put("unit", reading.unit());
        data.put("timestamp", reading.timestamp().toString());
        if (without != null) {
            data.remove(without);
        }
        return data;
    }

    private static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
