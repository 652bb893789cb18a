package dev.cascade.devmesh.filter;

import dev.cascade.devmesh.filter.FilterNodes.ShortCircuit;
import dev.cascade.devmesh.filter.FilterNodes.Cesql;
import dev.cascade.devmesh.filter.FilterNodes.Comparison;
import dev.cascade.devmesh.filter.FilterNodes.Constant;
import dev.cascade.devmesh.filter.FilterNodes.MtAttributes;
import dev.cascade.devmesh.filter.FilterNodes.Not;
import dev.cascade.devmesh.filter.FilterNodes.StringMatch;
import dev.cascade.devmesh.filter.FilterNodes.Term;
import io.cloudevents.sql.Parser;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.TriggerFilter;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds MTChannelBasedBroker's filter for a Trigger: {@code eventing pkg/broker/filter/filter_handler.go}
 * filterEvent for the precedence, {@code pkg/eventfilter/subscriptionsapi/create.go} for {@code spec.filters}.
 * A filter object upstream fails to build is skipped (it is {@code null} here), as MaterializeFiltersList does.
 */
final class MtFilters {

    private MtFilters() {
    }

    static EventFilter compile(TriggerSpec spec) {
        if (spec == null) {
            return Constant.NO_FILTER;
        }
        if (spec.getFilters() != null && !spec.getFilters().isEmpty()) {
            return all(materializeAll(spec.getFilters()));
        }
        if (spec.getFilter() != null) {
            return attributes(spec.getFilter());
        }
        return Constant.NO_FILTER;
    }

    /**
     * Upstream separates a nil map (NO_FILTER) from an empty one (PASS). The fabric8 model starts with an empty map
     * either way, so both are NO_FILTER here, the value of the webhook's default {@code filter: {}}; both deliver.
     */
    private static EventFilter attributes(TriggerFilter filter) {
        Map<String, String> attributes = filter.getAttributes();
        if (attributes == null || attributes.isEmpty()) {
            return Constant.NO_FILTER;
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        // A YAML "type: ~" is Go's "", the any-value marker.
        attributes.forEach((name, value) -> pairs.put(name, value == null ? "" : value));
        return new MtAttributes(Term.of(pairs, EventAttributes::mtReader));
    }

    /**
     * One filter object: the first dialect set, in the order exact, prefix, suffix, all, any, not, cesql (the
     * webhook rejects objects with more than one). {@code null} when upstream would skip the object: no dialect,
     * an empty key or value in exact/prefix/suffix, or a CESQL expression that does not parse.
     */
    private static EventFilter materialize(SubscriptionsAPIFilter filter) {
        if (filter == null) {
            return null;
        }
        if (isSet(filter.getExact())) {
            return stringMatch(Comparison.EXACT, filter.getExact());
        }
        if (isSet(filter.getPrefix())) {
            return stringMatch(Comparison.PREFIX, filter.getPrefix());
        }
        if (isSet(filter.getSuffix())) {
            return stringMatch(Comparison.SUFFIX, filter.getSuffix());
        }
        if (isSet(filter.getAll())) {
            return all(materializeAll(filter.getAll()));
        }
        if (isSet(filter.getAny())) {
            return any(materializeAll(filter.getAny()));
        }
        if (filter.getNot() != null) {
            EventFilter child = materialize(filter.getNot());
            return child == null ? Constant.NO_FILTER : new Not(child);
        }
        if (filter.getCesql() != null && !filter.getCesql().isEmpty()) {
            return cesql(filter.getCesql());
        }
        return null;
    }

    private static List<EventFilter> materializeAll(List<SubscriptionsAPIFilter> filters) {
        List<EventFilter> materialized = new ArrayList<>(filters.size());
        for (SubscriptionsAPIFilter filter : filters) {
            EventFilter built = materialize(filter);
            if (built != null) {
                materialized.add(built);
            }
        }
        return materialized;
    }

    /** NewExactFilter and its siblings refuse an empty key or value, and the whole object is then skipped. */
    private static EventFilter stringMatch(Comparison comparison, Map<String, String> pairs) {
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            if (pair.getKey() == null || pair.getKey().isEmpty() || pair.getValue() == null || pair.getValue().isEmpty()) {
                return null;
            }
        }
        return new StringMatch(comparison, Term.of(pairs, EventAttributes::mtReader));
    }

    /** NewAllFilter: a single child stands alone; no children is NO_FILTER. */
    private static EventFilter all(List<EventFilter> children) {
        return switch (children.size()) {
            case 0 -> Constant.NO_FILTER;
            case 1 -> children.get(0);
            default -> ShortCircuit.all(children);
        };
    }

    private static EventFilter any(List<EventFilter> children) {
        return switch (children.size()) {
            case 0 -> Constant.NO_FILTER;
            case 1 -> children.get(0);
            default -> ShortCircuit.any(children);
        };
    }

    private static EventFilter cesql(String text) {
        try {
            return new Cesql(text, Parser.parseDefault(text), true);
        } catch (RuntimeException e) { // ParseException, or anything else the parser throws: skipped like upstream
            return null;
        }
    }

    private static boolean isSet(Map<?, ?> map) {
        return map != null && !map.isEmpty();
    }

    private static boolean isSet(List<?> list) {
        return list != null && !list.isEmpty();
    }
}
