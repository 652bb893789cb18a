package dev.cascade.devmesh.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.duck.v1.DeliverySpecBuilder;
import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.DestinationBuilder;
import io.fabric8.knative.duck.v1.KReferenceBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeliveryValidationTest {

    static final boolean RETRY_AFTER_OFF = false;
    static final boolean RETRY_AFTER_ON = true;
    static final String DLS = "spec.delivery.deadLetterSink";

    static DeliverySpecBuilder delivery() {
        return new DeliverySpecBuilder();
    }

    static Destination dls(String uri) {
        return new DestinationBuilder().withUri(uri).build();
    }

    static KReferenceBuilder serviceRef() {
        return new KReferenceBuilder().withApiVersion("serving.knative.dev/v1").withKind("Service").withName("dls");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("no delivery is valid", null, RETRY_AFTER_OFF, List.of()),
                arguments("empty delivery is valid", new DeliverySpec(), RETRY_AFTER_OFF, List.of()),
                arguments("the broker default is valid", DeliveryPolicies.brokerDefault(), RETRY_AFTER_OFF, List.of()),
                arguments("a full valid delivery",
                        delivery().withRetry(0).withBackoffPolicy("linear").withBackoffDelay("PT1M")
                                .withTimeout("PT30S").withFormat("binary").withDeadLetterSink(dls("http://dls.ns"))
                                .build(),
                        RETRY_AFTER_OFF, List.of()),
                arguments("negative retry",
                        delivery().withRetry(-1).build(), RETRY_AFTER_OFF,
                        List.of("invalid value: -1: spec.delivery.retry")),
                arguments("backoffPolicy is case-sensitive",
                        delivery().withBackoffPolicy("Exponential").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: Exponential: spec.delivery.backoffPolicy")),
                arguments("unknown backoffPolicy",
                        delivery().withBackoffPolicy("fibonacci").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: fibonacci: spec.delivery.backoffPolicy")),
                arguments("backoffDelay must be ISO-8601",
                        delivery().withBackoffDelay("200ms").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: 200ms: spec.delivery.backoffDelay")),
                arguments("backoffDelay designators must be upper-case",
                        delivery().withBackoffDelay("pt1s").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: pt1s: spec.delivery.backoffDelay")),
                arguments("backoffDelay of zero is allowed",
                        delivery().withBackoffDelay("PT0S").build(), RETRY_AFTER_OFF, List.of()),
                arguments("timeout of zero is rejected",
                        delivery().withTimeout("PT0S").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: PT0S: spec.delivery.timeout")),
                arguments("timeout P0 is zero too",
                        delivery().withTimeout("P0").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: P0: spec.delivery.timeout")),
                arguments("unparsable timeout",
                        delivery().withTimeout("30").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: 30: spec.delivery.timeout")),
                arguments("negative timeout is not rejected (only zero is)",
                        delivery().withTimeout("-PT1S").build(), RETRY_AFTER_OFF, List.of()),
                arguments("retryAfterMax needs the delivery-retryafter feature",
                        delivery().withRetryAfterMax("PT30S").build(), RETRY_AFTER_OFF,
                        List.of("must not set the field(s): spec.delivery.retryAfterMax")),
                arguments("retryAfterMax with the feature on",
                        delivery().withRetryAfterMax("PT30S").build(), RETRY_AFTER_ON, List.of()),
                arguments("retryAfterMax PT0S is allowed (it disables Retry-After)",
                        delivery().withRetryAfterMax("PT0S").build(), RETRY_AFTER_ON, List.of()),
                arguments("negative retryAfterMax",
                        delivery().withRetryAfterMax("-PT1S").build(), RETRY_AFTER_ON,
                        List.of("invalid value: -PT1S: spec.delivery.retryAfterMax")),
                arguments("unparsable retryAfterMax",
                        delivery().withRetryAfterMax("a minute").build(), RETRY_AFTER_ON,
                        List.of("invalid value: a minute: spec.delivery.retryAfterMax")),
                arguments("unknown format",
                        delivery().withFormat("xml").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: xml: spec.delivery.format")),
                arguments("format is case-sensitive",
                        delivery().withFormat("JSON").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: JSON: spec.delivery.format")),
                arguments("DLS needs a ref or a uri",
                        delivery().withDeadLetterSink(new Destination()).build(), RETRY_AFTER_OFF,
                        List.of("expected at least one, got none: " + DLS + ".ref, " + DLS + ".uri")),
                arguments("DLS uri must be absolute",
                        delivery().withDeadLetterSink(dls("/dead-letters")).build(), RETRY_AFTER_OFF,
                        List.of("invalid value: Relative URI is not allowed when Ref and [apiVersion, kind, name] "
                                + "is absent: " + DLS + ".uri")),
                arguments("DLS uri must have a host",
                        delivery().withDeadLetterSink(dls("mailto:ops@example.com")).build(), RETRY_AFTER_OFF,
                        List.of("invalid value: Relative URI is not allowed when Ref and [apiVersion, kind, name] "
                                + "is absent: " + DLS + ".uri")),
                arguments("DLS ref with an absolute uri",
                        delivery().withDeadLetterSink(new DestinationBuilder().withRef(serviceRef().build())
                                .withUri("http://dls.ns").build()).build(), RETRY_AFTER_OFF,
                        List.of("Absolute URI is not allowed when Ref or [apiVersion, kind, name] is present: "
                                + DLS + ".ref, " + DLS + ".uri, " + DLS + "[apiVersion, kind, name]")),
                arguments("DLS ref with a relative uri (a path on the ref's address) is valid",
                        delivery().withDeadLetterSink(new DestinationBuilder().withRef(serviceRef().build())
                                .withUri("/dead-letters").build()).build(), RETRY_AFTER_OFF, List.of()),
                arguments("DLS ref is valid with apiVersion, kind and name",
                        delivery().withDeadLetterSink(new DestinationBuilder().withRef(serviceRef().build()).build())
                                .build(), RETRY_AFTER_OFF, List.of()),
                arguments("DLS ref missing apiVersion, kind and name",
                        delivery().withDeadLetterSink(new DestinationBuilder()
                                .withRef(new KReferenceBuilder().withNamespace("ns").build()).build()).build(),
                        RETRY_AFTER_OFF,
                        List.of("missing field(s): " + DLS + ".ref.apiVersion, " + DLS + ".ref.kind, "
                                + DLS + ".ref.name")),
                arguments("DLS ref group needs the kreference-group feature",
                        delivery().withDeadLetterSink(new DestinationBuilder()
                                .withRef(serviceRef().withGroup("serving.knative.dev").build()).build()).build(),
                        RETRY_AFTER_OFF,
                        List.of("must not set the field(s): " + DLS + ".ref.group")),
                arguments("errors with the same message merge their paths; messages are sorted",
                        delivery().withRetry(-1).withBackoffDelay("x").withTimeout("x").withFormat("x")
                                .withRetryAfterMax("PT1S").build(), RETRY_AFTER_OFF,
                        List.of("invalid value: -1: spec.delivery.retry",
                                "invalid value: x: spec.delivery.backoffDelay, spec.delivery.format, "
                                        + "spec.delivery.timeout",
                                "must not set the field(s): spec.delivery.retryAfterMax")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void webhookErrorsNameTheFieldPath(String rule, DeliverySpec spec, boolean retryAfterEnabled,
            List<String> expected) {
        assertThat(DeliveryPolicies.validate(spec, retryAfterEnabled)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "backoffDelay {0} is accepted")
    @ValueSource(strings = {"PT0.2S", "PT1S", "PT1M", "PT1H", "P1D", "P1DT12H", "P2W", "P1M", "P1Y", "P0", "PT0,5S",
        "+PT1S", "-PT1S"})
    void iso8601DurationsJavaCanExpressAreAccepted(String duration) {
        assertThat(DeliveryPolicies.validate(delivery().withBackoffDelay(duration).build(), RETRY_AFTER_OFF))
                .isEmpty();
    }
}
