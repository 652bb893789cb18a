package dev.cascade.devmesh.delivery;

import dev.cascade.devmesh.BrokerClass;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Broker defaulting, trigger/broker merging and webhook validation of {@code spec.delivery}
 * (shared/knative-broker-semantics.md §3.1, §3.2). Pure functions; the DeliverySpecs passed in are never modified.
 */
public final class DeliveryPolicies {

    /** {@code config-br-defaults}: the delivery a Broker gets when its {@code spec.delivery} is nil. */
    public static final int DEFAULT_BROKER_RETRY = 10;
    public static final BackoffPolicy DEFAULT_BROKER_BACKOFF_POLICY = BackoffPolicy.EXPONENTIAL;
    public static final String DEFAULT_BROKER_BACKOFF_DELAY = "PT0.2S";

    /**
     * KB: the backoff delay of a delivery that sets {@code retry} but no {@code backoffDelay}
     * ({@code BROKER_DEFAULT_BACKOFF_DELAY_MS} in the Kafka broker controller's deployment).
     */
    public static final Duration KAFKA_DEFAULT_BACKOFF_DELAY = Duration.ofMillis(1000);

    /** KB: the per-attempt timeout when none is configured ({@code WebClientCloudEventSender.DEFAULT_TIMEOUT_MS}). */
    public static final Duration KAFKA_DEFAULT_TIMEOUT = Duration.ofSeconds(600);

    /** The field path the webhook reports errors under, for Brokers and Triggers alike. */
    public static final String FIELD_PATH = "spec.delivery";

    private DeliveryPolicies() {
    }

    /** A fresh copy of the {@code config-br-defaults} delivery: retry 10, exponential, PT0.2S. */
    public static DeliverySpec brokerDefault() {
        DeliverySpec spec = new DeliverySpec();
        spec.setRetry(DEFAULT_BROKER_RETRY);
        spec.setBackoffPolicy(DEFAULT_BROKER_BACKOFF_POLICY.specValue());
        spec.setBackoffDelay(DEFAULT_BROKER_BACKOFF_DELAY);
        return spec;
    }

    /**
     * What the Broker webhook leaves in {@code spec.delivery}: the default when nil, otherwise the spec unchanged
     * (the same instance). An empty but non-nil delivery ({@code delivery: {}}) is <em>not</em> defaulted, so such a
     * broker has no retries ({@code ev:pkg/apis/eventing/v1/broker_defaults.go}).
     */
    public static DeliverySpec defaultedBrokerDelivery(DeliverySpec brokerDeliveryOrNull) {
        return brokerDeliveryOrNull == null ? brokerDefault() : brokerDeliveryOrNull;
    }

    /**
     * The delivery one trigger's events are sent with.
     *
     * <p><b>MT</b> ({@code ev:pkg/reconciler/broker/trigger/trigger.go}, {@code subscription.go}): the trigger's
     * delivery replaces the broker's <em>as a whole</em> when non-nil, so {@code {deadLetterSink: X}} means 0 retries.
     * The dead-letter sink is the trigger's, else the broker's, even when the trigger has a delivery without one.
     * The format is the trigger's or binary: broker-filter reads only {@code trigger.spec.delivery.format}. A
     * non-positive timeout means none (Go's {@code http.Client}).
     *
     * <p><b>KB</b> ({@code kb:control-plane/pkg/core/config/utils.go}): each side first becomes an egress config; a
     * delivery with none of deadLetterSink, retry or timeout counts as absent. {@code backoffPolicy} and
     * {@code backoffDelay} are only read when {@code retry} is set, the delay then defaulting to 1000 ms and the policy
     * to exponential. Durations become whole milliseconds of their absolute value. The merge takes each non-zero
     * trigger value over the broker's, except the policy, which is always the trigger's when the trigger counts:
     * a trigger with only a timeout or a DLS turns a linear broker exponential. So a trigger's {@code retry: 0}
     * cannot switch off the broker's retries. Retry-After is ignored ({@code retryAfterMax} null), the format is
     * always binary and a missing timeout is the data plane's 600 s.
     *
     * @param brokerDelivery  the broker's delivery after {@link #defaultedBrokerDelivery}; null is treated as no
     *                        delivery at all
     * @param triggerDelivery the trigger's delivery, nullable
     * @throws IllegalArgumentException if a field the class reads holds a value {@link #validate} rejects
     *                                  (validate first)
     */
    public static DeliveryPolicy effective(BrokerClass cls, DeliverySpec brokerDelivery, DeliverySpec triggerDelivery) {
        Objects.requireNonNull(cls, "broker class");
        return switch (cls) {
            case MT_CHANNEL_BASED -> channelBased(brokerDelivery, triggerDelivery);
            case KAFKA -> kafka(brokerDelivery, triggerDelivery);
        };
    }

