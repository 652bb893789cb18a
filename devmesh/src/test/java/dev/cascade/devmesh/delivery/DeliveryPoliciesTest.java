package dev.cascade.devmesh.delivery;

import static dev.cascade.devmesh.BrokerClass.KAFKA;
import static dev.cascade.devmesh.BrokerClass.MT_CHANNEL_BASED;
import static dev.cascade.devmesh.delivery.BackoffPolicy.EXPONENTIAL;
import static dev.cascade.devmesh.delivery.BackoffPolicy.LINEAR;
import static dev.cascade.devmesh.delivery.EventFormat.BINARY;
import static dev.cascade.devmesh.delivery.EventFormat.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.cascade.devmesh.BrokerClass;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.DeliverySpecBuilder;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.DestinationBuilder;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryPoliciesTest {

    static final Destination BROKER_DLS = new DestinationBuilder().withUri("http://broker-dls.ns.svc").build();
    static final Destination TRIGGER_DLS = new DestinationBuilder().withUri("http://trigger-dls.ns.svc").build();
    static final Duration KB_TIMEOUT = Duration.ofSeconds(600);

    static DeliverySpecBuilder delivery() {
        return new DeliverySpecBuilder();
    }

    /** The broker delivery the webhook gives a Broker without one. */
    static DeliverySpec defaulted() {
        return DeliveryPolicies.defaultedBrokerDelivery(null);
    }

    static DeliverySpec defaultedWithDls() {
        return delivery().withRetry(10).withBackoffPolicy("exponential").withBackoffDelay("PT0.2S")
                .withDeadLetterSink(BROKER_DLS).build();
    }

    static DeliverySpec linearBroker() {
        return delivery().withRetry(4).withBackoffPolicy("linear").withBackoffDelay("PT2S").build();
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void brokerDefaultIsTenExponentialRetriesFromPointTwoSeconds() {
        DeliverySpec spec = DeliveryPolicies.brokerDefault();

        assertThat(spec.getRetry()).isEqualTo(10);
        assertThat(spec.getBackoffPolicy()).isEqualTo("exponential");
        assertThat(spec.getBackoffDelay()).isEqualTo("PT0.2S");
        assertThat(spec.getDeadLetterSink()).isNull();
        assertThat(spec.getTimeout()).isNull();
        assertThat(spec.getRetryAfterMax()).isNull();
        assertThat(spec.getFormat()).isNull();
    }

    @Test
    void brokerDefaultIsAFreshObjectEachTime() {
        DeliverySpec first = DeliveryPolicies.brokerDefault();
        first.setRetry(0);

        assertThat(DeliveryPolicies.brokerDefault().getRetry()).isEqualTo(10);
    }

    @Test
    void nilBrokerDeliveryGetsTheDefault() {
        assertThat(DeliveryPolicies.defaultedBrokerDelivery(null)).isEqualTo(DeliveryPolicies.brokerDefault());
    }

    @Test
    void emptyButPresentBrokerDeliveryIsNotDefaulted() {
        DeliverySpec empty = new DeliverySpec();

        DeliverySpec result = DeliveryPolicies.defaultedBrokerDelivery(empty);

        assertThat(result).isSameAs(empty);
        assertThat(result.getRetry()).isNull();
    }

    @Test
    void brokerDeliveryWithOnlyADlsIsNotDefaulted() {
        DeliverySpec dlsOnly = delivery().withDeadLetterSink(BROKER_DLS).build();

        assertThat(DeliveryPolicies.defaultedBrokerDelivery(dlsOnly)).isSameAs(dlsOnly);
        assertThat(DeliveryPolicies.effective(MT_CHANNEL_BASED, dlsOnly, null).retry()).isZero();
    }

    static Stream<Arguments> channelBasedMerges() {
        return Stream.of(
                arguments("no trigger delivery: the broker's delivery",
                        defaulted(), null,
                        new DeliveryPolicy(10, EXPONENTIAL, ms(200), null, null, null, BINARY)),
                arguments("trigger {deadLetterSink: X} replaces the broker delivery wholesale: 0 retries",
                        defaultedWithDls(), delivery().withDeadLetterSink(TRIGGER_DLS).build(),
                        new DeliveryPolicy(0, null, null, null, null, TRIGGER_DLS, BINARY)),
                arguments("trigger delivery without DLS still falls back to the broker's DLS",
                        defaultedWithDls(), delivery().withRetry(3).build(),
                        new DeliveryPolicy(3, null, null, null, null, BROKER_DLS, BINARY)),
                arguments("empty trigger delivery {} means 0 retries and the broker's DLS",
                        defaultedWithDls(), new DeliverySpec(),
                        new DeliveryPolicy(0, null, null, null, null, BROKER_DLS, BINARY)),
                arguments("no trigger delivery: the broker's DLS",
                        defaultedWithDls(), null,
                        new DeliveryPolicy(10, EXPONENTIAL, ms(200), null, null, BROKER_DLS, BINARY)),
                arguments("full trigger delivery wins in every field",
                        defaultedWithDls(),
                        delivery().withRetry(3).withBackoffPolicy("linear").withBackoffDelay("PT1S")
                                .withTimeout("PT5S").withRetryAfterMax("PT30S").withDeadLetterSink(TRIGGER_DLS)
                                .withFormat("json").build(),
                        new DeliveryPolicy(3, LINEAR, ms(1000), ms(5000), ms(30000), TRIGGER_DLS, JSON)),
                arguments("trigger retry without backoff keeps policy and delay unset (immediate retries)",
                        defaulted(), delivery().withRetry(5).build(),
                        new DeliveryPolicy(5, null, null, null, null, null, BINARY)),
                arguments("broker timeout and retryAfterMax apply when the trigger has no delivery",
                        delivery().withRetry(2).withTimeout("PT3S").withRetryAfterMax("PT10S").build(), null,
                        new DeliveryPolicy(2, null, null, ms(3000), ms(10000), null, BINARY)),
                arguments("broker format is ignored: broker-filter reads only the trigger's",
                        delivery().withRetry(1).withFormat("json").build(), null,
                        new DeliveryPolicy(1, null, null, null, null, null, BINARY)),
                arguments("trigger format json means structured mode",
                        defaulted(), delivery().withFormat("json").build(),
                        new DeliveryPolicy(0, null, null, null, null, null, JSON)),
                arguments("negative timeout means no timeout (Go http.Client)",
                        defaulted(), delivery().withTimeout("-PT5S").build(),
                        new DeliveryPolicy(0, null, null, null, null, null, BINARY)),
                arguments("retryAfterMax PT0S is kept (it disables Retry-After at backoff time)",
                        defaulted(), delivery().withRetry(1).withRetryAfterMax("PT0S").build(),
                        new DeliveryPolicy(1, null, null, null, Duration.ZERO, null, BINARY)),
                arguments("empty broker delivery and no trigger delivery: no retries",
                        new DeliverySpec(), null,
                        new DeliveryPolicy(0, null, null, null, null, null, BINARY)),
                arguments("null broker delivery and no trigger delivery: no retries",
                        null, null,
                        new DeliveryPolicy(0, null, null, null, null, null, BINARY)));
    }

    @ParameterizedTest(name = "MT: {0}")
    @MethodSource("channelBasedMerges")
    void channelBasedTriggerDeliveryReplacesBrokerDeliveryWholesale(String rule, DeliverySpec broker,
            DeliverySpec trigger, DeliveryPolicy expected) {
        assertThat(DeliveryPolicies.effective(MT_CHANNEL_BASED, broker, trigger)).isEqualTo(expected);
    }

    static Stream<Arguments> kafkaMerges() {
        return Stream.of(
                arguments("no trigger delivery: the broker's delivery, 600 s timeout",
                        defaulted(), null,
                        new DeliveryPolicy(10, EXPONENTIAL, ms(200), KB_TIMEOUT, null, null, BINARY)),
                arguments("trigger {deadLetterSink: X} keeps the broker's retries",
                        defaultedWithDls(), delivery().withDeadLetterSink(TRIGGER_DLS).build(),
                        new DeliveryPolicy(10, EXPONENTIAL, ms(200), KB_TIMEOUT, null, TRIGGER_DLS, BINARY)),
                arguments("trigger retry without backoffDelay gets 1000 ms, which beats the broker's delay",
                        defaulted(), delivery().withRetry(3).build(),
                        new DeliveryPolicy(3, EXPONENTIAL, ms(1000), KB_TIMEOUT, null, null, BINARY)),
                arguments("trigger retry 0 cannot switch off the broker's retries",
                        defaulted(), delivery().withRetry(0).build(),
                        new DeliveryPolicy(10, EXPONENTIAL, ms(1000), KB_TIMEOUT, null, null, BINARY)),
                arguments("trigger delivery with none of DLS, retry, timeout is ignored",
                        defaulted(), delivery().withBackoffPolicy("linear").withBackoffDelay("PT5S").build(),
                        new DeliveryPolicy(10, EXPONENTIAL, ms(200), KB_TIMEOUT, null, null, BINARY)),
                arguments("empty trigger delivery {} is ignored",
                        defaultedWithDls(), new DeliverySpec(),
                        new DeliveryPolicy(10, EXPONENTIAL, ms(200), KB_TIMEOUT, null, BROKER_DLS, BINARY)),
                arguments("trigger with only a timeout wins the timeout and resets a linear broker to exponential",
                        linearBroker(), delivery().withTimeout("PT5S").build(),
                        new DeliveryPolicy(4, EXPONENTIAL, ms(2000), ms(5000), null, null, BINARY)),
                arguments("trigger with only a DLS also resets a linear broker to exponential",
                        linearBroker(), delivery().withDeadLetterSink(TRIGGER_DLS).build(),
                        new DeliveryPolicy(4, EXPONENTIAL, ms(2000), KB_TIMEOUT, null, TRIGGER_DLS, BINARY)),
                arguments("trigger without DLS falls back to the broker's DLS",
                        defaultedWithDls(), delivery().withRetry(2).withBackoffDelay("PT1S").build(),
                        new DeliveryPolicy(2, EXPONENTIAL, ms(1000), KB_TIMEOUT, null, BROKER_DLS, BINARY)),
                arguments("full trigger delivery wins in every field it sets",
                        defaultedWithDls(),
                        delivery().withRetry(2).withBackoffPolicy("linear").withBackoffDelay("PT0.5S")
                                .withTimeout("PT3S").withDeadLetterSink(TRIGGER_DLS).build(),
                        new DeliveryPolicy(2, LINEAR, ms(500), ms(3000), null, TRIGGER_DLS, BINARY)),
                arguments("broker retry without backoffDelay gets 1000 ms",
                        delivery().withRetry(5).build(), null,
                        new DeliveryPolicy(5, EXPONENTIAL, ms(1000), KB_TIMEOUT, null, null, BINARY)),
                arguments("backoff fields are ignored when retry is absent",
                        delivery().withBackoffPolicy("linear").withBackoffDelay("PT3S")
                                .withDeadLetterSink(BROKER_DLS).build(), null,
                        new DeliveryPolicy(0, EXPONENTIAL, Duration.ZERO, KB_TIMEOUT, null, BROKER_DLS, BINARY)),
                arguments("format json is ignored: KB always sends binary",
                        defaulted(), delivery().withRetry(1).withFormat("json").build(),
                        new DeliveryPolicy(1, EXPONENTIAL, ms(1000), KB_TIMEOUT, null, null, BINARY)),
                arguments("retryAfterMax is ignored",
                        defaulted(), delivery().withRetry(1).withBackoffDelay("PT1S").withRetryAfterMax("PT30S").build(),
                        new DeliveryPolicy(1, EXPONENTIAL, ms(1000), KB_TIMEOUT, null, null, BINARY)),
                arguments("negative durations count by their absolute value",
                        defaulted(), delivery().withRetry(1).withBackoffDelay("-PT2S").withTimeout("-PT3S").build(),
                        new DeliveryPolicy(1, EXPONENTIAL, ms(2000), ms(3000), null, null, BINARY)),
                arguments("a delay under 1 ms truncates to 0, which counts as unset, so the broker's delay wins",
                        defaulted(), delivery().withRetry(2).withBackoffDelay("PT0.0005S").build(),
                        new DeliveryPolicy(2, EXPONENTIAL, ms(200), KB_TIMEOUT, null, null, BINARY)),
                arguments("delays are truncated to whole milliseconds",
                        defaulted(), delivery().withRetry(2).withBackoffDelay("PT0.2509S").build(),
                        new DeliveryPolicy(2, EXPONENTIAL, ms(250), KB_TIMEOUT, null, null, BINARY)),
                arguments("broker without retry: the trigger's delivery alone",
                        delivery().withDeadLetterSink(BROKER_DLS).build(), delivery().withRetry(3).build(),
                        new DeliveryPolicy(3, EXPONENTIAL, ms(1000), KB_TIMEOUT, null, BROKER_DLS, BINARY)),
                arguments("null broker delivery and no trigger delivery: no retries, 600 s timeout",
                        null, null,
                        new DeliveryPolicy(0, EXPONENTIAL, Duration.ZERO, KB_TIMEOUT, null, null, BINARY)));
    }

    @ParameterizedTest(name = "KB: {0}")
    @MethodSource("kafkaMerges")
    void kafkaMergesTriggerAndBrokerFieldByField(String rule, DeliverySpec broker, DeliverySpec trigger,
            DeliveryPolicy expected) {
        assertThat(DeliveryPolicies.effective(KAFKA, broker, trigger)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bothClasses")
    void effectiveDoesNotModifyTheSpecsItReads(BrokerClass cls) {
        DeliverySpec broker = defaultedWithDls();
        DeliverySpec trigger = delivery().withRetry(0).withTimeout("PT1S").build();
        DeliverySpec brokerCopy = defaultedWithDls();
        DeliverySpec triggerCopy = delivery().withRetry(0).withTimeout("PT1S").build();

        DeliveryPolicies.effective(cls, broker, trigger);

        assertThat(broker).isEqualTo(brokerCopy);
        assertThat(trigger).isEqualTo(triggerCopy);
    }

    static Stream<BrokerClass> bothClasses() {
        return Stream.of(BrokerClass.values());
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                arguments(MT_CHANNEL_BASED, delivery().withRetry(1).withBackoffPolicy("Linear").build(),
                        "spec.delivery.backoffPolicy"),
                arguments(MT_CHANNEL_BASED, delivery().withBackoffDelay("1s").build(), "spec.delivery.backoffDelay"),
                arguments(MT_CHANNEL_BASED, delivery().withFormat("xml").build(), "spec.delivery.format"),
                arguments(MT_CHANNEL_BASED, delivery().withRetry(-1).build(), "spec.delivery.retry"),
                arguments(KAFKA, delivery().withRetry(1).withBackoffDelay("soon").build(),
                        "spec.delivery.backoffDelay"),
                arguments(KAFKA, delivery().withTimeout("5s").build(), "spec.delivery.timeout"),
                arguments(KAFKA, delivery().withRetry(-1).build(), "spec.delivery.retry"));
    }

    @ParameterizedTest(name = "{0} rejects {2}")
    @MethodSource("invalidSpecs")
    void effectiveRejectsValuesTheWebhookWouldHaveRejected(BrokerClass cls, DeliverySpec trigger, String field) {
        assertThatThrownBy(() -> DeliveryPolicies.effective(cls, defaulted(), trigger))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(field + ":");
    }

    @Test
    void attemptsIsRetryPlusOne() {
        assertThat(new DeliveryPolicy(0, null, null, null, null, null, BINARY).attempts()).isEqualTo(1);
        assertThat(DeliveryPolicies.effective(MT_CHANNEL_BASED, defaulted(), null).attempts()).isEqualTo(11);
        assertThat(new DeliveryPolicy(Integer.MAX_VALUE, null, null, null, null, null, BINARY).attempts())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void policyRejectsNegativeRetryAndMissingFormat() {
        assertThatThrownBy(() -> new DeliveryPolicy(-1, null, null, null, null, null, BINARY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryPolicy(0, null, null, null, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }
}
