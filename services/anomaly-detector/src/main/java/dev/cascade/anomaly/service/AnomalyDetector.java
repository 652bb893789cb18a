package dev.cascade.anomaly.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.cascade.anomaly.config.AnomalyConfig;
import dev.cascade.anomaly.domain.AnomalyRules;
import dev.cascade.anomaly.domain.Baseline;
import dev.cascade.anomaly.domain.Finding;
import dev.cascade.anomaly.domain.SensorLimits;
import dev.cascade.anomaly.repository.Anomaly;
import dev.cascade.anomaly.repository.AnomalyRepository;
import dev.cascade.anomaly.repository.WindowObservation;
import dev.cascade.anomaly.repository.WindowObservationRepository;
import dev.cascade.contracts.EventTypes;
import dev.cascade.contracts.telemetry.WindowClosed;
import dev.cascade.functions.PermanentEventFailure;
import dev.cascade.functions.Reply;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Judges each closed window once. {@link #judge} runs inside the transaction the idempotent consumer opened, so the
 * window's observation, its anomaly and the record of the event commit together.
 */
@ApplicationScoped
public class AnomalyDetector {

    private final WindowObservationRepository observations;
    private final AnomalyRepository anomalies;
    private final AnomalyRules rules;
    private final int baselineWindows;

    AnomalyDetector(WindowObservationRepository observations, AnomalyRepository anomalies, AnomalyConfig config) {
        this.observations = observations;
        this.anomalies = anomalies;
        Map<String, SensorLimits> limits = config.limits().entrySet().stream().collect(Collectors.toMap(
                Map.Entry::getKey,
                entry -> new SensorLimits(entry.getValue().unit(), entry.getValue().lower(), entry.getValue().upper())));
        this.rules = new AnomalyRules(limits, config.baseline().minHistory(), config.baseline().zThreshold(),
                config.baseline().criticalZ(), config.baseline().minStddev());
        this.baselineWindows = config.baseline().windows();
    }

    /**
     * Answers {@value EventTypes#TELEMETRY_ANOMALY_DETECTED_V1} for an anomalous window and nothing for a normal one.
     * A window judged before (the telemetry-service published it again, under a new event id) changes nothing: it
     * is answered with the anomaly recorded then, the same {@code anomalyId}, or nothing.
     */
    public Uni<Reply> judge(WindowClosed window) {
        if (!window.windowEnd().isAfter(window.windowStart()) || window.min() > window.max()) {
            return Uni.createFrom().failure(new PermanentEventFailure(
                    "window must end after it starts and have min <= max"));
        }
        return observations.findWindow(window.deviceId(), window.sensorType(), window.windowStart())
                .chain(seen -> seen != null ? answerAgain(window) : judgeFirst(window));
    }

    /** The anomalies of {@code deviceId}, oldest window first. */
    @WithSession
    public Uni<List<Anomaly>> anomaliesOf(String deviceId) {
        return anomalies.forDevice(deviceId);
    }

    private Uni<Reply> answerAgain(WindowClosed window) {
        return anomalies.findWindow(window.deviceId(), window.sensorType(), window.windowStart())
                .map(anomaly -> anomaly == null ? Reply.none() : reply(anomaly));
    }

    private Uni<Reply> judgeFirst(WindowClosed window) {
        return observations.latestNormalMeans(window.deviceId(), window.sensorType(), window.windowStart(),
                        baselineWindows)
                .chain(means -> {
                    Optional<Finding> finding = rules.evaluate(window, Baseline.of(means));
                    Instant now = Instant.now();
                    WindowObservation observation = new WindowObservation();
                    observation.observationId = UUID.randomUUID().toString();
                    observation.deviceId = window.deviceId();
                    observation.sensorType = window.sensorType();
                    observation.windowStart = window.windowStart();
                    observation.mean = window.mean();
                    observation.anomalous = finding.isPresent();
                    observation.observedAt = now;
                    Uni<Void> stored = observations.persist(observation).replaceWithVoid();
                    if (finding.isEmpty()) {
                        return stored.replaceWith(Reply.none());
                    }
                    Anomaly anomaly = toRow(window, finding.get(), now);
                    return stored.chain(() -> anomalies.persist(anomaly)).replaceWith(reply(anomaly));
                });
    }

    /**
     * An id that follows from the window, so the same window always yields the same anomaly and notification-service
     * can recognise an anomaly it already alerted on.
     */
    static String anomalyIdOf(WindowClosed window) {
        String key = window.deviceId() + '\n' + window.sensorType() + '\n' + window.windowStart();
        return "anm-" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private static Anomaly toRow(WindowClosed window, Finding finding, Instant now) {
        Anomaly row = new Anomaly();
        row.anomalyId = anomalyIdOf(window);
        row.deviceId = window.deviceId();
        row.sensorType = window.sensorType();
        row.unit = window.unit();
        row.windowStart = window.windowStart();
        row.windowEnd = window.windowEnd();
        row.rule = finding.rule();
        row.observed = finding.observed();
        row.lowerLimit = finding.lowerLimit();
        row.upperLimit = finding.upperLimit();
        row.baselineMean = finding.baselineMean();
        row.zScore = finding.zScore();
        row.severity = finding.severity();
        row.detectedAt = now;
        return row;
    }

    private static Reply reply(Anomaly anomaly) {
        return Reply.of(EventTypes.TELEMETRY_ANOMALY_DETECTED_V1, anomaly.toEvent());
    }
}
