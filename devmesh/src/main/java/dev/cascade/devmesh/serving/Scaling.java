package dev.cascade.devmesh.serving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.knative.serving.v1.RevisionSpec;
import io.fabric8.knative.serving.v1.RevisionTemplateSpec;
import io.fabric8.knative.serving.v1.Service;

/**
 * A revision's autoscaling and request settings, from {@code spec.template}: the annotations
 * {@code autoscaling.knative.dev/*} and {@code containerConcurrency} / {@code timeoutSeconds}, with Knative's
 * defaults ({@code config-autoscaler}, {@code config-defaults}). Checked as Knative's webhook checks them
 * ({@code serving:pkg/apis/autoscaling/annotation_validation.go}, {@code pkg/apis/serving/v1/revision_validation.go}).
 *
 * @param minScale instances kept even without traffic
 * @param maxScale the most instances, 0 for no bound (devmesh then applies {@code devmesh.serving.max-instances})
 * @param target the concurrency per instance above which another starts, if the annotation sets it
 * @param containerConcurrency the hard limit of requests in flight per instance, 0 for none
 * @param timeout the longest a request may take, time held by the activator included
 * @param window the stable window, if the annotation sets it: how long an instance may idle
 * @param retention {@code scale-to-zero-pod-retention-period}: the least time the last instance stays idle
 */
