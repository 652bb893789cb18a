/**
 * Knative Serving on one machine: every {@code serving.knative.dev/v1} Service runs as local processes behind one
 * stable URL that devmesh itself serves, in the place of Knative's activator. Requests to a Service at zero are
 * held while an instance starts; instances are added when the concurrency per instance passes the target and
 * stopped after an idle period, within the Service's min-scale and max-scale. See
 * {@code shared/knative-broker-semantics.md} §7 for the knobs and the upstream sources.
 *
 * <p>{@link dev.cascade.devmesh.serving.ServingRegistry} is the entry point: the manifest lifecycle hands it every
 * topology and asks it for the URL of each Service it runs.
 */
package dev.cascade.devmesh.serving;
