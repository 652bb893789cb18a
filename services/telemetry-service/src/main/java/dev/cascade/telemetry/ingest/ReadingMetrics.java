package dev.cascade.telemetry.ingest;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.cascade.telemetry.repository.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code cascade.telemetry.readings{outcome, reason}}: every record of the raw topic, counted once per processing:
 * {@code outcome=accepted|duplicate} with {@code reason=none}, or {@code outcome=rejected} with the lower-case
 * rejection reason ({@code malformed, schema_violation, unknown_device, out_of_physical_range, unsupported_unit,
 * late}). {@code cascade.telemetry.windows.closed} counts windows closed (and written to the outbox).
 */
@ApplicationScoped
public class ReadingMetrics {

    public static final String READINGS = "cascade.telemetry.readings";
    public static final String WINDOWS_CLOSED = "cascade.telemetry.windows.closed";

    @Inject
    MeterRegistry registry;

    void count(Outcome outcome) {
        String reason = outcome.reason() == null ? "none" : outcome.reason().name().toLowerCase(Locale.ROOT);
        Counter.builder(READINGS)
                .description("Raw readings processed, by outcome and rejection reason")
                .tag("outcome", outcome.kind().name().toLowerCase(Locale.ROOT))
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void windowsClosed(int count) {
        registry.counter(WINDOWS_CLOSED).increment(count);
    }
}