record Scaling(int minScale, int maxScale, Optional<Double> target, int containerConcurrency, Duration timeout,
        Optional<Duration> window, Duration retention) {

    static final String GROUP = "autoscaling.knative.dev/";
    static final String MIN_SCALE = GROUP + "min-scale";
    static final String MAX_SCALE = GROUP + "max-scale";
    static final String TARGET = GROUP + "target";
    static final String WINDOW = GROUP + "window";
    static final String RETENTION = GROUP + "scale-to-zero-pod-retention-period";
    /** Knative still reads the camel-case spellings, after the current ones. */
    private static final Map<String, String> OLD_SPELLINGS = Map.of(MIN_SCALE, GROUP + "minScale",
            MAX_SCALE, GROUP + "maxScale");

    /** {@code container-concurrency-target-default}. */
    static final double DEFAULT_TARGET = 100;
    /** {@code revision-timeout-seconds} and {@code max-revision-timeout-seconds}. */
    static final long DEFAULT_TIMEOUT_SECONDS = 300;
    static final long MAX_TIMEOUT_SECONDS = 600;
    /** {@code container-concurrency-max-limit}. */
    static final long MAX_CONTAINER_CONCURRENCY = 1000;
    static final double MIN_TARGET = 0.01;
    static final Duration WINDOW_MIN = Duration.ofSeconds(6);
    static final Duration WINDOW_MAX = Duration.ofHours(1);

    private static final String ANNOTATIONS = "spec.template.metadata.annotations.";

    static Scaling defaults() {
        return new Scaling(0, 0, Optional.empty(), 0, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), Optional.empty(),
                Duration.ZERO);
    }

    /** The settings of a template that passed {@link #validate}; a value that does not parse keeps its default. */
    static Scaling of(RevisionTemplateSpec template) {
        Map<String, String> annotations = annotations(template);
        RevisionSpec spec = template == null ? null : template.getSpec();
        long concurrency = spec == null || spec.getContainerConcurrency() == null ? 0 : spec.getContainerConcurrency();
        long timeout = spec == null || spec.getTimeoutSeconds() == null || spec.getTimeoutSeconds() <= 0
                ? DEFAULT_TIMEOUT_SECONDS
                : spec.getTimeoutSeconds();
        return new Scaling(
                intOr(annotation(annotations, MIN_SCALE), 0),
                intOr(annotation(annotations, MAX_SCALE), 0),
                Optional.ofNullable(annotations.get(TARGET)).flatMap(Scaling::parseDouble),
                (int) Math.max(0, Math.min(concurrency, MAX_CONTAINER_CONCURRENCY)),
                Duration.ofSeconds(Math.min(timeout, MAX_TIMEOUT_SECONDS)),
                Optional.ofNullable(annotations.get(WINDOW)).flatMap(Scaling::parseDuration),
                Optional.ofNullable(annotations.get(RETENTION)).flatMap(Scaling::parseDuration).orElse(Duration.ZERO));
    }

    /** What Knative's webhook says about these fields of a Service, worded like {@code apis.FieldError}. */
    static List<String> validate(Service service) {
        if (service.getSpec() == null || service.getSpec().getTemplate() == null) {
            return List.of();
        }
        RevisionTemplateSpec template = service.getSpec().getTemplate();
        Map<String, String> annotations = annotations(template);
        List<String> errors = new ArrayList<>();
        Integer min = nonNegativeInt(annotations, MIN_SCALE, errors);
        Integer max = nonNegativeInt(annotations, MAX_SCALE, errors);
        if (min != null && max != null && max != 0 && max < min) {
            errors.add("max-scale=" + max + " is less than min-scale=" + min + ": " + ANNOTATIONS + MAX_SCALE + ", "
                    + ANNOTATIONS + MIN_SCALE);
        }
        String target = annotations.get(TARGET);
        if (target != null) {
            Optional<Double> value = parseDouble(target);
            if (value.isEmpty()) {
                errors.add("invalid value: " + target + ": " + ANNOTATIONS + TARGET);
            } else if (value.get() < MIN_TARGET) {
                errors.add("target " + target + " should be at least " + MIN_TARGET + ": " + ANNOTATIONS + TARGET);
            }
        }
        String window = annotations.get(WINDOW);
        if (window != null) {
            Optional<Duration> value = parseDuration(window);
            if (value.isEmpty()) {
                errors.add("invalid value: " + window + ": " + ANNOTATIONS + WINDOW);
            } else if (value.get().compareTo(WINDOW_MIN) < 0 || value.get().compareTo(WINDOW_MAX) > 0) {
                errors.add("expected 6s <= " + window + " <= 1h0m0s: " + ANNOTATIONS + WINDOW);
            } else if (value.get().getNano() != 0) {
                errors.add("must be specified with at most second precision: " + ANNOTATIONS + WINDOW);
            }
        }
        String retention = annotations.get(RETENTION);
        if (retention != null) {
            Optional<Duration> value = parseDuration(retention);
            if (value.isEmpty()) {
                errors.add("invalid value: " + retention + ": " + ANNOTATIONS + RETENTION);
            } else if (value.get().isNegative() || value.get().compareTo(WINDOW_MAX) > 0) {
                errors.add("expected 0s <= " + retention + " <= 1h0m0s: " + ANNOTATIONS + RETENTION);
            }
        }
        RevisionSpec spec = template.getSpec();
        if (spec != null && spec.getContainerConcurrency() != null
                && (spec.getContainerConcurrency() < 0 || spec.getContainerConcurrency() > MAX_CONTAINER_CONCURRENCY)) {
            errors.add("expected 0 <= " + spec.getContainerConcurrency() + " <= " + MAX_CONTAINER_CONCURRENCY
                    + ": spec.template.spec.containerConcurrency");
        }
        if (spec != null && spec.getTimeoutSeconds() != null
                && (spec.getTimeoutSeconds() < 0 || spec.getTimeoutSeconds() > MAX_TIMEOUT_SECONDS)) {
            errors.add("expected 0 <= " + spec.getTimeoutSeconds() + " <= " + MAX_TIMEOUT_SECONDS
                    + ": spec.template.spec.timeoutSeconds");
        }
        return errors;
    }

    /** The most instances: max-scale if it sets one, never more than devmesh's {@code cap}, never fewer than one. */
    int limit(int cap) {
        int bound = maxScale == 0 ? cap : Math.min(maxScale, cap);
        return Math.max(1, bound);
    }

    /**
     * The concurrency per instance that the autoscaler aims at: the target annotation, else containerConcurrency,
     * else 100; never above containerConcurrency, which is a hard limit. (Knative then takes 70 % of it,
     * {@code target-utilization-percentage}; devmesh scales on the target itself.)
     */
    double effectiveTarget() {
        double value = target.orElse(containerConcurrency > 0 ? containerConcurrency : DEFAULT_TARGET);
        return containerConcurrency > 0 ? Math.min(value, containerConcurrency) : value;
    }

    /** How long an instance may idle before it is stopped. */
    Duration idle(Duration configured) {
        return window.orElse(configured);
    }

    /** How long the last instance may idle before the Service goes to zero. */
    Duration lastInstanceIdle(Duration configured) {
        Duration idle = idle(configured);
        return retention.compareTo(idle) > 0 ? retention : idle;
    }

    private static Map<String, String> annotations(RevisionTemplateSpec template) {
        if (template == null || template.getMetadata() == null || template.getMetadata().getAnnotations() == null) {
            return Map.of();
        }
        return template.getMetadata().getAnnotations();
    }

    /** The value under the current key, else under its old spelling; the key it came from is the current one. */
    private static String annotation(Map<String, String> annotations, String key) {
        String value = annotations.get(key);
        return value != null ? value : annotations.get(OLD_SPELLINGS.get(key));
    }

    private static Integer nonNegativeInt(Map<String, String> annotations, String key, List<String> errors) {
        String used = annotations.containsKey(key) ? key : OLD_SPELLINGS.get(key);
        String value = annotations.get(used);
        if (value == null) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0 || parsed > Integer.MAX_VALUE) {
                errors.add("expected 0 <= " + value + " <= " + Integer.MAX_VALUE + ": " + ANNOTATIONS + used);
                return null;
            }
            return (int) parsed;
        } catch (NumberFormatException e) {
            errors.add("invalid value: " + value + ": " + ANNOTATIONS + used);
            return null;
        }
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Optional<Double> parseDouble(String value) {
        try {
            double parsed = Double.parseDouble(value);
            return Double.isFinite(parsed) ? Optional.of(parsed) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> parseDuration(String value) {
        try {
            return Optional.of(GoDurations.parse(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
