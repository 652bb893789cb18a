package dev.cascade.devmesh.filter;

import dev.cascade.devmesh.BrokerClass;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import java.util.List;
import java.util.Objects;

/**
 * Trigger filtering as each broker class does it (broker semantics §2).
 * <p>
 * <b>Which filter applies</b> (§2.1): a non-empty {@code spec.filters} is used and {@code spec.filter} ignored;
 * otherwise {@code spec.filter.attributes}; otherwise there is no filter. The top-level {@code filters} array is an
 * {@code all}.
 * <p>
 * <b>MTChannelBasedBroker</b> ({@link BrokerClass#MT_CHANNEL_BASED}) evaluates to PASS, FAIL or NO_FILTER and
 * delivers unless FAIL. Filter objects upstream fails to build are skipped at runtime: an object with no dialect
 * ({@code {}}, {@code {all: []}}, {@code {cesql: ""}}), an exact/prefix/suffix with an empty value, and an
 * unparsable CESQL expression; so {@code filters: [{exact: {type: ""}}]} matches everything. CESQL is fail-fast:
 * any evaluation error is FAIL.
 * <p>
 * <b>Kafka</b> ({@link BrokerClass#KAFKA}) evaluates predicates, reported as PASS or FAIL. Empty filter values are
 * dropped, an object with no dialect passes (also inside {@code any} and under {@code not}), and CESQL errors are
 * ignored, with the zero value used in their place.
 * <p>
 * Attribute reading differs too ({@code time} text, {@code datamediatype}, unset attributes): see
 * {@link EventAttributes}. Compiled filters are immutable and thread-safe; compile once per Trigger.
 */
public final class TriggerFilters {

    private TriggerFilters() {
    }

    /**
     * The filter of a Trigger for the given broker class. Never fails: content the webhook would reject is
     * compiled the way the broker's data plane treats it (see {@link #validate} to reject it instead).
     *
     * @param spec the Trigger spec; {@code null} is a Trigger without filters
     */
    public static EventFilter compile(TriggerSpec spec, BrokerClass brokerClass) {
        Objects.requireNonNull(brokerClass, "brokerClass");
        return switch (brokerClass) {
            case MT_CHANNEL_BASED -> MtFilters.compile(spec);
            case KAFKA -> KafkaFilters.compile(spec);
        };
    }

    /**
     * The admission webhook's errors for the filters of a Trigger (§2.5 "Validation"), each naming its path, such
     * as {@code spec.filters[1].any[0].exact[Type]: invalid key name "Type": ...}. Empty when the filters are valid.
     * Attribute names are checked; filter values are not, as upstream.
     */
    public static List<String> validate(TriggerSpec spec) {
        return FilterValidator.validate(spec);
    }
}
