package dev.cascade.devmesh.filter;

import dev.cascade.devmesh.filter.FilterNodes.ShortCircuit;
import dev.cascade.devmesh.filter.FilterNodes.Cesql;
import dev.cascade.devmesh.filter.FilterNodes.Comparison;
import dev.cascade.devmesh.filter.FilterNodes.Constant;
import dev.cascade.devmesh.filter.FilterNodes.Not;
import dev.cascade.devmesh.filter.FilterNodes.StringMatch;
import dev.cascade.devmesh.filter.FilterNodes.Term;
import io.cloudevents.sql.Parser;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Kafka broker's filter for a Trigger. The control plane turns the Trigger into a data-plane contract
 * ({@code eventing-kafka-broker control-plane/pkg/reconciler/trigger/trigger.go},
 * {@code control-plane/pkg/contract/subscriptionsapi.go} FromSubscriptionFilter) and the dispatcher builds
 * predicates from it ({@code data-plane/.../dispatcher/main/ConsumerVerticleBuilder.java} getFilter,
 * {@code data-plane/core/.../filter/Filter.java} fromContract). Results are PASS or FAIL only.
 */
final class KafkaFilters {

    private KafkaFilters() {
    }

    static EventFilter compile(TriggerSpec spec) {
        if (spec == null) {
            return Constant.ALWAYS_PASS;
        }
        if (spec.getFilters() != null && !spec.getFilters().isEmpty()) {
            return all(convertAll(spec.getFilters()));
        }
        if (spec.getFilter() != null && spec.getFilter().getAttributes() != null) {
            return stringMatch(Comparison.EXACT, spec.getFilter().getAttributes());
        }
        return Constant.ALWAYS_PASS;
    }

    /**
     * One filter object: every dialect it sets, ANDed, in the order all, any, not, exact, prefix, suffix, cesql;
     * an object with none is the no-op predicate, which passes. Unlike MT nothing is skipped, so an empty object
     * still counts inside {@code any}, and {@code not} of it fails.
     */
    private static EventFilter convert(SubscriptionsAPIFilter filter) {
        if (filter == null) {
            return Constant.ALWAYS_PASS;
        }
        List<EventFilter> dialects = new ArrayList<>();
        if (isSet(filter.getAll())) {
            dialects.add(all(convertAll(filter.getAll())));
        }
        if (isSet(filter.getAny())) {
            dialects.add(any(convertAll(filter.getAny())));
        }
        if (filter.getNot() != null) {
            dialects.add(new Not(convert(filter.getNot())));
        }
        // Upstream also builds an exact/prefix/suffix filter for an empty but non-nil map, which passes; leaving
        // it out of an AND changes nothing, and the fabric8 model cannot tell nil from empty anyway.
        if (isSet(filter.getExact())) {
            dialects.add(stringMatch(Comparison.EXACT, filter.getExact()));
        }
        if (isSet(filter.getPrefix())) {
            dialects.add(stringMatch(Comparison.PREFIX, filter.getPrefix()));
        }
        if (isSet(filter.getSuffix())) {
            dialects.add(stringMatch(Comparison.SUFFIX, filter.getSuffix()));
        }
        if (filter.getCesql() != null && !filter.getCesql().isEmpty()) {
            dialects.add(cesql(filter.getCesql()));
        }
        return dialects.isEmpty() ? Constant.ALWAYS_PASS : all(dialects);
    }

    private static List<EventFilter> convertAll(List<SubscriptionsAPIFilter> filters) {
        List<EventFilter> converted = new ArrayList<>(filters.size());
        for (SubscriptionsAPIFilter filter : filters) {
            converted.add(convert(filter));
        }
        return converted;
    }

    /**
     * The data plane's AttributesFilter drops every pair whose value is empty before matching, so
     * {@code {myext: ""}} matches events without {@code myext}, and a filter of only such pairs passes everything.
     */
    private static EventFilter stringMatch(Comparison comparison, Map<String, String> pairs) {
        Map<String, String> kept = new LinkedHashMap<>();
        pairs.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                kept.put(name, value);
            }
        });
        return new StringMatch(comparison, Term.of(kept, EventAttributes::kafkaReader));
    }

    /** AllFilter.newFilter: a single child stands alone. Never empty below the top level, which is non-empty. */
    private static EventFilter all(List<EventFilter> children) {
        return children.size() == 1 ? children.get(0) : ShortCircuit.all(children);
    }

    private static EventFilter any(List<EventFilter> children) {
        return children.size() == 1 ? children.get(0) : ShortCircuit.any(children);
    }

    /**
     * The Kafka dispatcher parses when it builds the consumer and cannot start one for an expression that does not
     * parse, so nothing reaches the subscriber: such a filter (which the webhook rejects) always fails here.
     */
    private static EventFilter cesql(String text) {
        try {
            return new Cesql(text, Parser.parseDefault(text), false);
        } catch (RuntimeException e) {
            return Constant.ALWAYS_FAIL;
        }
    }

    private static boolean isSet(Map<?, ?> map) {
        return map != null && !map.isEmpty();
    }

    private static boolean isSet(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
