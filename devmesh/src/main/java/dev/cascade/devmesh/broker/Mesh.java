package dev.cascade.devmesh.broker;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.cascade.devmesh.BrokerClass;
import dev.cascade.devmesh.delivery.DeliveryPolicies;
import dev.cascade.devmesh.delivery.DeliveryPolicy;
import dev.cascade.devmesh.filter.EventFilter;
import dev.cascade.devmesh.filter.FilterResult;
import dev.cascade.devmesh.filter.TriggerFilters;
import dev.cascade.devmesh.manifest.DestinationResolver;
import dev.cascade.devmesh.manifest.LoadedResource;
import dev.cascade.devmesh.manifest.ResourceError;
import dev.cascade.devmesh.manifest.ResourceId;
import dev.cascade.devmesh.manifest.Topology;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.eventing.v1.TriggerSpec;

/**
 * The data plane of every loaded Broker and Trigger. {@link #apply} turns a manifest snapshot into running
 * brokers the way the Knative reconcilers would: brokers that stay keep running (and their events in flight),
 * removed ones stop accepting, and a resource the new snapshot refuses keeps its last accepted version, as a
 * cluster keeps the old object when {@code kubectl apply} is denied by the webhook.
 */
@ApplicationScoped
public class Mesh {

    private static final Logger LOG = Logger.getLogger(Mesh.class);
    static final String DELIVERY_ORDER = "kafka.eventing.knative.dev/delivery.order";

    private final TriggerDispatcher dispatcher;
    private final KafkaLogs kafkaLogs;
    private final BrokerTracing tracing;
    private final Map<ResourceId, BrokerRuntime> brokers = new LinkedHashMap<>();
    private volatile Map<String, BrokerRuntime> byPath = Map.of();
    private volatile List<TriggerRuntime> triggers = List.of();
    private volatile List<ResourceError> errors = List.of();
    private Map<ResourceId, LoadedResource<Broker>> acceptedBrokers = Map.of();
    private Map<ResourceId, LoadedResource<Trigger>> acceptedTriggers = Map.of();
    private volatile boolean loaded;

    public Mesh(TriggerDispatcher dispatcher, KafkaLogs kafkaLogs, BrokerTracing tracing) {
        this.dispatcher = dispatcher;
        this.kafkaLogs = kafkaLogs;
        this.tracing = tracing;
    }

    /** Stops every broker (Kafka consumers commit what they finished) before the Kafka they may use. */
    @PreDestroy
    public synchronized void close() {
        brokers.values().forEach(BrokerRuntime::close);
        brokers.clear();
        byPath = Map.of();
        kafkaLogs.stop();
    }

    public Optional<BrokerRuntime> broker(String namespace, String name) {
        return Optional.ofNullable(byPath.get(namespace + "/" + name));
    }

    public List<BrokerRuntime> brokers() {
        return byPath.values().stream()
                .sorted(Comparator.comparing(BrokerRuntime::namespace).thenComparing(BrokerRuntime::name))
                .toList();
    }

    public List<TriggerRuntime> triggers() {
        return triggers;
    }

    public List<ResourceError> errors() {
        return errors;
    }

    public boolean loaded() {
        return loaded;
    }

    /** Applies a snapshot; {@code ingressBase} is devmesh's own URL, e.g. {@code http://localhost:8080}. */
    public synchronized void apply(Topology topology, URI ingressBase, DestinationResolver resolver) {
        Map<ResourceId, LoadedResource<Broker>> brokerResources = keepRefused(topology.brokers(), acceptedBrokers,
                topology.errors(), "Broker");
        Map<ResourceId, LoadedResource<Trigger>> triggerResources = keepRefused(topology.triggers(), acceptedTriggers,
                topology.errors(), "Trigger");

        List<ResourceError> refused = new ArrayList<>(topology.errors());
        Map<ResourceId, DeliverySpec> brokerDelivery = new HashMap<>();
        for (var entry : brokerResources.entrySet()) {
            ResourceId id = entry.getKey();
            Broker broker = entry.getValue().resource();
            BrokerClass brokerClass = BrokerClass.fromAnnotation(annotation(broker.getMetadata().getAnnotations(),
                    BrokerClass.ANNOTATION));
            BrokerRuntime running = brokers.get(id);
            if (running != null && running.brokerClass() != brokerClass) {
                running.close();
                running = null;
            }
            if (running == null) {
                URI ingress = URI.create(ingressBase + "/" + id.namespace() + "/" + id.name());
                running = create(brokerClass, id, ingress);
                brokers.put(id, running);
                LOG.infof("broker %s/%s (%s) ready at %s", id.namespace(), id.name(), brokerClass.annotationValue(),
                        ingress);
            }
            brokerDelivery.put(id, DeliveryPolicies.defaultedBrokerDelivery(
                    broker.getSpec() == null ? null : broker.getSpec().getDelivery()));
        }
        for (var iterator = brokers.entrySet().iterator(); iterator.hasNext();) {
            var entry = iterator.next();
            if (!brokerResources.containsKey(entry.getKey())) {
                entry.getValue().close();
                iterator.remove();
                LOG.infof("broker %s/%s removed", entry.getKey().namespace(), entry.getKey().name());
            }
        }

        List<TriggerRuntime> runtimes = new ArrayList<>();
        Map<ResourceId, List<TriggerRuntime>> perBroker = new HashMap<>();
        for (var entry : triggerResources.entrySet()) {
            TriggerRuntime runtime = triggerRuntime(entry.getKey(), entry.getValue().resource(), brokerDelivery, resolver);
            runtimes.add(runtime);
            perBroker.computeIfAbsent(new ResourceId("Broker", runtime.namespace(), runtime.broker()), k -> new ArrayList<>())
                    .add(runtime);
        }
        Map<String, BrokerRuntime> paths = new HashMap<>();
        brokers.forEach((id, runtime) -> {
            runtime.updateTriggers(perBroker.getOrDefault(id, List.of()));
            paths.put(id.namespace() + "/" + id.name(), runtime);
        });
        runtimes.sort(Comparator.comparing(TriggerRuntime::namespace).thenComparing(TriggerRuntime::name));

        acceptedBrokers = brokerResources;
        acceptedTriggers = triggerResources;
        byPath = Map.copyOf(paths);
        triggers = List.copyOf(runtimes);
        errors = List.copyOf(refused);
        loaded = true;
        for (ResourceError error : refused) {
            LOG.error(error.toString());
        }
    }

