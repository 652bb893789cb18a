package dev.cascade.devmesh.filter;

/**
 * The outcome of evaluating a Trigger filter against one event.
 * <p>
 * This is MTChannelBasedBroker's tri-state ({@code knative.dev/eventing/pkg/eventfilter/filter.go}): broker-filter
 * delivers the event unless the <em>top-level</em> result is {@link #FAIL}, so {@link #NO_FILTER} delivers too.
 * The Kafka broker's filters are plain predicates; devmesh reports its outcomes as {@link #PASS} or {@link #FAIL}
 * only, never {@link #NO_FILTER}.
 */
public enum FilterResult {

    /** The filter matched the event. */
    PASS,

    /** The filter did not match; the Trigger does not deliver the event (MT answers 200 with no body). */
    FAIL,

    /**
     * Nothing was left to evaluate: no filter at all, an empty {@code all}/{@code any}, a {@code not} of nothing,
     * or an MT filter object that was skipped at runtime (see {@link TriggerFilters}). Delivers like PASS.
     */
    NO_FILTER;

    /**
     * Whether the Trigger delivers the event: true for {@link #PASS} and {@link #NO_FILTER}. Only meaningful for
     * the top-level result; inside {@code all}, {@code any} and {@code not} the three values combine differently.
     */
    public boolean matches() {
        return this != FAIL;
    }

    static FilterResult of(boolean passed) {
        return passed ? PASS : FAIL;
    }
}
