package dev.cascade.devmesh.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * One switch for devmesh's tracing, the same one its Services get: {@code devmesh.otlp.endpoint} set means the
 * OpenTelemetry SDK runs and exports there ({@code quarkus.otel.exporter.otlp.traces.endpoint}); unset means
 * {@code quarkus.otel.sdk.disabled=true}, so that no tracer is installed at all. A config expression cannot say "true
 * when that other property is absent", hence this source. Its ordinal is below application.properties, so an
 * explicit {@code quarkus.otel.*} setting anywhere still wins.
 */
public class OtlpEndpointConfigSourceFactory implements ConfigSourceFactory {

    static final String ENDPOINT = "devmesh.otlp.endpoint";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue endpoint = context.getValue(ENDPOINT);
        String value = endpoint == null || endpoint.getValue() == null ? "" : endpoint.getValue().trim();
        Map<String, String> derived = new HashMap<>();
        derived.put(SDK_DISABLED, String.valueOf(value.isEmpty()));
        if (!value.isEmpty()) {
            derived.put(TRACES_ENDPOINT, value);
        }
        return List.of(new PropertiesConfigSource(derived, "devmesh OTLP switch (" + ENDPOINT + ")", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
