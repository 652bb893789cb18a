package dev.cascade.devmesh.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;

class ScalingTest {

    @Test
    void knativesDefaultsWhenTheTemplateSaysNothing() {
        Scaling scaling = Scaling.of(service(Map.of(), null, null).getSpec().getTemplate());
        assertThat(scaling.minScale()).isZero();
        assertThat(scaling.maxScale()).isZero();
        assertThat(scaling.effectiveTarget()).isEqualTo(100);
        assertThat(scaling.containerConcurrency()).isZero();
        assertThat(scaling.timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(scaling.limit(4)).as("max-scale 0 is unlimited, so devmesh's cap applies").isEqualTo(4);
        assertThat(scaling.idle(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void annotationsContainerConcurrencyAndTimeoutAreRead() {
        Scaling scaling = Scaling.of(service(Map.of(
                Scaling.MIN_SCALE, "1", Scaling.MAX_SCALE, "10", Scaling.TARGET, "50", Scaling.WINDOW, "30s",
                Scaling.RETENTION, "1m"), 20L, 30L).getSpec().getTemplate());
        assertThat(scaling.minScale()).isEqualTo(1);
        assertThat(scaling.limit(4)).as("max-scale-limit caps max-scale").isEqualTo(4);
        assertThat(scaling.limit(20)).isEqualTo(10);
        assertThat(scaling.effectiveTarget()).as("containerConcurrency is a hard limit").isEqualTo(20);
        assertThat(scaling.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(scaling.idle(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(30));
        assertThat(scaling.lastInstanceIdle(Duration.ofSeconds(60))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void containerConcurrencyIsTheTargetWhenNoneIsAnnotated() {
        assertThat(Scaling.of(service(Map.of(), 5L, null).getSpec().getTemplate()).effectiveTarget()).isEqualTo(5);
    }

    @Test
    void theOldCamelCaseAnnotationsStillCount() {
        Scaling scaling = Scaling.of(service(Map.of("autoscaling.knative.dev/minScale", "2",
                "autoscaling.knative.dev/maxScale", "3"), null, null).getSpec().getTemplate());
        assertThat(scaling.minScale()).isEqualTo(2);
        assertThat(scaling.maxScale()).isEqualTo(3);
    }

    @Test
    void theWebhookRefusesWhatKnativeRefuses() {
        String annotations = "spec.template.metadata.annotations.";
        assertThat(Scaling.validate(service(Map.of(Scaling.MIN_SCALE, "abc"), null, null)))
                .containsExactly("invalid value: abc: " + annotations + Scaling.MIN_SCALE);
        assertThat(Scaling.validate(service(Map.of(Scaling.MIN_SCALE, "-1"), null, null)))
                .containsExactly("expected 0 <= -1 <= 2147483647: " + annotations + Scaling.MIN_SCALE);
        assertThat(Scaling.validate(service(Map.of(Scaling.MIN_SCALE, "3", Scaling.MAX_SCALE, "2"), null, null)))
                .containsExactly("max-scale=2 is less than min-scale=3: " + annotations + Scaling.MAX_SCALE + ", "
                        + annotations + Scaling.MIN_SCALE);
        assertThat(Scaling.validate(service(Map.of(Scaling.TARGET, "0"), null, null)))
                .containsExactly("target 0 should be at least 0.01: " + annotations + Scaling.TARGET);
        assertThat(Scaling.validate(service(Map.of(Scaling.WINDOW, "5s"), null, null)))
                .containsExactly("expected 6s <= 5s <= 1h0m0s: " + annotations + Scaling.WINDOW);
        assertThat(Scaling.validate(service(Map.of(Scaling.WINDOW, "6500ms"), null, null)))
                .containsExactly("must be specified with at most second precision: " + annotations + Scaling.WINDOW);
        assertThat(Scaling.validate(service(Map.of(Scaling.RETENTION, "soon"), null, null)))
                .containsExactly("invalid value: soon: " + annotations + Scaling.RETENTION);
        assertThat(Scaling.validate(service(Map.of(), 1001L, 601L))).containsExactly(
                "expected 0 <= 1001 <= 1000: spec.template.spec.containerConcurrency",
                "expected 0 <= 601 <= 600: spec.template.spec.timeoutSeconds");
        assertThat(Scaling.validate(service(Map.of(Scaling.MIN_SCALE, "1", Scaling.MAX_SCALE, "0",
                Scaling.TARGET, "0.5", Scaling.WINDOW, "1m", Scaling.RETENTION, "0s"), 1000L, 600L))).isEmpty();
    }

    private static Service service(Map<String, String> annotations, Long containerConcurrency, Long timeoutSeconds) {
        return new ServiceBuilder()
                .withNewMetadata().withName("f").withNamespace("ns").endMetadata()
                .withNewSpec()
                    .withNewTemplate()
                        .withNewMetadata().withAnnotations(annotations).endMetadata()
                        .withNewSpec()
                            .withContainerConcurrency(containerConcurrency)
                            .withTimeoutSeconds(timeoutSeconds)
                            .addNewContainer().withImage("example.test/f").endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }
}
