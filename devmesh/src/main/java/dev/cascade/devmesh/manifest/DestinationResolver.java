package dev.cascade.devmesh.manifest;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;

/**
 * Turns a Knative {@link Destination} (a Trigger's subscriber, a dead-letter sink) into the URL devmesh sends
 * to, like knative.dev/pkg's {@code resolver.URIFromDestinationV1}:
 * <ul>
 *   <li>{@code uri} alone: used as given; it must be absolute with a host.</li>
 *   <li>{@code ref} to a Knative Service ({@code serving.knative.dev/v1}): the URL the caller maps it to
 *       (devmesh configuration, later the local serving); the Service need not be in the manifests.</li>
 *   <li>{@code ref} to a Broker ({@code eventing.knative.dev/v1}): its devmesh ingress,
 *       {@code <ingress base>/<namespace>/<name>}, only if the Broker is in the topology.</li>
 *   <li>{@code ref} and a relative {@code uri}: the uri resolved against the ref's URL, like Go's
 *       {@code URL.ResolveReference}.</li>
 * </ul>
 * A ref without a namespace refers to the namespace of the resource that holds the Destination.
 */
public final class DestinationResolver {

    /** Exactly one of {@code uri} and {@code reason} is set. */
    public record Resolution(URI uri, String reason) {

        public Resolution {
            if ((uri == null) == (reason == null)) {
                throw new IllegalArgumentException("exactly one of uri and reason must be set");
            }
        }

        public static Resolution of(URI uri) {
            return new Resolution(uri, null);
        }

        public static Resolution unresolved(String reason) {
            return new Resolution(null, reason);
        }

        public boolean isResolved() {
            return uri != null;
        }
    }

    private final Topology topology;
    private final URI brokerIngressBase;
    private final Function<ResourceId, Optional<URI>> serviceUrls;

    /**
     * @param topology the snapshot Broker refs are checked against
     * @param brokerIngressBase devmesh's broker ingress, e.g. {@code http://localhost:8080}
     * @param serviceUrls the URL of a Knative Service, by id (kind {@code Service}), or empty if it has none
     */
    public DestinationResolver(Topology topology, URI brokerIngressBase,
            Function<ResourceId, Optional<URI>> serviceUrls) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.brokerIngressBase = Objects.requireNonNull(brokerIngressBase, "brokerIngressBase");
        this.serviceUrls = Objects.requireNonNull(serviceUrls, "serviceUrls");
        if (!Uris.isAbsoluteWithHost(brokerIngressBase)) {
            throw new IllegalArgumentException("the broker ingress base must be an absolute URL: " + brokerIngressBase);
        }
    }

    /** The URL of a Broker's ingress, whether or not it exists. */
    public URI brokerIngress(String namespace, String name) {
        String base = brokerIngressBase.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/" + namespace + "/" + name);
    }

    /**
     * @param destination what to resolve; null resolves to a reason
     * @param namespace the namespace of the resource holding the Destination, the default for its ref
     */
    public Resolution resolve(Destination destination, String namespace) {
        if (destination == null || (destination.getRef() == null && destination.getUri() == null)) {
            return Resolution.unresolved("the destination has neither ref nor uri");
        }
        URI uri = null;
        if (destination.getUri() != null) {
            uri = Uris.parse(destination.getUri());
            if (uri == null) {
                return Resolution.unresolved("uri \"" + destination.getUri() + "\" is not a valid URI");
            }
        }
        KReference ref = destination.getRef();
        if (ref == null) {
            return Uris.isAbsoluteWithHost(uri)
                    ? Resolution.of(uri)
                    : Resolution.unresolved("uri \"" + uri + "\" is relative and there is no ref to resolve it against");
        }
        if (uri != null && uri.isAbsolute()) {
            return Resolution.unresolved("an absolute uri (\"" + uri + "\") is not allowed together with a ref");
        }
        Resolution base = resolve(ref, namespace);
        if (!base.isResolved() || uri == null) {
            return base;
        }
        return Resolution.of(Uris.resolve(base.uri(), uri));
    }

    private Resolution resolve(KReference ref, String defaultNamespace) {
        String namespace = ref.getNamespace() == null || ref.getNamespace().isEmpty()
                ? defaultNamespace
                : ref.getNamespace();
        String kind = ref.getKind();
        String apiVersion = ref.getApiVersion();
        String name = ref.getName();
        if (name == null || name.isEmpty() || kind == null || kind.isEmpty()) {
            return Resolution.unresolved("the ref needs a kind and a name");
        }
        String described = kind + " " + namespace + "/" + name + " (" + apiVersion + ")";
        if (Kinds.SERVICE.equals(kind) && Kinds.SERVING_V1.equals(apiVersion)) {
            ResourceId id = new ResourceId(Kinds.SERVICE, namespace, name);
            Optional<URI> url = serviceUrls.apply(id);
            if (url.isEmpty()) {
                return Resolution.unresolved("Knative " + id + " has no URL"
                        + (topology.service(namespace, name).isPresent() ? "" : " and is not in the manifests"));
            }
            return Uris.isAbsoluteWithHost(url.get())
                    ? Resolution.of(url.get())
                    : Resolution.unresolved("the URL of Knative " + id + " is not absolute: " + url.get());
        }
        if (Kinds.BROKER.equals(kind) && Kinds.EVENTING_V1.equals(apiVersion)) {
            if (topology.broker(namespace, name).isEmpty()) {
                return Resolution.unresolved("Broker " + namespace + "/" + name + " does not exist");
            }
            return Resolution.of(brokerIngress(namespace, name));
        }
        if (Kinds.SERVICE.equals(kind) && "v1".equals(apiVersion)) {
            return Resolution.unresolved(described + " is a Kubernetes Service, which devmesh cannot address;"
                    + " refer to the Knative Service (serving.knative.dev/v1) or give a uri");
        }
        return Resolution.unresolved(described + " is not addressable in devmesh: it resolves refs to Knative"
                + " Services (serving.knative.dev/v1) and Brokers (eventing.knative.dev/v1)");
    }
}
