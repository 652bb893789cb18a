package dev.cascade.devmesh.tracing;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.cascade.devmesh.broker.BrokerTracing;
import io.opentelemetry.api.OpenTelemetry;

/**
 * The broker's tracing: OpenTelemetry spans when the SDK runs (devmesh.otlp.endpoint is set), else
 * {@link BrokerTracing#NONE}, which touches no OpenTelemetry class on the delivery path.
 */
public class TracingProducer {

    private static final Logger LOG = Logger.getLogger(TracingProducer.class);
    /** The instrumentation scope of devmesh's spans. */
    static final String SCOPE = "dev.cascade.devmesh";

    @Produces
    @Singleton
    BrokerTracing brokerTracing(
            @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled,
            @ConfigProperty(name = OtlpEndpointConfigSourceFactory.ENDPOINT) Optional<String> endpoint,
            Instance<OpenTelemetry> openTelemetry) {
        if (sdkDisabled) {
            return BrokerTracing.NONE;
        }
        LOG.infof("tracing: broker spans are exported over OTLP (http/protobuf) to %s",
                endpoint.orElse("the configured quarkus.otel.exporter.otlp endpoint"));
        return new OtelBrokerTracing(openTelemetry.get().getTracer(SCOPE));
    }
}