    private static DeliveryPolicy channelBased(DeliverySpec broker, DeliverySpec trigger) {
        DeliverySpec chosen = trigger != null ? trigger : broker;
        Destination dls = null;
        if (trigger != null && trigger.getDeadLetterSink() != null) {
            dls = trigger.getDeadLetterSink();
        } else if (broker != null) {
            dls = broker.getDeadLetterSink();
        }
        EventFormat format = trigger == null ? null : parseFormat(trigger.getFormat());
        if (chosen == null) {
            return new DeliveryPolicy(0, null, null, null, null, dls, format == null ? EventFormat.BINARY : format);
        }
        Duration timeout = parseDuration(chosen.getTimeout(), "timeout");
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            timeout = null;
        }
        return new DeliveryPolicy(
                retryOf(chosen),
                parsePolicy(chosen.getBackoffPolicy()),
                parseDuration(chosen.getBackoffDelay(), "backoffDelay"),
                timeout,
                parseDuration(chosen.getRetryAfterMax(), "retryAfterMax"),
                dls,
                format == null ? EventFormat.BINARY : format);
    }

    /** KB's egress config: zero values mean "unset", exactly as in the Kafka broker's protobuf contract. */
    private record KafkaEgress(Destination deadLetter, int retry, BackoffPolicy policy, long delayMs, long timeoutMs) {
    }

    private static KafkaEgress kafkaEgress(DeliverySpec delivery) {
        if (delivery == null
                || delivery.getDeadLetterSink() == null && delivery.getRetry() == null && delivery.getTimeout() == null) {
            return null;
        }
        int retry = 0;
        BackoffPolicy policy = BackoffPolicy.EXPONENTIAL; // the contract's zero value
        long delayMs = 0;
        if (delivery.getRetry() != null) {
            retry = retryOf(delivery);
            Duration delay = parseDuration(delivery.getBackoffDelay(), "backoffDelay");
            delayMs = delay == null ? KAFKA_DEFAULT_BACKOFF_DELAY.toMillis() : absMillis(delay);
            BackoffPolicy named = parsePolicy(delivery.getBackoffPolicy());
            policy = named == null ? BackoffPolicy.EXPONENTIAL : named;
        }
        Duration timeout = parseDuration(delivery.getTimeout(), "timeout");
        long timeoutMs = timeout == null ? 0 : absMillis(timeout);
        return new KafkaEgress(delivery.getDeadLetterSink(), retry, policy, delayMs, timeoutMs);
    }

    private static DeliveryPolicy kafka(DeliverySpec broker, DeliverySpec trigger) {
        KafkaEgress t = kafkaEgress(trigger);
        KafkaEgress b = kafkaEgress(broker);
        KafkaEgress merged;
        if (t == null) {
            merged = b;
        } else if (b == null) {
            merged = t;
        } else {
            merged = new KafkaEgress(
                    t.deadLetter() != null ? t.deadLetter() : b.deadLetter(),
                    t.retry() != 0 ? t.retry() : b.retry(),
                    t.policy(),
                    t.delayMs() != 0 ? t.delayMs() : b.delayMs(),
                    t.timeoutMs() != 0 ? t.timeoutMs() : b.timeoutMs());
        }
        if (merged == null) {
            merged = new KafkaEgress(null, 0, BackoffPolicy.EXPONENTIAL, 0, 0);
        }
        return new DeliveryPolicy(
                merged.retry(),
                merged.policy(),
                Duration.ofMillis(merged.delayMs()),
                merged.timeoutMs() > 0 ? Duration.ofMillis(merged.timeoutMs()) : KAFKA_DEFAULT_TIMEOUT,
                null,
                merged.deadLetter(),
                EventFormat.BINARY);
    }

    /**
     * The errors the Knative webhook reports for {@code spec.delivery} ({@code ev:pkg/apis/duck/v1/delivery_types.go}
     * Validate, {@code knative.dev/pkg/apis/duck/v1/destination.go}), in Knative's {@code FieldError} rendering:
     * {@code "<message>: <path>[, <path>...]"}, sorted by message. The feature {@code delivery-timeout} is taken as
     * enabled (beta, on by default) and {@code kreference-group} as disabled (its default).
     *
     * <p>Not checked, because they need context this function does not have: a DLS ref namespace that differs from
     * the parent's, and the PEM content of {@code CACerts}.
     *
     * @param spec                     the delivery; null is valid
     * @param retryAfterFeatureEnabled the {@code delivery-retryafter} feature (alpha, off by default); when off, any
     *                                 {@code retryAfterMax} is rejected
     * @return the messages; empty when valid
     */
    public static List<String> validate(DeliverySpec spec, boolean retryAfterFeatureEnabled) {
        FieldErrors errors = new FieldErrors();
        if (spec == null) {
            return errors.messages();
        }
        if (spec.getDeadLetterSink() != null) {
            validateDestination(spec.getDeadLetterSink(), FIELD_PATH + ".deadLetterSink", errors);
        }
        if (spec.getRetry() != null && spec.getRetry() < 0) {
            errors.invalidValue(spec.getRetry(), FIELD_PATH + ".retry");
        }
        if (spec.getTimeout() != null) {
            if (!IsoDurations.isValid(spec.getTimeout()) || IsoDurations.parse(spec.getTimeout()).isZero()) {
                errors.invalidValue(spec.getTimeout(), FIELD_PATH + ".timeout");
            }
        }
        if (spec.getBackoffPolicy() != null && !isValid(spec.getBackoffPolicy(), BackoffPolicy::fromSpec)) {
            errors.invalidValue(spec.getBackoffPolicy(), FIELD_PATH + ".backoffPolicy");
        }
        if (spec.getBackoffDelay() != null && !IsoDurations.isValid(spec.getBackoffDelay())) {
            errors.invalidValue(spec.getBackoffDelay(), FIELD_PATH + ".backoffDelay");
        }
        if (spec.getFormat() != null && !isValid(spec.getFormat(), EventFormat::fromSpec)) {
            errors.invalidValue(spec.getFormat(), FIELD_PATH + ".format");
        }
        if (spec.getRetryAfterMax() != null) {
            if (!retryAfterFeatureEnabled) {
                errors.disallowed(FIELD_PATH + ".retryAfterMax");
            } else if (!IsoDurations.isValid(spec.getRetryAfterMax())
                    || IsoDurations.parse(spec.getRetryAfterMax()).isNegative()) {
                errors.invalidValue(spec.getRetryAfterMax(), FIELD_PATH + ".retryAfterMax");
            }
        }
        return errors.messages();
    }

    /**
     * {@code ValidateDestination}: one early-returning check, as upstream. Note that a ref together with a
     * <em>relative</em> URI is accepted without validating the ref.
     */
    private static void validateDestination(Destination destination, String path, FieldErrors errors) {
        KReference ref = destination.getRef();
        String uriText = destination.getUri();
        if (ref == null && uriText == null) {
            errors.add("expected at least one, got none", path + ".ref", path + ".uri");
            return;
        }
        URI uri = null;
        if (uriText != null) {
            try {
                uri = new URI(uriText);
            } catch (URISyntaxException e) {
                // Upstream fails earlier, when the JSON is decoded; report it against the field all the same.
                errors.invalidValue(uriText, path + ".uri");
                return;
            }
        }
        boolean absolute = uri != null && uri.getScheme() != null;
        if (ref != null && absolute) {
            // "[apiVersion, kind, name]" is glued to the parent path, as knative.dev/pkg flattens index-like segments.
            errors.add("Absolute URI is not allowed when Ref or [apiVersion, kind, name] is present",
                    path + "[apiVersion, kind, name]", path + ".ref", path + ".uri");
            return;
        }
        if (ref == null && (!absolute || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty())) {
            errors.invalidValue("Relative URI is not allowed when Ref and [apiVersion, kind, name] is absent",
                    path + ".uri");
            return;
        }
        if (ref != null && uri == null) {
            String refPath = path + ".ref";
            if (isEmpty(ref.getName())) {
                errors.missing(refPath + ".name");
            }
            if (!isEmpty(ref.getGroup())) {
                errors.disallowed(refPath + ".group");
            }
            if (isEmpty(ref.getApiVersion())) {
                errors.missing(refPath + ".apiVersion");
            }
            if (isEmpty(ref.getKind())) {
                errors.missing(refPath + ".kind");
            }
        }
    }

    private static int retryOf(DeliverySpec spec) {
        Integer retry = spec.getRetry();
        if (retry == null) {
            return 0;
        }
        if (retry < 0) {
            throw new IllegalArgumentException(FIELD_PATH + ".retry: must be >= 0, was " + retry);
        }
        return retry;
    }

    private static BackoffPolicy parsePolicy(String value) {
        try {
            return BackoffPolicy.fromSpec(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FIELD_PATH + ".backoffPolicy: " + e.getMessage(), e);
        }
    }

    private static EventFormat parseFormat(String value) {
        try {
            return EventFormat.fromSpec(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FIELD_PATH + ".format: " + e.getMessage(), e);
        }
    }

    private static Duration parseDuration(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return IsoDurations.parse(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(FIELD_PATH + "." + field + ": " + e.getMessage(), e);
        }
    }

    /** KB's {@code uint64(math.Abs(float64(d.Milliseconds())))}: whole milliseconds of the absolute value. */
    private static long absMillis(Duration duration) {
        return IsoDurations.saturatedMillis(duration.abs());
    }

    private static boolean isValid(String value, Function<String, ?> parser) {
        try {
            parser.apply(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
