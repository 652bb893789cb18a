package dev.cascade.devmesh.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.sql.EvaluationRuntime;
import io.cloudevents.sql.Expression;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The building blocks of a compiled filter. Every node is immutable once built, so a compiled tree can be shared by
 * any number of threads. MT and Kafka trees use the same nodes; they differ in how they are assembled
 * ({@link MtFilters}, {@link KafkaFilters}), in the attribute readers and in the CESQL error mode.
 */
final class FilterNodes {

    private FilterNodes() {
    }

    /** A filter whose result does not depend on the event. */
    enum Constant implements EventFilter {
        NO_FILTER(FilterResult.NO_FILTER),
        ALWAYS_PASS(FilterResult.PASS),
        ALWAYS_FAIL(FilterResult.FAIL);

        private final FilterResult result;

        Constant(FilterResult result) {
            this.result = result;
        }

        @Override
        public FilterResult filter(CloudEvent event) {
            return result;
        }
    }

    /** One {@code name: value} pair of a filter, with the reader for {@code name} resolved in advance. */
    record Term(String name, String value, Function<CloudEvent, String> reader) {

        static Term[] of(Map<String, String> pairs, Function<String, Function<CloudEvent, String>> readerFor) {
            return pairs.entrySet().stream()
                    .map(pair -> new Term(pair.getKey(), pair.getValue(), readerFor.apply(pair.getKey())))
                    .toArray(Term[]::new);
        }

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    /** How {@link StringMatch} compares the attribute with the filter value (always case-sensitive). */
    enum Comparison {
        EXACT {
            @Override
            boolean test(String actual, String wanted) {
                return actual.equals(wanted);
            }
        },
        PREFIX {
            @Override
            boolean test(String actual, String wanted) {
                return actual.startsWith(wanted);
            }
        },
        SUFFIX {
            @Override
            boolean test(String actual, String wanted) {
                return actual.endsWith(wanted);
            }
        };

        abstract boolean test(String actual, String wanted);
    }

    /**
     * The {@code exact}, {@code prefix} and {@code suffix} dialects, and the Kafka broker's legacy attributes
     * filter: every term must be present and match. No terms at all passes.
     */
    static final class StringMatch implements EventFilter {

        private final Comparison comparison;
        private final Term[] terms;

        StringMatch(Comparison comparison, Term[] terms) {
            this.comparison = comparison;
            this.terms = terms.clone();
        }

        @Override
        public FilterResult filter(CloudEvent event) {
            for (Term term : terms) {
                String actual = term.reader().apply(event);
                if (actual == null || !comparison.test(actual, term.value())) {
                    return FilterResult.FAIL;
                }
            }
            return FilterResult.PASS;
        }

        @Override
        public String toString() {
            return comparison.name().toLowerCase(Locale.ROOT) + Arrays.toString(terms);
        }
    }

    /**
     * MT's legacy {@code spec.filter.attributes}: every key must be present; an empty value means "any value, but
     * not empty", any other value must be equal ({@code eventing pkg/eventfilter/attributes/filter.go}).
     */
    static final class MtAttributes implements EventFilter {

        private final Term[] terms;

        MtAttributes(Term[] terms) {
            this.terms = terms.clone();
        }

        @Override
        public FilterResult filter(CloudEvent event) {
            for (Term term : terms) {
                String actual = term.reader().apply(event);
                if (actual == null) {
                    return FilterResult.FAIL;
                }
                boolean matched = term.value().isEmpty() ? !actual.isEmpty() : actual.equals(term.value());
                if (!matched) {
                    return FilterResult.FAIL;
                }
            }
            return FilterResult.PASS;
        }

        @Override
        public String toString() {
            return "attributes" + Arrays.toString(terms);
        }
    }