    private BrokerRuntime create(BrokerClass brokerClass, ResourceId id, URI ingress) {
        return switch (brokerClass) {
            case MT_CHANNEL_BASED -> new ChannelBasedBroker(id.namespace(), id.name(), ingress, dispatcher, tracing);
            case KAFKA -> new KafkaClassBroker(id.namespace(), id.name(), ingress,
                    kafkaLogs.open(id.namespace(), id.name()), dispatcher, tracing);
        };
    }

    private TriggerRuntime triggerRuntime(ResourceId id, Trigger trigger, Map<ResourceId, DeliverySpec> brokerDelivery,
            DestinationResolver resolver) {
        TriggerSpec spec = trigger.getSpec();
        String namespace = id.namespace();
        ResourceId brokerId = new ResourceId("Broker", namespace, spec.getBroker());
        BrokerRuntime broker = brokers.get(brokerId);
        boolean ordered = "ordered".equals(annotation(trigger.getMetadata().getAnnotations(), DELIVERY_ORDER));
        String filterText = describeFilter(spec);
        if (broker == null) {
            return new TriggerRuntime(namespace, id.name(), spec.getBroker(), filterText, event -> FilterResult.FAIL, null, null,
                    null, ordered, "BrokerDoesNotExist: broker " + namespace + "/" + spec.getBroker() + " does not exist");
        }
        EventFilter filter = TriggerFilters.compile(spec, broker.brokerClass());
        DeliveryPolicy policy = DeliveryPolicies.effective(broker.brokerClass(), brokerDelivery.get(brokerId),
                spec.getDelivery());
        DestinationResolver.Resolution subscriber = resolver.resolve(spec.getSubscriber(), namespace);
        if (subscriber.uri() == null) {
            return new TriggerRuntime(namespace, id.name(), spec.getBroker(), filterText, filter, null, null, policy,
                    ordered, "SubscriberResolveFailed: " + subscriber.reason());
        }
        URI deadLetterSink = null;
        if (policy.deadLetterSink() != null) {
            DestinationResolver.Resolution sink = resolver.resolve(policy.deadLetterSink(), namespace);
            if (sink.uri() == null) {
                return new TriggerRuntime(namespace, id.name(), spec.getBroker(), filterText, filter, subscriber.uri(),
                        null, policy, ordered, "DeadLetterSinkResolveFailed: " + sink.reason());
            }
            deadLetterSink = sink.uri();
        }
        return new TriggerRuntime(namespace, id.name(), spec.getBroker(), filterText, filter, subscriber.uri(),
                deadLetterSink, policy, ordered, null);
    }

    private static <T> Map<ResourceId, LoadedResource<T>> keepRefused(Map<ResourceId, LoadedResource<T>> loaded,
            Map<ResourceId, LoadedResource<T>> previous, List<ResourceError> refused, String kind) {
        Map<ResourceId, LoadedResource<T>> kept = new LinkedHashMap<>(loaded);
        for (ResourceError error : refused) {
            ResourceId id = error.resource();
            if (id != null && kind.equals(id.kind()) && !kept.containsKey(id) && previous.containsKey(id)) {
                kept.put(id, previous.get(id));
            }
        }
        return kept;
    }

    private static String annotation(Map<String, String> annotations, String key) {
        return annotations == null ? null : annotations.get(key);
    }

    /** The filter as the manifest wrote it, for the trigger listing. */
    private static String describeFilter(TriggerSpec spec) {
        if (spec.getFilters() != null && !spec.getFilters().isEmpty()) {
            return "filters: " + Json.compact(spec.getFilters());
        }
        if (spec.getFilter() != null && spec.getFilter().getAttributes() != null) {
            return "filter.attributes: " + Json.compact(spec.getFilter().getAttributes());
        }
        return "none";
    }
}
