package dev.cascade.devmesh.broker;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.cascade.devmesh.BrokerClass;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * Kafka broker behaviour (spec §1.4, §4, §5.3, §6): the ingress answers 202 once the event is in the log and
 * 503 when the write fails; each ready Trigger consumes the log as its own consumer group, ordered or
 * unordered per its {@code kafka.eventing.knative.dev/delivery.order}; deliveries carry
 * {@code knativekafkapartition} and {@code knativekafkaoffset}; replies go straight back into the log, with no
 * TTL and no loop protection, as in the Kafka broker.
 */
final class KafkaClassBroker implements BrokerRuntime {

    private static final Logger LOG = Logger.getLogger(KafkaClassBroker.class);
    static final String PARTITION = "knativekafkapartition";
    static final String OFFSET = "knativekafkaoffset";
    static final String PARTITION_KEY = "partitionkey";

    private final String namespace;
    private final String name;
    private final String qualifiedName;
    private final URI ingressUrl;
    private final EventLog log;
    private final TriggerDispatcher dispatcher;
    private final BrokerTracing tracing;
    private final Map<String, Consumer> consumers = new HashMap<>();
    private volatile boolean closed;

    KafkaClassBroker(String namespace, String name, URI ingressUrl, EventLog log, TriggerDispatcher dispatcher,
            BrokerTracing tracing) {
        this.namespace = namespace;
        this.name = name;
        this.qualifiedName = namespace + "/" + name;
        this.ingressUrl = ingressUrl;
        this.log = log;
        this.dispatcher = dispatcher;
        this.tracing = tracing;
        if (!log.durable()) {
            LOG.warnf("Kafka-class broker %s/%s keeps its events in memory and is NOT durable: set "
                    + "devmesh.kafka.bootstrap-servers or devmesh.kafka.embedded=true for a real Kafka log", namespace, name);
        }
    }

    @Override
    public Future<IngressResult> ingest(CloudEvent event, MultiMap passThroughHeaders, TraceContext parent) {
        return admit(event, parent, null);
    }

    /**
     * An event from the ingress, or ({@code replyOf} set) a subscriber's reply, into the log; the record carries the
     * ingress span's position, which every Trigger's delivery continues.
     */
    private Future<IngressResult> admit(CloudEvent event, TraceContext parent, String replyOf) {
        HopSpan span = tracing.ingress(parent, qualifiedName, BrokerClass.KAFKA, event, replyOf);
        Future<IngressResult> answered;
        if (closed && replyOf == null) {
            answered = Future.succeededFuture(new IngressResult(404, "broker " + qualifiedName + " not found"));
        } else {
            answered = log.append(partitionKey(event), event, span.context()).transform(written -> written.succeeded()
                    ? Future.succeededFuture(IngressResult.accepted())
                    : Future.succeededFuture(new IngressResult(503, "the broker log did not accept the event: "
                            + written.cause().getMessage())));
        }
        return answered.onComplete(result -> IngressResult.end(span, result));
    }

    @Override
    public synchronized void updateTriggers(List<TriggerRuntime> triggers) {
        Map<String, TriggerRuntime> ready = new HashMap<>();
        for (TriggerRuntime trigger : triggers) {
            if (trigger.ready()) {
                ready.put(trigger.qualifiedName(), trigger);
            }
        }
        for (var iterator = consumers.entrySet().iterator(); iterator.hasNext();) {
            var entry = iterator.next();
            TriggerRuntime next = ready.get(entry.getKey());
            if (next == null || next.ordered() != entry.getValue().trigger.ordered()) {
                entry.getValue().subscription.close();
                iterator.remove();
            } else {
                entry.getValue().trigger = next; // new filter, subscriber or delivery from the next record on
            }
        }
        for (TriggerRuntime trigger : ready.values()) {
            if (!consumers.containsKey(trigger.qualifiedName())) {
                Consumer consumer = new Consumer(trigger);
                consumer.subscription = log.subscribe(group(trigger), trigger.ordered(), KafkaEventLog.MAX_IN_FLIGHT,
                        consumer::handle);
                consumers.put(trigger.qualifiedName(), consumer);
            }
        }
    }

    /** The consumer group name the Kafka broker's data plane would use for the Trigger. */
    private static String group(TriggerRuntime trigger) {
        return "knative-trigger-" + trigger.namespace() + "-" + trigger.name();
    }

    private final class Consumer {

        volatile TriggerRuntime trigger;
        EventLog.Subscription subscription;

        Consumer(TriggerRuntime trigger) {
            this.trigger = trigger;
        }

        Future<?> handle(LogRecord record) {
            if (record.event() == null) {
                return Future.succeededFuture();
            }
            CloudEvent event = CloudEventBuilder.from(record.event())
                    .withExtension(PARTITION, record.partition())
                    .withExtension(OFFSET, record.offset())
                    .build();
            TriggerRuntime current = trigger;
            return dispatcher.deliver(new TriggerDispatcher.Delivery(BrokerClass.KAFKA, qualifiedName,
                    current, event, MultiMap.caseInsensitiveMultiMap(), record.trace(),
                    (reply, headers, replyParent) -> admit(reply, replyParent, current.qualifiedName())
                            .map(IngressResult::status),
                    ingressUrl));
        }
    }

    private static String partitionKey(CloudEvent event) {
        Object key = event.getExtension(PARTITION_KEY);
        return key == null ? null : key.toString();
    }

    @Override
    public synchronized void close() {
        closed = true;
        consumers.values().forEach(consumer -> consumer.subscription.close());
        consumers.clear();
        log.close();
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BrokerClass brokerClass() {
        return BrokerClass.KAFKA;
    }

    @Override
    public URI ingressUrl() {
        return ingressUrl;
    }
}
