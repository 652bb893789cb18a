package dev.cascade.devmesh.broker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/**
 * A Kafka-class broker's log in a real Kafka topic, as the Knative Kafka broker keeps it (spec §1.4, §6):
 * an append is acknowledged only once written with {@code acks=all}; every Trigger is a consumer group that
 * commits an offset only after the records before it were delivered, dead-lettered or dropped, so a devmesh
 * killed mid-stream redelivers what it had not finished. Records are structured-mode CloudEvents; the
 * {@code partitionkey} extension is the record key.
 */
final class KafkaEventLog implements EventLog {

    private static final Logger LOG = Logger.getLogger(KafkaEventLog.class);
    /** Short, so a paused consumer resumes fetching soon after its buffer drains. */
    private static final Duration POLL = Duration.ofMillis(10);
    /** The Kafka broker's unordered dispatch keeps at most max.poll.records (its default, 50) in flight. */
    static final int MAX_IN_FLIGHT = 50;
    /** Fetching runs ahead of dispatch in larger batches; fetched records wait in the subscription's queue. */
    private static final int FETCH_BATCH = 500;
    private static final int MAX_BUFFERED = 2_000;

    private final String bootstrapServers;
    private final String topic;
    private final int partitions;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<ConsumerLoop> consumers = new ArrayList<>();

    KafkaEventLog(String bootstrapServers, String topic, int partitions) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partitions = partitions;
        createTopic();
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "devmesh-" + topic);
        producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private void createTopic() {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not create topic " + topic, e);
        }
    }

    @Override
    public Future<Void> append(String partitionKey, CloudEvent event, TraceContext trace) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                partitionKey == null ? null : partitionKey.getBytes(StandardCharsets.UTF_8),
                CloudEventCodec.writeStructured(event));
        record.headers().add("traceparent", trace.traceparent().getBytes(StandardCharsets.UTF_8));
        if (trace.traceState() != null) {
            record.headers().add("tracestate", trace.traceState().getBytes(StandardCharsets.UTF_8));
        }
        Promise<Void> written = Promise.promise();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    written.complete();
                } else {
                    written.fail(error);
                }
            });
        } catch (RuntimeException e) {
            written.tryFail(e);
        }
        return written.future();
    }

    @Override
    public Subscription subscribe(String group, boolean ordered, int maxInFlight,
            Function<LogRecord, Future<?>> handler) {
        startAtEndIfNew(group);
        ConsumerLoop loop = new ConsumerLoop(group, ordered, maxInFlight, handler);
        synchronized (consumers) {
            consumers.add(loop);
        }
        loop.thread.start();
        return () -> {
            loop.close();
            synchronized (consumers) {
                consumers.remove(loop);
            }
        };
    }

    /**
     * A new Trigger starts at the end of the log, and is ready only once that position is committed, so no
     * event accepted after it became ready is skipped while its consumer is still joining.
     */
    private void startAtEndIfNew(String group) {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            if (committed != null && !committed.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> start.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing consumer group " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot prepare consumer group " + group + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void close() {
        List<ConsumerLoop> running;
        synchronized (consumers) {
            running = new ArrayList<>(consumers);
            consumers.clear();
        }
        running.forEach(ConsumerLoop::close);
        producer.close(Duration.ofSeconds(10));
    }

    /** One Trigger's consumer: its own thread, since a KafkaConsumer must only be used by one. */
    private final class ConsumerLoop {

        private final String group;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final SubscriptionQueue queue;
        private final ConcurrentLinkedQueue<Map.Entry<Integer, Long>> commits = new ConcurrentLinkedQueue<>();
        private final Thread thread;
        private volatile boolean running = true;
        private boolean paused;

        ConsumerLoop(String group, boolean ordered, int maxInFlight, Function<LogRecord, Future<?>> handler) {
            this.group = group;
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(FETCH_BATCH));
            config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "devmesh-" + group);
            this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.queue = new SubscriptionQueue(ordered, maxInFlight, handler,
                    (partition, offset) -> commits.add(Map.entry(partition, offset)));
            this.thread = new Thread(this::run, "devmesh-consumer-" + group);
            this.thread.setDaemon(true);
        }

        private void run() {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            try {
                while (running) {
                    commitFinished(false);
                    boolean full = queue.buffered() >= MAX_BUFFERED;
                    if (full && !paused) {
                        consumer.pause(assigned);
                        paused = true;
                    } else if (!full && paused) {
                        consumer.resume(assigned);
                        paused = false;
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        queue.offer(toLogRecord(record));
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                LOG.errorf(e, "consumer group %s stopped", group);
            } finally {
                try {
                    commitFinished(true);
                } catch (RuntimeException e) {
                    LOG.warnf("consumer group %s: last commit failed: %s", group, e.getMessage());
                }
                consumer.close(Duration.ofSeconds(5));
            }
        }

        private void commitFinished(boolean sync) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (Map.Entry<Integer, Long> commit; (commit = commits.poll()) != null;) {
                offsets.merge(new TopicPartition(topic, commit.getKey()), new OffsetAndMetadata(commit.getValue()),
                        (a, b) -> a.offset() >= b.offset() ? a : b);
            }
            if (offsets.isEmpty()) {
                return;
            }
            if (sync) {
                consumer.commitSync(offsets);
            } else {
                consumer.commitAsync(offsets, (committed, error) -> {
                    if (error != null) {
                        LOG.warnf("consumer group %s: commit failed, records may be redelivered: %s", group,
                                error.getMessage());
                    }
                });
            }
        }

        private LogRecord toLogRecord(ConsumerRecord<byte[], byte[]> record) {
            CloudEventCodec.Decoded decoded = CloudEventCodec.decode(
                    io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("Content-Type", CloudEventCodec.STRUCTURED_JSON),
                    record.value() == null ? new byte[0] : record.value());
            CloudEvent event = decoded instanceof CloudEventCodec.Event parsed ? parsed.event() : null;
            if (event == null) {
                LOG.warnf("topic %s partition %d offset %d is not a CloudEvent; skipped", topic, record.partition(),
                        record.offset());
            }
            return new LogRecord(record.partition(), record.offset(), event,
                    TraceContext.fromHeaders(header(record, "traceparent"), header(record, "tracestate")));
        }

        private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        void close() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            queue.close();
        }
    }
}
