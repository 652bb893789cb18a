package dev.cascade.contracts.observability;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.cascade.contracts.EventCatalog;
import dev.cascade.contracts.Services;

/**
 * The metrics Cascade's processes export, the one definition of their names, tags and tag values: the services
 * register them under these names, and the Grafana dashboard and Prometheus rules in {@code observability/} may
 * query only the Prometheus series listed here ({@link #exportedBy(String)}), which a test checks.
 * <p>
 * Tag values are bounded: an event type is one of {@link EventCatalog}'s or {@value #OTHER_TYPE}, a status code a
 * valid HTTP status or {@value #OTHER_CODE}, so that a hostile event cannot create a time series per request.
 */
public final class CascadeMetrics {

    /** Counter: every CloudEvent a service answered, by service, type and outcome. */
    public static final String EVENTS_HANDLED = "cascade.events.handled";
    /** Timer with a percentile histogram: from the request's arrival to the answer, same tags. */
    public static final String EVENT_HANDLING = "cascade.event.handling";
    /** Timer with a percentile histogram: from an order's placement to the end of its saga, by outcome. */
    public static final String SAGA_DURATION = "cascade.saga.duration";
    /** Gauge: sagas not yet confirmed or cancelled. */
    public static final String SAGA_OPEN = "cascade.saga.open";
    /** Gauge, seconds: how long ago the oldest open saga started (0 when none is open). */
    public static final String SAGA_OLDEST_OPEN_AGE = "cascade.saga.oldest.open.age";
    /** Counter: dead letters stored (duplicates not counted), by type of the dead event and Knative's error code. */
    public static final String DEADLETTERS_STORED = "cascade.deadletters.stored";

    public static final String TAG_SERVICE = "service";
    public static final String TAG_TYPE = "type";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_CODE = "code";

    /** Answered 2xx. */
    public static final String SUCCESS = "success";
    /** Answered with a status Knative retries (404, 408, 409, 429, 5xx), or not answered at all. */
    public static final String RETRIED = "retried";
    /** Answered with any other status (400, 422...): the broker dead-letters the event without retrying it. */
    public static final String PERMANENT = "permanent";

    /** Saga outcomes. */
    public static final String CONFIRMED = "confirmed";
    public static final String CANCELLED = "cancelled";

    /** The type tag of a request without a type. */
    public static final String UNKNOWN_TYPE = "unknown";
    /** The type tag of a type {@link EventCatalog} does not know. */
    public static final String OTHER_TYPE = "other";
    /** The code tag of a dead letter without {@code knativeerrorcode}. */
    public static final String NO_CODE = "none";
    /** The code tag of a {@code knativeerrorcode} that is not an HTTP status. */
    public static final String OTHER_CODE = "other";

    private static final Set<String> EVENT_SERIES = Set.of(
            "cascade_events_handled_total",
            "cascade_event_handling_seconds_bucket",
            "cascade_event_handling_seconds_count",
            "cascade_event_handling_seconds_sum",
            "cascade_event_handling_seconds_max");
    private static final Set<String> ORDER_SERIES = Set.of(
            "cascade_saga_duration_seconds_bucket",
            "cascade_saga_duration_seconds_count",
            "cascade_saga_duration_seconds_sum",
            "cascade_saga_duration_seconds_max",
            "cascade_saga_open",
            "cascade_saga_oldest_open_age_seconds",
            "cascade_outbox_published_total",
            "cascade_outbox_failed_total",
            "cascade_outbox_wait_seconds_bucket",
            "cascade_outbox_wait_seconds_count",
            "cascade_outbox_wait_seconds_sum",
            "cascade_outbox_wait_seconds_max",
            "cascade_order_conflicts_retried_total");
    private static final Set<String> DEAD_LETTER_SERIES = Set.of(
            "cascade_deadletters_stored_total");
    /** Exported by devmesh (its own code names them; listed here so that the dashboard's queries are checked). */
    private static final Set<String> DEVMESH_SERIES = Set.of(
            "devmesh_deliveries_total",
            "devmesh_delivery_retries_total",
            "devmesh_delivery_latency_seconds_bucket",
            "devmesh_delivery_latency_seconds_count",
            "devmesh_delivery_latency_seconds_sum",
            "devmesh_delivery_latency_seconds_max",
            "devmesh_serving_cold_starts_total",
            "devmesh_serving_cold_start_seconds_count",
            "devmesh_serving_cold_start_seconds_sum",
            "devmesh_serving_cold_start_seconds_max",
            "devmesh_serving_instances");

    /** The process name devmesh exports under, for {@link #exportedBy(String)}. */
    public static final String DEVMESH = "devmesh";

    private static final Map<String, Set<String>> BY_PROCESS = Map.of(
            Services.ORDER_SERVICE, union(EVENT_SERIES, ORDER_SERIES),
            Services.INVENTORY_SERVICE, EVENT_SERIES,
            Services.PAYMENT_SERVICE, EVENT_SERIES,
            Services.SHIPPING_SERVICE, EVENT_SERIES,
            Services.NOTIFICATION_SERVICE, EVENT_SERIES,
            Services.DEAD_LETTER_SERVICE, union(EVENT_SERIES, DEAD_LETTER_SERIES),
            DEVMESH, DEVMESH_SERIES);

    private CascadeMetrics() {
    }

    /**
     * The Prometheus series (names as scraped from {@code /q/metrics}, suffixes included) that {@code process} (a
     * {@link Services} name or {@value #DEVMESH}) exports once it has done the work they count; empty for an
     * unknown process. A labelled counter or timer appears at its first observation, a gauge at start-up.
     */
    public static Set<String> exportedBy(String process) {
        return BY_PROCESS.getOrDefault(process, Set.of());
    }

    /** Every series any Cascade process exports. */
    public static Set<String> exported() {
        Set<String> all = new LinkedHashSet<>();
        BY_PROCESS.values().forEach(all::addAll);
        return Set.copyOf(all);
    }

    /**
     * The outcome of an event answered with {@code status}, as the broker will treat it; {@code 0} means no answer
     * (the connection closed first), which the broker retries.
     */
    public static String outcomeOf(int status) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        if (status == 0 || status == 404 || status == 408 || status == 409 || status == 429 || status >= 500) {
            return RETRIED;
        }
        return PERMANENT;
    }

    /** The type tag of an event of {@code type}: the type itself if the catalog knows it. */
    public static String typeTag(String type) {
        if (type == null || type.isEmpty()) {
            return UNKNOWN_TYPE;
        }
        return EventCatalog.contains(type) ? type : OTHER_TYPE;
    }

    /** The code tag of a dead letter's {@code knativeerrorcode}: a valid HTTP status as text. */
    public static String codeTag(String errorCode) {
        if (errorCode == null || errorCode.isBlank()) {
            return NO_CODE;
        }
        try {
            int status = Integer.parseInt(errorCode.strip());
            return status >= 100 && status <= 599 ? Integer.toString(status) : OTHER_CODE;
        } catch (NumberFormatException e) {
            return OTHER_CODE;
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