    /**
     * {@code all} stops at the first FAIL ({@code eventing pkg/eventfilter/subscriptionsapi/all_filter.go}),
     * {@code any} at the first PASS; otherwise both give the last child's result, NO_FILTER when empty. Children
     * run in declaration order; MT reorders them by failure rate at runtime, which only matters when a child
     * returns NO_FILTER.
     */
    static final class ShortCircuit implements EventFilter {

        private final String dialect;
        private final FilterResult stopAt;
        private final EventFilter[] children;

        private ShortCircuit(String dialect, FilterResult stopAt, List<EventFilter> children) {
            this.dialect = dialect;
            this.stopAt = stopAt;
            this.children = children.toArray(EventFilter[]::new);
        }

        static ShortCircuit all(List<EventFilter> children) {
            return new ShortCircuit("all", FilterResult.FAIL, children);
        }

        static ShortCircuit any(List<EventFilter> children) {
            return new ShortCircuit("any", FilterResult.PASS, children);
        }

        @Override
        public FilterResult filter(CloudEvent event) {
            FilterResult result = FilterResult.NO_FILTER;
            for (EventFilter child : children) {
                result = child.filter(event);
                if (result == stopAt) {
                    return result;
                }
            }
            return result;
        }

        @Override
        public String toString() {
            return dialect + describe(children);
        }
    }

    /** {@code not}: swaps PASS and FAIL; NO_FILTER stays NO_FILTER. */
    static final class Not implements EventFilter {

        private final EventFilter child;

        Not(EventFilter child) {
            this.child = child;
        }

        @Override
        public FilterResult filter(CloudEvent event) {
            return switch (child.filter(event)) {
                case PASS -> FilterResult.FAIL;
                case FAIL -> FilterResult.PASS;
                case NO_FILTER -> FilterResult.NO_FILTER;
            };
        }

        @Override
        public String toString() {
            return "not(" + child + ")";
        }
    }

    /**
     * A CESQL expression, parsed once. The two brokers run the same sdk-java expression differently:
     * <ul>
     * <li>MT is fail-fast: {@link Expression#tryEvaluate} throws at the first evaluation error (a missing
     * attribute, a failed cast), which is a FAIL, and so is any result other than boolean {@code true}. The event
     * is seen through {@link GoCesqlEvent}.</li>
     * <li>Kafka is not: {@link Expression#evaluate} records errors, substitutes the type's zero value and carries
     * on, and the broker ignores the recorded errors; the value is then cast to boolean
     * ({@code eventing-kafka-broker .../subscriptionsapi/CeSqlFilter.java}).</li>
     * </ul>
     */
    static final class Cesql implements EventFilter {

        private static final EvaluationRuntime RUNTIME = EvaluationRuntime.getDefault();

        private final String text;
        private final Expression expression;
        private final boolean failFast;

        Cesql(String text, Expression expression, boolean failFast) {
            this.text = text;
            this.expression = expression;
            this.failFast = failFast;
        }

        @Override
        public FilterResult filter(CloudEvent event) {
            // Any exception is a non-match: EvaluationException is how fail-fast reports an error, and the Kafka
            // broker's consumer would not deliver an event whose filter threw either.
            try {
                if (failFast) {
                    return FilterResult.of(Boolean.TRUE.equals(expression.tryEvaluate(RUNTIME, new GoCesqlEvent(event))));
                }
                return FilterResult.of(kafkaBoolean(expression.evaluate(RUNTIME, event).value()));
            } catch (RuntimeException e) {
                return FilterResult.FAIL;
            }
        }

        /** sdk-java's cast to BOOLEAN: strings {@code true}/{@code false} in any case, non-zero integers; else false. */
        private static boolean kafkaBoolean(Object value) {
            if (value instanceof Boolean bool) {
                return bool;
            }
            if (value instanceof String text) {
                return "true".equalsIgnoreCase(text);
            }
            if (value instanceof Integer number) {
                return number != 0;
            }
            return false;
        }

        @Override
        public String toString() {
            return "cesql(" + text + ")";
        }
    }

    private static String describe(EventFilter[] children) {
        return Arrays.stream(children).map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }
}
