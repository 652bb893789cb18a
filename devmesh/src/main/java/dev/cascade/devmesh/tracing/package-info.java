/**
 * devmesh's own OpenTelemetry spans, one per broker hop, exported over OTLP (http/protobuf) through the Quarkus
 * OpenTelemetry extension when {@code devmesh.otlp.endpoint} is set; without it the SDK stays disabled and the broker
 * only continues the W3C trace context ({@link dev.cascade.devmesh.broker.BrokerTracing#NONE}).
 *
 * <p>{@link dev.cascade.devmesh.tracing.OtlpEndpointConfigSourceFactory} turns that one setting into the extension's
 * {@code quarkus.otel.sdk.disabled} and traces endpoint; {@link dev.cascade.devmesh.tracing.TracingProducer} picks the
 * broker's tracing; {@link dev.cascade.devmesh.tracing.OtelBrokerTracing} makes the spans.
 */
package dev.cascade.devmesh.tracing;
