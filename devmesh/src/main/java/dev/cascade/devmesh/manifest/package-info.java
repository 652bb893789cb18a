/**
 * devmesh's view of the deployed manifests: {@link dev.cascade.devmesh.manifest.ManifestLoader} reads the
 * Kubernetes/Knative YAML into a {@link dev.cascade.devmesh.manifest.Topology}, refusing what a cluster would
 * refuse; {@link dev.cascade.devmesh.manifest.DestinationResolver} turns Destinations into URLs; and
 * {@link dev.cascade.devmesh.manifest.ManifestWatcher} reloads when the files change. Plain Java, no CDI.
 */
package dev.cascade.devmesh.manifest;
